import { ArtifactRegistryRepository } from '@cdktf/provider-google/lib/artifact-registry-repository';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { ContainerCluster, ContainerClusterConfig } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool, ContainerNodePoolConfig } from '@cdktf/provider-google/lib/container-node-pool';
import { KmsCryptoKey, KmsCryptoKeyConfig } from '@cdktf/provider-google/lib/kms-crypto-key';
import { SqlDatabaseInstance, SqlDatabaseInstanceConfig } from '@cdktf/provider-google/lib/sql-database-instance';
import { StorageBucket, StorageBucketConfig } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamBinding } from '@cdktf/provider-google/lib/storage-bucket-iam-binding';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { TerraformStack } from 'cdktf';
import { GCP_RULES } from '../../../lib/policy/rules/gcp';
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
  management: { autoRepair: true, autoUpgrade: true },
  nodeConfig: {
    serviceAccount: NODE_SA,
    imageType: 'COS_CONTAINERD',
    workloadMetadataConfig: { mode: 'GKE_METADATA' },
    shieldedInstanceConfig: { enableSecureBoot: true },
  },
};
const nodePool = (patch?: unknown) => (s: TerraformStack) => new ContainerNodePool(s, 'pool', merge(GOOD_POOL, patch));

const GOOD_SQL: SqlDatabaseInstanceConfig = {
  name: 'db',
  databaseVersion: 'POSTGRES_16',
  region: 'europe-west1',
  deletionProtection: true,
  settings: {
    tier: 'db-custom-2-7680',
    ipConfiguration: { ipv4Enabled: false, privateNetwork: 'projects/p/global/networks/n', sslMode: 'ENCRYPTED_ONLY' },
    backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true, backupRetentionSettings: { retainedBackups: 14 } },
  },
};
const sql = (patch?: unknown) => (s: TerraformStack) => new SqlDatabaseInstance(s, 'db', merge(GOOD_SQL, patch));

const GOOD_BUCKET: StorageBucketConfig = {
  name: 'states',
  location: 'EU',
  uniformBucketLevelAccess: true,
  publicAccessPrevention: 'enforced',
  versioning: { enabled: true },
};
const bucket = (patch?: unknown) => (s: TerraformStack) => new StorageBucket(s, 'bucket', merge(GOOD_BUCKET, patch));

const GOOD_KEY: KmsCryptoKeyConfig = { name: 'key', keyRing: 'projects/p/locations/europe/keyRings/r', rotationPeriod: '7776000s', lifecycle: { preventDestroy: true } };
const kmsKey = (patch?: unknown) => (s: TerraformStack) => new KmsCryptoKey(s, 'key', merge(GOOD_KEY, patch));

const CASES: RuleCase[] = [
  { rule: 'GCP-GKE-001', name: 'no authorized networks', fail: gke({ masterAuthorizedNetworksConfig: undefined }), pass: gke(), message: /any address/ },
  { rule: 'GCP-GKE-001', name: 'authorized networks with 0.0.0.0/0', fail: gke({ masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: '0.0.0.0/0' }] } }), pass: gke({ masterAuthorizedNetworksConfig: undefined, privateClusterConfig: { enablePrivateEndpoint: true } }) },
  { rule: 'GCP-GKE-001', name: 'every Google Cloud address allowed', fail: gke({ masterAuthorizedNetworksConfig: { gcpPublicCidrsAccessEnabled: true } }), pass: gke({ masterAuthorizedNetworksConfig: undefined, controlPlaneEndpointsConfig: { ipEndpointsConfig: { enabled: false } } }) },
  { rule: 'GCP-GKE-002', name: 'public nodes', fail: gke({ privateClusterConfig: { enablePrivateNodes: false } }), pass: gke() },
  { rule: 'GCP-GKE-003', name: 'a Standard cluster without network policy', fail: standard({ datapathProvider: undefined }), pass: standard({ datapathProvider: undefined, networkPolicy: { enabled: true } }) },
  { rule: 'GCP-GKE-004', name: 'a Standard cluster without Workload Identity', fail: standard({ workloadIdentityConfig: undefined }), pass: standard() },
  { rule: 'GCP-GKE-005', name: 'legacy ABAC', fail: gke({ enableLegacyAbac: true }), pass: gke() },
  { rule: 'GCP-GKE-006', name: 'a client certificate', fail: gke({ masterAuth: { clientCertificateConfig: { issueClientCertificate: true } } }), pass: gke({ masterAuth: { clientCertificateConfig: { issueClientCertificate: false } } }) },
  { rule: 'GCP-GKE-007', name: 'logging off', fail: gke({ loggingService: 'none' }), pass: gke({ loggingService: 'logging.googleapis.com/kubernetes' }) },
  { rule: 'GCP-GKE-007', name: 'no logging component', fail: gke({ loggingConfig: { enableComponents: [] } }), pass: gke({ loggingConfig: { enableComponents: ['SYSTEM_COMPONENTS', 'WORKLOADS'] } }) },
  { rule: 'GCP-GKE-008', name: 'no release channel', fail: gke({ releaseChannel: undefined }), pass: gke({ releaseChannel: { channel: 'STABLE' } }) },
  { rule: 'GCP-GKE-009', name: 'shielded nodes off', fail: gke({ enableShieldedNodes: false }), pass: gke() },
  { rule: 'GCP-GKE-010', name: 'deletion protection off', fail: gke({ deletionProtection: false }), pass: gke({ deletionProtection: undefined }) },
  { rule: 'GCP-GKE-011', name: 'a zonal cluster', fail: gke({ location: 'europe-west1-b' }), pass: gke() },
  { rule: 'GCP-GKE-012', name: 'auto-repair off', fail: nodePool({ management: { autoRepair: false } }), pass: nodePool({ management: undefined }) },
  { rule: 'GCP-GKE-013', name: 'an Ubuntu node pool', fail: nodePool({ nodeConfig: { imageType: 'UBUNTU_CONTAINERD' } }), pass: nodePool({ nodeConfig: { imageType: undefined } }) },
  { rule: 'GCP-GKE-014', name: 'a node pool on the default service account', fail: nodePool({ nodeConfig: { serviceAccount: '1234-compute@developer.gserviceaccount.com' } }), pass: nodePool() },
  { rule: 'GCP-GKE-014', name: 'Autopilot nodes on the default service account', fail: gke({ clusterAutoscaling: undefined }), pass: gke() },
  { rule: 'GCP-GKE-014', name: "a Standard cluster's default pool without a service account", fail: standard({ nodeConfig: { serviceAccount: undefined } }), pass: standard({ removeDefaultNodePool: true, nodeConfig: { serviceAccount: undefined } }) },
  { rule: 'GCP-GKE-015', name: 'GCE metadata exposed to pods', fail: nodePool({ nodeConfig: { workloadMetadataConfig: { mode: 'GCE_METADATA' } } }), pass: nodePool() },
  {
    rule: 'GCP-GKE-015',
    name: 'a node pool of a cluster without Workload Identity',
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
  { rule: 'GCP-SQL-001', name: 'a public IPv4 address (the default)', fail: sql({ settings: { ipConfiguration: { ipv4Enabled: undefined } } }), pass: sql() },
  { rule: 'GCP-SQL-002', name: 'unencrypted connections allowed', fail: sql({ settings: { ipConfiguration: { sslMode: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED' } } }), pass: sql({ settings: { ipConfiguration: { sslMode: 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED' } } }) },
  { rule: 'GCP-SQL-003', name: 'no point-in-time recovery', fail: sql({ settings: { backupConfiguration: { pointInTimeRecoveryEnabled: false } } }), pass: sql(), message: /point-in-time/ },
  { rule: 'GCP-SQL-003', name: 'three backups kept', fail: sql({ settings: { backupConfiguration: { backupRetentionSettings: { retainedBackups: 3 } } } }), pass: sql() },
  { rule: 'GCP-SQL-004', name: 'deletion protection off', fail: sql({ deletionProtection: false }), pass: sql() },
  { rule: 'GCP-SQL-005', name: 'an authorized network of 0.0.0.0/0', fail: sql({ settings: { ipConfiguration: { authorizedNetworks: [{ name: 'all', value: '0.0.0.0/0' }] } } }), pass: sql({ settings: { ipConfiguration: { authorizedNetworks: [{ name: 'office', value: '203.0.113.0/24' }] } } }) },
  { rule: 'GCP-GCS-001', name: 'object ACLs', fail: bucket({ uniformBucketLevelAccess: false }), pass: bucket() },
  { rule: 'GCP-GCS-002', name: 'public access prevention inherited', fail: bucket({ publicAccessPrevention: 'inherited' }), pass: bucket() },
  { rule: 'GCP-GCS-003', name: 'force_destroy', fail: bucket({ forceDestroy: true }), pass: bucket() },
  { rule: 'GCP-GCS-004', name: 'a bucket that keeps data, unversioned', fail: bucket({ versioning: undefined }), pass: bucket() },
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
  {
    rule: 'GCP-AR-001',
    name: 'a public repository',
    fail: (s) => new ArtifactRegistryRepositoryIamMember(s, 'm', { repository: 'r', location: 'europe', role: 'roles/artifactregistry.reader', member: 'allUsers' }),
    pass: (s) => new ArtifactRegistryRepositoryIamMember(s, 'm', { repository: 'r', location: 'europe', role: 'roles/artifactregistry.reader', member: `serviceAccount:${NODE_SA}` }),
  },
  {
    rule: 'GCP-AR-002',
    name: 'mutable Docker tags',
    fail: (s) => new ArtifactRegistryRepository(s, 'r', { repositoryId: 'r', location: 'europe', format: 'DOCKER' }),
    pass: (s) => new ArtifactRegistryRepository(s, 'r', { repositoryId: 'r', location: 'europe', format: 'DOCKER', dockerConfig: { immutableTags: true } }),
  },
  { rule: 'GCP-KMS-001', name: 'a key that never rotates', fail: kmsKey({ rotationPeriod: undefined }), pass: kmsKey({ rotationPeriod: undefined, purpose: 'ASYMMETRIC_SIGN' }) },
  { rule: 'GCP-KMS-001', name: 'a yearly rotation', fail: kmsKey({ rotationPeriod: '31536000s' }), pass: kmsKey() },
  { rule: 'GCP-KMS-002', name: 'a key without prevent_destroy', fail: kmsKey({ lifecycle: undefined }), pass: kmsKey() },
];

describe('Google Cloud rules', () => {
  test('every Google Cloud rule has at least one case', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    expect(GCP_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });
  ruleCases(CASES);
});
