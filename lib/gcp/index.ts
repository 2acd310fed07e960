/**
 * The Google Cloud constructs: project services, network, GKE, Cloud SQL for PostgreSQL, GCS buckets, Artifact
 * Registry, workload identity, static address and DNS record.
 *
 * Providers: every construct needs a `GoogleProvider` (package `@cdktf/provider-google`, an optional peer dependency) in
 * its stack. `CloudSqlPostgres` adds a `RandomProvider` (for its passwords) and `ProjectServiceIdentity` a google-beta
 * provider to the stack themselves when the stack declares none.
 *
 * @packageDocumentation
 */
import './provider-package';

export * from './cluster';
export * from './dns';
export * from './hmac-key';
export * from './identity';
export * from './labels';
export * from './network';
export * from './postgres';
export * from './regions';
export * from './registry';
export * from './secret-escrow';
export * from './service-identity';
export * from './services';
export * from './static-ip';
export * from './storage';
export * from './versions';
