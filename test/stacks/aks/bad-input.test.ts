import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { main } from '../../../main';
import { SpaceliftAksConfig } from '../../../stacks/aks/config';
import { exampleConfig, thrown } from '../../support/synth';
import { validationErrorOf } from '../../support/validation-matchers';

interface BadCase {
  /** What is wrong. */
  readonly name: string;
  /** Turns the example config into the bad one (or gives the raw file text). */
  readonly patch: ((c: any) => void) | string;
  /** Field the error must name. */
  readonly field: string;
  /** Value the error must show. */
  readonly value: unknown;
  /** Where the error must point (construct path or config file). */
  readonly at: RegExp;
}

const CASES: BadCase[] = [
  { name: 'domain with a scheme', patch: (c) => (c.spacelift.domain = 'https://spacelift.example.com'), field: 'spacelift.domain', value: 'https://spacelift.example.com', at: /^spacelift-aks-infra$/ },
  { name: 'domain with one label', patch: (c) => (c.spacelift.domain = 'spacelift'), field: 'spacelift.domain', value: 'spacelift', at: /^spacelift-aks-infra$/ },
  { name: 'namespace with capitals', patch: (c) => (c.kubernetes.namespace = 'Spacelift'), field: 'kubernetes.namespace', value: 'Spacelift', at: /^spacelift-aks-infra$/ },
  { name: 'reserved kube- namespace', patch: (c) => (c.kubernetes.namespace = 'kube-spacelift'), field: 'kubernetes.namespace', value: 'kube-spacelift', at: /^spacelift-aks-infra$/ },
  { name: 'service CIDR overlapping the VNet', patch: (c) => (c.cluster.serviceCidr = '10.40.128.0/17'), field: 'serviceCidr', value: '10.40.128.0/17', at: /cluster$/ },
  { name: 'pod CIDR overlapping the service CIDR', patch: (c) => { c.cluster.podCidr = '10.41.0.0/16'; }, field: 'serviceCidr', value: '10.41.0.0/16', at: /cluster$/ },
  { name: 'node subnet outside the VNet', patch: (c) => (c.network = { nodeSubnetCidr: '10.50.0.0/20' }), field: 'nodeSubnetCidr', value: '10.50.0.0/20', at: /network$/ },
  { name: 'subnets overlapping each other', patch: (c) => (c.network = { postgresSubnetCidr: '10.40.8.0/24' }), field: 'postgresSubnetCidr', value: '10.40.8.0/24', at: /network$/ },
  { name: 'CIDR with host bits', patch: (c) => (c.network = { addressSpace: '10.40.0.1/16' }), field: 'addressSpace', value: '10.40.0.1/16', at: /network$/ },
  { name: 'DNS service IP outside the service CIDR', patch: (c) => (c.cluster.dnsServiceIp = '10.99.0.10'), field: 'dnsServiceIp', value: '10.99.0.10', at: /cluster$/ },
  { name: 'unknown region', patch: (c) => (c.azure.location = 'westeurope2'), field: 'location', value: 'westeurope2', at: /resource-group$/ },
  { name: 'zones in a region without zones', patch: (c) => { c.azure.location = 'westus'; c.cluster.systemPool.zones = ['1', '2']; }, field: 'systemPool.zones', value: ['1', '2'], at: /cluster$/ },
  { name: 'Kubernetes version AKS does not run', patch: (c) => (c.cluster.kubernetesVersion = '1.20'), field: 'kubernetesVersion', value: '1.20', at: /cluster$/ },
  { name: 'Kubernetes version that is not a version', patch: (c) => (c.cluster.kubernetesVersion = 'latest'), field: 'kubernetesVersion', value: 'latest', at: /cluster$/ },
  { name: 'PostgreSQL major Spacelift does not support', patch: (c) => (c.postgres.version = 12), field: 'postgres.version', value: 12, at: /^spacelift-aks-infra$/ },
  { name: 'Spacelift version without v', patch: (c) => (c.spacelift.version = '4.0.0'), field: 'version', value: '4.0.0', at: /spacelift$/ },
  { name: 'a single-node pool', patch: (c) => (c.cluster.systemPool.minCount = 1), field: 'systemPool.minCount', value: 1, at: /cluster$/ },
  { name: 'max nodes below min nodes', patch: (c) => { c.cluster.systemPool.minCount = 4; c.cluster.systemPool.maxCount = 3; }, field: 'systemPool.maxCount', value: 3, at: /cluster$/ },
  { name: 'malformed e-mail', patch: (c) => (c.kubernetes.certManager.email = 'platform-team'), field: 'email', value: 'platform-team', at: /cert-manager$/ },
  { name: 'open API server without saying so', patch: (c) => (c.cluster.apiServerAuthorizedIpRanges = []), field: 'apiServerAuthorizedIpRanges', value: [], at: /cluster$/ },
  { name: 'backups kept less than a week', patch: (c) => (c.postgres.backupRetentionDays = 3), field: 'backupRetentionDays', value: 3, at: /postgres$/ },
  { name: 'storage size Azure does not offer', patch: (c) => (c.postgres.storageMb = 50000), field: 'storageMb', value: 50000, at: /postgres$/ },
  { name: 'HA on a burstable SKU', patch: (c) => { c.postgres.highAvailability = true; c.postgres.sku = 'B_Standard_B2s'; }, field: 'sku', value: 'B_Standard_B2s', at: /postgres$/ },
  { name: 'deployment name with capitals', patch: (c) => (c.name = 'SpaceLift'), field: 'name', value: 'SpaceLift', at: /aks-infra$/ },
  { name: 'ingress chart version range', patch: (c) => (c.kubernetes.ingress.chartVersion = '~41.0'), field: 'chartVersion', value: '~41.0', at: /ingress$/ },
  { name: 'DNS zone that does not hold the domain', patch: (c) => (c.dns = { zoneName: 'other.org', zoneResourceGroup: 'dns' }), field: 'fqdn', value: 'spacelift.example.com', at: /dns$/ },
  { name: 'subscription id that is not a GUID', patch: (c) => (c.azure.subscriptionId = 'my-subscription'), field: 'azure.subscriptionId', value: 'my-subscription', at: /^spacelift-aks-infra$/ },
  { name: 'state storage account name Azure rejects', patch: (c) => (c.backend = { type: 'azurerm', resourceGroupName: 'tfstate', storageAccountName: 'TF-State', containerName: 'state' }), field: 'backend.storageAccountName', value: 'TF-State', at: /^spacelift-aks-infra$/ },
  { name: 'state container name Azure rejects', patch: (c) => (c.backend = { type: 'azurerm', resourceGroupName: 'tfstate', storageAccountName: 'tfstate123', containerName: 'State_Files' }), field: 'backend.containerName', value: 'State_Files', at: /^spacelift-aks-infra$/ },
  { name: 'state resource group name Azure rejects', patch: (c) => (c.backend = { type: 'azurerm', resourceGroupName: 'tf state.', storageAccountName: 'tfstate123', containerName: 'state' }), field: 'backend.resourceGroupName', value: 'tf state.', at: /^spacelift-aks-infra$/ },
  { name: 'state subscription id that is not a GUID', patch: (c) => (c.backend = { type: 'azurerm', resourceGroupName: 'tfstate', storageAccountName: 'tfstate123', containerName: 'state', subscriptionId: 'state-sub' }), field: 'backend.subscriptionId', value: 'state-sub', at: /^spacelift-aks-infra$/ },
  { name: 'state key prefix with a space', patch: (c) => (c.backend = { type: 'azurerm', resourceGroupName: 'tfstate', storageAccountName: 'tfstate123', containerName: 'state', keyPrefix: 'my states' }), field: 'backend.keyPrefix', value: 'my states', at: /^spacelift-aks-infra$/ },
  { name: 'unknown config field', patch: (c) => (c.cluster.nodeCount = 3), field: 'cluster.nodeCount', value: 3, at: /^config / },
  { name: 'wrong type', patch: (c) => (c.postgres.version = '16'), field: 'postgres.version', value: '16', at: /^config / },
  { name: 'missing required field', patch: (c) => delete c.spacelift.domain, field: 'spacelift.domain', value: undefined, at: /^config / },
  { name: 'unknown kind', patch: (c) => (c.kind = 'spacelift-k3s'), field: 'kind', value: 'spacelift-k3s', at: /^config / },
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
    const err = validationErrorOf(() => main({ configPath, outdir }), c.field, c.value);
    expect(err.path).toMatch(c.at);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('no subscription in the config and no ARM_SUBSCRIPTION_ID: the error names both ways to give one', () => {
    const configPath = writeConfig((c) => delete c.azure.subscriptionId);
    const outdir = path.join(path.dirname(configPath), 'cdktf.out');
    const saved = process.env.ARM_SUBSCRIPTION_ID;
    delete process.env.ARM_SUBSCRIPTION_ID;
    try {
      const err = validationErrorOf(() => main({ configPath, outdir }), 'azure.subscriptionId', undefined);
      expect(err.path).toBe('spacelift-aks-infra');
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
  ])('a YAML syntax error (%s) names the file and the line', (_what, text, line) => {
    const configPath = writeConfig(text);
    const outdir = path.join(path.dirname(configPath), 'cdktf.out');
    const err = thrown(() => main({ configPath, outdir }));
    expect(err.message).toContain(configPath);
    expect(err.message).toMatch(new RegExp(`\\bline ${line}\\b`));
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('the same harness writes both stacks for the unchanged example (so the checks above can fail)', () => {
    const configPath = writeConfig(() => undefined);
    const outdir = path.join(path.dirname(configPath), 'cdktf.out');
    main({ configPath, outdir });
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['spacelift-aks-infra', 'spacelift-aks-platform']);
  });
});
