import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DbInstance, DbInstanceConfig } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository, EcrRepositoryConfig } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrRepositoryPolicy } from '@cdktf/provider-aws/lib/ecr-repository-policy';
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { EksCluster, EksClusterConfig } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksNodeGroup, EksNodeGroupConfig } from '@cdktf/provider-aws/lib/eks-node-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { RdsCluster, RdsClusterConfig } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
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
import { TerraformStack } from 'cdktf';
import { AWS_RULES } from '../../../lib/policy/rules/aws';
import { RuleCase, merge, ruleCases } from '../support';

const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

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

const GOOD_DB: DbInstanceConfig = {
  instanceClass: 'db.m6g.large',
  engine: 'postgres',
  engineVersion: '16.4',
  storageEncrypted: true,
  publiclyAccessible: false,
  backupRetentionPeriod: 14,
  deletionProtection: true,
  skipFinalSnapshot: false,
  finalSnapshotIdentifier: 'final',
  iamDatabaseAuthenticationEnabled: true,
};
const db = (patch?: unknown) => (s: TerraformStack) => new DbInstance(s, 'db', merge(GOOD_DB, patch));

const GOOD_RDS: RdsClusterConfig = {
  engine: 'aurora-postgresql',
  engineVersion: '16.4',
  storageEncrypted: true,
  backupRetentionPeriod: 14,
  deletionProtection: true,
  iamDatabaseAuthenticationEnabled: true,
};
const rds = (patch?: unknown) => (s: TerraformStack) => new RdsCluster(s, 'rds', merge(GOOD_RDS, patch));

const GOOD_ECR: EcrRepositoryConfig = {
  name: 'spacelift-backend',
  imageTagMutability: 'IMMUTABLE',
  imageScanningConfiguration: { scanOnPush: true },
  encryptionConfiguration: [{ encryptionType: 'KMS', kmsKey: KEY_ARN }],
};
const ecr = (patch?: unknown) => (s: TerraformStack) => new EcrRepository(s, 'repo', merge(GOOD_ECR, patch));

interface BucketParts {
  readonly publicAccessBlock?: Partial<Record<'blockPublicAcls' | 'blockPublicPolicy' | 'ignorePublicAcls' | 'restrictPublicBuckets', boolean>> | false;
  readonly encryption?: boolean;
  readonly versioning?: 'Enabled' | 'Suspended' | false;
  readonly expireDays?: number;
  readonly ownership?: string;
  readonly acl?: string;
  readonly policy?: 'tls' | 'none' | 'data-source-tls';
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
      new S3BucketPublicAccessBlock(s, 'pab', { bucket: ref, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true, ...parts.publicAccessBlock });
    }
    if (parts.encryption !== false) {
      new S3BucketServerSideEncryptionConfigurationA(s, 'sse', { bucket: ref, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: KEY_ARN } }] });
    }
    if (parts.versioning !== false) {
      new S3BucketVersioningA(s, 'versioning', { bucket: ref, versioningConfiguration: { status: parts.versioning ?? 'Enabled' } });
    }
    if (parts.expireDays !== undefined) {
      new S3BucketLifecycleConfiguration(s, 'lifecycle', { bucket: ref, rule: [{ id: 'expire', status: 'Enabled', filter: [{}], expiration: [{ days: parts.expireDays }] }] });
    }
    if (parts.ownership !== undefined) new S3BucketOwnershipControls(s, 'ownership', { bucket: ref, rule: { objectOwnership: parts.ownership } });
    if (parts.acl !== undefined) new S3BucketAcl(s, 'acl', { bucket: ref, acl: parts.acl });
    const policy = parts.policy ?? 'tls';
    if (policy === 'tls') {
      new S3BucketPolicy(s, 'policy', {
        bucket: ref,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::acme-states/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
        }),
      });
    } else if (policy === 'data-source-tls') {
      const doc = new DataAwsIamPolicyDocument(s, 'tls-only', {
        statement: [{ effect: 'Deny', actions: ['s3:*'], resources: ['arn:aws:s3:::acme-states/*'], principals: [{ type: '*', identifiers: ['*'] }], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] }],
      });
      new S3BucketPolicy(s, 'policy', { bucket: ref, policy: doc.json });
    }
  };
}

const sg = (ingress: Record<string, unknown>) => (s: TerraformStack) =>
  new SecurityGroup(s, 'sg', { name: 'sg', vpcId: 'vpc-1', ingress: [{ fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'], ...ingress } as never] });

const vpc = (parts: { defaultSg?: 'closed' | 'open' | false; flowLog?: boolean }) => (s: TerraformStack) => {
  const v = new Vpc(s, 'vpc', { cidrBlock: '10.0.0.0/16' });
  if (parts.defaultSg === 'closed') new DefaultSecurityGroup(s, 'default-sg', { vpcId: v.id });
  if (parts.defaultSg === 'open') new DefaultSecurityGroup(s, 'default-sg', { vpcId: v.id, ingress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['10.0.0.0/16'] }] });
  if (parts.flowLog) new FlowLog(s, 'flow-log', { vpcId: v.id, trafficType: 'ALL', logDestinationType: 's3', logDestination: 'arn:aws:s3:::logs' });
};

const CASES: RuleCase[] = [
  { rule: 'AWS-EKS-001', name: 'a public endpoint open to everyone (the default CIDR)', fail: eks({ vpcConfig: { publicAccessCidrs: undefined } }), pass: eks() },
  { rule: 'AWS-EKS-001', name: 'public CIDRs with 0.0.0.0/0', fail: eks({ vpcConfig: { publicAccessCidrs: ['0.0.0.0/0'] } }), pass: eks({ vpcConfig: { endpointPublicAccess: false, publicAccessCidrs: undefined } }) },
  { rule: 'AWS-EKS-002', name: 'Secrets not encrypted with KMS', fail: eks({ encryptionConfig: undefined }), pass: eks() },
  { rule: 'AWS-EKS-003', name: 'audit logs off', fail: eks({ enabledClusterLogTypes: ['api', 'authenticator'] }), pass: eks(), message: /audit/ },
  { rule: 'AWS-EKS-004', name: 'aws-auth ConfigMap only', fail: eks({ accessConfig: { authenticationMode: 'CONFIG_MAP' } }), pass: eks({ accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' } }) },
  { rule: 'AWS-EKS-005', name: 'no deletion protection', fail: eks({ deletionProtection: undefined }), pass: eks() },
  { rule: 'AWS-EKS-006', name: 'SSH open to the world', fail: nodes({ remoteAccess: { ec2SshKey: 'ops' } }), pass: nodes({ remoteAccess: { ec2SshKey: 'ops', sourceSecurityGroupIds: ['sg-bastion'] } }) },
  { rule: 'AWS-EKS-007', name: 'a node group down to one node', fail: nodes({ scalingConfig: { minSize: 1 } }), pass: nodes() },
  {
    rule: 'AWS-EKS-008',
    name: 'an unpinned add-on',
    fail: (s) => new EksAddon(s, 'addon', { clusterName: 'eks', addonName: 'vpc-cni' }),
    pass: (s) => new EksAddon(s, 'addon', { clusterName: 'eks', addonName: 'vpc-cni', addonVersion: 'v1.19.2-eksbuild.1' }),
  },
  { rule: 'AWS-RDS-001', name: 'an unencrypted instance', fail: db({ storageEncrypted: undefined }), pass: db() },
  { rule: 'AWS-RDS-001', name: 'an unencrypted Aurora cluster', fail: rds({ storageEncrypted: false }), pass: rds() },
  { rule: 'AWS-RDS-002', name: 'a public instance', fail: db({ publiclyAccessible: true }), pass: db({ publiclyAccessible: undefined }) },
  {
    rule: 'AWS-RDS-002',
    name: 'a public Aurora instance',
    fail: (s) => new RdsClusterInstance(s, 'i', { clusterIdentifier: 'c', engine: 'aurora-postgresql', instanceClass: 'db.r6g.large', publiclyAccessible: true }),
    pass: (s) => new RdsClusterInstance(s, 'i', { clusterIdentifier: 'c', engine: 'aurora-postgresql', instanceClass: 'db.r6g.large' }),
  },
  { rule: 'AWS-RDS-003', name: 'the default one day of backups', fail: rds({ backupRetentionPeriod: undefined }), pass: rds() },
  { rule: 'AWS-RDS-004', name: 'no deletion protection', fail: db({ deletionProtection: false }), pass: db() },
  { rule: 'AWS-RDS-005', name: 'no final snapshot', fail: rds({ skipFinalSnapshot: true }), pass: rds() },
  { rule: 'AWS-RDS-006', name: 'no IAM authentication', fail: db({ iamDatabaseAuthenticationEnabled: undefined }), pass: db() },
  {
    rule: 'AWS-RDS-007',
    name: 'a parameter group that turns TLS off',
    fail: (s) => {
      const g = new RdsClusterParameterGroup(s, 'params', { family: 'aurora-postgresql16', parameter: [{ name: 'rds.force_ssl', value: '0' }] });
      rds({ dbClusterParameterGroupName: g.name })(s);
    },
    pass: (s) => {
      const g = new RdsClusterParameterGroup(s, 'params', { family: 'aurora-postgresql16', parameter: [{ name: 'rds.force_ssl', value: '1' }] });
      rds({ dbClusterParameterGroupName: g.name })(s);
    },
    message: /force_ssl = 0/,
  },
  {
    rule: 'AWS-RDS-007',
    name: 'PostgreSQL 14 without rds.force_ssl',
    fail: db({ engineVersion: '14.12' }),
    pass: (s) => {
      new DbParameterGroup(s, 'params', { name: 'pg14-tls', family: 'postgres14', parameter: [{ name: 'rds.force_ssl', value: '1' }] });
      db({ engineVersion: '14.12', parameterGroupName: 'pg14-tls' })(s);
    },
  },
  { rule: 'AWS-RDS-008', name: 'no automatic minor upgrades', fail: db({ autoMinorVersionUpgrade: false }), pass: db() },
  { rule: 'AWS-S3-001', name: 'no public access block', fail: s3({ publicAccessBlock: false }), pass: s3() },
  { rule: 'AWS-S3-001', name: 'a public access block that lets policies through', fail: s3({ publicAccessBlock: { blockPublicPolicy: false } }), pass: s3({ byName: true }), message: /block_public_policy/ },
  { rule: 'AWS-S3-002', name: 'no encryption configuration', fail: s3({ encryption: false }), pass: s3() },
  { rule: 'AWS-S3-003', name: 'no versioning on a bucket that keeps data', fail: s3({ versioning: false }), pass: s3({ versioning: false, expireDays: 1 }) },
  { rule: 'AWS-S3-003', name: 'versioning suspended', fail: s3({ versioning: 'Suspended' }), pass: s3() },
  { rule: 'AWS-S3-004', name: 'no TLS-only policy', fail: s3({ policy: 'none' }), pass: s3({ policy: 'data-source-tls' }) },
  { rule: 'AWS-S3-005', name: 'ACLs enabled and public', fail: s3({ ownership: 'BucketOwnerPreferred', acl: 'public-read' }), pass: s3({ ownership: 'BucketOwnerEnforced' }), message: /public-read/ },
  { rule: 'AWS-S3-006', name: 'force_destroy', fail: s3({ forceDestroy: true }), pass: s3() },
  { rule: 'AWS-ECR-001', name: 'no scan on push', fail: ecr({ imageScanningConfiguration: undefined }), pass: ecr() },
  { rule: 'AWS-ECR-002', name: 'mutable tags', fail: ecr({ imageTagMutability: 'MUTABLE' }), pass: ecr() },
  { rule: 'AWS-ECR-003', name: 'AES256 only', fail: ecr({ encryptionConfiguration: [{ encryptionType: 'AES256' }] }), pass: ecr() },
  {
    rule: 'AWS-ECR-004',
    name: 'a policy that lets anyone pull',
    fail: (s) => {
      const r = ecr()(s);
      new EcrRepositoryPolicy(s, 'p', { repository: r.name, policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage'] }] }) });
    },
    pass: (s) => {
      const r = ecr()(s);
      new EcrRepositoryPolicy(s, 'p', { repository: r.name, policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: ['ecr:BatchGetImage'] }] }) });
    },
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
  {
    rule: 'AWS-KMS-001',
    name: 'a symmetric key without rotation (asymmetric signing keys are exempt)',
    fail: (s) => new KmsKey(s, 'k', { description: 'data' }),
    pass: (s) => new KmsKey(s, 'k', { description: 'signing', keyUsage: 'SIGN_VERIFY', customerMasterKeySpec: 'RSA_4096' }),
  },
  { rule: 'AWS-NET-001', name: 'SSH from anywhere', fail: sg({ fromPort: 22, toPort: 22 }), pass: sg({}), message: /SSH/ },
  { rule: 'AWS-NET-001', name: 'all traffic from ::/0', fail: sg({ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: undefined, ipv6CidrBlocks: ['::/0'] }), pass: sg({ fromPort: 80, toPort: 80 }) },
  {
    rule: 'AWS-NET-001',
    name: 'a separate ingress rule for the Postgres port',
    fail: (s) => new SecurityGroupRule(s, 'r', { type: 'ingress', securityGroupId: 'sg-1', protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrBlocks: ['0.0.0.0/0'] }),
    pass: (s) => new SecurityGroupRule(s, 'r', { type: 'ingress', securityGroupId: 'sg-1', protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrBlocks: ['10.0.0.0/16'] }),
  },
  {
    rule: 'AWS-NET-001',
    name: 'a VPC ingress rule for a port range',
    fail: (s) => new VpcSecurityGroupIngressRule(s, 'r', { securityGroupId: 'sg-1', ipProtocol: 'tcp', fromPort: 1000, toPort: 2000, cidrIpv4: '0.0.0.0/0' }),
    pass: (s) => new VpcSecurityGroupIngressRule(s, 'r', { securityGroupId: 'sg-1', ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0' }),
  },
  { rule: 'AWS-NET-002', name: 'default security group left alone', fail: vpc({ defaultSg: false, flowLog: true }), pass: vpc({ defaultSg: 'closed', flowLog: true }) },
  { rule: 'AWS-NET-002', name: 'default security group with rules', fail: vpc({ defaultSg: 'open' }), pass: vpc({ defaultSg: 'closed' }) },
  { rule: 'AWS-NET-003', name: 'no flow logs', fail: vpc({ defaultSg: 'closed' }), pass: vpc({ defaultSg: 'closed', flowLog: true }) },
  {
    rule: 'AWS-NET-004',
    name: 'public IPs on launch',
    fail: (s) => new Subnet(s, 'subnet', { vpcId: 'vpc-1', cidrBlock: '10.0.0.0/24', mapPublicIpOnLaunch: true }),
    pass: (s) => new Subnet(s, 'subnet', { vpcId: 'vpc-1', cidrBlock: '10.0.0.0/24' }),
  },
];

describe('AWS rules', () => {
  test('every AWS rule has at least one case', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    expect(AWS_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });
  ruleCases(CASES);
});
