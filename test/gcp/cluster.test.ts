import { TerraformStack } from 'cdktf';
import { GkeCluster, GkeClusterProps } from '../../lib/gcp/cluster';
import { GKE_EXTENDED_CHANNEL_MINORS, GKE_KUBERNETES_MINORS, GKE_STANDARD_CHANNEL_MINORS, GKE_VERSIONS_CHECKED_ON } from '../../lib/gcp/versions';
import { only, resources, synth, testApp } from '../support/synth';
import { expectValidationError, validationErrorOf } from '../support/validation-matchers';
import { PROJECT, REGION, expressions, googleStack, networkRef } from './fixtures';

function props(over: Partial<GkeClusterProps> = {}): GkeClusterProps {
  return { project: PROJECT, network: networkRef(), name: 'sl-gke', masterAuthorizedNetworks: ['203.0.113.0/24'], ...over };
}

function make(over: Partial<GkeClusterProps> = {}, stack: TerraformStack = googleStack()) {
  const cluster = new GkeCluster(stack, 'gke', props(over));
  return { stack, cluster };
}

function clusterJson(over: Partial<GkeClusterProps> = {}): any {
  return only(synth(make(over).stack), 'google_container_cluster');
}

const ref = (type: string, attr: string) => new RegExp(`^\\$\\{${type}\\.[^.]+\\.${attr}\\}$`);

describe('GkeCluster (Standard)', () => {
  test('regional, VPC-native on the given ranges, on a release channel', () => {
    const c = clusterJson({ labels: { team: 'platform' } });
    expect(c).toMatchObject({
      project: PROJECT,
      name: 'sl-gke',
      location: REGION,
      network: networkRef().networkId,
      subnetwork: networkRef().subnetworkId,
      networking_mode: 'VPC_NATIVE',
      ip_allocation_policy: { cluster_secondary_range_name: 'sl-pods', services_secondary_range_name: 'sl-services', stack_type: 'IPV4' },
      release_channel: { channel: 'REGULAR' },
      resource_labels: { team: 'platform' },
    });
    expect(c.min_master_version).toBeUndefined();
    expect(c.enable_autopilot).toBeUndefined();
  });

  test('private nodes, public endpoint restricted to the authorized networks, nothing else of Google Cloud let in', () => {
    const c = clusterJson({ masterAuthorizedNetworks: ['203.0.113.0/24', '198.51.100.7/32'] });
    expect(c.private_cluster_config).toEqual({ enable_private_nodes: true, enable_private_endpoint: false });
    expect(c.master_authorized_networks_config).toEqual({
      cidr_blocks: [
        { cidr_block: '203.0.113.0/24', display_name: 'authorized-0' },
        { cidr_block: '198.51.100.7/32', display_name: 'authorized-1' },
      ],
      gcp_public_cidrs_access_enabled: false,
    });
  });

  test('hardening: Workload Identity, Dataplane V2, shielded nodes, no client certificate, no legacy ABAC, deletion protection', () => {
    const c = clusterJson();
    expect(c).toMatchObject({
      workload_identity_config: { workload_pool: `${PROJECT}.svc.id.goog` },
      datapath_provider: 'ADVANCED_DATAPATH',
      enable_shielded_nodes: true,
      master_auth: { client_certificate_config: { issue_client_certificate: false } },
      enable_legacy_abac: false,
      deletion_protection: true,
    });
    expect(c.network_policy).toBeUndefined();
  });

  test('the default node pool is removed; while it exists it runs as the node service account', () => {
    const c = clusterJson();
    expect(c).toMatchObject({ remove_default_node_pool: true, initial_node_count: 1 });
    expect(c.node_config.service_account).toMatch(ref('google_service_account', 'email'));
    expect(c.node_config).toMatchObject({
      oauth_scopes: ['https://www.googleapis.com/auth/cloud-platform'],
      shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
      workload_metadata_config: { mode: 'GKE_METADATA' },
    });
    expect(c.lifecycle.ignore_changes).toEqual(['node_config', 'initial_node_count']);
  });

  test('a dedicated node service account with only the default node role, granted before the cluster exists', () => {
    const json = synth(make().stack);
    const sa = only(json, 'google_service_account');
    expect(sa).toMatchObject({ project: PROJECT, account_id: 'sl-gke-nodes' });
    const [memberId, member] = Object.entries(resources(json, 'google_project_iam_member'))[0]!;
    expect(Object.keys(resources(json, 'google_project_iam_member'))).toHaveLength(1);
    expect(member).toMatchObject({ project: PROJECT, role: 'roles/container.defaultNodeServiceAccount' });
    expect(member.member).toMatch(ref('google_service_account', 'member'));
    expect(only(json, 'google_container_cluster').depends_on).toEqual([`google_project_iam_member.${memberId}`]);
  });

  test('node pool: autoscaling over the region, auto-repair and auto-upgrade, surge upgrades, hardened nodes', () => {
    const json = synth(make().stack);
    const pool = only(json, 'google_container_node_pool');
    expect(pool).toMatchObject({
      name: 'platform',
      location: REGION,
      initial_node_count: 1,
      max_pods_per_node: 110,
      autoscaling: { total_min_node_count: 3, total_max_node_count: 6, location_policy: 'BALANCED' },
      management: { auto_repair: true, auto_upgrade: true },
      upgrade_settings: { strategy: 'SURGE', max_surge: 1, max_unavailable: 0 },
      node_config: {
        machine_type: 'e2-standard-4',
        disk_size_gb: 100,
        disk_type: 'pd-balanced',
        image_type: 'COS_CONTAINERD',
        oauth_scopes: ['https://www.googleapis.com/auth/cloud-platform'],
        shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
        workload_metadata_config: { mode: 'GKE_METADATA' },
        metadata: { 'disable-legacy-endpoints': 'true' },
      },
      lifecycle: { ignore_changes: ['initial_node_count', 'version'] },
    });
    expect(pool.cluster).toMatch(ref('google_container_cluster', 'id'));
    expect(pool.node_config.service_account).toMatch(ref('google_service_account', 'email'));
    expect(pool.version).toBeUndefined();
  });

  test('node pool settings are configurable', () => {
    const pool = only(
      synth(make({ nodePool: { machineType: 'n2-standard-8', minNodes: 4, maxNodes: 12, diskSizeGb: 200, diskType: 'pd-ssd', maxPodsPerNode: 64 } }).stack),
      'google_container_node_pool',
    );
    expect(pool).toMatchObject({
      max_pods_per_node: 64,
      autoscaling: { total_min_node_count: 4, total_max_node_count: 12 },
      node_config: { machine_type: 'n2-standard-8', disk_size_gb: 200, disk_type: 'pd-ssd' },
    });
  });

  test('maintenance window: weekends 02:00-08:00 UTC by default, configurable, across midnight', () => {
    expect(clusterJson().maintenance_policy).toEqual({
      recurring_window: { start_time: '2024-01-01T02:00:00Z', end_time: '2024-01-01T08:00:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=SA,SU' },
    });
    expect(clusterJson({ maintenanceWindow: { days: ['TU', 'TH', 'SA'], startTime: '22:30', durationHours: 4 } }).maintenance_policy).toEqual({
      recurring_window: { start_time: '2024-01-01T22:30:00Z', end_time: '2024-01-02T02:30:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=TU,TH,SA' },
    });
  });

  test('a minimum control-plane version, release channel and allowDestroy are passed through', () => {
    const c = clusterJson({ kubernetesVersion: '1.35', releaseChannel: 'STABLE', allowDestroy: true });
    expect(c).toMatchObject({ min_master_version: '1.35', release_channel: { channel: 'STABLE' }, deletion_protection: false });
    expect(clusterJson({ kubernetesVersion: '1.36.4-gke.1082000' }).min_master_version).toBe('1.36.4-gke.1082000');
    // Older minors live on in the Extended channel only.
    expect(clusterJson({ kubernetesVersion: '1.32', releaseChannel: 'EXTENDED' }).min_master_version).toBe('1.32');
    expect(clusterJson({ kubernetesVersion: '1.37', releaseChannel: 'RAPID' }).min_master_version).toBe('1.37');
  });

  test('Calico on the legacy data plane, when asked', () => {
    const c = clusterJson({ networkPolicy: 'calico' });
    expect(c).toMatchObject({ datapath_provider: 'LEGACY_DATAPATH', network_policy: { enabled: true, provider: 'CALICO' }, addons_config: { network_policy_config: { disabled: false } } });
  });

  test('private endpoint: no public control plane; authorized networks become optional', () => {
    const c = clusterJson({ privateEndpoint: true, masterAuthorizedNetworks: undefined });
    expect(c.private_cluster_config).toEqual({ enable_private_nodes: true, enable_private_endpoint: true });
    expect(c.master_authorized_networks_config.cidr_blocks).toEqual([]);
  });

  test('a /28 for a VPC-peering control plane, when given', () => {
    expect(clusterJson({ masterIpv4CidrBlock: '172.16.0.0/28' }).private_cluster_config.master_ipv4_cidr_block).toBe('172.16.0.0/28');
  });

  test('exposes the contract: name, Workload Identity pool and version read from the cluster', () => {
    const { stack, cluster } = make();
    const e = expressions(stack, { name: cluster.name, pool: cluster.workloadPool, version: cluster.kubernetesVersion, member: cluster.nodeServiceAccountMember });
    expect(e.name).toMatch(ref('google_container_cluster', 'name'));
    expect(e.pool).toMatch(/^\$\{google_container_cluster\.[^.]+\.workload_identity_config\[0\]\.workload_pool\}$/);
    expect(e.version).toMatch(ref('google_container_cluster', 'master_version'));
    expect(e.member).toMatch(ref('google_service_account', 'member'));
    expect(cluster.oidcIssuerUrl).toBe(`https://container.googleapis.com/v1/projects/${PROJECT}/locations/${REGION}/clusters/sl-gke`);
  });
});

describe('GkeCluster (Autopilot)', () => {
  test('Google runs the nodes as the dedicated service account; no node pool of ours', () => {
    const json = synth(make({ autopilot: true }).stack);
    const c = only(json, 'google_container_cluster');
    expect(c.enable_autopilot).toBe(true);
    expect(c.cluster_autoscaling.auto_provisioning_defaults.service_account).toMatch(ref('google_service_account', 'email'));
    for (const key of ['remove_default_node_pool', 'initial_node_count', 'node_config', 'datapath_provider', 'enable_shielded_nodes', 'workload_identity_config', 'lifecycle']) {
      expect({ key, value: c[key] }).toEqual({ key, value: undefined });
    }
    expect(resources(json, 'google_container_node_pool')).toEqual({});
    expect(c).toMatchObject({ private_cluster_config: { enable_private_nodes: true }, deletion_protection: true, release_channel: { channel: 'REGULAR' } });
  });
});

describe('GkeCluster.connect', () => {
  test('in its own stack: the cluster endpoint and CA, the access token of application-default credentials, after the cluster and its nodes', () => {
    const { stack, cluster } = make();
    const conn = cluster.connect(stack);
    // No exec plugin: neither gcloud nor gke-gcloud-auth-plugin is needed where Terraform runs.
    expect(conn.exec).toBeUndefined();
    expect(conn.dependsOn).toEqual([cluster.cluster, cluster.nodePool]);
    expect(conn.clientKey).toBeUndefined();
    const e = expressions(stack, { host: conn.host, ca: conn.clusterCaCertificate, token: conn.token });
    expect(e.host).toMatch(/^https:\/\/\$\{google_container_cluster\.[^.]+\.endpoint\}$/);
    expect(e.ca).toMatch(/^\$\{base64decode\(google_container_cluster\.[^.]+\.master_auth\[0\]\.cluster_ca_certificate\)\}$/);
    expect(e.token).toBe('${data.google_client_config.gke-cluster-client-config.access_token}');
  });

  test('from another stack: a data source there reads the cluster when Terraform runs', () => {
    const app = testApp();
    const { cluster } = make({}, googleStack(app, 'infra'));
    const other = googleStack(app, 'platform');
    const conn = cluster.connect(other, 'read-cluster');
    expect(conn.dependsOn).toHaveLength(1);
    const e = expressions(other, { host: conn.host, ca: conn.clusterCaCertificate });
    expect(e.host).toBe('https://${data.google_container_cluster.read-cluster.endpoint}');
    expect(e.ca).toBe('${base64decode(data.google_container_cluster.read-cluster.master_auth[0].cluster_ca_certificate)}');
    expect(conn.exec).toBeUndefined();
    expect(expressions(other, { token: conn.token }).token).toBe('${data.google_client_config.read-cluster-client-config.access_token}');
    const json = synth(other);
    expect(json.data!.google_container_cluster!['read-cluster']).toMatchObject({ project: PROJECT, location: REGION });
    expect(json.data!.google_client_config!['read-cluster-client-config']).toEqual({});
  });

  test('with a private endpoint the providers use the private address', () => {
    const app = testApp();
    const { stack, cluster } = make({ privateEndpoint: true, masterAuthorizedNetworks: ['10.99.0.0/24'] }, googleStack(app, 'infra'));
    expect(expressions(stack, { host: cluster.connect(stack).host }).host).toMatch(/private_cluster_config\[0\]\.private_endpoint\}$/);
    const other = googleStack(app, 'platform');
    expect(expressions(other, { host: cluster.connect(other).host }).host).toBe('https://${data.google_container_cluster.gke-cluster.private_cluster_config[0].private_endpoint}');
  });
});

describe('GkeCluster validation', () => {
  test('rejects a malformed project id', () => expectValidationError(() => make({ project: 'Proj' }), 'project', 'Proj'));
  test('rejects a cluster name GKE does not accept', () => expectValidationError(() => make({ name: 'SL_GKE' }), 'name', 'SL_GKE'));
  test('rejects a cluster name too long for its node service account', () => {
    const name = 'a'.repeat(26);
    expectValidationError(() => make({ name }), 'name', `${name}-nodes`);
  });
  test('rejects a release channel GKE does not offer, or none', () => {
    const err = validationErrorOf(() => make({ releaseChannel: 'UNSPECIFIED' as any }), 'releaseChannel', 'UNSPECIFIED');
    expect(err.allowed).toContain('REGULAR');
  });
  test('rejects a Kubernetes version GKE does not run', () => expectValidationError(() => make({ kubernetesVersion: '1.20' }), 'kubernetesVersion', '1.20'));
  test('rejects minors GKE no longer serves on any channel (checked on the day the table says)', () => {
    expect(GKE_VERSIONS_CHECKED_ON).toBe('2026-11-30');
    expect(GKE_KUBERNETES_MINORS).toEqual(['1.32', '1.33', '1.34', '1.35', '1.36', '1.37']);
    expect([...GKE_STANDARD_CHANNEL_MINORS, ...GKE_EXTENDED_CHANNEL_MINORS]).not.toContain('1.31');
    for (const v of ['1.31', '1.31.14-gke.1476000']) {
      const err = validationErrorOf(() => make({ kubernetesVersion: v, releaseChannel: 'EXTENDED' }), 'kubernetesVersion', v);
      expect(err.allowed).toContain('1.32, 1.33, 1.34, 1.35, 1.36, 1.37');
    }
  });
  test('rejects a minor the chosen channel no longer serves, pointing at Extended', () => {
    const err = validationErrorOf(() => make({ kubernetesVersion: '1.34', releaseChannel: 'REGULAR' }), 'kubernetesVersion', '1.34');
    expect(err.allowed).toContain('the REGULAR channel serves');
    expect(err.allowed).toContain('releaseChannel EXTENDED serves it');
    expectValidationError(() => make({ kubernetesVersion: '1.37', releaseChannel: 'EXTENDED' }), 'kubernetesVersion', '1.37');
  });
  test('rejects a Kubernetes version that is not a version', () => expectValidationError(() => make({ kubernetesVersion: 'latest' }), 'kubernetesVersion', 'latest'));
  test('rejects an AKS-style patch version', () => expectValidationError(() => make({ kubernetesVersion: '1.33.2' }), 'kubernetesVersion', '1.33.2'));
  test('rejects a public control plane without authorized networks', () => {
    const err = validationErrorOf(() => make({ masterAuthorizedNetworks: undefined }), 'masterAuthorizedNetworks', []);
    expect(err.allowed).toContain('privateEndpoint');
  });
  test('rejects an empty list of authorized networks', () => expectValidationError(() => make({ masterAuthorizedNetworks: [] }), 'masterAuthorizedNetworks', []));
  test('rejects a malformed authorized network', () => expectValidationError(() => make({ masterAuthorizedNetworks: ['203.0.113.1/24'] }), 'masterAuthorizedNetworks[0]', '203.0.113.1/24'));
  test('rejects more authorized networks than GKE takes for a public endpoint', () => {
    const many = Array.from({ length: 51 }, (_, i) => `10.200.${i}.0/24`);
    expectValidationError(() => make({ masterAuthorizedNetworks: many }), 'masterAuthorizedNetworks', many);
    expect(() => make({ masterAuthorizedNetworks: many, privateEndpoint: true })).not.toThrow();
  });
  test('rejects a control-plane range that is not a /28', () => expectValidationError(() => make({ masterIpv4CidrBlock: '172.16.0.0/24' }), 'masterIpv4CidrBlock', '172.16.0.0/24'));
  test('rejects a control-plane range overlapping the node subnet', () => {
    const err = validationErrorOf(() => make({ masterIpv4CidrBlock: '10.40.0.16/28' }), 'masterIpv4CidrBlock', '10.40.0.16/28');
    expect(err.allowed).toContain('network.subnetCidr');
  });
  test('rejects a control-plane range overlapping private service access', () =>
    expectValidationError(() => make({ masterIpv4CidrBlock: '10.60.0.0/28' }), 'masterIpv4CidrBlock', '10.60.0.0/28'));
  test('rejects an unknown network policy', () => expectValidationError(() => make({ networkPolicy: 'cilium' as any }), 'networkPolicy', 'cilium'));
  test('rejects Calico with Autopilot', () => expectValidationError(() => make({ autopilot: true, networkPolicy: 'calico' }), 'networkPolicy', 'calico'));
  test('rejects node pool settings with Autopilot', () => expectValidationError(() => make({ autopilot: true, nodePool: { minNodes: 3 } }), 'nodePool', { minNodes: 3 }));
  test('rejects a malformed machine type', () => expectValidationError(() => make({ nodePool: { machineType: 'Standard_D4ds_v5' } }), 'nodePool.machineType', 'Standard_D4ds_v5'));
  test('rejects a shared-core machine type', () => {
    const err = validationErrorOf(() => make({ nodePool: { machineType: 'e2-medium' } }), 'nodePool.machineType', 'e2-medium');
    expect(err.allowed).toContain('shared-core');
  });
  test('rejects a single-node pool', () => expectValidationError(() => make({ nodePool: { minNodes: 1 } }), 'nodePool.minNodes', 1));
  test('rejects a maximum below the minimum', () => expectValidationError(() => make({ nodePool: { minNodes: 5, maxNodes: 4 } }), 'nodePool.maxNodes', 4));
  test('rejects a tiny boot disk', () => expectValidationError(() => make({ nodePool: { diskSizeGb: 10 } }), 'nodePool.diskSizeGb', 10));
  test('rejects an unknown disk type', () => expectValidationError(() => make({ nodePool: { diskType: 'hyperdisk' as any } }), 'nodePool.diskType', 'hyperdisk'));
  test('rejects pods per node out of range', () => expectValidationError(() => make({ nodePool: { maxPodsPerNode: 300 } }), 'nodePool.maxPodsPerNode', 300));
  test('rejects an unknown maintenance day', () => expectValidationError(() => make({ maintenanceWindow: { days: ['SUN' as any] } }), 'maintenanceWindow.days[0]', 'SUN'));
  test('rejects a maintenance day given twice', () => expectValidationError(() => make({ maintenanceWindow: { days: ['SA', 'SA'] } }), 'maintenanceWindow.days[1]', 'SA'));
  test('rejects no maintenance days', () => expectValidationError(() => make({ maintenanceWindow: { days: [] } }), 'maintenanceWindow.days', []));
  test('rejects a malformed start time', () => expectValidationError(() => make({ maintenanceWindow: { startTime: '2am' } }), 'maintenanceWindow.startTime', '2am'));
  test('rejects a window shorter than 4 hours', () => expectValidationError(() => make({ maintenanceWindow: { durationHours: 3 } }), 'maintenanceWindow.durationHours', 3));
  test('rejects windows adding up to less than 48 hours in 32 days', () => {
    const err = validationErrorOf(() => make({ maintenanceWindow: { days: ['SU'], durationHours: 8 } }), 'maintenanceWindow.durationHours', 8);
    expect(err.allowed).toContain('48 hours');
  });
});
