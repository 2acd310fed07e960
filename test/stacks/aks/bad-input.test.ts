import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { main } from '../../../main';
import { SpaceliftAksConfig } from '../../../stacks/aks/spacelift-config';
import { exampleConfig, thrown } from '../../support/synth';
import { validationErrorOf } from '../../support/validation-matchers';
import { ConfigSyntaxError } from '../../../stacks/config-errors';
import { configErrorOf, typedOf } from '../config-error-of';

interface BadCase {
  /** What is wrong. */
  readonly name: string;
  /** Turns the example config into the bad one (or gives the raw file text). */
  readonly patch: ((c: any) => void) | string;
  /** Config field the error must name, as written in the file. */
  readonly field: string;
  /** Value the error carries. */
  readonly value: unknown;
  /** The value as the error shows it. @default as the file holds it ({@link typedOf}) */
  readonly typed?: string;
  /** Which check found it: the construct path, or `config` for the config's schema. */
  readonly at: RegExp;
}

const INFRA = /^spacelift-aks-infra$/;
/** Found by the config's schema (shape and types), before any construct runs. */
const SCHEMA = /^config$/;

const CASES: BadCase[] = [
  { name: 'domain with a scheme', patch: (c) => (c.spacelift.domain = 'https://spacelift.example.com'), field: 'spacelift.domain', value: 'https://spacelift.example.com', at: INFRA },
  { name: 'domain with one label', patch: (c) => (c.spacelift.domain = 'spacelift'), field: 'spacelift.domain', value: 'spacelift', at: INFRA },
  { name: 'namespace with capitals', patch: (c) => (c.kubernetes.namespace = 'Spacelift'), field: 'kubernetes.namespace', value: 'Spacelift', at: INFRA },
  { name: 'reserved kube- namespace', patch: (c) => (c.kubernetes.namespace = 'kube-spacelift'), field: 'kubernetes.namespace', value: 'kube-spacelift', at: INFRA },
  { name: 'service CIDR overlapping the VNet', patch: (c) => (c.cluster.serviceCidr = '10.40.128.0/17'), field: 'cluster.serviceCidr', value: '10.40.128.0/17', at: /cluster$/ },
  { name: 'pod CIDR overlapping the service CIDR', patch: (c) => { c.cluster.podCidr = '10.41.0.0/16'; }, field: 'cluster.serviceCidr', value: '10.41.0.0/16', typed: '"10.41.0.0/16" (the default)', at: /cluster$/ },
  { name: 'node subnet outside the VNet', patch: (c) => (c.network = { nodeSubnetCidr: '10.50.0.0/20' }), field: 'network.nodeSubnetCidr', value: '10.50.0.0/20', at: /network$/ },
  { name: 'subnets overlapping each other', patch: (c) => (c.network = { postgresSubnetCidr: '10.40.8.0/24' }), field: 'network.postgresSubnetCidr', value: '10.40.8.0/24', at: /network$/ },
  { name: 'CIDR with host bits', patch: (c) => (c.network = { addressSpace: '10.40.0.1/16' }), field: 'network.addressSpace', value: '10.40.0.1/16', at: /network$/ },
  { name: 'DNS service IP outside the service CIDR', patch: (c) => (c.cluster.dnsServiceIp = '10.99.0.10'), field: 'cluster.dnsServiceIp', value: '10.99.0.10', at: /cluster$/ },
  { name: 'unknown region', patch: (c) => (c.azure.location = 'westeurope2'), field: 'azure.location', value: 'westeurope2', at: /resource-group$/ },
  { name: 'zones in a region without zones', patch: (c) => { c.azure.location = 'westus'; c.cluster.systemPool.zones = ['1', '2']; }, field: 'cluster.systemPool.zones', value: ['1', '2'], at: /cluster$/ },
  { name: 'Kubernetes version AKS does not run', patch: (c) => (c.cluster.kubernetesVersion = '1.20'), field: 'cluster.kubernetesVersion', value: '1.20', at: /cluster$/ },
  { name: 'Kubernetes version that is not a version', patch: (c) => (c.cluster.kubernetesVersion = 'latest'), field: 'cluster.kubernetesVersion', value: 'latest', at: /cluster$/ },
  { name: 'PostgreSQL major Spacelift does not support', patch: (c) => (c.postgres.version = 12), field: 'postgres.version', value: 12, at: INFRA },
  { name: 'Spacelift version without v', patch: (c) => (c.spacelift.version = '4.0.0'), field: 'spacelift.version', value: '4.0.0', at: /spacelift$/ },
  { name: 'a single-node pool', patch: (c) => (c.cluster.systemPool.minCount = 1), field: 'cluster.systemPool.minCount', value: 1, at: /cluster$/ },
  { name: 'max nodes below min nodes', patch: (c) => { c.cluster.systemPool.minCount = 4; c.cluster.systemPool.maxCount = 3; }, field: 'cluster.systemPool.maxCount', value: 3, at: /cluster$/ },
  { name: 'malformed e-mail', patch: (c) => (c.kubernetes.certManager.email = 'platform-team'), field: 'kubernetes.certManager.email', value: 'platform-team', at: /cert-manager$/ },
  { name: 'open API server without saying so', patch: (c) => (c.cluster.apiServerAuthorizedIpRanges = []), field: 'cluster.apiServerAuthorizedIpRanges', value: [], at: /cluster$/ },
  { name: 'backups kept less than a week', patch: (c) => (c.postgres.backupRetentionDays = 3), field: 'postgres.backupRetentionDays', value: 3, at: /postgres$/ },
  { name: 'storage size Azure does not offer', patch: (c) => (c.postgres.storageMb = 50000), field: 'postgres.storageMb', value: 50000, at: /postgres$/ },
  { name: 'HA on a burstable SKU', patch: (c) => { c.postgres.highAvailability = true; c.postgres.sku = 'B_Standard_B2s'; }, field: 'postgres.sku', value: 'B_Standard_B2s', at: /postgres$/ },
  { name: 'deployment name with capitals', patch: (c) => (c.name = 'SpaceLift'), field: 'name', value: 'SpaceLift', at: /aks-infra$/ },
  { name: 'ingress chart version range', patch: (c) => (c.kubernetes.ingress.chartVersion = '~41.0'), field: 'kubernetes.ingress.chartVersion', value: '~41.0', at: /ingress$/ },
  { name: 'DNS zone that does not hold the domain', patch: (c) => (c.dns = { zoneName: 'other.org', zoneResourceGroup: 'dns' }), field: 'spacelift.domain', value: 'spacelift.example.com', at: /dns$/ },
  { name: 'subscription id that is not a GUID', patch: (c) => (c.azure.subscriptionId = 'my-subscription'), field: 'azure.subscriptionId', value: 'my-subscription', at: INFRA },
  { name: 'state storage account name Azure rejects', patch: (c) => (c.backend = { type: 'azurerm', resourceGroupName: 'tfstate', storageAccountName: 'TF-State', containerName: 'state' }), field: 'backend.storageAccountName', value: 'TF-State', at: INFRA },
  { name: 'state container name Azure rejects', patch: (c) => (c.backend = { type: 'azurerm', resourceGroupName: 'tfstate', storageAccountName: 'tfstate123', containerName: 'State_Files' }), field: 'backend.containerName', value: 'State_Files', at: INFRA },
  { name: 'state resource group name Azure rejects', patch: (c) => (c.backend = { type: 'azurerm', resourceGroupName: 'tf state.', storageAccountName: 'tfstate123', containerName: 'state' }), field: 'backend.resourceGroupName', value: 'tf state.', at: INFRA },
  { name: 'state subscription id that is not a GUID', patch: (c) => (c.backend = { type: 'azurerm', resourceGroupName: 'tfstate', storageAccountName: 'tfstate123', containerName: 'state', subscriptionId: 'state-sub' }), field: 'backend.subscriptionId', value: 'state-sub', at: INFRA },
  { name: 'state key prefix with a space', patch: (c) => (c.backend = { type: 'azurerm', resourceGroupName: 'tfstate', storageAccountName: 'tfstate123', containerName: 'state', keyPrefix: 'my states' }), field: 'backend.keyPrefix', value: 'my states', at: INFRA },
  { name: 'unknown config field', patch: (c) => (c.cluster.nodeCount = 3), field: 'cluster.nodeCount', value: 3, typed: 'nodeCount', at: SCHEMA },
  { name: 'wrong type: a number for a version', patch: (c) => (c.cluster.kubernetesVersion = 1.35), field: 'cluster.kubernetesVersion', value: 1.35, at: SCHEMA },
  { name: 'wrong type: a PostgreSQL major with a minor', patch: (c) => (c.postgres.version = '16.2'), field: 'postgres.version', value: '16.2', at: SCHEMA },
  { name: 'missing required field', patch: (c) => delete c.spacelift.domain, field: 'spacelift.domain', value: undefined, at: SCHEMA },
  { name: 'unknown kind', patch: (c) => (c.kind = 'spacelift-k3s'), field: 'kind', value: 'spacelift-k3s', at: SCHEMA },
];

function writeConfig(patch: BadCase['patch']): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-config-'));
  const file = path.join(dir, 'platform.config.yaml');
  if (typeof patch === 'string') {
    fs.writeFileSync(file, patch);
  } else {
    const config: SpaceliftAksConfig = exampleConfig();
    patch(config);
    fs.writeFileSync(file, stringify(config));
  }
  return file;
}

describe('bad input fails at synth, names the field and value, and writes nothing', () => {
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
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('no subscription in the config and no ARM_SUBSCRIPTION_ID: the error names both ways to give one', () => {
    const configPath = writeConfig((c) => delete c.azure.subscriptionId);
    const outdir = path.join(path.dirname(configPath), 'cdktf.out');
    const saved = process.env.ARM_SUBSCRIPTION_ID;
    delete process.env.ARM_SUBSCRIPTION_ID;
    try {
      const err = configErrorOf(() => main({ configPath, outdir }), 'azure.subscriptionId', '(missing)');
      expect(err.construct?.path).toBe('spacelift-aks-infra');
      expect(err.allowed).toContain('export ARM_SUBSCRIPTION_ID');
    } finally {
      if (saved !== undefined) process.env.ARM_SUBSCRIPTION_ID = saved;
    }
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('a config file that does not exist is named', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-config-'));
    const configPath = path.join(dir, 'nope.yaml');
    const outdir = path.join(dir, 'cdktf.out');
    validationErrorOf(() => main({ configPath, outdir }), 'PLATFORM_CONFIG', configPath);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test.each([
    ['a tab as indentation', 'kind: spacelift-aks\nname: x\nazure:\n  location: westeurope\n\tresourceGroup: rg\n', 5],
    ['a key given twice', 'kind: spacelift-aks\nname: x\nname: y\n', 3],
  ])('a YAML syntax error (%s) names the file, the line and the column, in the parser\'s words', (_what, text, line) => {
    const configPath = writeConfig(text);
    const outdir = path.join(path.dirname(configPath), 'cdktf.out');
    const err = thrown(() => main({ configPath, outdir }));
    expect(err).toBeInstanceOf(ConfigSyntaxError);
    expect(err.message.startsWith(`${configPath}:${line}:1: YAML syntax error: `)).toBe(true);
    expect(err.message).not.toContain('invalid');
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('the same harness writes both stacks for the unchanged example (so the checks above can fail)', () => {
    const configPath = writeConfig(() => undefined);
    const outdir = path.join(path.dirname(configPath), 'cdktf.out');
    main({ configPath, outdir });
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['spacelift-aks-infra', 'spacelift-aks-platform']);
  });
});
