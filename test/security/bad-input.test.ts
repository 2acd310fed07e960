import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { TerraformLocal, TerraformStack } from 'cdktf';
import { stringify } from 'yaml';
import { main } from '../../main';
import { SpaceliftProfile, SpaceliftProfileProps } from '../../lib/apps/spacelift/profile';
import { spaceliftBuckets } from '../../lib/apps/spacelift/buckets';
import { AksCluster, AksClusterProps } from '../../lib/azure/cluster';
import { AzureDnsRecord } from '../../lib/azure/dns';
import { AzureWorkloadIdentity } from '../../lib/azure/identity';
import { AzureNetwork } from '../../lib/azure/network';
import { AzurePostgres, AzurePostgresProps } from '../../lib/azure/postgres';
import { AzureContainerRegistry } from '../../lib/azure/registry';
import { AzureResourceGroup } from '../../lib/azure/resource-group';
import { AzureStaticIp } from '../../lib/azure/static-ip';
import { AzureBlobStorage, AzureBlobStorageProps } from '../../lib/azure/storage';
import { publishSecret } from '../../lib/core/document';
import { shellExports } from '../../lib/core/encoders';
import { AZURE_NAMES, checkDeploymentName, checkName } from '../../lib/core/naming';
import { checkCidr, checkDomain, checkEmail, checkNamespace } from '../../lib/core/validation';
import { AppRelease, AppReleaseProps } from '../../lib/kubernetes/app-release';
import { CertManager } from '../../lib/kubernetes/cert-manager';
import { TraefikIngressController } from '../../lib/kubernetes/ingress/traefik';
import { AppNamespace } from '../../lib/kubernetes/namespace';
import { AppSecrets } from '../../lib/kubernetes/secrets';
import { enforcePolicies } from '../../lib/policy/aspect';
import { suppressPolicy } from '../../lib/policy/suppression';
import { spaceliftAks } from '../../stacks/aks';
import { SpaceliftAksConfig } from '../../stacks/aks/spacelift-config';
import { parseConfig } from '../../stacks/config-file';
import { NON_ZONAL_REGION, networkRef, resourceGroup } from '../azure/fixtures';
import { azureStack, exampleConfig, testApp } from '../support/synth';
import { validationErrorOf } from '../support/validation-matchers';
import { configErrorOf, typedOf } from '../stacks/config-error-of';

/**
 * Bad input across the public API: each row is one invalid input to a construct, a check, the policy pack or the
 * config. Each must fail at synth with one ValidationError whose message names where (construct path or config file),
 * the field, the value and what is allowed. Rows with a `config` also go through the app (main()), which must leave
 * no output folder and no staging folder behind.
 */
interface Row {
  readonly name: string;
  /** Runs the bad input in a fresh stack. */
  readonly run: (stack: TerraformStack) => unknown;
  readonly field: string;
  readonly value: unknown;
  /** Where the error points: construct path or config location. */
  readonly at: RegExp;
  /** What the error says is allowed. */
  readonly allowed: RegExp;
  /** The same mistake in a config file, for the main() check. @default none */
  readonly config?: (c: any) => void;
  /** The field the error names through the app: the config field as written in the file. @default field */
  readonly configField?: string;
}

const rg = () => resourceGroup();
const aks = (s: TerraformStack, over: Partial<AksClusterProps> = {}) =>
  new AksCluster(s, 'cluster', { resourceGroup: rg(), network: networkRef(), name: 'aks', apiServerAuthorizedIpRanges: ['203.0.113.0/24'], ...over });
const pg = (s: TerraformStack, over: Partial<AzurePostgresProps> = {}) =>
  new AzurePostgres(s, 'postgres', { resourceGroup: rg(), network: networkRef(), serverName: 'pg-abc123', version: 16, databaseName: 'app', ...over });
const blob = (s: TerraformStack, over: Partial<AzureBlobStorageProps> = {}) =>
  new AzureBlobStorage(s, 'storage', { resourceGroup: rg(), accountName: 'acct123456', containerPrefix: 'app', buckets: [{ purpose: 'states', keepsState: true }], ...over });
const ns = (s: TerraformStack) => new AppNamespace(s, 'ns', { name: 'app', dependsOn: [] });
const release = (s: TerraformStack, over: Partial<AppReleaseProps> = {}) =>
  new AppRelease(s, 'app', { name: 'app', chart: { chart: 'app', repository: 'https://charts.example.com', version: '1.0.0' }, namespace: ns(s), values: new TerraformLocal(s, 'values', {}), dependsOn: [], ...over });
const entryPoint = { ipAddress: '198.51.100.7', serviceAnnotations: {} };

function profileProps(over: Partial<SpaceliftProfileProps> = {}): SpaceliftProfileProps {
  const buckets = Object.fromEntries(spaceliftBuckets('x.example.com').map((b) => [b.purpose, `spacelift-${b.purpose}`]));
  return {
    domain: 'spacelift.example.com',
    namespace: 'spacelift',
    version: 'v4.0.0',
    registry: { name: 'reg', loginServer: 'reg.azurecr.io' },
    objectStore: { kind: 'azure-blob', endpoint: 'https://acct.blob.core.windows.net/', buckets },
    database: { host: 'db.internal', port: 5432, database: 'spacelift', username: 'pgadmin', password: 'pw', tlsMode: 'require', majorVersion: 16 },
    identity: { serviceAccount: { namespace: 'spacelift', name: 'spacelift-backend' }, serviceAccountAnnotations: {}, podLabels: {} },
    ingress: { className: 'traefik', clusterIssuer: 'letsencrypt-prod' },
    ...over,
  };
}
const profile = (s: TerraformStack, over: Partial<SpaceliftProfileProps> = {}) => new SpaceliftProfile(s, 'spacelift', profileProps(over));
const REASON = 'an accepted risk with a reason long enough';

function aksPair(patch: (c: SpaceliftAksConfig) => void) {
  const c = exampleConfig();
  patch(c);
  return spaceliftAks(testApp(), c);
}

const ROWS: Row[] = [
  // lib/core
  { name: 'domain with capitals', run: (s) => checkDomain(s, 'domain', 'Spacelift.Example.com'), field: 'domain', value: 'Spacelift.Example.com', at: /^test$/, allowed: /lower-case DNS name/ },
  { name: 'namespace reserved for the system', run: (s) => checkNamespace(s, 'namespace', 'kube-apps'), field: 'namespace', value: 'kube-apps', at: /^test$/, allowed: /not starting with "kube-"/ },
  { name: 'CIDR with host bits', run: (s) => checkCidr(s, 'cidr', '10.0.0.1/16'), field: 'cidr', value: '10.0.0.1/16', at: /^test$/, allowed: /no host bits/ },
  { name: 'deployment name with capitals', run: (s) => checkDeploymentName(s, 'name', 'Prod'), field: 'name', value: 'Prod', at: /^test$/, allowed: /lower-case letters/ },
  { name: 'storage account name with an underscore', run: (s) => checkName(s, 'accountName', 'my_acct', AZURE_NAMES.storageAccount), field: 'accountName', value: 'my_acct', at: /^test$/, allowed: /Azure storage account name/ },
  { name: 'e-mail without a domain', run: (s) => checkEmail(s, 'email', 'ops'), field: 'email', value: 'ops', at: /^test$/, allowed: /e-mail address/ },
  { name: 'shell variable name starting with a digit', run: (s) => shellExports(s, 'env', { '1X': 'v' }), field: 'env.1X', value: '1X', at: /^test$/, allowed: /shell variable name/ },
  // lib/azure
  { name: 'unknown Azure region', run: (s) => new AzureResourceGroup(s, 'rg', { name: 'rg', location: 'mars' }), field: 'location', value: 'mars', at: /^test\/rg$/, allowed: /one of "australiacentral"/ },
  { name: 'resource group name ending with a dot', run: (s) => new AzureResourceGroup(s, 'rg', { name: 'rg.', location: 'westeurope' }), field: 'name', value: 'rg.', at: /^test\/rg$/, allowed: /not ending with "."/ },
  { name: 'VNet smaller than /24', run: (s) => new AzureNetwork(s, 'net', { resourceGroup: rg(), name: 'n', addressSpace: '10.0.0.0/28' }), field: 'addressSpace', value: '10.0.0.0/28', at: /^test\/net$/, allowed: /\/8 to \/24/ },
  { name: 'database subnet outside the VNet', run: (s) => new AzureNetwork(s, 'net', { resourceGroup: rg(), name: 'n', postgresSubnetCidr: '10.99.0.0/24' }), field: 'postgresSubnetCidr', value: '10.99.0.0/24', at: /^test\/net$/, allowed: /inside addressSpace/ },
  { name: 'Kubernetes version AKS does not support', run: (s) => aks(s, { kubernetesVersion: '1.29' }), field: 'kubernetesVersion', value: '1.29', at: /^test\/cluster$/, allowed: /AKS supports/, config: (c) => (c.cluster.kubernetesVersion = '1.29'), configField: 'cluster.kubernetesVersion' },
  { name: 'public API server without authorized ranges', run: (s) => aks(s, { apiServerAuthorizedIpRanges: undefined }), field: 'apiServerAuthorizedIpRanges', value: [], at: /^test\/cluster$/, allowed: /privateCluster/ },
  { name: 'more than 250 pods per node', run: (s) => aks(s, { systemPool: { maxPods: 500 } }), field: 'systemPool.maxPods', value: 500, at: /^test\/cluster$/, allowed: /from 30 to 250/ },
  { name: 'single-node system pool', run: (s) => aks(s, { systemPool: { minCount: 1 } }), field: 'systemPool.minCount', value: 1, at: /^test\/cluster$/, allowed: /from 2 to 1000/, config: (c) => (c.cluster.systemPool.minCount = 1), configField: 'cluster.systemPool.minCount' },
  { name: 'pod CIDR overlapping the VNet', run: (s) => aks(s, { podCidr: '10.40.0.0/16' }), field: 'podCidr', value: '10.40.0.0/16', at: /^test\/cluster$/, allowed: /does not overlap network.addressSpace/ },
  { name: 'monitoring kept for a week only', run: (s) => aks(s, { monitoring: { retentionDays: 7 } }), field: 'monitoring.retentionDays', value: 7, at: /^test\/cluster$/, allowed: /from 30 to 730/, config: (c) => (c.cluster.monitoring = { retentionDays: 7 }), configField: 'cluster.monitoring.retentionDays' },
  { name: 'monitoring workspace that is not a workspace id', run: (s) => aks(s, { monitoring: { workspaceId: 'my-workspace' } }), field: 'monitoring.workspaceId', value: 'my-workspace', at: /^test\/cluster$/, allowed: /Log Analytics workspace/ },
  { name: 'monitoring off but a workspace given', run: (s) => aks(s, { monitoring: { enabled: false, retentionDays: 60 } }), field: 'monitoring.enabled', value: false, at: /^test\/cluster$/, allowed: /true when monitoring.workspaceId/ },
  { name: 'Defender without monitoring', run: (s) => aks(s, { defender: true, monitoring: { enabled: false } }), field: 'defender', value: true, at: /^test\/cluster$/, allowed: /monitoring is off/, config: (c) => Object.assign(c.cluster, { defender: true, monitoring: { enabled: false } }), configField: 'cluster.defender' },
  { name: 'Entra ID admin group that is not a GUID', run: (s) => aks(s, { entraId: { adminGroupObjectIds: ['admins'] } }), field: 'entraId.adminGroupObjectIds[0]', value: 'admins', at: /^test\/cluster$/, allowed: /GUID/ },
  { name: 'maintenance window of two hours', run: (s) => aks(s, { maintenanceWindow: { durationHours: 2 } }), field: 'maintenanceWindow.durationHours', value: 2, at: /^test\/cluster$/, allowed: /from 4 to 24/ },
  { name: 'PostgreSQL 12', run: (s) => pg(s, { version: 12 }), field: 'version', value: 12, at: /^test\/postgres$/, allowed: /one of 14, 15, 16, 17/ },
  { name: 'reserved administrator login', run: (s) => pg(s, { administratorLogin: 'admin' }), field: 'administratorLogin', value: 'admin', at: /^test\/postgres$/, allowed: /a login other than/ },
  { name: 'backups kept 40 days', run: (s) => pg(s, { backupRetentionDays: 40 }), field: 'backupRetentionDays', value: 40, at: /^test\/postgres$/, allowed: /from 7 to 35/, config: (c) => (c.postgres.backupRetentionDays = 40), configField: 'postgres.backupRetentionDays' },
  { name: 'HA in a region without zones', run: (s) => pg(s, { resourceGroup: resourceGroup(NON_ZONAL_REGION), highAvailability: true }), field: 'highAvailability', value: true, at: /^test\/postgres$/, allowed: /no availability zones/ },
  { name: 'storage size Azure does not offer', run: (s) => pg(s, { storageMb: 1000 }), field: 'storageMb', value: 1000, at: /^test\/postgres$/, allowed: /one of 32768/ },
  { name: 'storage account name with capitals', run: (s) => blob(s, { accountName: 'Acct123' }), field: 'accountName', value: 'Acct123', at: /^test\/storage$/, allowed: /lower-case letters and digits/ },
  { name: 'soft delete of zero days', run: (s) => blob(s, { softDeleteDays: 0 }), field: 'softDeleteDays', value: 0, at: /^test\/storage$/, allowed: /from 1 to 365/, config: (c) => (c.storage = { softDeleteDays: 0 }), configField: 'storage.softDeleteDays' },
  { name: 'zone-redundant storage without zones', run: (s) => blob(s, { resourceGroup: resourceGroup(NON_ZONAL_REGION), replication: 'ZRS' }), field: 'replication', value: 'ZRS', at: /^test\/storage$/, allowed: /LRS, GRS or RAGRS/ },
  { name: 'bucket purpose twice', run: (s) => blob(s, { buckets: [{ purpose: 'states', keepsState: true }, { purpose: 'states', keepsState: false }] }), field: 'buckets', value: 'states', at: /^test\/storage$/, allowed: /each purpose once/ },
  { name: 'untagged retention on a Basic registry', run: (s) => new AzureContainerRegistry(s, 'acr', { resourceGroup: rg(), name: 'acr123', sku: 'Basic', untaggedRetentionDays: 3 }), field: 'untaggedRetentionDays', value: 3, at: /^test\/acr$/, allowed: /unset unless sku is "Premium"/ },
  { name: 'registry name with a hyphen', run: (s) => new AzureContainerRegistry(s, 'acr', { resourceGroup: rg(), name: 'my-acr' }), field: 'name', value: 'my-acr', at: /^test\/acr$/, allowed: /letters and digits/ },
  {
    name: 'workload identity for a service account in a kube- namespace',
    run: (s) => new AzureWorkloadIdentity(s, 'id', { resourceGroup: rg(), name: 'app', oidcIssuerUrl: 'https://issuer', serviceAccount: { namespace: 'kube-system', name: 'app' }, grants: {} }),
    field: 'serviceAccount.namespace',
    value: 'kube-system',
    at: /^test\/id$/,
    allowed: /Kubernetes namespace/,
  },
  { name: 'static IP name starting with a hyphen', run: (s) => new AzureStaticIp(s, 'ip', { resourceGroup: rg(), name: '-ip', clusterPrincipalId: 'p' }), field: 'name', value: '-ip', at: /^test\/ip$/, allowed: /starting with a letter or digit/ },
  { name: 'DNS record outside its zone', run: (s) => new AzureDnsRecord(s, 'dns', { zoneName: 'example.com', zoneResourceGroupName: 'dns', fqdn: 'app.example.org', targetResourceId: 'x' }), field: 'fqdn', value: 'app.example.org', at: /^test\/dns$/, allowed: /inside the zone example.com/ },
  { name: 'DNS TTL of five seconds', run: (s) => new AzureDnsRecord(s, 'dns', { zoneName: 'example.com', zoneResourceGroupName: 'dns', fqdn: 'app.example.com', targetResourceId: 'x', ttl: 5 }), field: 'ttl', value: 5, at: /^test\/dns$/, allowed: /from 30 to 86400/ },
  // lib/kubernetes
  { name: 'namespace reserved for the system (AppNamespace)', run: (s) => new AppNamespace(s, 'ns', { name: 'kube-apps', dependsOn: [] }), field: 'name', value: 'kube-apps', at: /^test\/ns$/, allowed: /not starting with "kube-"/ },
  { name: 'unknown Pod Security level', run: (s) => new AppNamespace(s, 'ns', { name: 'app', podSecurity: 'strict' as never, dependsOn: [] }), field: 'podSecurity', value: 'strict', at: /^test\/ns$/, allowed: /"privileged", "baseline", "restricted"/ },
  { name: 'chart version "latest"', run: (s) => release(s, { chart: { chart: 'app', repository: 'https://charts.example.com', version: 'latest' } }), field: 'chart.version', value: 'latest', at: /^test\/app$/, allowed: /exact chart version/ },
  { name: 'chart repository over plain HTTP', run: (s) => release(s, { chart: { chart: 'app', repository: 'http://charts.example.com', version: '1.0.0' } }), field: 'chart.repository', value: 'http://charts.example.com', at: /^test\/app$/, allowed: /https:\/\/ or oci:\/\// },
  { name: 'release timeout of ten seconds', run: (s) => release(s, { timeoutSeconds: 10 }), field: 'timeoutSeconds', value: 10, at: /^test\/app$/, allowed: /from 60 to 7200/ },
  { name: 'ACME e-mail without a domain', run: (s) => new CertManager(s, 'cm', { email: 'ops', ingressClassName: 'traefik', dependsOn: [] }), field: 'email', value: 'ops', at: /^test\/cm$/, allowed: /e-mail address/, config: (c) => (c.kubernetes.certManager.email = 'ops'), configField: 'kubernetes.certManager.email' },
  { name: 'nine cert-manager replicas', run: (s) => new CertManager(s, 'cm', { email: 'ops@example.com', ingressClassName: 'traefik', replicas: 9, dependsOn: [] }), field: 'replicas', value: 9, at: /^test\/cm$/, allowed: /from 1 to 5/ },
  { name: 'ingress controller with no replicas', run: (s) => new TraefikIngressController(s, 'traefik', { entryPoint, dependsOn: [], replicas: 0 }), field: 'replicas', value: 0, at: /^test\/traefik$/, allowed: /from 1 to 20/, config: (c) => (c.kubernetes.ingress = { replicas: 0 }), configField: 'kubernetes.ingress.replicas' },
  { name: 'ingress chart version range', run: (s) => new TraefikIngressController(s, 'traefik', { entryPoint, dependsOn: [], chartVersion: '^41.0.0' }), field: 'chartVersion', value: '^41.0.0', at: /^test\/traefik$/, allowed: /exact chart version/ },
  {
    name: 'Secret for another namespace',
    run: (s) => new AppSecrets(s, 'secrets', { namespace: ns(s), secrets: [publishSecret(s, 'x', { name: 'x', namespace: 'other', stringData: {} })], dependsOn: [] }),
    field: 'secrets.x.namespace',
    value: 'other',
    at: /^test\/secrets$/,
    allowed: /the app namespace "app"/,
  },
  // lib/apps
  { name: 'Spacelift version without v', run: (s) => profile(s, { version: '4.0.0' }), field: 'version', value: '4.0.0', at: /^test\/spacelift$/, allowed: /v4\.0\.0/, config: (c) => (c.spacelift.version = '4.0.0'), configField: 'spacelift.version' },
  { name: 'Spacelift domain with a scheme', run: (s) => profile(s, { domain: 'https://spacelift.example.com' }), field: 'domain', value: 'https://spacelift.example.com', at: /^test\/spacelift$/, allowed: /lower-case DNS name/ },
  { name: 'drain concurrency zero', run: (s) => profile(s, { drainConcurrency: { events: 0 } }), field: 'drainConcurrency.events', value: 0, at: /^test\/spacelift$/, allowed: /from 1 to 100/, config: (c) => (c.spacelift.drainConcurrency = { events: 0 }), configField: 'spacelift.drainConcurrency.events' },
  { name: 'public API over plain HTTP', run: (s) => profile(s, { publicApi: 'http://app.spacelift.io' }), field: 'publicApi', value: 'http://app.spacelift.io', at: /^test\/spacelift$/, allowed: /https:\/\// },
  { name: 'VCS gateway on the Spacelift domain', run: (s) => profile(s, { vcsGatewayDomain: 'spacelift.example.com' }), field: 'vcsGatewayDomain', value: 'spacelift.example.com', at: /^test\/spacelift$/, allowed: /other than the Spacelift domain/ },
  { name: 'admin user name with a space', run: (s) => profile(s, { adminUsername: 'site admin' }), field: 'adminUsername', value: 'site admin', at: /^test\/spacelift$/, allowed: /1-64 letters/ },
  // lib/policy
  {
    name: 'suppression of an unknown rule',
    run: (s) => suppressPolicy(new StorageContainer(s, 'c', { name: 'c', storageAccountId: 'x' }), 'AZ-ST-042', REASON),
    field: 'ruleId',
    value: 'AZ-ST-042',
    at: /^test\/c$/,
    allowed: /rule of the policy pack/,
  },
  {
    name: 'suppression without a real reason',
    run: (s) => suppressPolicy(new StorageContainer(s, 'c', { name: 'c', storageAccountId: 'x' }), 'AZ-ST-009', 'n/a'),
    field: 'reason',
    value: 'n/a',
    at: /^test\/c$/,
    allowed: /at least 20 characters/,
  },
  {
    name: 'suppression of a path that names nothing',
    run: (s) => enforcePolicies(s, { suppressions: [{ rule: 'AZ-ST-009', resource: 'test/nothing', reason: REASON }] }),
    field: 'suppressions[0].resource',
    value: 'test/nothing',
    at: /^test$/,
    allowed: /construct path of a resource/,
  },
  // stacks and config files
  { name: 'config of an unknown kind', run: () => parseConfig({ kind: 'spacelift-ecs' }), field: 'kind', value: 'spacelift-ecs', at: /^config$/, allowed: /"spacelift-aks"/, config: (c) => (c.kind = 'spacelift-ecs') },
  { name: 'config field that does not exist', run: () => parseConfig({ ...exampleConfig(), clusterr: {} }), field: 'clusterr', value: {}, at: /^config$/, allowed: /no such field/, config: (c) => (c.clusterr = {}) },
  { name: 'config field of the wrong type', run: () => parseConfig({ ...exampleConfig(), allowDestroy: 'yes' }), field: 'allowDestroy', value: 'yes', at: /^config$/, allowed: /boolean/, config: (c) => (c.allowDestroy = 'yes') },
  {
    name: 'config suppression of an unknown rule',
    run: () => aksPair((c) => (c.policy = { suppressions: [{ rule: 'AZ-AKS-100', resource: 'spacelift-aks-infra/cluster/cluster', reason: REASON }] })),
    field: 'policy.suppressions[0].rule',
    value: 'AZ-AKS-100',
    at: /^spacelift-aks-infra$/,
    allowed: /rule of the policy pack/,
    config: (c) => (c.policy = { suppressions: [{ rule: 'AZ-AKS-100', resource: 'spacelift-aks-infra/cluster/cluster', reason: REASON }] }),
  },
  {
    name: 'config suppression of a resource that does not exist',
    run: () => aksPair((c) => (c.policy = { suppressions: [{ rule: 'AZ-AKS-009', resource: 'spacelift-aks-infra/clusterr', reason: REASON }] })),
    field: 'policy.suppressions[0].resource',
    value: 'spacelift-aks-infra/clusterr',
    at: /^spacelift-aks-infra$/,
    allowed: /spacelift-aks-infra or spacelift-aks-platform/,
    config: (c) => (c.policy = { suppressions: [{ rule: 'AZ-AKS-009', resource: 'spacelift-aks-infra/clusterr', reason: REASON }] }),
  },
  {
    name: 'config suppression with a one-word reason',
    run: () => aksPair((c) => (c.policy = { suppressions: [{ rule: 'AZ-AKS-009', resource: 'spacelift-aks-infra/cluster/cluster', reason: 'cost' }] })),
    field: 'policy.suppressions[0].reason',
    value: 'cost',
    at: /^spacelift-aks-infra$/,
    allowed: /at least 20 characters/,
  },
];

function writeConfig(patch: (c: any) => void): { configPath: string; outdir: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-input-'));
  const config = exampleConfig() as any;
  patch(config);
  const configPath = path.join(dir, 'platform.config.yaml');
  fs.writeFileSync(configPath, stringify(config));
  return { configPath, outdir: path.join(dir, 'cdktf.out'), dir };
}

/** Nothing named like the output folder (the output, or a staging folder next to it) exists. */
function leftovers(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.startsWith('cdktf.out'));
}

describe('bad input across the public API', () => {
  test('every row proves something of its own: no two rows have the same name, or the same field with the same value', () => {
    expect(new Set(ROWS.map((r) => r.name)).size).toBe(ROWS.length);
    const cases = ROWS.map((r) => `${r.field} = ${JSON.stringify(r.value)} at ${r.at.source}`);
    expect(cases.filter((c, i) => cases.indexOf(c) !== i)).toEqual([]);
  });

  test.each(ROWS.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const err = validationErrorOf(() => row.run(azureStack()), row.field, row.value);
    expect(err.path).toMatch(row.at);
    expect(err.allowed).toMatch(row.allowed);
  });

  test.each(ROWS.filter((r) => r.config).map((r) => [r.name, r] as const))('through the app, %s leaves no output', (_name, row) => {
    const { configPath, outdir, dir } = writeConfig(row.config!);
    // Through the app the error names the field as the config file has it (`cluster.systemPool.minCount` for the
    // construct's `systemPool.minCount`) and the value as typed there; a field that does not exist, by its name.
    const typed = row.allowed.test('no such field') ? row.field : typedOf(row.value);
    const err = configErrorOf(() => main({ configPath, outdir }), row.configField ?? row.field, typed);
    expect(err.value).toEqual(row.value);
    expect(leftovers(dir)).toEqual([]);
  });

  test('a policy finding in a config (no suppression) fails the synth with the rule and the path, and leaves no output', () => {
    const { configPath, outdir, dir } = writeConfig((c) => (c.cluster.skuTier = 'Free'));
    expect(() => main({ configPath, outdir })).toThrow(/policy AZ-AKS-009 \(medium\) failed at spacelift-aks-infra\/cluster\/cluster/);
    expect(leftovers(dir)).toEqual([]);
  });

  test('the same config with the finding suppressed, with a reason, synthesizes and records the suppression', () => {
    const { configPath, outdir } = writeConfig((c) => {
      c.cluster.skuTier = 'Free';
      c.policy = { suppressions: [{ rule: 'AZ-AKS-009', resource: 'spacelift-aks-infra/cluster/cluster', reason: 'a throwaway test cluster that needs no uptime SLA' }] };
    });
    main({ configPath, outdir });
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'spacelift-aks-infra', 'cdk.tf.json'), 'utf8'));
    const cluster = Object.values(json.resource.azurerm_kubernetes_cluster)[0] as any;
    expect(cluster['//'].policy.suppressed['AZ-AKS-009']).toMatchObject({ reason: 'a throwaway test cluster that needs no uptime SLA', by: 'user' });
  });
});

