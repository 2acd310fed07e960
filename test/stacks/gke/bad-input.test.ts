import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { main } from '../../../main';
import { configErrorOf, typedOf } from '../config-error-of';
import { gkeExampleConfig } from './fixtures';

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

const INFRA = /^spacelift-gke-infra$/;
/** Found by the config's schema (shape and types), before any construct runs. */
const SCHEMA = /^config$/;

/** Google-specific mistakes first (project, region, names, ranges, versions, sizes), then the generic shape checks. */
const CASES: BadCase[] = [
  { name: 'project id too short', patch: (c) => (c.google.project = 'proj'), field: 'google.project', value: 'proj', at: INFRA, says: '6 to 30 characters' },
  { name: 'project id with capitals', patch: (c) => (c.google.project = 'My-Project'), field: 'google.project', value: 'My-Project', at: INFRA },
  { name: 'project number instead of id', patch: (c) => (c.google.project = '123456789012'), field: 'google.project', value: '123456789012', at: INFRA },
  { name: 'project id with a reserved word', patch: (c) => (c.google.project = 'google-spacelift'), field: 'google.project', value: 'google-spacelift', at: INFRA, says: 'Google reserves' },
  { name: 'a zone given as region', patch: (c) => (c.google.region = 'europe-west1-b'), field: 'google.region', value: 'europe-west1-b', at: INFRA, says: 'a region, not a zone' },
  { name: 'unknown region', patch: (c) => (c.google.region = 'europe-west99'), field: 'google.region', value: 'europe-west99', at: INFRA, says: 'the closest: europe-west9, europe-west1, europe-west10' },
  { name: 'an Azure location as region', patch: (c) => (c.google.region = 'westeurope'), field: 'google.region', value: 'westeurope', at: INFRA },
  { name: 'label key with capitals', patch: (c) => (c.google.labels = { Team: 'platform' }), field: 'google.labels.Team', value: 'Team', at: INFRA },
  { name: 'deployment name that makes bucket names start with "goog"', patch: (c) => (c.name = 'googly'), field: 'name', value: 'googly-deliveries', typed: 'googly (which makes buckets[0].purpose "googly-deliveries")', at: /storage$/, says: 'goog' },
  { name: 'deployment name that puts "google" in bucket names', patch: (c) => (c.name = 'my-google'), field: 'name', value: 'my-google-deliveries', typed: 'my-google (which makes buckets[0].purpose "my-google-deliveries")', at: /storage$/ },
  { name: 'state bucket with a reserved prefix', patch: (c) => (c.backend = { type: 'gcs', bucket: 'goog-tfstate' }), field: 'backend.bucket', value: 'goog-tfstate', at: INFRA },
  { name: 'state bucket with capitals', patch: (c) => (c.backend = { type: 'gcs', bucket: 'TF_State' }), field: 'backend.bucket', value: 'TF_State', at: INFRA },
  { name: 'state prefix with a space', patch: (c) => (c.backend = { type: 'gcs', bucket: 'acme-tfstate', prefix: 'my states' }), field: 'backend.prefix', value: 'my states', at: INFRA },
  { name: 'subnet CIDR with host bits', patch: (c) => (c.network = { subnetCidr: '10.40.0.1/20' }), field: 'network.subnetCidr', value: '10.40.0.1/20', at: /network$/ },
  { name: 'pods range overlapping the subnet', patch: (c) => (c.network = { podsCidr: '10.40.0.0/14' }), field: 'network.podsCidr', value: '10.40.0.0/14', at: /network$/ },
  { name: 'Services range overlapping private service access', patch: (c) => (c.network = { servicesCidr: '10.60.0.0/20' }), field: 'network.privateServiceAccessCidr', value: '10.60.0.0/16', typed: '"10.60.0.0/16" (the default)', at: /network$/ },
  { name: 'private service access range too small for Cloud SQL', patch: (c) => (c.network = { privateServiceAccessCidr: '10.60.0.0/26' }), field: 'network.privateServiceAccessCidr', value: '10.60.0.0/26', at: /network$/ },
  { name: 'control-plane range that is not a /28', patch: (c) => (c.cluster.masterIpv4CidrBlock = '172.16.0.0/24'), field: 'cluster.masterIpv4CidrBlock', value: '172.16.0.0/24', at: /cluster$/ },
  { name: 'control-plane range inside the node subnet', patch: (c) => (c.cluster.masterIpv4CidrBlock = '10.40.15.240/28'), field: 'cluster.masterIpv4CidrBlock', value: '10.40.15.240/28', at: /cluster$/ },
  { name: 'Kubernetes version GKE does not run', patch: (c) => (c.cluster.kubernetesVersion = '1.20'), field: 'cluster.kubernetesVersion', value: '1.20', at: /cluster$/ },
  { name: 'AKS-style patch version', patch: (c) => (c.cluster.kubernetesVersion = '1.33.2'), field: 'cluster.kubernetesVersion', value: '1.33.2', at: /cluster$/ },
  { name: 'Kubernetes minor only the Extended channel still serves, on Regular', patch: (c) => (c.cluster.kubernetesVersion = '1.33'), field: 'cluster.kubernetesVersion', value: '1.33', at: /cluster$/, says: 'releaseChannel EXTENDED serves it' },
  { name: 'no release channel', patch: (c) => (c.cluster.releaseChannel = 'UNSPECIFIED'), field: 'cluster.releaseChannel', value: 'UNSPECIFIED', at: /cluster$/, says: 'not offered' },
  { name: 'release channel in lower case', patch: (c) => (c.cluster.releaseChannel = 'regular'), field: 'cluster.releaseChannel', value: 'regular', at: /cluster$/ },
  { name: 'open control plane without saying so', patch: (c) => (c.cluster.masterAuthorizedNetworks = []), field: 'cluster.masterAuthorizedNetworks', value: [], at: /cluster$/ },
  { name: 'a single-node pool', patch: (c) => (c.cluster.nodePool.minNodes = 1), field: 'cluster.nodePool.minNodes', value: 1, at: /cluster$/ },
  { name: 'max nodes below min nodes', patch: (c) => { c.cluster.nodePool.minNodes = 4; c.cluster.nodePool.maxNodes = 3; }, field: 'cluster.nodePool.maxNodes', value: 3, at: /cluster$/ },
  { name: 'shared-core machine type', patch: (c) => (c.cluster.nodePool.machineType = 'e2-small'), field: 'cluster.nodePool.machineType', value: 'e2-small', at: /cluster$/ },
  { name: 'node pool settings with Autopilot', patch: (c) => (c.cluster.autopilot = true), field: 'cluster.nodePool', value: { machineType: 'e2-standard-4', minNodes: 3, maxNodes: 6 }, at: /cluster$/ },
  { name: 'maintenance windows under 48 hours a month', patch: (c) => (c.cluster.maintenanceWindow = { days: ['SU'], durationHours: 6 }), field: 'cluster.maintenanceWindow.durationHours', value: 6, at: /cluster$/, says: '48 hours' },
  { name: 'PostgreSQL major Spacelift does not support', patch: (c) => (c.postgres.version = 12), field: 'postgres.version', value: 12, at: INFRA },
  { name: 'Azure SKU as Cloud SQL tier', patch: (c) => (c.postgres.tier = 'GP_Standard_D2ds_v5'), field: 'postgres.tier', value: 'GP_Standard_D2ds_v5', at: /postgres$/ },
  { name: 'custom tier with an odd vCPU count', patch: (c) => (c.postgres.tier = 'db-custom-3-7680'), field: 'postgres.tier', value: 'db-custom-3-7680', at: /postgres$/ },
  { name: 'Enterprise Plus on a custom tier', patch: (c) => (c.postgres.edition = 'ENTERPRISE_PLUS'), field: 'postgres.tier', value: 'db-custom-2-7680', at: /postgres$/ },
  { name: 'two weeks of point-in-time recovery on Enterprise', patch: (c) => (c.postgres.pointInTimeRecoveryDays = 14), field: 'postgres.pointInTimeRecoveryDays', value: 14, at: /postgres$/ },
  { name: 'max_connections below what Spacelift opens', patch: (c) => (c.postgres.maxConnections = 100), field: 'postgres.maxConnections', value: 100, at: /postgres$/, says: 'at least 200' },
  { name: 'verify-full against the private IP', patch: (c) => (c.postgres.tlsMode = 'verify-full'), field: 'postgres.tlsMode', value: 'verify-full', at: SCHEMA },
  { name: 'a TLS mode with IAM auth (the proxy holds TLS)', patch: (c) => { c.postgres.iamAuth = true; c.postgres.tlsMode = 'require'; }, field: 'postgres.tlsMode', value: 'require', at: INFRA },
  { name: 'Cloud SQL proxy image without IAM auth', patch: (c) => (c.postgres.cloudSqlProxyImage = 'gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.21.0'), field: 'postgres.cloudSqlProxyImage', value: 'gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.21.0', at: INFRA },
  { name: 'DNS name given as managed zone name', patch: (c) => (c.dns = { managedZone: 'example.com' }), field: 'dns.managedZone', value: 'example.com', at: /dns$/ },
  { name: 'DNS zone that does not hold the domain', patch: (c) => (c.dns = { managedZone: 'other-org', zoneDnsName: 'other.org' }), field: 'spacelift.domain', value: 'spacelift.example.com', at: /dns$/ },
  { name: 'domain with a scheme', patch: (c) => (c.spacelift.domain = 'https://spacelift.example.com'), field: 'spacelift.domain', value: 'https://spacelift.example.com', at: INFRA },
  { name: 'Spacelift version without v', patch: (c) => (c.spacelift.version = '4.0.0'), field: 'spacelift.version', value: '4.0.0', at: /spacelift$/ },
  { name: 'unknown config field', patch: (c) => (c.cluster.nodeCount = 3), field: 'cluster.nodeCount', value: 3, typed: 'nodeCount', at: SCHEMA },
  { name: 'an AKS field in a GKE config', patch: (c) => (c.azure = { location: 'westeurope' }), field: 'azure', value: { location: 'westeurope' }, typed: 'azure', at: SCHEMA },
  { name: 'wrong type', patch: (c) => (c.postgres.iamAuth = 'yes'), field: 'postgres.iamAuth', value: 'yes', at: SCHEMA },
  { name: 'missing project', patch: (c) => delete c.google.project, field: 'google.project', value: undefined, at: SCHEMA },
];

function writeConfig(patch: BadCase['patch']): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-gke-config-'));
  const file = path.join(dir, 'platform.config.yaml');
  const config = gkeExampleConfig();
  patch(config);
  fs.writeFileSync(file, stringify(config));
  return file;
}

describe('bad GKE input fails at synth, names the field and value, and writes nothing', () => {
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
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['spacelift-gke-infra', 'spacelift-gke-platform']);
  });
});
