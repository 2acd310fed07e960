import { ArtifactRegistryRepository, ArtifactRegistryRepositoryConfig } from '@cdktf/provider-google/lib/artifact-registry-repository';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { ComputeFirewall, ComputeFirewallConfig } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeSubnetwork, ComputeSubnetworkConfig } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ContainerCluster, ContainerClusterConfig } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool, ContainerNodePoolConfig } from '@cdktf/provider-google/lib/container-node-pool';
import { KmsCryptoKey, KmsCryptoKeyConfig } from '@cdktf/provider-google/lib/kms-crypto-key';
import { ProjectIamBinding } from '@cdktf/provider-google/lib/project-iam-binding';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { SecretManagerSecret, SecretManagerSecretConfig } from '@cdktf/provider-google/lib/secret-manager-secret';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { SqlDatabaseInstance, SqlDatabaseInstanceConfig } from '@cdktf/provider-google/lib/sql-database-instance';
import { StorageBucket, StorageBucketConfig } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamBinding } from '@cdktf/provider-google/lib/storage-bucket-iam-binding';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { checkPolicies } from '../../../lib/policy/aspect';
import { GCP_RULES } from '../../../lib/policy/rules/gcp';
import { buildDeployment } from '../../../stacks/deployments';
import { SpaceliftGkeConfig } from '../../../stacks/gke/spacelift-config';
import { gkeConfigWith } from '../../stacks/gke/fixtures';
import { RuleCase, merge, ruleCases } from '../support';

const NODE_SA = 'gke-nodes@project.iam.gserviceaccount.com';

const GOOD_GKE: ContainerClusterConfig = {
  name: 'gke',
  location: 'europe-west1',
  enableAutopilot: true,
  deletionProtection: true,
  releaseChannel: { channel: 'REGULAR' },
  privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: false },
  masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: '203.0.113.0/24', displayName: 'office' }] },
  clusterAutoscaling: { autoProvisioningDefaults: { serviceAccount: NODE_SA } },
};
const gke = (patch?: unknown) => (s: TerraformStack) => new ContainerCluster(s, 'gke', merge(GOOD_GKE, patch));

/** A Standard (not Autopilot) cluster with its own node settings. */
const STANDARD: unknown = {
  enableAutopilot: undefined,
  clusterAutoscaling: undefined,
  datapathProvider: 'ADVANCED_DATAPATH',
  workloadIdentityConfig: { workloadPool: 'project.svc.id.goog' },
  nodeConfig: {
    serviceAccount: NODE_SA,
    imageType: 'COS_CONTAINERD',
    workloadMetadataConfig: { mode: 'GKE_METADATA' },
    shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
  },
};
const standard = (patch?: unknown) => gke(merge(STANDARD, patch));

const GOOD_POOL: ContainerNodePoolConfig = {
  name: 'pool',
  cluster: 'projects/p/locations/europe-west1/clusters/gke',
  location: 'europe-west1',
  autoscaling: { totalMinNodeCount: 3, totalMaxNodeCount: 6 },
  management: { autoRepair: true, autoUpgrade: true },
  nodeConfig: {
    serviceAccount: NODE_SA,
    imageType: 'COS_CONTAINERD',
    workloadMetadataConfig: { mode: 'GKE_METADATA' },
    shieldedInstanceConfig: { enableSecureBoot: true },
  },
};
const nodePool = (patch?: unknown) => (s: TerraformStack) => new ContainerNodePool(s, 'pool', merge(GOOD_POOL, patch));

/** The audit flags GCP-SQL-006 asks for, as Cloud SQL takes them. */
const AUDIT_FLAGS: Record<string, string> = {
  log_connections: 'on',
  log_disconnections: 'on',
  log_lock_waits: 'on',
  log_checkpoints: 'on',
  log_temp_files: '0',
  log_min_error_statement: 'error',
  log_min_duration_statement: '-1',
};
const flagList = (patch: Record<string, string | undefined> = {}) =>
  Object.entries({ ...AUDIT_FLAGS, ...patch })
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([name, value]) => ({ name, value }));

const GOOD_SQL: SqlDatabaseInstanceConfig = {
  name: 'db',
  databaseVersion: 'POSTGRES_16',
  region: 'europe-west1',
  deletionProtection: true,
  settings: {
    tier: 'db-custom-2-7680',
    deletionProtectionEnabled: true,
    ipConfiguration: { ipv4Enabled: false, privateNetwork: 'projects/p/global/networks/n', sslMode: 'ENCRYPTED_ONLY' },
    backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true, backupRetentionSettings: { retainedBackups: 14 } },
    databaseFlags: flagList(),
  },
};
const sql = (patch?: unknown) => (s: TerraformStack) => new SqlDatabaseInstance(s, 'db', merge(GOOD_SQL, patch));
const sqlFlags = (patch: Record<string, string | undefined>) => sql({ settings: { databaseFlags: flagList(patch) } });

const GOOD_BUCKET: StorageBucketConfig = {
  name: 'states',
  location: 'EU',
  uniformBucketLevelAccess: true,
  publicAccessPrevention: 'enforced',
  versioning: { enabled: true },
};
const bucket = (patch?: unknown) => (s: TerraformStack) => new StorageBucket(s, 'bucket', merge(GOOD_BUCKET, patch));

const GOOD_REPO: ArtifactRegistryRepositoryConfig = {
  repositoryId: 'r',
  location: 'europe-west1',
  format: 'DOCKER',
  dockerConfig: { immutableTags: true },
  cleanupPolicyDryRun: false,
  cleanupPolicies: [{ id: 'delete-untagged', action: 'DELETE', condition: { tagState: 'UNTAGGED', olderThan: '604800s' } }],
};
const repo = (patch?: unknown) => (s: TerraformStack) => new ArtifactRegistryRepository(s, 'r', merge(GOOD_REPO, patch));

const GOOD_KEY: KmsCryptoKeyConfig = { name: 'key', keyRing: 'projects/p/locations/europe/keyRings/r', rotationPeriod: '7776000s', lifecycle: { preventDestroy: true } };
const kmsKey = (patch?: unknown) => (s: TerraformStack) => new KmsCryptoKey(s, 'key', merge(GOOD_KEY, patch));

const GOOD_SUBNET: ComputeSubnetworkConfig = {
  name: 'nodes',
  network: 'projects/p/global/networks/n',
  region: 'europe-west1',
  ipCidrRange: '10.40.0.0/20',
  privateIpGoogleAccess: true,
  logConfig: { aggregationInterval: 'INTERVAL_10_MIN', flowSampling: 0.5 },
};
const subnet = (patch?: unknown) => (s: TerraformStack) => new ComputeSubnetwork(s, 'subnet', merge(GOOD_SUBNET, patch));

const GOOD_FIREWALL: ComputeFirewallConfig = {
  name: 'web',
  network: 'projects/p/global/networks/n',
  sourceRanges: ['0.0.0.0/0'],
  allow: [{ protocol: 'tcp', ports: ['80', '443'] }],
};
const firewall = (patch?: unknown) => (s: TerraformStack) => new ComputeFirewall(s, 'fw', merge(GOOD_FIREWALL, patch));

const projectRole = (role: string, member = `serviceAccount:${NODE_SA}`) => (s: TerraformStack) => new ProjectIamMember(s, 'm', { project: 'p', role, member });

/** Roles GCP-IAM-001 refuses on a whole project: the basic roles and those that act as or manage service accounts. */
const PROJECT_WIDE_ROLES = [
  'roles/owner',
  'roles/editor',
  'roles/viewer',
  'roles/iam.serviceAccountUser',
  'roles/iam.serviceAccountTokenCreator',
  'roles/iam.serviceAccountOpenIdTokenCreator',
  'roles/iam.workloadIdentityUser',
  'roles/iam.serviceAccountAdmin',
  'roles/iam.serviceAccountKeyAdmin',
  'roles/iam.securityAdmin',
];

const GOOD_SM_SECRET: SecretManagerSecretConfig = { secretId: 'escrow', replication: { auto: {} }, deletionProtection: true };
const smSecret = (patch?: unknown) => (s: TerraformStack) => new SecretManagerSecret(s, 'secret', merge(GOOD_SM_SECRET, patch));

const CASES: RuleCase[] = [
  // GKE control plane and nodes
  { rule: 'GCP-GKE-001', name: 'no authorized networks (unset: any address)', fail: gke({ masterAuthorizedNetworksConfig: undefined }), pass: gke(), message: /any address/ },
  ...['0.0.0.0/0', '::/0'].map(
    (cidr): RuleCase => ({
      rule: 'GCP-GKE-001',
      name: `authorized networks with ${cidr}`,
      fail: gke({ masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: '203.0.113.0/24' }, { cidrBlock: cidr }] } }),
      pass: gke({ masterAuthorizedNetworksConfig: undefined, privateClusterConfig: { enablePrivateEndpoint: true } }),
      message: new RegExp(cidr.replace(/[./:]/g, '\\$&')),
    }),
  ),
  { rule: 'GCP-GKE-001', name: 'every Google Cloud address allowed', fail: gke({ masterAuthorizedNetworksConfig: { gcpPublicCidrsAccessEnabled: true } }), pass: gke({ masterAuthorizedNetworksConfig: undefined, controlPlaneEndpointsConfig: { ipEndpointsConfig: { enabled: false } } }) },
  { rule: 'GCP-GKE-002', name: 'public nodes', fail: gke({ privateClusterConfig: { enablePrivateNodes: false } }), pass: gke() },
  { rule: 'GCP-GKE-002', name: 'private nodes unset (the default is public)', fail: gke({ privateClusterConfig: { enablePrivateNodes: undefined } }), pass: gke() },
  { rule: 'GCP-GKE-002', name: 'no private_cluster_config at all', fail: gke({ privateClusterConfig: undefined }), pass: gke() },
  { rule: 'GCP-GKE-002', name: 'a node pool that opts out of private nodes', fail: nodePool({ networkConfig: { enablePrivateNodes: false } }), pass: nodePool({ networkConfig: { enablePrivateNodes: true } }) },
  { rule: 'GCP-GKE-003', name: 'a Standard cluster without network policy (unset)', fail: standard({ datapathProvider: undefined }), pass: standard({ datapathProvider: undefined, networkPolicy: { enabled: true } }) },
  { rule: 'GCP-GKE-003', name: 'the legacy data plane with network policy off', fail: standard({ datapathProvider: 'LEGACY_DATAPATH', networkPolicy: { enabled: false } }), pass: standard() },
  { rule: 'GCP-GKE-004', name: 'a Standard cluster without Workload Identity (unset)', fail: standard({ workloadIdentityConfig: undefined }), pass: standard() },
  { rule: 'GCP-GKE-005', name: 'legacy ABAC', fail: gke({ enableLegacyAbac: true }), pass: gke({ enableLegacyAbac: false }) },
  { rule: 'GCP-GKE-006', name: 'a client certificate', fail: gke({ masterAuth: { clientCertificateConfig: { issueClientCertificate: true } } }), pass: gke({ masterAuth: { clientCertificateConfig: { issueClientCertificate: false } } }) },
  { rule: 'GCP-GKE-007', name: 'logging off', fail: gke({ loggingService: 'none' }), pass: gke({ loggingService: 'logging.googleapis.com/kubernetes' }) },
  { rule: 'GCP-GKE-007', name: 'monitoring off', fail: gke({ monitoringService: 'none' }), pass: gke({ monitoringService: 'monitoring.googleapis.com/kubernetes' }) },
  { rule: 'GCP-GKE-007', name: 'no logging component', fail: gke({ loggingConfig: { enableComponents: [] } }), pass: gke({ loggingConfig: { enableComponents: ['SYSTEM_COMPONENTS', 'WORKLOADS'] } }) },
  { rule: 'GCP-GKE-008', name: 'no release channel (unset)', fail: gke({ releaseChannel: undefined }), pass: gke({ releaseChannel: { channel: 'STABLE' } }) },
  { rule: 'GCP-GKE-008', name: 'release channel UNSPECIFIED', fail: gke({ releaseChannel: { channel: 'UNSPECIFIED' } }), pass: gke() },
  { rule: 'GCP-GKE-009', name: 'shielded nodes off', fail: gke({ enableShieldedNodes: false }), pass: gke() },
  { rule: 'GCP-GKE-010', name: 'deletion protection off', fail: gke({ deletionProtection: false }), pass: gke({ deletionProtection: undefined }) },
  { rule: 'GCP-GKE-011', name: 'a zonal cluster', fail: gke({ location: 'europe-west1-b' }), pass: gke() },
  { rule: 'GCP-GKE-012', name: 'auto-repair off', fail: nodePool({ management: { autoRepair: false } }), pass: nodePool({ management: undefined }) },
  { rule: 'GCP-GKE-012', name: 'auto-upgrade off', fail: nodePool({ management: { autoUpgrade: false } }), pass: nodePool() },
  { rule: 'GCP-GKE-013', name: 'an Ubuntu node pool', fail: nodePool({ nodeConfig: { imageType: 'UBUNTU_CONTAINERD' } }), pass: nodePool({ nodeConfig: { imageType: undefined } }) },
  { rule: 'GCP-GKE-013', name: "an Ubuntu default pool on a Standard cluster", fail: standard({ nodeConfig: { imageType: 'UBUNTU_CONTAINERD' } }), pass: standard() },
  { rule: 'GCP-GKE-014', name: 'a node pool on the Compute Engine default service account', fail: nodePool({ nodeConfig: { serviceAccount: '1234-compute@developer.gserviceaccount.com' } }), pass: nodePool() },
  { rule: 'GCP-GKE-014', name: 'a node pool on service account "default"', fail: nodePool({ nodeConfig: { serviceAccount: 'default' } }), pass: nodePool() },
  { rule: 'GCP-GKE-014', name: 'a node pool without a service account (unset: the default one)', fail: nodePool({ nodeConfig: { serviceAccount: undefined } }), pass: nodePool() },
  { rule: 'GCP-GKE-014', name: 'Autopilot nodes on the default service account (unset)', fail: gke({ clusterAutoscaling: undefined }), pass: gke() },
  { rule: 'GCP-GKE-014', name: "a Standard cluster's default pool without a service account", fail: standard({ nodeConfig: { serviceAccount: undefined } }), pass: standard({ removeDefaultNodePool: true, nodeConfig: { serviceAccount: undefined } }) },
  { rule: 'GCP-GKE-015', name: 'GCE metadata exposed to pods', fail: nodePool({ nodeConfig: { workloadMetadataConfig: { mode: 'GCE_METADATA' } } }), pass: nodePool() },
  { rule: 'GCP-GKE-015', name: 'metadata mode MODE_UNSPECIFIED', fail: nodePool({ nodeConfig: { workloadMetadataConfig: { mode: 'MODE_UNSPECIFIED' } } }), pass: nodePool() },
  {
    rule: 'GCP-GKE-015',
    name: 'a node pool of a cluster without Workload Identity (unset)',
    fail: (s) => {
      const c = standard({ workloadIdentityConfig: undefined, removeDefaultNodePool: true })(s);
      new ContainerNodePool(s, 'pool', merge(GOOD_POOL, { cluster: c.id, nodeConfig: { workloadMetadataConfig: undefined } }));
    },
    pass: (s) => {
      const c = standard({ removeDefaultNodePool: true })(s);
      new ContainerNodePool(s, 'pool', merge(GOOD_POOL, { cluster: c.id, nodeConfig: { workloadMetadataConfig: undefined } }));
    },
  },
  { rule: 'GCP-GKE-016', name: 'no secure boot', fail: nodePool({ nodeConfig: { shieldedInstanceConfig: { enableSecureBoot: false } } }), pass: nodePool() },
  { rule: 'GCP-GKE-016', name: 'secure boot unset (the default is off)', fail: nodePool({ nodeConfig: { shieldedInstanceConfig: undefined } }), pass: nodePool() },
  { rule: 'GCP-GKE-016', name: 'integrity monitoring off', fail: nodePool({ nodeConfig: { shieldedInstanceConfig: { enableIntegrityMonitoring: false } } }), pass: nodePool({ nodeConfig: { shieldedInstanceConfig: { enableIntegrityMonitoring: true } } }), message: /integrity/ },
  { rule: 'GCP-GKE-017', name: 'an alpha cluster', fail: gke({ enableKubernetesAlpha: true }), pass: gke({ enableKubernetesAlpha: false }) },
  { rule: 'GCP-GKE-018', name: 'a routes-based cluster', fail: standard({ networkingMode: 'ROUTES' }), pass: standard({ networkingMode: 'VPC_NATIVE' }) },
  { rule: 'GCP-GKE-019', name: 'an autoscaler minimum of one node', fail: nodePool({ autoscaling: { totalMinNodeCount: 1 } }), pass: nodePool() },
  { rule: 'GCP-GKE-019', name: 'autoscaling without a minimum (unset: 0)', fail: nodePool({ autoscaling: { totalMinNodeCount: undefined, totalMaxNodeCount: undefined, maxNodeCount: 3 } }), pass: nodePool({ autoscaling: { totalMinNodeCount: undefined, totalMaxNodeCount: undefined, minNodeCount: 1, maxNodeCount: 3 } }) },
  { rule: 'GCP-GKE-019', name: 'one node in one zone', fail: nodePool({ location: 'europe-west1-b', autoscaling: undefined, nodeCount: 1 }), pass: nodePool({ location: 'europe-west1-b', autoscaling: undefined, nodeCount: 2 }) },
  { rule: 'GCP-GKE-019', name: 'a zonal pool without a node count (unset: 1)', fail: nodePool({ location: 'europe-west1-b', autoscaling: undefined }), pass: nodePool({ autoscaling: undefined }) },
  { rule: 'GCP-GKE-019', name: 'one node per zone in one listed zone', fail: nodePool({ nodeLocations: ['europe-west1-b'], autoscaling: { totalMinNodeCount: undefined, totalMaxNodeCount: undefined, minNodeCount: 1, maxNodeCount: 3 } }), pass: nodePool({ nodeLocations: ['europe-west1-b', 'europe-west1-c'], autoscaling: { totalMinNodeCount: undefined, totalMaxNodeCount: undefined, minNodeCount: 1, maxNodeCount: 3 } }) },
  {
    rule: 'GCP-GKE-019',
    name: "a pool without a location takes its cluster's (a zonal cluster)",
    fail: (s) => {
      const c = standard({ location: 'europe-west1-b', removeDefaultNodePool: true })(s);
      new ContainerNodePool(s, 'pool', merge(GOOD_POOL, { cluster: c.id, location: undefined, autoscaling: undefined, nodeCount: 1 }));
    },
    pass: (s) => {
      const c = standard({ removeDefaultNodePool: true })(s);
      new ContainerNodePool(s, 'pool', merge(GOOD_POOL, { cluster: c.id, location: undefined, autoscaling: undefined, nodeCount: 1 }));
    },
  },

  // Cloud SQL
  { rule: 'GCP-SQL-001', name: 'a public IPv4 address (unset: the default)', fail: sql({ settings: { ipConfiguration: { ipv4Enabled: undefined } } }), pass: sql() },
  { rule: 'GCP-SQL-001', name: 'a public IPv4 address (explicit)', fail: sql({ settings: { ipConfiguration: { ipv4Enabled: true } } }), pass: sql() },
  { rule: 'GCP-SQL-002', name: 'ssl_mode unset (Cloud SQL then accepts unencrypted connections)', fail: sql({ settings: { ipConfiguration: { sslMode: undefined } } }), pass: sql(), message: /not set/ },
  { rule: 'GCP-SQL-002', name: 'unencrypted connections allowed', fail: sql({ settings: { ipConfiguration: { sslMode: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED' } } }), pass: sql({ settings: { ipConfiguration: { sslMode: 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED' } } }) },
  { rule: 'GCP-SQL-002', name: 'ssl_mode SSL_MODE_UNSPECIFIED', fail: sql({ settings: { ipConfiguration: { sslMode: 'SSL_MODE_UNSPECIFIED' } } }), pass: sql() },
  { rule: 'GCP-SQL-003', name: 'no backup configuration (unset: no backups)', fail: sql({ settings: { backupConfiguration: undefined } }), pass: sql(), message: /backups are off/ },
  { rule: 'GCP-SQL-003', name: 'backups off', fail: sql({ settings: { backupConfiguration: { enabled: false } } }), pass: sql() },
  { rule: 'GCP-SQL-003', name: 'no point-in-time recovery', fail: sql({ settings: { backupConfiguration: { pointInTimeRecoveryEnabled: false } } }), pass: sql(), message: /point-in-time/ },
  { rule: 'GCP-SQL-003', name: 'point-in-time recovery unset on Enterprise (off by default)', fail: sql({ settings: { backupConfiguration: { pointInTimeRecoveryEnabled: undefined } } }), pass: sql({ settings: { edition: 'ENTERPRISE_PLUS', backupConfiguration: { pointInTimeRecoveryEnabled: undefined } } }), message: /point-in-time/ },
  { rule: 'GCP-SQL-003', name: 'three backups kept', fail: sql({ settings: { backupConfiguration: { backupRetentionSettings: { retainedBackups: 3 } } } }), pass: sql({ settings: { backupConfiguration: { backupRetentionSettings: undefined } } }) },
  { rule: 'GCP-SQL-004', name: 'deletion protection off', fail: sql({ deletionProtection: false }), pass: sql({ deletionProtection: undefined }) },
  { rule: 'GCP-SQL-004', name: 'API deletion protection unset (the default is off)', fail: sql({ settings: { deletionProtectionEnabled: undefined } }), pass: sql(), message: /console, gcloud or the API/ },
  { rule: 'GCP-SQL-004', name: 'API deletion protection off', fail: sql({ settings: { deletionProtectionEnabled: false } }), pass: sql() },
  ...['0.0.0.0/0', '::/0'].map(
    (cidr): RuleCase => ({
      rule: 'GCP-SQL-005',
      name: `an authorized network of ${cidr}`,
      fail: sql({ settings: { ipConfiguration: { authorizedNetworks: [{ name: 'all', value: cidr }] } } }),
      pass: sql({ settings: { ipConfiguration: { authorizedNetworks: [{ name: 'office', value: '203.0.113.0/24' }] } } }),
    }),
  ),
  { rule: 'GCP-SQL-006', name: 'no database flags (unset: nothing audited)', fail: sql({ settings: { databaseFlags: undefined } }), pass: sql(), message: /log_connections is not set/ },
  ...['log_connections', 'log_disconnections', 'log_lock_waits', 'log_checkpoints'].flatMap((flag): RuleCase[] => [
    { rule: 'GCP-SQL-006', name: `${flag} off`, fail: sqlFlags({ [flag]: 'off' }), pass: sql(), message: new RegExp(`${flag} is off`) },
    { rule: 'GCP-SQL-006', name: `${flag} unset`, fail: sqlFlags({ [flag]: undefined }), pass: sql(), message: new RegExp(`${flag} is not set`) },
  ]),
  { rule: 'GCP-SQL-006', name: 'log_temp_files unset (-1)', fail: sqlFlags({ log_temp_files: undefined }), pass: sql(), message: /log_temp_files/ },
  { rule: 'GCP-SQL-006', name: 'log_temp_files -1', fail: sqlFlags({ log_temp_files: '-1' }), pass: sql() },
  { rule: 'GCP-SQL-006', name: 'log_temp_files only above 1 MB', fail: sqlFlags({ log_temp_files: '1024' }), pass: sql() },
  { rule: 'GCP-SQL-006', name: 'statements logged by duration', fail: sqlFlags({ log_min_duration_statement: '0' }), pass: sqlFlags({ log_min_duration_statement: undefined }), message: /log_min_duration_statement/ },
  ...['log', 'fatal', 'panic'].map(
    (level): RuleCase => ({ rule: 'GCP-SQL-006', name: `log_min_error_statement ${level}`, fail: sqlFlags({ log_min_error_statement: level }), pass: sqlFlags({ log_min_error_statement: undefined }), message: /log_min_error_statement/ }),
  ),
  { rule: 'GCP-SQL-006', name: 'a MySQL instance is not checked', fail: sql({ settings: { databaseFlags: undefined } }), pass: sql({ databaseVersion: 'MYSQL_8_0', settings: { databaseFlags: undefined } }) },

  // Cloud Storage
  { rule: 'GCP-GCS-001', name: 'object ACLs', fail: bucket({ uniformBucketLevelAccess: false }), pass: bucket() },
  { rule: 'GCP-GCS-001', name: 'uniform access unset (the default is off)', fail: bucket({ uniformBucketLevelAccess: undefined }), pass: bucket() },
  { rule: 'GCP-GCS-002', name: 'public access prevention inherited', fail: bucket({ publicAccessPrevention: 'inherited' }), pass: bucket() },
  { rule: 'GCP-GCS-002', name: 'public access prevention unset (inherited)', fail: bucket({ publicAccessPrevention: undefined }), pass: bucket() },
  { rule: 'GCP-GCS-003', name: 'force_destroy', fail: bucket({ forceDestroy: true }), pass: bucket({ forceDestroy: false }) },
  { rule: 'GCP-GCS-004', name: 'a bucket that keeps data, versioning unset (off)', fail: bucket({ versioning: undefined }), pass: bucket() },
  { rule: 'GCP-GCS-004', name: 'a bucket that keeps data, versioning off', fail: bucket({ versioning: { enabled: false } }), pass: bucket() },
  {
    rule: 'GCP-GCS-004',
    name: 'a bucket only for data that expires by age needs no versions',
    fail: bucket({ versioning: undefined, lifecycleRule: [{ action: { type: 'Delete' }, condition: { age: 2, matchesPrefix: ['tmp/'] } }] }),
    pass: bucket({ versioning: undefined, lifecycleRule: [{ action: { type: 'Delete' }, condition: { age: 2 } }] }),
  },
  {
    rule: 'GCP-GCS-005',
    name: 'allUsers on a bucket',
    fail: (s) => new StorageBucketIamMember(s, 'm', { bucket: 'states', role: 'roles/storage.objectViewer', member: 'allUsers' }),
    pass: (s) => new StorageBucketIamMember(s, 'm', { bucket: 'states', role: 'roles/storage.objectAdmin', member: `serviceAccount:${NODE_SA}` }),
  },
  {
    rule: 'GCP-GCS-005',
    name: 'allAuthenticatedUsers in a binding',
    fail: (s) => new StorageBucketIamBinding(s, 'b', { bucket: 'states', role: 'roles/storage.objectViewer', members: [`serviceAccount:${NODE_SA}`, 'allAuthenticatedUsers'] }),
    pass: (s) => new StorageBucketIamBinding(s, 'b', { bucket: 'states', role: 'roles/storage.objectViewer', members: [`serviceAccount:${NODE_SA}`] }),
  },
  { rule: 'GCP-GCS-006', name: 'soft delete turned off', fail: bucket({ softDeletePolicy: { retentionDurationSeconds: 0 } }), pass: bucket({ softDeletePolicy: { retentionDurationSeconds: 604800 } }) },

  // Artifact Registry
  ...['allUsers', 'allAuthenticatedUsers'].map(
    (member): RuleCase => ({
      rule: 'GCP-AR-001',
      name: `a repository readable by ${member}`,
      fail: (s) => new ArtifactRegistryRepositoryIamMember(s, 'm', { repository: 'r', location: 'europe', role: 'roles/artifactregistry.reader', member }),
      pass: (s) => new ArtifactRegistryRepositoryIamMember(s, 'm', { repository: 'r', location: 'europe', role: 'roles/artifactregistry.reader', member: `serviceAccount:${NODE_SA}` }),
    }),
  ),
  { rule: 'GCP-AR-002', name: 'mutable Docker tags (unset: the default)', fail: repo({ dockerConfig: undefined }), pass: repo() },
  { rule: 'GCP-AR-002', name: 'mutable Docker tags (explicit)', fail: repo({ dockerConfig: { immutableTags: false } }), pass: repo() },
  { rule: 'GCP-AR-003', name: 'no cleanup policy (unset)', fail: repo({ cleanupPolicies: undefined }), pass: repo() },
  { rule: 'GCP-AR-003', name: 'only a KEEP policy', fail: repo({ cleanupPolicies: [{ id: 'keep', action: 'KEEP', mostRecentVersions: { keepCount: 10 } }] }), pass: repo() },
  { rule: 'GCP-AR-003', name: 'cleanup in dry-run mode', fail: repo({ cleanupPolicyDryRun: true }), pass: repo({ cleanupPolicyDryRun: undefined }) },

  // Cloud KMS
  { rule: 'GCP-KMS-001', name: 'a key that never rotates (unset)', fail: kmsKey({ rotationPeriod: undefined }), pass: kmsKey({ rotationPeriod: undefined, purpose: 'ASYMMETRIC_SIGN' }) },
  { rule: 'GCP-KMS-001', name: 'a yearly rotation', fail: kmsKey({ rotationPeriod: '31536000s' }), pass: kmsKey() },
  { rule: 'GCP-KMS-002', name: 'a key without prevent_destroy (unset)', fail: kmsKey({ lifecycle: undefined }), pass: kmsKey() },
  { rule: 'GCP-KMS-002', name: 'a key with prevent_destroy false', fail: kmsKey({ lifecycle: { preventDestroy: false } }), pass: kmsKey() },

  // Secret Manager
  { rule: 'GCP-SM-001', name: 'a secret without deletion protection (unset)', fail: smSecret({ deletionProtection: undefined }), pass: smSecret() },
  { rule: 'GCP-SM-001', name: 'deletion protection false', fail: smSecret({ deletionProtection: false }), pass: smSecret() },

  // Networks
  { rule: 'GCP-NET-001', name: 'a subnetwork without flow logs (unset)', fail: subnet({ logConfig: undefined }), pass: subnet() },
  { rule: 'GCP-NET-001', name: 'a proxy-only subnetwork needs no flow logs', fail: subnet({ logConfig: undefined, purpose: 'PRIVATE' }), pass: subnet({ logConfig: undefined, purpose: 'REGIONAL_MANAGED_PROXY', role: 'ACTIVE', privateIpGoogleAccess: undefined }) },
  { rule: 'GCP-NET-002', name: 'Private Google Access unset (the default is off)', fail: subnet({ privateIpGoogleAccess: undefined }), pass: subnet() },
  { rule: 'GCP-NET-002', name: 'Private Google Access off', fail: subnet({ privateIpGoogleAccess: false }), pass: subnet() },
  ...[
    ['SSH', { protocol: 'tcp', ports: ['22'] }],
    ['RDP', { protocol: 'tcp', ports: ['3389'] }],
    ['MySQL', { protocol: 'tcp', ports: ['3306'] }],
    ['FTP', { protocol: 'tcp', ports: ['20-21'] }],
    ['a range around 80 and 443', { protocol: 'tcp', ports: ['80-443'] }],
    ['every TCP port (no ports)', { protocol: 'tcp' }],
    ['all protocols', { protocol: 'all' }],
    ['ICMP', { protocol: 'icmp' }],
  ].map(
    ([what, allow]): RuleCase => ({
      rule: 'GCP-NET-003',
      name: `${String(what)} from 0.0.0.0/0`,
      fail: firewall({ allow: [allow] }),
      pass: firewall({ allow: [allow], sourceRanges: ['203.0.113.0/24'] }),
    }),
  ),
  { rule: 'GCP-NET-003', name: 'SSH from ::/0', fail: firewall({ sourceRanges: ['::/0'], allow: [{ protocol: 'tcp', ports: ['22'] }] }), pass: firewall({ sourceRanges: ['::/0'] }) },
  { rule: 'GCP-NET-003', name: 'a disabled or egress rule opens nothing', fail: firewall({ allow: [{ protocol: 'tcp', ports: ['22'] }] }), pass: (s) => { firewall({ allow: [{ protocol: 'tcp', ports: ['22'] }], disabled: true })(s); new ComputeFirewall(s, 'egress', { ...GOOD_FIREWALL, direction: 'EGRESS', sourceRanges: undefined, destinationRanges: ['0.0.0.0/0'], allow: [{ protocol: 'all' }] }); } },

  // Project IAM
  ...PROJECT_WIDE_ROLES.map(
    (role): RuleCase => ({ rule: 'GCP-IAM-001', name: `${role} on the project`, fail: projectRole(role, 'group:admins@example.com'), pass: projectRole('roles/cloudsql.client', 'group:admins@example.com') }),
  ),
  {
    rule: 'GCP-IAM-001',
    name: 'a basic role in a binding',
    fail: (s) => new ProjectIamBinding(s, 'b', { project: 'p', role: 'roles/editor', members: ['group:admins@example.com'] }),
    pass: (s) => new ProjectIamBinding(s, 'b', { project: 'p', role: 'roles/logging.viewer', members: ['group:admins@example.com'] }),
  },
  ...['roles/container.admin', 'roles/storage.admin', 'roles/owner', 'roles/editor'].map(
    (role): RuleCase => ({ rule: 'GCP-IAM-002', name: `${role} for a service account`, fail: projectRole(role), pass: projectRole('roles/container.defaultNodeServiceAccount'), message: /privileged role/ }),
  ),
  {
    rule: 'GCP-IAM-002',
    name: 'an admin role for a service account of the stack (known at apply time only)',
    fail: (s) => {
      const sa = new ServiceAccount(s, 'sa', { accountId: 'app' });
      new ProjectIamMember(s, 'm', { project: 'p', role: 'roles/cloudsql.admin', member: sa.member });
    },
    pass: (s) => {
      const sa = new ServiceAccount(s, 'sa', { accountId: 'app' });
      new ProjectIamMember(s, 'm', { project: 'p', role: 'roles/cloudsql.client', member: sa.member });
    },
  },
  {
    rule: 'GCP-IAM-002',
    name: 'an admin role for a member from a variable is not reported (cannot be known)',
    fail: projectRole('roles/cloudsql.admin'),
    pass: (s) => {
      const member = new TerraformVariable(s, 'member', { type: 'string' });
      new ProjectIamMember(s, 'm', { project: 'p', role: 'roles/cloudsql.admin', member: member.stringValue });
    },
  },
  ...['1234-compute@developer.gserviceaccount.com', 'p@appspot.gserviceaccount.com'].map(
    (sa): RuleCase => ({ rule: 'GCP-IAM-002', name: `a role for the default service account ${sa}`, fail: projectRole('roles/logging.logWriter', `serviceAccount:${sa}`), pass: projectRole('roles/logging.logWriter'), message: /default service account/ }),
  ),
  {
    rule: 'GCP-IAM-002',
    name: 'the default service account in a binding',
    fail: (s) => new ProjectIamBinding(s, 'b', { project: 'p', role: 'roles/logging.logWriter', members: [`serviceAccount:${NODE_SA}`, 'serviceAccount:1234-compute@developer.gserviceaccount.com'] }),
    pass: (s) => new ProjectIamBinding(s, 'b', { project: 'p', role: 'roles/logging.logWriter', members: [`serviceAccount:${NODE_SA}`] }),
  },
  { rule: 'GCP-IAM-003', name: 'a role for an individual user', fail: projectRole('roles/cloudsql.client', 'user:alice@example.com'), pass: projectRole('roles/cloudsql.client', 'group:dba@example.com') },
];

describe('Google Cloud rules', () => {
  test('every Google Cloud rule has at least one case', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    expect(GCP_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });
  ruleCases(CASES);
});

describe('each relaxing field of the GKE config trips its rule (docs/security.md), and nothing else', () => {
  const relaxed: Array<[string, (c: SpaceliftGkeConfig) => void, string]> = [
    ['cluster.masterAuthorizedNetworks: ["0.0.0.0/0"]', (c) => (c.cluster.masterAuthorizedNetworks = ['0.0.0.0/0']), 'GCP-GKE-001'],
    ['network.flowLogs: false', (c) => (c.network = { flowLogs: false }), 'GCP-NET-001'],
    ['registry.immutableTags: false', (c) => (c.registry = { immutableTags: false }), 'GCP-AR-002'],
    ['postgres.retainedBackups: 3', (c) => (c.postgres = { ...c.postgres, retainedBackups: 3, pointInTimeRecoveryDays: 2 }), 'GCP-SQL-003'],
  ];
  test.each(relaxed)('%s', (_field, patch, rule) => {
    const { infra, platform } = buildDeployment(Testing.app(), gkeConfigWith(patch));
    const findings = [infra, platform].flatMap((s) => checkPolicies(s).findings.map((f) => f.ruleId));
    expect([...new Set(findings)]).toEqual([rule]);
  });
});
