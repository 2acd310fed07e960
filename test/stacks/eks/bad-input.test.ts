import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { main } from '../../../main';
import { configErrorOf, typedOf } from '../config-error-of';
import { eksExample } from './example';

interface BadCase {
  /** What is wrong. */
  readonly name: string;
  /** Turns the example config into the bad one. */
  readonly patch: (c: any) => void;
  /** Config field the error must name, as written in the file. */
  readonly field: string;
  /** Value the error carries. */
  readonly value: unknown;
  /** The value as the error shows it. @default as the file holds it ({@link typedOf}) */
  readonly typed?: string;
  /** Which check found it: the construct path, or `config` for the config's schema. */
  readonly at: RegExp;
  /** Words the message must contain. @default not checked */
  readonly says?: string;
}

const INFRA = /^spacelift-eks-infra$/;
/** Found by the config's schema (shape and types), before any construct runs. */
const SCHEMA = /^config$/;
const ARN_SESSION = 'arn:aws:sts::123456789012:assumed-role/admins/alice';

/** Invalid EKS configs; every one but the last few is about an AWS-specific field. */
const CASES: BadCase[] = [
  // region and zones
  { name: 'unknown region', patch: (c) => (c.aws.region = 'eu-west-9'), field: 'aws.region', value: 'eu-west-9', at: INFRA, says: 'the closest: eu-west-1, eu-west-2, eu-west-3' },
  { name: 'a zone given as the region', patch: (c) => (c.aws.region = 'eu-west-1a'), field: 'aws.region', value: 'eu-west-1a', at: INFRA },
  { name: 'zone of another region', patch: (c) => (c.aws.availabilityZones = ['eu-west-1a', 'eu-west-1b', 'us-east-1c']), field: 'aws.availabilityZones[2]', value: 'us-east-1c', at: /network$/ },
  { name: 'the same zone twice', patch: (c) => (c.aws.availabilityZones = ['eu-west-1a', 'eu-west-1a', 'eu-west-1b']), field: 'aws.availabilityZones[1]', value: 'eu-west-1a', at: /network$/ },
  { name: 'fewer zones than needed', patch: (c) => (c.aws.availabilityZones = ['eu-west-1a']), field: 'aws.availabilityZones', value: ['eu-west-1a'], at: /network$/ },
  { name: 'a region with two zones and none listed', patch: (c) => (c.aws.region = 'us-west-1'), field: 'aws.availabilityZones', value: undefined, at: /network$/ },
  { name: 'account id that is not 12 digits', patch: (c) => (c.aws.allowedAccountIds = ['1234']), field: 'aws.allowedAccountIds[0]', value: '1234', at: INFRA },
  // A message bus for an app that needs none (Spacelift queues in PostgreSQL)
  { name: 'Amazon MQ for an app without a message bus', patch: (c) => (c.messageBus = { provider: 'amazon-mq' }), field: 'messageBus.provider', value: 'amazon-mq', at: INFRA, says: 'Spacelift needs no message bus' },
  // CIDRs
  { name: 'VPC CIDR that is not a CIDR', patch: (c) => (c.network.vpcCidr = '10.50.0.0/33'), field: 'network.vpcCidr', value: '10.50.0.0/33', at: /network$/ },
  { name: 'VPC CIDR with host bits', patch: (c) => (c.network.vpcCidr = '10.50.0.1/16'), field: 'network.vpcCidr', value: '10.50.0.1/16', at: /network$/ },
  { name: 'subnet sizes that do not fit the VPC', patch: (c) => (c.network.vpcCidr = '10.50.0.0/20'), field: 'network.privateSubnetPrefixLength', value: 19, typed: '19 (the default)', at: /network$/ },
  { name: 'public subnet outside the VPC', patch: (c) => (c.network.publicSubnetCidrs = ['10.50.96.0/24', '10.50.97.0/24', '10.60.98.0/24']), field: 'network.publicSubnetCidrs[2]', value: '10.60.98.0/24', at: /network$/ },
  { name: 'service CIDR overlapping the VPC', patch: (c) => (c.cluster.serviceCidr = '10.50.0.0/16'), field: 'cluster.serviceCidr', value: '10.50.0.0/16', at: /cluster$/ },
  { name: 'open API endpoint without saying so', patch: (c) => (c.cluster.endpointPublicAccessCidrs = []), field: 'cluster.endpointPublicAccessCidrs', value: [], at: /cluster$/ },
  { name: 'API endpoint CIDR with host bits', patch: (c) => (c.cluster.endpointPublicAccessCidrs = ['203.0.113.7/24']), field: 'cluster.endpointPublicAccessCidrs[0]', value: '203.0.113.7/24', at: /cluster$/ },
  { name: 'API endpoint given as one address', patch: (c) => (c.cluster.endpointPublicAccessCidrs = ['203.0.113.7']), field: 'cluster.endpointPublicAccessCidrs[0]', value: '203.0.113.7', at: /cluster$/, says: 'a single address is written 203.0.113.7/32' },
  // bucket names
  { name: 'bucket prefix with capitals', patch: (c) => (c.storage = { bucketPrefix: 'Spacelift' }), field: 'storage.bucketPrefix', value: 'Spacelift', at: /storage$/ },
  { name: 'bucket prefix with the reserved xn-- start', patch: (c) => (c.storage = { bucketPrefix: 'xn--spacelift' }), field: 'storage.bucketPrefix', value: 'xn--spacelift', at: /storage$/ },
  { name: 'bucket prefix with a dot', patch: (c) => (c.storage = { bucketPrefix: 'acme.spacelift' }), field: 'storage.bucketPrefix', value: 'acme.spacelift', at: /storage$/ },
  { name: 'bucket prefix too long for the longest bucket', patch: (c) => (c.storage = { bucketPrefix: 'a'.repeat(40) }), field: 'storage.bucketPrefix', value: 'a'.repeat(40), at: /storage$/ },
  { name: 'state key prefix with a space', patch: (c) => (c.backend = { type: 's3', bucket: 'tfstate-1', keyPrefix: 'my states' }), field: 'backend.keyPrefix', value: 'my states', at: INFRA },
  { name: 'state bucket region that does not exist', patch: (c) => (c.backend = { type: 's3', bucket: 'tfstate-1', region: 'eu-middle-1' }), field: 'backend.region', value: 'eu-middle-1', at: INFRA },
  { name: 'state encryption key that is not a KMS ARN', patch: (c) => (c.backend = { type: 's3', bucket: 'tfstate-1', kmsKeyId: 'my-key' }), field: 'backend.kmsKeyId', value: 'my-key', at: INFRA },
  { name: 'state bucket name S3 rejects', patch: (c) => (c.backend = { type: 's3', bucket: 'TF_State' }), field: 'backend.bucket', value: 'TF_State', at: INFRA },
  // instance classes and types
  { name: 'RDS instance class without db.', patch: (c) => (c.postgres.instanceClass = 'm6g.large'), field: 'postgres.instanceClass', value: 'm6g.large', at: /postgres$/ },
  { name: 'node instance type of another cloud', patch: (c) => (c.cluster.nodeGroup.instanceTypes = ['Standard_D4ds_v5']), field: 'cluster.nodeGroup.instanceTypes[0]', value: 'Standard_D4ds_v5', at: /cluster$/ },
  { name: 'node instance types of two architectures', patch: (c) => (c.cluster.nodeGroup.instanceTypes = ['m6i.xlarge', 'm7g.xlarge']), field: 'cluster.nodeGroup.instanceTypes', value: ['m6i.xlarge', 'm7g.xlarge'], at: /cluster$/ },
  // versions
  { name: 'Kubernetes version EKS does not run', patch: (c) => (c.cluster.kubernetesVersion = '1.20'), field: 'cluster.kubernetesVersion', value: '1.20', at: /cluster$/ },
  { name: 'Kubernetes version past its EKS extended support', patch: (c) => (c.cluster.kubernetesVersion = '1.31'), field: 'cluster.kubernetesVersion', value: '1.31', at: /cluster$/ },
  { name: 'Kubernetes version with a patch number', patch: (c) => (c.cluster.kubernetesVersion = '1.34.1'), field: 'cluster.kubernetesVersion', value: '1.34.1', at: /cluster$/ },
  { name: 'PostgreSQL major Spacelift does not support', patch: (c) => (c.postgres.version = 12), field: 'postgres.version', value: 12, at: INFRA },
  { name: 'add-on version that is not an EKS build', patch: (c) => (c.cluster.addonVersions = { coredns: '1.11' }), field: 'cluster.addonVersions.coredns', value: '1.11', at: /cluster$/ },
  // counts, ARNs, retention
  { name: 'a single-node group', patch: (c) => (c.cluster.nodeGroup.minSize = 1), field: 'cluster.nodeGroup.minSize', value: 1, at: /cluster$/ },
  { name: 'max nodes below min nodes', patch: (c) => { c.cluster.nodeGroup.minSize = 4; c.cluster.nodeGroup.maxSize = 3; }, field: 'cluster.nodeGroup.maxSize', value: 3, at: /cluster$/ },
  { name: 'admin given as an assumed-role session', patch: (c) => (c.cluster.adminPrincipalArns = [ARN_SESSION]), field: 'cluster.adminPrincipalArns[0]', value: ARN_SESSION, at: /cluster$/ },
  { name: 'assumable role that is a wildcard', patch: (c) => (c.spacelift.assumableRoleArns = ['*']), field: 'spacelift.assumableRoleArns[0]', value: '*', typed: '"*"', at: /spacelift-server-identity$/ },
  { name: 'backups kept less than a week', patch: (c) => (c.postgres.backupRetentionDays = 3), field: 'postgres.backupRetentionDays', value: 3, at: /postgres$/ },
  { name: 'backups kept longer than RDS allows', patch: (c) => (c.postgres.backupRetentionDays = 60), field: 'postgres.backupRetentionDays', value: 60, at: /postgres$/ },
  { name: 'flow log retention CloudWatch does not offer', patch: (c) => (c.network.flowLogRetentionDays = 45), field: 'network.flowLogRetentionDays', value: 45, at: /network$/ },
  { name: 'Route 53 zone that does not hold the domain', patch: (c) => (c.dns = { zoneName: 'other.org' }), field: 'spacelift.domain', value: 'spacelift.example.com', at: /dns$/ },
  // fields every cloud shares
  { name: 'domain with a scheme', patch: (c) => (c.spacelift.domain = 'https://spacelift.example.com'), field: 'spacelift.domain', value: 'https://spacelift.example.com', at: INFRA },
  { name: 'reserved kube- namespace', patch: (c) => (c.kubernetes.namespace = 'kube-spacelift'), field: 'kubernetes.namespace', value: 'kube-spacelift', at: INFRA },
  { name: 'deployment name with capitals', patch: (c) => (c.name = 'SpaceLift'), field: 'name', value: 'SpaceLift', at: /eks-infra$/ },
  // shape errors from the config file
  { name: 'unknown config field', patch: (c) => (c.cluster.nodeCount = 3), field: 'cluster.nodeCount', value: 3, typed: 'nodeCount', at: SCHEMA },
  { name: 'wrong type: a Kubernetes version as a number', patch: (c) => (c.cluster.kubernetesVersion = 1.36), field: 'cluster.kubernetesVersion', value: 1.36, at: SCHEMA, says: 'quote it: kubernetesVersion: "1.36"' },
  { name: 'TLS mode libpq has but RDS forbids', patch: (c) => (c.postgres.tlsMode = 'disable'), field: 'postgres.tlsMode', value: 'disable', at: SCHEMA },
  { name: 'applyImmediately that is not a boolean', patch: (c) => (c.postgres.applyImmediately = 'yes'), field: 'postgres.applyImmediately', value: 'yes', at: SCHEMA },
  { name: 'Azure field in an EKS config', patch: (c) => (c.azure = { location: 'westeurope' }), field: 'azure', value: { location: 'westeurope' }, typed: 'azure', at: SCHEMA },
];

function writeConfig(patch: BadCase['patch']): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-eks-config-'));
  const file = path.join(dir, 'platform.config.yaml');
  const config = eksExample();
  patch(config);
  fs.writeFileSync(file, stringify(config));
  return file;
}

describe('bad EKS input fails at synth, names the field and value, and writes nothing', () => {
  test('every case proves something of its own: no two cases reject the same field with the same value at the same place', () => {
    const cases = CASES.map((c) => `${c.field} = ${JSON.stringify(c.value)} at ${c.at.source}`);
    expect(cases.filter((c, i) => cases.indexOf(c) !== i)).toEqual([]);
  });

  test.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const configPath = writeConfig(c.patch);
    const outdir = path.join(path.dirname(configPath), 'cdktf.out');
    const err = configErrorOf(() => main({ configPath, outdir }), c.field, c.typed ?? typedOf(c.value));
    expect(err.value).toEqual(c.value);
    expect(err.file).toBe(configPath);
    expect(err.construct?.path ?? 'config').toMatch(c.at);
    if (c.says) expect(err.message).toContain(c.says);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('the same harness writes both stacks for the unchanged example (so the checks above can fail)', () => {
    const configPath = writeConfig(() => undefined);
    const outdir = path.join(path.dirname(configPath), 'cdktf.out');
    main({ configPath, outdir });
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['spacelift-eks-infra', 'spacelift-eks-platform']);
  });
});
