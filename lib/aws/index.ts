/**
 * The AWS constructs: VPC, EKS, RDS or Aurora PostgreSQL, S3, ECR, KMS keys, IRSA roles, Elastic IPs and Route 53
 * records.
 *
 * Providers: every construct needs an `AwsProvider` (package `@cdktf/provider-aws`) in its stack. `AwsPostgres` adds a
 * `RandomProvider` (for its master password) and `RdsCaBundle` an `HttpProvider` (package `@cdktf/provider-http`) to the
 * stack themselves when the stack declares none. Both packages are optional peer dependencies.
 *
 * @packageDocumentation
 */
import './provider-package';

export * from './account';
export * from './amazon-mq';
export * from './checks';
export * from './cluster';
export * from './dns';
export * from './ebs-storage-class';
export * from './identity';
export * from './kms';
export * from './network';
export * from './postgres';
export * from './rds-ca';
export * from './s3-access-key';
export * from './regions';
export * from './registry';
export * from './secret-escrow';
export * from './static-ip';
export * from './storage';
export * from './versions';
