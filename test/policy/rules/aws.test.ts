import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DbInstance, DbInstanceConfig } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { EbsEncryptionByDefault } from '@cdktf/provider-aws/lib/ebs-encryption-by-default';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository, EcrRepositoryConfig } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrRepositoryPolicy } from '@cdktf/provider-aws/lib/ecr-repository-policy';
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { EksCluster, EksClusterConfig } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksNodeGroup, EksNodeGroupConfig } from '@cdktf/provider-aws/lib/eks-node-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsKeyPolicy } from '@cdktf/provider-aws/lib/kms-key-policy';
import { LaunchTemplate, LaunchTemplateConfig } from '@cdktf/provider-aws/lib/launch-template';
import { MqBroker, MqBrokerConfig } from '@cdktf/provider-aws/lib/mq-broker';
import { RdsCluster, RdsClusterConfig } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance, RdsClusterInstanceConfig } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { RdsClusterParameterGroup } from '@cdktf/provider-aws/lib/rds-cluster-parameter-group';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketAcl } from '@cdktf/provider-aws/lib/s3-bucket-acl';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { SecretsmanagerSecret, SecretsmanagerSecretConfig } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { TerraformStack } from 'cdktf';
import { AWS_RULES } from '../../../lib/policy/rules/aws';
import { RuleCase, merge, ruleCases } from '../support';

/**
 * Every AWS rule: a compliant case, one case per listed bad value, and an "unset" case wherever the provider's default
 * for the attribute left out is insecure (the default is named in the case).
 */

const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ACCOUNT_ROOT = 'arn:aws:iam::111122223333:root';

/** A JSON policy document. */
const doc = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

// ---------------------------------------------------------------------------------------------------------------- EKS

const GOOD_EKS: EksClusterConfig = {
  name: 'eks',
  roleArn: 'arn:aws:iam::111122223333:role/eks',
  deletionProtection: true,
  vpcConfig: { subnetIds: ['subnet-a', 'subnet-b'], endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ['203.0.113.0/24'] },
  encryptionConfig: { resources: ['secrets'], provider: { keyArn: KEY_ARN } },
  enabledClusterLogTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
  accessConfig: { authenticationMode: 'API' },
};
const eks = (patch?: unknown) => (s: TerraformStack) => new EksCluster(s, 'eks', merge(GOOD_EKS, patch));

const GOOD_NODES: EksNodeGroupConfig = {
  clusterName: 'eks',
  nodeRoleArn: 'arn:aws:iam::111122223333:role/nodes',
  subnetIds: ['subnet-a', 'subnet-b'],
  scalingConfig: { minSize: 2, maxSize: 6, desiredSize: 3 },
};
const nodes = (patch?: unknown) => (s: TerraformStack) => new EksNodeGroup(s, 'nodes', merge(GOOD_NODES, patch));

// ---------------------------------------------------------------------------------------------------------------- RDS

const GOOD_DB: DbInstanceConfig = {
  instanceClass: 'db.m6g.large',
  engine: 'postgres',
  engineVersion: '16.4',
  storageEncrypted: true,
  kmsKeyId: KEY_ARN,
  publiclyAccessible: false,
  backupRetentionPeriod: 14,
  deletionProtection: true,
  skipFinalSnapshot: false,
  finalSnapshotIdentifier: 'final',
  iamDatabaseAuthenticationEnabled: true,
  enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
  caCertIdentifier: 'rds-ca-rsa2048-g1',
  performanceInsightsEnabled: true,
  performanceInsightsKmsKeyId: KEY_ARN,
};
const db = (patch?: unknown) => (s: TerraformStack) => new DbInstance(s, 'db', merge(GOOD_DB, patch));

const GOOD_RDS: RdsClusterConfig = {
  engine: 'aurora-postgresql',
  engineVersion: '16.4',
  storageEncrypted: true,
  kmsKeyId: KEY_ARN,
  backupRetentionPeriod: 14,
  deletionProtection: true,
  iamDatabaseAuthenticationEnabled: true,
  enabledCloudwatchLogsExports: ['postgresql'],
};
const rds = (patch?: unknown) => (s: TerraformStack) => new RdsCluster(s, 'rds', merge(GOOD_RDS, patch));

/** An Aurora cluster whose cluster parameter group (in the stack) sets rds.force_ssl to `forceSsl`. */
const auroraWithParams = (forceSsl: string) => (s: TerraformStack) => {
  const g = new RdsClusterParameterGroup(s, 'params', { family: 'aurora-postgresql16', parameter: [{ name: 'rds.force_ssl', value: forceSsl }] });
  rds({ dbClusterParameterGroupName: g.name })(s);
};

const GOOD_MEMBER: RdsClusterInstanceConfig = {
  clusterIdentifier: 'c',
  engine: 'aurora-postgresql',
  instanceClass: 'db.r6g.large',
  caCertIdentifier: 'rds-ca-rsa4096-g1',
  performanceInsightsEnabled: true,
  performanceInsightsKmsKeyId: KEY_ARN,
};
const member = (patch?: unknown) => (s: TerraformStack) => new RdsClusterInstance(s, 'i', merge(GOOD_MEMBER, patch));

// ------------------------------------------------------------------------------------------------------------ S3, ECR

const GOOD_ECR: EcrRepositoryConfig = {
  name: 'spacelift-backend',
  imageTagMutability: 'IMMUTABLE',
  imageScanningConfiguration: { scanOnPush: true },
  encryptionConfiguration: [{ encryptionType: 'KMS', kmsKey: KEY_ARN }],
};
const ecr = (patch?: unknown) => (s: TerraformStack) => new EcrRepository(s, 'repo', merge(GOOD_ECR, patch));

/** An ECR repository with a repository policy. */
const ecrWithPolicy = (policy: string) => (s: TerraformStack) => {
  const r = ecr()(s);
  new EcrRepositoryPolicy(s, 'p', { repository: r.name, policy });
};

type PublicAccessSetting = 'blockPublicAcls' | 'blockPublicPolicy' | 'ignorePublicAcls' | 'restrictPublicBuckets';

interface BucketParts {
  /** `false`: no block; otherwise settings that override the all-true block (`undefined` in the record leaves one unset). */
  readonly publicAccessBlock?: Partial<Record<PublicAccessSetting, boolean | undefined>> | false;
  /** Default encryption: SSE-KMS with a customer key (the default), aws:kms without a key, AES256, or none. */
  readonly encryption?: 'kms' | 'kms-without-key' | 'aes256' | false;
  readonly versioning?: 'Enabled' | 'Suspended' | 'Disabled' | false;
  readonly expireDays?: number;
  readonly ownership?: string;
  readonly acl?: string;
  /** An aws_s3_bucket_acl with one access_control_policy grant to this grantee URI. */
  readonly grantTo?: string;
  readonly policy?: 'tls' | 'none' | 'data-source-tls' | 'allow-only' | 'tls-wrong-value';
  readonly forceDestroy?: boolean;
  /** Companions name the bucket by its literal name instead of a reference. */
  readonly byName?: boolean;
}

/** A bucket with the companions a compliant bucket has; each part can be left out or changed. */
function s3(parts: BucketParts = {}) {
  return (s: TerraformStack) => {
    const b = new S3Bucket(s, 'bucket', { bucket: 'acme-states', forceDestroy: parts.forceDestroy });
    const ref = parts.byName ? 'acme-states' : b.id;
    if (parts.publicAccessBlock !== false) {
      const settings = merge({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, parts.publicAccessBlock ?? {});
      new S3BucketPublicAccessBlock(s, 'pab', { bucket: ref, ...settings });
    }
    const encryption = parts.encryption ?? 'kms';
    if (encryption !== false) {
      const byDefault =
        encryption === 'kms' ? { sseAlgorithm: 'aws:kms', kmsMasterKeyId: KEY_ARN } : encryption === 'kms-without-key' ? { sseAlgorithm: 'aws:kms' } : { sseAlgorithm: 'AES256' };
      new S3BucketServerSideEncryptionConfigurationA(s, 'sse', { bucket: ref, rule: [{ applyServerSideEncryptionByDefault: byDefault, bucketKeyEnabled: true }] });
    }
    if (parts.versioning !== false) {
      new S3BucketVersioningA(s, 'versioning', { bucket: ref, versioningConfiguration: { status: parts.versioning ?? 'Enabled' } });
    }
    if (parts.expireDays !== undefined) {
      new S3BucketLifecycleConfiguration(s, 'lifecycle', { bucket: ref, rule: [{ id: 'expire', status: 'Enabled', filter: [{}], expiration: [{ days: parts.expireDays }] }] });
    }
    if (parts.ownership !== undefined) new S3BucketOwnershipControls(s, 'ownership', { bucket: ref, rule: { objectOwnership: parts.ownership } });
    if (parts.acl !== undefined) new S3BucketAcl(s, 'acl', { bucket: ref, acl: parts.acl });
    if (parts.grantTo !== undefined) {
      new S3BucketAcl(s, 'acl-grants', {
        bucket: ref,
        accessControlPolicy: { owner: { id: 'owner-id' }, grant: [{ permission: 'READ', grantee: { type: 'Group', uri: parts.grantTo } }] },
      });
    }
    const tlsDeny = (value: string) => ({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::acme-states/*'], Condition: { Bool: { 'aws:SecureTransport': value } } });
    const policy = parts.policy ?? 'tls';
    if (policy === 'tls') {
      new S3BucketPolicy(s, 'policy', { bucket: ref, policy: doc(tlsDeny('false')) });
    } else if (policy === 'tls-wrong-value') {
      new S3BucketPolicy(s, 'policy', { bucket: ref, policy: doc(tlsDeny('true')) });
    } else if (policy === 'allow-only') {
      new S3BucketPolicy(s, 'policy', { bucket: ref, policy: doc({ Effect: 'Allow', Principal: { AWS: ACCOUNT_ROOT }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-states/*' }) });
    } else if (policy === 'data-source-tls') {
      const d = new DataAwsIamPolicyDocument(s, 'tls-only', {
        statement: [{ effect: 'Deny', actions: ['s3:*'], resources: ['arn:aws:s3:::acme-states/*'], principals: [{ type: '*', identifiers: ['*'] }], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] }],
      });
      new S3BucketPolicy(s, 'policy', { bucket: ref, policy: d.json });
    }
  };
}

// ---------------------------------------------------------------------------------------------------- KMS, IAM, logs

/** A symmetric key with rotation and a key policy that names the account. */
const kms = (patch?: unknown) => (s: TerraformStack) =>
  new KmsKey(s, 'k', merge({ description: 'data', enableKeyRotation: true, policy: doc({ Effect: 'Allow', Principal: { AWS: ACCOUNT_ROOT }, Action: 'kms:*', Resource: '*' }) }, patch));

const role = (trust: string) => (s: TerraformStack) => new IamRole(s, 'role', { name: 'r', assumeRolePolicy: trust });
const TRUST_EKS = doc({ Effect: 'Allow', Principal: { Service: 'eks.amazonaws.com' }, Action: 'sts:AssumeRole' });

/** A role with an inline policy allowing `actions` on one bucket. */
const rolePolicy = (...actions: string[]) => (s: TerraformStack) =>
  new IamRolePolicy(s, 'policy', { role: 'r', name: 'p', policy: doc({ Effect: 'Allow', Action: actions, Resource: 'arn:aws:s3:::acme-states/*' }) });

const attachment = (policyArn: string) => (s: TerraformStack) => new IamRolePolicyAttachment(s, 'attach', { role: 'r', policyArn });

const logGroup = (retentionInDays?: number) => (s: TerraformStack) => new CloudwatchLogGroup(s, 'logs', { name: '/aws/eks/x/cluster', retentionInDays });

// ---------------------------------------------------------------------------------------------------------- network

const sg = (ingress: Record<string, unknown>) => (s: TerraformStack) =>
  new SecurityGroup(s, 'sg', { name: 'sg', vpcId: 'vpc-1', ingress: [{ fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'], ...ingress } as never] });
const sgRule = (patch: Record<string, unknown>) => (s: TerraformStack) =>
  new SecurityGroupRule(s, 'r', { type: 'ingress', securityGroupId: 'sg-1', protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrBlocks: ['10.0.0.0/16'], ...patch });
const ingressRule = (patch: Record<string, unknown>) => (s: TerraformStack) =>
  new VpcSecurityGroupIngressRule(s, 'r', { securityGroupId: 'sg-1', ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0', ...patch });

const vpc = (parts: { defaultSg?: 'closed' | 'open-ingress' | 'open-egress' | false; flowLog?: boolean }) => (s: TerraformStack) => {
  const v = new Vpc(s, 'vpc', { cidrBlock: '10.0.0.0/16' });
  if (parts.defaultSg === 'closed') new DefaultSecurityGroup(s, 'default-sg', { vpcId: v.id });
  if (parts.defaultSg === 'open-ingress') new DefaultSecurityGroup(s, 'default-sg', { vpcId: v.id, ingress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['10.0.0.0/16'] }] });
  if (parts.defaultSg === 'open-egress') new DefaultSecurityGroup(s, 'default-sg', { vpcId: v.id, egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'] }] });
  if (parts.flowLog) new FlowLog(s, 'flow-log', { vpcId: v.id, trafficType: 'ALL', logDestinationType: 's3', logDestination: 'arn:aws:s3:::logs' });
};

const GOOD_TEMPLATE: LaunchTemplateConfig = {
  namePrefix: 'nodes-',
  metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 },
  blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 100, volumeType: 'gp3', encrypted: 'true' } }],
};
const template = (patch?: unknown) => (s: TerraformStack) => new LaunchTemplate(s, 'lt', merge(GOOD_TEMPLATE, patch));

const subnet = (mapPublicIpOnLaunch?: boolean) => (s: TerraformStack) => new Subnet(s, 'subnet', { vpcId: 'vpc-1', cidrBlock: '10.0.0.0/24', mapPublicIpOnLaunch });

const GOOD_SM_SECRET: SecretsmanagerSecretConfig = {
  name: 'estafette/secret-decryption-key',
  kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  recoveryWindowInDays: 30,
};
const smSecret = (patch?: unknown) => (s: TerraformStack) => new SecretsmanagerSecret(s, 'secret', merge(GOOD_SM_SECRET, patch));

const GOOD_MQ: MqBrokerConfig = {
  brokerName: 'taskcluster-rabbitmq',
  engineType: 'RabbitMQ',
  engineVersion: '3.13',
  hostInstanceType: 'mq.m5.large',
  deploymentMode: 'CLUSTER_MULTI_AZ',
  autoMinorVersionUpgrade: true,
  publiclyAccessible: false,
  logs: { general: true },
  user: [{ username: 'terraform-admin', password: 'not-a-real-password' }],
};
const mq = (patch?: unknown) => (s: TerraformStack) => new MqBroker(s, 'mq', merge(GOOD_MQ, patch));
const ACTIVEMQ = { engineType: 'ActiveMQ', engineVersion: '5.18', deploymentMode: 'ACTIVE_STANDBY_MULTI_AZ' };

const CASES: RuleCase[] = [
  // Amazon MQ
  { rule: 'AWS-MQ-001', name: 'a publicly accessible broker', fail: mq({ publiclyAccessible: true }), pass: mq({ publiclyAccessible: undefined }), message: /public endpoint/ },
  { rule: 'AWS-MQ-002', name: 'no logs block (general defaults to false)', fail: mq({ logs: undefined }), pass: mq() },
  { rule: 'AWS-MQ-002', name: 'general log off', fail: mq({ logs: { general: false } }), pass: mq({ logs: { general: true } }), message: /general log is off/ },
  { rule: 'AWS-MQ-003', name: 'auto_minor_version_upgrade false', fail: mq({ autoMinorVersionUpgrade: false }), pass: mq() },
  { rule: 'AWS-MQ-003', name: 'auto_minor_version_upgrade unset', fail: mq({ autoMinorVersionUpgrade: undefined }), pass: mq({ autoMinorVersionUpgrade: true }) },
  {
    rule: 'AWS-MQ-004',
    name: 'ActiveMQ on the AWS-owned key (RabbitMQ, which has no other, passes)',
    fail: mq({ ...ACTIVEMQ, encryptionOptions: { useAwsOwnedKey: true } }),
    pass: mq({ encryptionOptions: { useAwsOwnedKey: true } }),
  },
  { rule: 'AWS-MQ-004', name: 'ActiveMQ with no encryption_options', fail: mq(ACTIVEMQ), pass: mq({ ...ACTIVEMQ, encryptionOptions: { useAwsOwnedKey: false, kmsKeyId: KEY_ARN } }) },

  // EKS
  { rule: 'AWS-EKS-001', name: 'unset public_access_cidrs (the provider default is 0.0.0.0/0)', fail: eks({ vpcConfig: { publicAccessCidrs: undefined } }), pass: eks() },
  { rule: 'AWS-EKS-001', name: 'endpoint access and CIDRs both unset (public, 0.0.0.0/0)', fail: eks({ vpcConfig: { endpointPublicAccess: undefined, endpointPrivateAccess: undefined, publicAccessCidrs: undefined } }), pass: eks({ vpcConfig: { endpointPublicAccess: false, publicAccessCidrs: undefined } }) },
  { rule: 'AWS-EKS-001', name: 'public CIDRs 0.0.0.0/0', fail: eks({ vpcConfig: { publicAccessCidrs: ['0.0.0.0/0'] } }), pass: eks(), message: /0\.0\.0\.0\/0/ },
  { rule: 'AWS-EKS-001', name: 'an office CIDR next to 0.0.0.0/0', fail: eks({ vpcConfig: { publicAccessCidrs: ['203.0.113.0/24', '0.0.0.0/0'] } }), pass: eks() },
  { rule: 'AWS-EKS-001', name: 'an empty CIDR list', fail: eks({ vpcConfig: { publicAccessCidrs: [] } }), pass: eks() },
  { rule: 'AWS-EKS-002', name: 'unset encryption_config (Secrets not envelope-encrypted)', fail: eks({ encryptionConfig: undefined }), pass: eks() },
  { rule: 'AWS-EKS-003', name: 'unset enabled_cluster_log_types (no control plane log)', fail: eks({ enabledClusterLogTypes: undefined }), pass: eks(), message: /api, audit/ },
  { rule: 'AWS-EKS-003', name: 'an empty log type list', fail: eks({ enabledClusterLogTypes: [] }), pass: eks() },
  { rule: 'AWS-EKS-003', name: 'audit logs off', fail: eks({ enabledClusterLogTypes: ['api', 'authenticator'] }), pass: eks(), message: /audit/ },
  { rule: 'AWS-EKS-004', name: 'unset access_config (EKS defaults to CONFIG_MAP)', fail: eks({ accessConfig: undefined }), pass: eks() },
  { rule: 'AWS-EKS-004', name: 'aws-auth ConfigMap only', fail: eks({ accessConfig: { authenticationMode: 'CONFIG_MAP' } }), pass: eks({ accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' } }) },
  { rule: 'AWS-EKS-005', name: 'unset deletion_protection (the provider default is false)', fail: eks({ deletionProtection: undefined }), pass: eks(), message: /unset/ },
  { rule: 'AWS-EKS-005', name: 'deletion_protection false', fail: eks({ deletionProtection: false }), pass: eks() },
  { rule: 'AWS-EKS-006', name: 'SSH open to the world (no source security groups)', fail: nodes({ remoteAccess: { ec2SshKey: 'ops' } }), pass: nodes({ remoteAccess: { ec2SshKey: 'ops', sourceSecurityGroupIds: ['sg-bastion'] } }) },
  { rule: 'AWS-EKS-006', name: 'SSH with an empty source security group list', fail: nodes({ remoteAccess: { ec2SshKey: 'ops', sourceSecurityGroupIds: [] } }), pass: nodes() },
  { rule: 'AWS-EKS-007', name: 'a node group down to one node', fail: nodes({ scalingConfig: { minSize: 1 } }), pass: nodes() },
  { rule: 'AWS-EKS-007', name: 'a node group that may scale to zero', fail: nodes({ scalingConfig: { minSize: 0 } }), pass: nodes() },
  {
    rule: 'AWS-EKS-008',
    name: 'unset addon_version (EKS picks)',
    fail: (s) => new EksAddon(s, 'addon', { clusterName: 'eks', addonName: 'vpc-cni' }),
    pass: (s) => new EksAddon(s, 'addon', { clusterName: 'eks', addonName: 'vpc-cni', addonVersion: 'v1.19.2-eksbuild.1' }),
  },

  // RDS
  { rule: 'AWS-RDS-001', name: 'instance: unset storage_encrypted (the default is false)', fail: db({ storageEncrypted: undefined }), pass: db() },
  { rule: 'AWS-RDS-001', name: 'instance: storage_encrypted false', fail: db({ storageEncrypted: false }), pass: db() },
  { rule: 'AWS-RDS-001', name: 'Aurora: unset storage_encrypted', fail: rds({ storageEncrypted: undefined }), pass: rds() },
  { rule: 'AWS-RDS-001', name: 'Aurora: storage_encrypted false', fail: rds({ storageEncrypted: false }), pass: rds() },
  { rule: 'AWS-RDS-002', name: 'a public instance (unset is private)', fail: db({ publiclyAccessible: true }), pass: db({ publiclyAccessible: undefined }) },
  { rule: 'AWS-RDS-002', name: 'a public Aurora instance', fail: member({ publiclyAccessible: true }), pass: member() },
  { rule: 'AWS-RDS-003', name: 'instance: unset backup_retention_period (1 day)', fail: db({ backupRetentionPeriod: undefined }), pass: db() },
  { rule: 'AWS-RDS-003', name: 'instance: backups off (0)', fail: db({ backupRetentionPeriod: 0 }), pass: db({ backupRetentionPeriod: 7 }) },
  { rule: 'AWS-RDS-003', name: 'instance: 6 days', fail: db({ backupRetentionPeriod: 6 }), pass: db({ backupRetentionPeriod: 35 }) },
  { rule: 'AWS-RDS-003', name: 'Aurora: unset backup_retention_period (1 day)', fail: rds({ backupRetentionPeriod: undefined }), pass: rds() },
  { rule: 'AWS-RDS-004', name: 'instance: unset deletion_protection (the provider default is false)', fail: db({ deletionProtection: undefined }), pass: db(), message: /unset/ },
  { rule: 'AWS-RDS-004', name: 'instance: deletion_protection false', fail: db({ deletionProtection: false }), pass: db() },
  { rule: 'AWS-RDS-004', name: 'Aurora: unset deletion_protection', fail: rds({ deletionProtection: undefined }), pass: rds(), message: /unset/ },
  { rule: 'AWS-RDS-004', name: 'Aurora: deletion_protection false', fail: rds({ deletionProtection: false }), pass: rds() },
  { rule: 'AWS-RDS-005', name: 'instance: no final snapshot (unset takes one)', fail: db({ skipFinalSnapshot: true }), pass: db({ skipFinalSnapshot: undefined }) },
  { rule: 'AWS-RDS-005', name: 'Aurora: no final snapshot', fail: rds({ skipFinalSnapshot: true }), pass: rds() },
  { rule: 'AWS-RDS-006', name: 'instance: unset IAM authentication (the default is off)', fail: db({ iamDatabaseAuthenticationEnabled: undefined }), pass: db() },
  { rule: 'AWS-RDS-006', name: 'instance: IAM authentication false', fail: db({ iamDatabaseAuthenticationEnabled: false }), pass: db() },
  { rule: 'AWS-RDS-006', name: 'Aurora: unset IAM authentication', fail: rds({ iamDatabaseAuthenticationEnabled: undefined }), pass: rds() },
  { rule: 'AWS-RDS-006', name: 'Aurora: IAM authentication false', fail: rds({ iamDatabaseAuthenticationEnabled: false }), pass: rds() },
  { rule: 'AWS-RDS-007', name: 'Aurora: a cluster parameter group that turns TLS off', fail: auroraWithParams('0'), pass: auroraWithParams('1'), message: /force_ssl = 0/ },
  { rule: 'AWS-RDS-007', name: 'Aurora: no cluster parameter group (rds.force_ssl defaults to 0)', fail: rds(), pass: auroraWithParams('1'), message: /Aurora/ },
  {
    rule: 'AWS-RDS-007',
    name: 'instance: a parameter group that turns TLS off on PostgreSQL 16',
    fail: (s) => {
      const g = new DbParameterGroup(s, 'params', { family: 'postgres16', parameter: [{ name: 'rds.force_ssl', value: '0' }] });
      db({ parameterGroupName: g.name })(s);
    },
    pass: db(),
    message: /force_ssl = 0/,
  },
  {
    rule: 'AWS-RDS-007',
    name: 'instance: PostgreSQL 14 without rds.force_ssl (its default is 0)',
    fail: db({ engineVersion: '14.12' }),
    pass: (s) => {
      new DbParameterGroup(s, 'params', { name: 'pg14-tls', family: 'postgres14', parameter: [{ name: 'rds.force_ssl', value: '1' }] });
      db({ engineVersion: '14.12', parameterGroupName: 'pg14-tls' })(s);
    },
  },
  {
    rule: 'AWS-RDS-007',
    name: "instance: PostgreSQL 14 on RDS's default parameter group (a group outside the stack is not reported)",
    fail: db({ engineVersion: '14', parameterGroupName: 'default.postgres14' }),
    pass: db({ engineVersion: '14', parameterGroupName: 'org-tls-only-pg14' }),
  },
  { rule: 'AWS-RDS-007', name: 'Multi-AZ DB cluster (engine postgres): PostgreSQL 14 without rds.force_ssl', fail: rds({ engine: 'postgres', engineVersion: '14.12' }), pass: rds({ engine: 'postgres', engineVersion: '16.4' }) },
  { rule: 'AWS-RDS-008', name: 'instance: no automatic minor upgrades (unset is true)', fail: db({ autoMinorVersionUpgrade: false }), pass: db({ autoMinorVersionUpgrade: undefined }) },
  { rule: 'AWS-RDS-008', name: 'Aurora instance: no automatic minor upgrades', fail: member({ autoMinorVersionUpgrade: false }), pass: member() },
  { rule: 'AWS-RDS-009', name: 'instance: unset log exports (nothing is exported)', fail: db({ enabledCloudwatchLogsExports: undefined }), pass: db() },
  { rule: 'AWS-RDS-009', name: 'instance: an empty export list', fail: db({ enabledCloudwatchLogsExports: [] }), pass: db() },
  { rule: 'AWS-RDS-009', name: 'instance: the upgrade log only', fail: db({ enabledCloudwatchLogsExports: ['upgrade'] }), pass: db({ enabledCloudwatchLogsExports: ['postgresql'] }), message: /postgresql/ },
  { rule: 'AWS-RDS-009', name: 'Aurora: unset log exports', fail: rds({ enabledCloudwatchLogsExports: undefined }), pass: rds() },
  { rule: 'AWS-RDS-010', name: 'instance: the expired rds-ca-2019 (unset takes the current region default)', fail: db({ caCertIdentifier: 'rds-ca-2019' }), pass: db({ caCertIdentifier: undefined }) },
  { rule: 'AWS-RDS-010', name: 'instance: rds-ca-2015', fail: db({ caCertIdentifier: 'rds-ca-2015' }), pass: db({ caCertIdentifier: 'rds-ca-ecc384-g1' }) },
  { rule: 'AWS-RDS-010', name: 'Aurora instance: rds-ca-2019', fail: member({ caCertIdentifier: 'rds-ca-2019' }), pass: member() },
  { rule: 'AWS-RDS-011', name: 'instance: unset Performance Insights (the default is off)', fail: db({ performanceInsightsEnabled: undefined, performanceInsightsKmsKeyId: undefined }), pass: db() },
  { rule: 'AWS-RDS-011', name: 'instance: Performance Insights false', fail: db({ performanceInsightsEnabled: false, performanceInsightsKmsKeyId: undefined }), pass: db() },
  { rule: 'AWS-RDS-011', name: 'instance: Performance Insights with the AWS managed key', fail: db({ performanceInsightsKmsKeyId: undefined }), pass: db(), message: /AWS managed key/ },
  { rule: 'AWS-RDS-011', name: 'Aurora instance: unset Performance Insights', fail: member({ performanceInsightsEnabled: undefined, performanceInsightsKmsKeyId: undefined }), pass: member() },
  { rule: 'AWS-RDS-012', name: 'instance: unset kms_key_id (the AWS managed aws/rds key)', fail: db({ kmsKeyId: undefined }), pass: db() },
  { rule: 'AWS-RDS-012', name: 'Aurora: unset kms_key_id', fail: rds({ kmsKeyId: undefined }), pass: rds() },

  // S3
  { rule: 'AWS-S3-001', name: 'no public access block', fail: s3({ publicAccessBlock: false }), pass: s3() },
  { rule: 'AWS-S3-001', name: 'a public access block with every setting unset (each defaults to false)', fail: s3({ publicAccessBlock: { blockPublicAcls: undefined, blockPublicPolicy: undefined, ignorePublicAcls: undefined, restrictPublicBuckets: undefined } }), pass: s3(), message: /block_public_acls, block_public_policy, ignore_public_acls, restrict_public_buckets/ },
  { rule: 'AWS-S3-001', name: 'block_public_acls false', fail: s3({ publicAccessBlock: { blockPublicAcls: false } }), pass: s3(), message: /block_public_acls/ },
  { rule: 'AWS-S3-001', name: 'block_public_policy false', fail: s3({ publicAccessBlock: { blockPublicPolicy: false } }), pass: s3({ byName: true }), message: /block_public_policy/ },
  { rule: 'AWS-S3-001', name: 'ignore_public_acls false', fail: s3({ publicAccessBlock: { ignorePublicAcls: false } }), pass: s3(), message: /ignore_public_acls/ },
  { rule: 'AWS-S3-001', name: 'restrict_public_buckets false', fail: s3({ publicAccessBlock: { restrictPublicBuckets: false } }), pass: s3(), message: /restrict_public_buckets/ },
  { rule: 'AWS-S3-002', name: 'no encryption configuration', fail: s3({ encryption: false }), pass: s3({ encryption: 'aes256' }) },
  { rule: 'AWS-S3-003', name: 'no versioning on a bucket that keeps data', fail: s3({ versioning: false }), pass: s3({ versioning: false, expireDays: 1 }) },
  { rule: 'AWS-S3-003', name: 'versioning Suspended', fail: s3({ versioning: 'Suspended' }), pass: s3() },
  { rule: 'AWS-S3-003', name: 'versioning Disabled', fail: s3({ versioning: 'Disabled' }), pass: s3() },
  { rule: 'AWS-S3-004', name: 'no bucket policy', fail: s3({ policy: 'none' }), pass: s3({ policy: 'data-source-tls' }) },
  { rule: 'AWS-S3-004', name: 'a bucket policy without a TLS deny', fail: s3({ policy: 'allow-only' }), pass: s3() },
  { rule: 'AWS-S3-004', name: 'a deny on aws:SecureTransport "true" (the wrong way round)', fail: s3({ policy: 'tls-wrong-value' }), pass: s3() },
  { rule: 'AWS-S3-005', name: 'ownership BucketOwnerPreferred with a public-read ACL', fail: s3({ ownership: 'BucketOwnerPreferred', acl: 'public-read' }), pass: s3({ ownership: 'BucketOwnerEnforced' }), message: /public-read/ },
  { rule: 'AWS-S3-005', name: 'ownership ObjectWriter', fail: s3({ ownership: 'ObjectWriter' }), pass: s3(), message: /ObjectWriter/ },
  { rule: 'AWS-S3-005', name: 'a public-read-write ACL', fail: s3({ acl: 'public-read-write' }), pass: s3({ acl: 'private' }), message: /public-read-write/ },
  { rule: 'AWS-S3-005', name: 'an authenticated-read ACL', fail: s3({ acl: 'authenticated-read' }), pass: s3(), message: /authenticated-read/ },
  { rule: 'AWS-S3-005', name: 'an ACL grant to AllUsers', fail: s3({ grantTo: 'http://acs.amazonaws.com/groups/global/AllUsers' }), pass: s3({ grantTo: 'http://acs.amazonaws.com/groups/s3/LogDelivery' }), message: /AllUsers/ },
  { rule: 'AWS-S3-005', name: 'an ACL grant to AuthenticatedUsers', fail: s3({ grantTo: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers' }), pass: s3(), message: /AuthenticatedUsers/ },
  { rule: 'AWS-S3-006', name: 'force_destroy (unset is false)', fail: s3({ forceDestroy: true }), pass: s3({ forceDestroy: undefined }) },
  { rule: 'AWS-S3-007', name: 'no encryption configuration (S3-managed keys)', fail: s3({ encryption: false }), pass: s3() },
  { rule: 'AWS-S3-007', name: 'AES256', fail: s3({ encryption: 'aes256' }), pass: s3() },
  { rule: 'AWS-S3-007', name: 'aws:kms without a key (the AWS managed aws/s3 key)', fail: s3({ encryption: 'kms-without-key' }), pass: s3({ byName: true }) },

  // ECR
  { rule: 'AWS-ECR-001', name: 'unset image scanning (the default is off)', fail: ecr({ imageScanningConfiguration: undefined }), pass: ecr() },
  { rule: 'AWS-ECR-001', name: 'scan_on_push false', fail: ecr({ imageScanningConfiguration: { scanOnPush: false } }), pass: ecr() },
  { rule: 'AWS-ECR-002', name: 'unset image_tag_mutability (the default is MUTABLE)', fail: ecr({ imageTagMutability: undefined }), pass: ecr(), message: /unset/ },
  { rule: 'AWS-ECR-002', name: 'MUTABLE', fail: ecr({ imageTagMutability: 'MUTABLE' }), pass: ecr() },
  { rule: 'AWS-ECR-002', name: 'MUTABLE_WITH_EXCLUSION', fail: ecr({ imageTagMutability: 'MUTABLE_WITH_EXCLUSION' }), pass: ecr() },
  { rule: 'AWS-ECR-003', name: 'unset encryption_configuration (the default is AES256)', fail: ecr({ encryptionConfiguration: undefined }), pass: ecr() },
  { rule: 'AWS-ECR-003', name: 'AES256', fail: ecr({ encryptionConfiguration: [{ encryptionType: 'AES256' }] }), pass: ecr() },
  { rule: 'AWS-ECR-003', name: 'KMS without a key (the AWS managed aws/ecr key)', fail: ecr({ encryptionConfiguration: [{ encryptionType: 'KMS' }] }), pass: ecr({ encryptionConfiguration: [{ encryptionType: 'KMS_DSSE', kmsKey: KEY_ARN }] }), message: /aws\/ecr/ },
  {
    rule: 'AWS-ECR-004',
    name: 'a policy with Principal "*"',
    fail: ecrWithPolicy(doc({ Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage'] })),
    pass: ecrWithPolicy(doc({ Effect: 'Allow', Principal: { AWS: ACCOUNT_ROOT }, Action: ['ecr:BatchGetImage'] })),
  },
  {
    rule: 'AWS-ECR-004',
    name: 'a policy with Principal AWS "*"',
    fail: ecrWithPolicy(doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['ecr:BatchGetImage'] })),
    pass: ecrWithPolicy(doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['ecr:BatchGetImage'], Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } })),
  },
  {
    rule: 'AWS-ECR-005',
    name: 'no lifecycle policy',
    fail: ecr(),
    pass: (s) => {
      const r = ecr()(s);
      new EcrLifecyclePolicy(s, 'lp', { repository: r.name, policy: JSON.stringify({ rules: [] }) });
    },
  },

  // KMS
  {
    rule: 'AWS-KMS-001',
    name: 'unset enable_key_rotation (the default is false; asymmetric signing keys are exempt)',
    fail: kms({ enableKeyRotation: undefined }),
    pass: (s) => new KmsKey(s, 'k', { description: 'signing', keyUsage: 'SIGN_VERIFY', customerMasterKeySpec: 'RSA_4096' }),
  },
  { rule: 'AWS-KMS-001', name: 'enable_key_rotation false', fail: kms({ enableKeyRotation: false }), pass: kms() },
  { rule: 'AWS-KMS-002', name: 'a key policy with Principal "*"', fail: kms({ policy: doc({ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }) }), pass: kms() },
  { rule: 'AWS-KMS-002', name: 'a key policy with Principal AWS "*"', fail: kms({ policy: doc({ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 'kms:Decrypt', Resource: '*' }) }), pass: kms({ policy: undefined }) },
  {
    rule: 'AWS-KMS-002',
    name: 'an aws_kms_key_policy with Principal "*"',
    fail: (s) => {
      const k = kms({ policy: undefined })(s);
      new KmsKeyPolicy(s, 'kp', { keyId: k.keyId, policy: doc({ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }) });
    },
    pass: (s) => {
      const k = kms({ policy: undefined })(s);
      new KmsKeyPolicy(s, 'kp', { keyId: k.keyId, policy: doc({ Effect: 'Allow', Principal: { AWS: ACCOUNT_ROOT }, Action: 'kms:*', Resource: '*' }) });
    },
  },

  // Secrets Manager
  { rule: 'AWS-SM-001', name: 'a secret without kms_key_id (the AWS-managed key)', fail: smSecret({ kmsKeyId: undefined }), pass: smSecret(), message: /AWS-managed key/ },
  { rule: 'AWS-SM-001', name: 'the aws/secretsmanager alias', fail: smSecret({ kmsKeyId: 'alias/aws/secretsmanager' }), pass: smSecret({ kmsKeyId: 'alias/estafette/escrow' }) },
  { rule: 'AWS-SM-002', name: 'a recovery window of 0 days', fail: smSecret({ recoveryWindowInDays: 0 }), pass: smSecret({ recoveryWindowInDays: undefined }) },

  // Network
  { rule: 'AWS-NET-001', name: 'security group: SSH from 0.0.0.0/0', fail: sg({ fromPort: 22, toPort: 22 }), pass: sg({}), message: /SSH/ },
  { rule: 'AWS-NET-001', name: 'security group: RDP from 0.0.0.0/0', fail: sg({ fromPort: 3389, toPort: 3389 }), pass: sg({ fromPort: 3389, toPort: 3389, cidrBlocks: ['10.0.0.0/8'] }), message: /RDP/ },
  { rule: 'AWS-NET-001', name: 'security group: all traffic from ::/0', fail: sg({ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: undefined, ipv6CidrBlocks: ['::/0'] }), pass: sg({ fromPort: 80, toPort: 80 }), message: /all ports/ },
  { rule: 'AWS-NET-001', name: 'security group: the Postgres port from ::/0', fail: sg({ fromPort: 5432, toPort: 5432, cidrBlocks: undefined, ipv6CidrBlocks: ['::/0'] }), pass: sg({ cidrBlocks: undefined, ipv6CidrBlocks: ['::/0'] }) },
  { rule: 'AWS-NET-001', name: 'security group rule: the Postgres port from 0.0.0.0/0', fail: sgRule({ cidrBlocks: ['0.0.0.0/0'] }), pass: sgRule({}) },
  { rule: 'AWS-NET-001', name: 'security group rule: the Postgres port from ::/0', fail: sgRule({ cidrBlocks: undefined, ipv6CidrBlocks: ['::/0'] }), pass: sgRule({ type: 'egress', cidrBlocks: ['0.0.0.0/0'] }) },
  { rule: 'AWS-NET-001', name: 'VPC ingress rule: a port range from 0.0.0.0/0', fail: ingressRule({ fromPort: 1000, toPort: 2000 }), pass: ingressRule({}) },
  { rule: 'AWS-NET-001', name: 'VPC ingress rule: all protocols from ::/0', fail: ingressRule({ ipProtocol: '-1', fromPort: undefined, toPort: undefined, cidrIpv4: undefined, cidrIpv6: '::/0' }), pass: ingressRule({ ipProtocol: '-1', fromPort: undefined, toPort: undefined, cidrIpv4: '10.0.0.0/16' }) },
  { rule: 'AWS-NET-002', name: 'default security group left alone (it allows all egress and traffic within the group)', fail: vpc({ defaultSg: false, flowLog: true }), pass: vpc({ defaultSg: 'closed', flowLog: true }) },
  { rule: 'AWS-NET-002', name: 'default security group with an ingress rule', fail: vpc({ defaultSg: 'open-ingress' }), pass: vpc({ defaultSg: 'closed' }) },
  { rule: 'AWS-NET-002', name: 'default security group with an egress rule', fail: vpc({ defaultSg: 'open-egress' }), pass: vpc({ defaultSg: 'closed' }) },
  { rule: 'AWS-NET-003', name: 'no flow logs', fail: vpc({ defaultSg: 'closed' }), pass: vpc({ defaultSg: 'closed', flowLog: true }) },
  { rule: 'AWS-NET-004', name: 'subnet: public IPs on launch (unset is false)', fail: subnet(true), pass: subnet(undefined) },
  {
    rule: 'AWS-NET-004',
    name: 'launch template: a public IP on the network interface',
    fail: template({ networkInterfaces: [{ associatePublicIpAddress: 'true' }] }),
    pass: template({ networkInterfaces: [{ associatePublicIpAddress: 'false' }] }),
  },

  // EC2 launch templates
  { rule: 'AWS-EC2-001', name: 'unset metadata_options (http_tokens defaults to optional)', fail: template({ metadataOptions: undefined }), pass: template(), message: /unset: optional/ },
  { rule: 'AWS-EC2-001', name: 'http_tokens unset inside metadata_options', fail: template({ metadataOptions: { httpTokens: undefined } }), pass: template({ metadataOptions: { httpPutResponseHopLimit: undefined } }) },
  { rule: 'AWS-EC2-001', name: 'http_tokens optional', fail: template({ metadataOptions: { httpTokens: 'optional' } }), pass: template({ metadataOptions: { httpEndpoint: 'disabled', httpTokens: 'optional' } }) },
  { rule: 'AWS-EC2-001', name: 'a hop limit of 2 (containers reach the metadata service)', fail: template({ metadataOptions: { httpPutResponseHopLimit: 2 } }), pass: template(), message: /hop_limit is 2/ },
  { rule: 'AWS-EC2-002', name: 'no block device mapping (the AMI decides)', fail: template({ blockDeviceMappings: undefined }), pass: template() },
  {
    rule: 'AWS-EC2-002',
    name: 'encrypted unset on a volume (the account default decides)',
    fail: template({ blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 100 } }] }),
    pass: (s) => {
      new EbsEncryptionByDefault(s, 'ebs-default', { enabled: true });
      template({ blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 100 } }] })(s);
    },
    message: /\/dev\/xvda/,
  },
  { rule: 'AWS-EC2-002', name: 'encrypted false', fail: template({ blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { encrypted: 'false' } }] }), pass: template() },

  // IAM
  { rule: 'AWS-IAM-001', name: 'a trust policy with Principal AWS "*"', fail: role(doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' })), pass: role(TRUST_EKS) },
  { rule: 'AWS-IAM-001', name: 'a trust policy with Principal "*"', fail: role(doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' })), pass: role(doc({ Effect: 'Allow', Principal: { AWS: ACCOUNT_ROOT }, Action: 'sts:AssumeRole' })) },
  {
    rule: 'AWS-IAM-001',
    name: 'a trust policy document (data source) for everyone',
    fail: (s) => {
      const d = new DataAwsIamPolicyDocument(s, 'trust', { statement: [{ effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: ['*'] }] }] });
      role(d.json)(s);
    },
    pass: (s) => {
      const d = new DataAwsIamPolicyDocument(s, 'trust', { statement: [{ effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }] }] });
      role(d.json)(s);
    },
  },
  { rule: 'AWS-IAM-002', name: 'an inline policy allowing "*"', fail: rolePolicy('*'), pass: rolePolicy('s3:GetObject', 's3:PutObject'), message: /"\*"/ },
  { rule: 'AWS-IAM-002', name: 'an inline policy allowing "iam:*"', fail: rolePolicy('iam:*'), pass: rolePolicy('iam:GetRole') },
  { rule: 'AWS-IAM-002', name: 'an inline policy allowing "s3:*"', fail: rolePolicy('s3:GetObject', 's3:*'), pass: rolePolicy('s3:GetObject') },
  {
    rule: 'AWS-IAM-002',
    name: 'a policy document (data source) allowing "*"',
    fail: (s) => {
      const d = new DataAwsIamPolicyDocument(s, 'admin', { statement: [{ effect: 'Allow', actions: ['*'], resources: ['*'] }] });
      new IamPolicy(s, 'policy', { name: 'admin', policy: d.json });
    },
    pass: (s) => {
      const d = new DataAwsIamPolicyDocument(s, 'admin', { statement: [{ effect: 'Deny', actions: ['*'], resources: ['*'] }] });
      new IamPolicy(s, 'policy', { name: 'admin', policy: d.json });
    },
  },
  { rule: 'AWS-IAM-002', name: 'the AdministratorAccess managed policy', fail: attachment('arn:aws:iam::aws:policy/AdministratorAccess'), pass: attachment('arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy'), message: /AdministratorAccess/ },
  { rule: 'AWS-IAM-002', name: 'the IAMFullAccess managed policy', fail: attachment('arn:aws:iam::aws:policy/IAMFullAccess'), pass: attachment('arn:aws:iam::111122223333:policy/IAMFullAccess') },

  // CloudWatch Logs
  { rule: 'AWS-LOG-001', name: 'a day of logs (unset keeps them forever)', fail: logGroup(1), pass: logGroup(undefined) },
  { rule: 'AWS-LOG-001', name: '60 days of logs', fail: logGroup(60), pass: logGroup(90), message: /60 days/ },
];

describe('AWS rules', () => {
  test('every AWS rule has at least one case', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    expect(AWS_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });
  ruleCases(CASES);
});
