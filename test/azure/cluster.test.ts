import { TerraformOutput, TerraformStack } from 'cdktf';
import { DataAzurermKubernetesCluster } from '@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster';
import { AKS_ENTRA_SERVER_APP_ID, AksCluster, AksClusterProps } from '../../lib/azure/cluster';
import { AKS_DEFAULT_KUBERNETES_VERSION, AKS_KUBERNETES_MINORS } from '../../lib/azure/versions';
import { ValidationError } from '../../lib/core/validation';
import { checkPolicies } from '../../lib/policy/aspect';
import { azureStack, byPath, only, resources, synth, synthApp, testApp } from '../support/synth';
import { expectValidationError, validationErrorOf } from '../support/validation-matchers';
import { NON_ZONAL_REGION, expressions, networkRef, resourceGroup } from './fixtures';

const GROUP = '11111111-2222-3333-4444-555555555555';
const TENANT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

function props(over: Partial<AksClusterProps> = {}): AksClusterProps {
  return {
    resourceGroup: resourceGroup(),
    network: networkRef(),
    name: 'sl-aks',
    apiServerAuthorizedIpRanges: ['203.0.113.0/24'],
    ...over,
  };
}

function make(over: Partial<AksClusterProps> = {}, stack: TerraformStack = azureStack()) {
  const cluster = new AksCluster(stack, 'aks', props(over));
  return { stack, cluster };
}

function clusterJson(over: Partial<AksClusterProps> = {}): any {
  return only(synth(make(over).stack), 'azurerm_kubernetes_cluster');
}

describe('AksCluster', () => {
  test('secure defaults: Standard tier, OIDC issuer, workload identity, RBAC, patch upgrades', () => {
    const c = clusterJson();
    expect(c).toMatchObject({
      name: 'sl-aks',
      resource_group_name: 'rg-test',
      location: 'westeurope',
      dns_prefix: 'sl-aks',
      kubernetes_version: AKS_DEFAULT_KUBERNETES_VERSION,
      sku_tier: 'Standard',
      oidc_issuer_enabled: true,
      workload_identity_enabled: true,
      role_based_access_control_enabled: true,
      automatic_upgrade_channel: 'patch',
      node_os_upgrade_channel: 'NodeImage',
      private_cluster_enabled: false,
      local_account_disabled: false,
    });
    expect(c.azure_active_directory_role_based_access_control).toBeUndefined();
  });

  test('network profile: Azure CNI overlay with Cilium as policy engine and data plane, standard load balancer', () => {
    expect(clusterJson().network_profile).toEqual({
      network_plugin: 'azure',
      network_plugin_mode: 'overlay',
      network_policy: 'cilium',
      network_data_plane: 'cilium',
      pod_cidr: '10.244.0.0/16',
      service_cidr: '10.41.0.0/16',
      dns_service_ip: '10.41.0.10',
      load_balancer_sku: 'standard',
      outbound_type: 'loadBalancer',
    });
  });

  test('calico policy runs on the Azure data plane; custom CIDRs get the .10 DNS address by default', () => {
    const np = clusterJson({ networkPolicy: 'calico', podCidr: '172.16.0.0/16', serviceCidr: '10.100.0.0/20' }).network_profile;
    expect(np).toMatchObject({
      network_policy: 'calico',
      network_data_plane: 'azure',
      pod_cidr: '172.16.0.0/16',
      service_cidr: '10.100.0.0/20',
      dns_service_ip: '10.100.0.10',
    });
  });

  test('an explicit DNS service address inside the service CIDR is used as given', () => {
    expect(clusterJson({ serviceCidr: '10.100.0.0/20', dnsServiceIp: '10.100.0.53' }).network_profile.dns_service_ip).toBe('10.100.0.53');
  });

  test('default node pool: autoscaling from 3 to 6 over three zones, in the node subnet', () => {
    const c = clusterJson();
    const pool = c.default_node_pool;
    expect(pool).toMatchObject({
      name: 'system',
      vm_size: 'Standard_D4ds_v5',
      auto_scaling_enabled: true,
      min_count: 3,
      max_count: 6,
      max_pods: 110,
      os_disk_size_gb: 128,
      zones: ['1', '2', '3'],
      vnet_subnet_id: networkRef().nodeSubnet.id,
    });
    expect(pool.min_count).toBeGreaterThanOrEqual(2);
    expect(pool.temporary_name_for_rotation).toMatch(/^[a-z][a-z0-9]{0,11}$/);
    expect(pool.node_count).toBeUndefined();
    // The autoscaler owns the node count.
    expect(c.lifecycle.ignore_changes).toContain('default_node_pool[0].node_count');
  });

  test('system pool settings are passed through', () => {
    const pool = clusterJson({
      systemPool: { vmSize: 'Standard_D8ds_v5', minCount: 2, maxCount: 10, zones: ['1', '3'], maxPods: 250, osDiskSizeGb: 256 },
    }).default_node_pool;
    expect(pool).toMatchObject({ vm_size: 'Standard_D8ds_v5', min_count: 2, max_count: 10, zones: ['1', '3'], max_pods: 250, os_disk_size_gb: 256 });
  });

  test('in a region without zones the pool defaults to no zones', () => {
    const pool = clusterJson({ resourceGroup: resourceGroup(NON_ZONAL_REGION) }).default_node_pool;
    expect(pool.zones).toEqual([]);
  });

  test('the public API server is restricted to the authorized ranges', () => {
    const c = clusterJson({ apiServerAuthorizedIpRanges: ['203.0.113.0/24', '198.51.100.7/32'] });
    expect(c.private_cluster_enabled).toBe(false);
    expect(c.api_server_access_profile).toEqual({ authorized_ip_ranges: ['203.0.113.0/24', '198.51.100.7/32'] });
  });

  test('private cluster: private API server and no authorized ranges', () => {
    const c = clusterJson({ privateCluster: true, apiServerAuthorizedIpRanges: undefined });
    expect(c.private_cluster_enabled).toBe(true);
    expect(c.api_server_access_profile).toBeUndefined();
  });

  test('Entra ID: Azure RBAC with the admin groups and tenant, local accounts off', () => {
    const c = clusterJson({ entraId: { adminGroupObjectIds: [GROUP], tenantId: TENANT } });
    expect(c.azure_active_directory_role_based_access_control).toEqual({
      azure_rbac_enabled: true,
      admin_group_object_ids: [GROUP],
      tenant_id: TENANT,
    });
    expect(c.local_account_disabled).toBe(true);
  });

  test('Entra ID can keep local accounts on request', () => {
    const c = clusterJson({ entraId: { adminGroupObjectIds: [GROUP], disableLocalAccounts: false } });
    expect(c.azure_active_directory_role_based_access_control).toMatchObject({ azure_rbac_enabled: true, admin_group_object_ids: [GROUP] });
    expect(c.azure_active_directory_role_based_access_control.tenant_id).toBeUndefined();
    expect(c.local_account_disabled).toBe(false);
  });

  test('maintenance windows: weekly on Sunday 02:00 UTC for 4 hours, for both cluster and node OS upgrades', () => {
    const c = clusterJson();
    const expected = { frequency: 'Weekly', interval: 1, day_of_week: 'Sunday', start_time: '02:00', utc_offset: '+00:00', duration: 4 };
    expect(c.maintenance_window_auto_upgrade).toEqual(expected);
    expect(c.maintenance_window_node_os).toEqual(expected);
  });

  test('maintenance window and upgrade channels are configurable', () => {
    const c = clusterJson({
      upgradeChannel: 'stable',
      nodeOsUpgradeChannel: 'SecurityPatch',
      maintenanceWindow: { dayOfWeek: 'Wednesday', startTime: '22:30', utcOffset: '-05:00', durationHours: 6 },
    });
    expect(c.automatic_upgrade_channel).toBe('stable');
    expect(c.node_os_upgrade_channel).toBe('SecurityPatch');
    const expected = { frequency: 'Weekly', interval: 1, day_of_week: 'Wednesday', start_time: '22:30', utc_offset: '-05:00', duration: 6 };
    expect(c.maintenance_window_auto_upgrade).toEqual(expected);
    expect(c.maintenance_window_node_os).toEqual(expected);
  });

  test('a patch version (node-image channel) and another tier are passed through', () => {
    const { stack, cluster } = make({ kubernetesVersion: '1.35.2', upgradeChannel: 'node-image', skuTier: 'Premium' });
    const c = only(synth(stack), 'azurerm_kubernetes_cluster');
    expect(c.kubernetes_version).toBe('1.35.2');
    expect(c.sku_tier).toBe('Premium');
    expect(cluster.kubernetesVersion).toBe('1.35.2');
  });

  test('control plane runs as a user-assigned identity with Network Contributor on the node subnet, granted before the cluster', () => {
    const { stack } = make({ tags: { team: 'platform' } });
    const json = synth(stack);
    const identities = resources(json, 'azurerm_user_assigned_identity');
    const [identityId, identity] = Object.entries(identities)[0]!;
    expect(Object.keys(identities)).toHaveLength(1);
    expect(identity).toEqual({ name: 'sl-aks-control-plane', resource_group_name: 'rg-test', location: 'westeurope', tags: { team: 'platform' } });

    const roles = resources(json, 'azurerm_role_assignment');
    const [roleId, role] = Object.entries(roles)[0]!;
    expect(Object.keys(roles)).toHaveLength(1);
    expect(role).toEqual({
      scope: networkRef().nodeSubnet.id,
      role_definition_name: 'Network Contributor',
      principal_id: `\${azurerm_user_assigned_identity.${identityId}.principal_id}`,
      principal_type: 'ServicePrincipal',
    });

    const c = only(json, 'azurerm_kubernetes_cluster');
    expect(c.identity).toEqual({ type: 'UserAssigned', identity_ids: [`\${azurerm_user_assigned_identity.${identityId}.id}`] });
    expect(c.depends_on).toEqual([`azurerm_role_assignment.${roleId}`]);
    expect(c.tags).toEqual({ team: 'platform' });
  });

  test('exposes name, OIDC issuer and kubelet identity from the cluster resource', () => {
    const { stack, cluster } = make();
    const e = expressions(stack, { name: cluster.name, oidc: cluster.oidcIssuerUrl, kubelet: cluster.kubeletObjectId });
    expect(e.name).toMatch(/^\$\{azurerm_kubernetes_cluster\.[^.]+\.name\}$/);
    expect(e.oidc).toMatch(/^\$\{azurerm_kubernetes_cluster\.[^.]+\.oidc_issuer_url\}$/);
    expect(e.kubelet).toMatch(/^\$\{azurerm_kubernetes_cluster\.[^.]+\.kubelet_identity\[0\]\.object_id\}$/);
  });

  test('connect() from the same stack uses the resource kube_config with client certificates, and depends on the cluster', () => {
    const { stack, cluster } = make();
    const conn = cluster.connect(stack);
    expect(conn.exec).toBeUndefined();
    expect(conn.dependsOn).toHaveLength(1);
    expect(conn.dependsOn[0]).toBe(cluster.cluster);
    const e = expressions(stack, { host: conn.host, ca: conn.clusterCaCertificate, cert: conn.clientCertificate, key: conn.clientKey });
    expect(e.host).toMatch(/^\$\{azurerm_kubernetes_cluster\.[^.]+\.kube_config\[0\]\.host\}$/);
    expect(e.ca).toMatch(/^\$\{base64decode\(azurerm_kubernetes_cluster\.[^.]+\.kube_config\[0\]\.cluster_ca_certificate\)\}$/);
    expect(e.cert).toMatch(/^\$\{base64decode\(azurerm_kubernetes_cluster\.[^.]+\.kube_config\[0\]\.client_certificate\)\}$/);
    expect(e.key).toMatch(/^\$\{base64decode\(azurerm_kubernetes_cluster\.[^.]+\.kube_config\[0\]\.client_key\)\}$/);
    expect(synth(stack).data).toBeUndefined();
  });

  test('connect() from another stack reads the cluster with a data source there, by name through remote state', () => {
    const app = testApp();
    const infra = azureStack(app, 'infra');
    const { cluster } = make({}, infra);
    const platform = azureStack(app, 'platform');
    const conn = cluster.connect(platform, 'aks');
    expect(conn.dependsOn).toHaveLength(1);
    expect(conn.dependsOn[0]).toBeInstanceOf(DataAzurermKubernetesCluster);
    expect(TerraformStack.of(conn.dependsOn[0] as DataAzurermKubernetesCluster)).toBe(platform);
    expect(conn.exec).toBeUndefined();
    const values = { host: conn.host, ca: conn.clusterCaCertificate, cert: conn.clientCertificate, key: conn.clientKey };
    for (const [key, value] of Object.entries(values)) new TerraformOutput(platform, key, { value });

    const out = synthApp(app);
    const p = out.platform!;
    expect(p.output?.host?.value).toBe('${data.azurerm_kubernetes_cluster.aks.kube_config[0].host}');
    expect(p.output?.ca?.value).toBe('${base64decode(data.azurerm_kubernetes_cluster.aks.kube_config[0].cluster_ca_certificate)}');
    expect(p.output?.cert?.value).toBe('${base64decode(data.azurerm_kubernetes_cluster.aks.kube_config[0].client_certificate)}');
    expect(p.output?.key?.value).toBe('${base64decode(data.azurerm_kubernetes_cluster.aks.kube_config[0].client_key)}');
    const data = p.data?.azurerm_kubernetes_cluster?.aks;
    expect(data.resource_group_name).toBe('rg-test');
    const remote = /^\$\{data\.terraform_remote_state\.([^.]+)\.outputs\.([^}]+)\}$/.exec(data.name);
    expect(remote).not.toBeNull();
    expect(Object.keys(p.data?.terraform_remote_state ?? {})).toEqual([remote![1]]);
    expect(p.resource?.azurerm_kubernetes_cluster).toBeUndefined();

    // The owning stack publishes the cluster name and gets no data source of its own.
    const i = out.infra!;
    const aks = byPath(i, 'azurerm_kubernetes_cluster', 'aks/cluster');
    expect(aks.name).toBe('sl-aks');
    expect(i.output?.[remote![2]!]?.value).toMatch(/^\$\{azurerm_kubernetes_cluster\.[^.]+\.name\}$/);
    expect(i.data).toBeUndefined();
  });

  test('connect() with Entra ID returns a kubelogin exec credential for the AKS server app, from either stack', () => {
    const app = testApp();
    const infra = azureStack(app, 'infra');
    const { cluster } = make({ entraId: { adminGroupObjectIds: [GROUP] } }, infra);
    const platform = azureStack(app, 'platform');
    for (const conn of [cluster.connect(infra), cluster.connect(platform)]) {
      expect(conn.exec).toEqual({
        apiVersion: 'client.authentication.k8s.io/v1beta1',
        command: 'kubelogin',
        args: ['get-token', '--login', 'azurecli', '--server-id', '6dae42f8-4368-4678-94ff-3960e28e3630'],
      });
      expect(conn.clientCertificate).toBeUndefined();
      expect(conn.clientKey).toBeUndefined();
    }
    expect(Object.keys(synth(platform).data?.azurerm_kubernetes_cluster ?? {})).toEqual(['aks-cluster']);
  });

  test('connect() with Entra ID uses the configured kubelogin mode', () => {
    const { stack, cluster } = make({ entraId: { adminGroupObjectIds: [GROUP], kubeloginMode: 'workloadidentity' } });
    expect(cluster.connect(stack).exec?.args).toEqual(['get-token', '--login', 'workloadidentity', '--server-id', AKS_ENTRA_SERVER_APP_ID]);
  });

  // azurerm validates dns_prefix as 1-54 letters, digits and hyphens, starting and ending with a letter or digit,
  // while AKS cluster names may contain "_" and run to 63 characters: a name the construct accepts must not yield a
  // dns_prefix that fails at plan.
  test('derives a valid dns_prefix from every cluster name it accepts', () => {
    const dnsPrefix = /^[a-zA-Z\d]$|^[a-zA-Z\d][-a-zA-Z\d]{0,52}[a-zA-Z\d]$/;
    for (const name of ['sl_aks', `a${'b'.repeat(61)}c`]) {
      let c: any;
      try {
        c = clusterJson({ name });
      } catch (err) {
        // Refusing such a name at synth would be correct too.
        expect(err).toBeInstanceOf(ValidationError);
        expect((err as ValidationError).field).toBe('name');
        continue;
      }
      expect(c.dns_prefix).toMatch(dnsPrefix);
    }
  });

  test('rejects a cluster name Azure does not accept', () => expectValidationError(() => make({ name: '-aks' }), 'name', '-aks'));
  test('rejects a malformed Kubernetes version', () => {
    const err = validationErrorOf(() => make({ kubernetesVersion: 'v1.34' }), 'kubernetesVersion', 'v1.34');
    expect(err.allowed).toContain('"1.MINOR" or "1.MINOR.PATCH"');
  });
  test('rejects a Kubernetes minor AKS does not support', () => {
    const err = validationErrorOf(() => make({ kubernetesVersion: '1.29.4' }), 'kubernetesVersion', '1.29.4');
    expect(err.allowed).toContain('a Kubernetes version AKS supports');
  });
  test.each(['1.32', '1.33', '1.34', '1.37'])('rejects %s: not a minor AKS serves in standard support on 2026-11-30 (see lib/azure/versions.ts)', (v) => {
    const err = validationErrorOf(() => make({ kubernetesVersion: v }), 'kubernetesVersion', v);
    expect(err.allowed).toBe('a Kubernetes version AKS supports: 1.35, 1.36 (with or without a patch number)');
  });
  test('the default minor is one AKS serves', () => {
    expect(AKS_KUBERNETES_MINORS).toContain(AKS_DEFAULT_KUBERNETES_VERSION);
    expect(clusterJson().kubernetes_version).toBe('1.35');
  });
  test('rejects an unknown SKU tier', () => expectValidationError(() => make({ skuTier: 'Basic' as any }), 'skuTier', 'Basic'));
  test('rejects a system pool minimum below 2', () => expectValidationError(() => make({ systemPool: { minCount: 1 } }), 'systemPool.minCount', 1));
  test('rejects a system pool maximum out of range', () => {
    const err = validationErrorOf(() => make({ systemPool: { maxCount: 1001 } }), 'systemPool.maxCount', 1001);
    expect(err.allowed).toContain('an integer from 2 to 1000');
  });
  test('rejects a system pool maximum below the minimum', () => {
    const err = validationErrorOf(() => make({ systemPool: { minCount: 5, maxCount: 4 } }), 'systemPool.maxCount', 4);
    expect(err.allowed).toContain('no smaller than systemPool.minCount (5)');
  });
  test('rejects a VM size without the Standard_ prefix', () =>
    expectValidationError(() => make({ systemPool: { vmSize: 'D4ds_v5' } }), 'systemPool.vmSize', 'D4ds_v5'));
  test('rejects max pods out of range', () => expectValidationError(() => make({ systemPool: { maxPods: 251 } }), 'systemPool.maxPods', 251));
  test('rejects an OS disk out of range', () => expectValidationError(() => make({ systemPool: { osDiskSizeGb: 20 } }), 'systemPool.osDiskSizeGb', 20));
  test('rejects more than three zones', () =>
    expectValidationError(() => make({ systemPool: { zones: ['1', '2', '3', '1'] } }), 'systemPool.zones', ['1', '2', '3', '1']));
  test('rejects an unknown zone', () => expectValidationError(() => make({ systemPool: { zones: ['1', '4'] } }), 'systemPool.zones[1]', '4'));
  test('rejects zones in a region without zones', () => {
    const err = validationErrorOf(
      () => make({ resourceGroup: resourceGroup(NON_ZONAL_REGION), systemPool: { zones: ['1'] } }),
      'systemPool.zones',
      ['1'],
    );
    expect(err.allowed).toContain(`${NON_ZONAL_REGION} has no availability zones`);
  });
  test('rejects a pod CIDR with host bits set', () => expectValidationError(() => make({ podCidr: '10.244.0.1/16' }), 'podCidr', '10.244.0.1/16'));
  test('rejects a service CIDR smaller than /28', () => expectValidationError(() => make({ serviceCidr: '10.41.0.0/29' }), 'serviceCidr', '10.41.0.0/29'));
  test('rejects a DNS service address that is not an IPv4 address', () => {
    const err = validationErrorOf(() => make({ dnsServiceIp: '10.41.0.300' }), 'dnsServiceIp', '10.41.0.300');
    expect(err.allowed).toContain('an IPv4 address');
  });
  test('rejects a DNS service address outside the service CIDR', () => {
    const err = validationErrorOf(() => make({ dnsServiceIp: '10.42.0.10' }), 'dnsServiceIp', '10.42.0.10');
    expect(err.allowed).toContain('inside serviceCidr (10.41.0.0/16)');
  });
  test('rejects a pod CIDR overlapping the VNet', () => {
    const err = validationErrorOf(() => make({ podCidr: '10.40.0.0/16' }), 'podCidr', '10.40.0.0/16');
    expect(err.allowed).toContain('does not overlap network.addressSpace');
  });
  test('rejects the service CIDR network address as DNS service address', () => {
    const err = validationErrorOf(() => make({ serviceCidr: '10.100.0.0/20', dnsServiceIp: '10.100.0.0' }), 'dnsServiceIp', '10.100.0.0');
    expect(err.allowed).toContain('other than its first two');
  });
  test('rejects the kubernetes service address as DNS service address', () =>
    expectValidationError(() => make({ serviceCidr: '10.100.0.0/20', dnsServiceIp: '10.100.0.1' }), 'dnsServiceIp', '10.100.0.1'));
  test('rejects a pinned patch version on a channel that applies patches', () => {
    const err = validationErrorOf(() => make({ kubernetesVersion: '1.35.3' }), 'kubernetesVersion', '1.35.3');
    expect(err.allowed).toContain('"1.MINOR" while upgradeChannel "patch"');
  });
  test('a pinned patch version is fine with the node-image channel', () => {
    expect(clusterJson({ kubernetesVersion: '1.35.3', upgradeChannel: 'node-image' }).kubernetes_version).toBe('1.35.3');
  });
  test('on the stable channel Terraform ignores the minor versions AKS moves to', () => {
    expect(clusterJson({ upgradeChannel: 'stable' }).lifecycle.ignore_changes).toEqual([
      'default_node_pool[0].node_count',
      'kubernetes_version',
      'default_node_pool[0].orchestrator_version',
    ]);
    expect(clusterJson().lifecycle.ignore_changes).toEqual(['default_node_pool[0].node_count']);
  });
  test('rejects a node-image upgrade channel with another node OS channel', () =>
    expectValidationError(() => make({ upgradeChannel: 'node-image', nodeOsUpgradeChannel: 'SecurityPatch' }), 'nodeOsUpgradeChannel', 'SecurityPatch'));
  test('rejects an unknown network policy', () => expectValidationError(() => make({ networkPolicy: 'flannel' as any }), 'networkPolicy', 'flannel'));
  test('rejects a public API server without authorized ranges', () =>
    expectValidationError(() => make({ apiServerAuthorizedIpRanges: undefined }), 'apiServerAuthorizedIpRanges', []));
  test('rejects duplicate authorized ranges', () =>
    expectValidationError(
      () => make({ apiServerAuthorizedIpRanges: ['203.0.113.0/24', '203.0.113.0/24'] }),
      'apiServerAuthorizedIpRanges[1]',
      '203.0.113.0/24',
    ));
  test('rejects an authorized range that is not a CIDR', () =>
    expectValidationError(() => make({ apiServerAuthorizedIpRanges: ['203.0.113.7'] }), 'apiServerAuthorizedIpRanges[0]', '203.0.113.7'));
  test('rejects authorized ranges on a private cluster', () => {
    const err = validationErrorOf(
      () => make({ privateCluster: true, apiServerAuthorizedIpRanges: ['203.0.113.0/24'] }),
      'apiServerAuthorizedIpRanges',
      ['203.0.113.0/24'],
    );
    expect(err.allowed).toContain('privateCluster is on');
  });
  test('rejects Entra ID without admin groups', () =>
    expectValidationError(() => make({ entraId: { adminGroupObjectIds: [] } }), 'entraId.adminGroupObjectIds', []));
  test('rejects an admin group that is not a GUID', () =>
    expectValidationError(() => make({ entraId: { adminGroupObjectIds: ['platform-admins'] } }), 'entraId.adminGroupObjectIds[0]', 'platform-admins'));
  test('rejects a tenant that is not a GUID', () =>
    expectValidationError(() => make({ entraId: { adminGroupObjectIds: [GROUP], tenantId: 'contoso.onmicrosoft.com' } }), 'entraId.tenantId', 'contoso.onmicrosoft.com'));
  test('rejects an unknown kubelogin mode', () =>
    expectValidationError(() => make({ entraId: { adminGroupObjectIds: [GROUP], kubeloginMode: 'devicecode' as any } }), 'entraId.kubeloginMode', 'devicecode'));
  test('rejects an unknown upgrade channel', () => expectValidationError(() => make({ upgradeChannel: 'none' as any }), 'upgradeChannel', 'none'));
  test('rejects an unknown node OS upgrade channel', () =>
    expectValidationError(() => make({ nodeOsUpgradeChannel: 'None' as any }), 'nodeOsUpgradeChannel', 'None'));
  test('rejects an unknown maintenance day', () =>
    expectValidationError(() => make({ maintenanceWindow: { dayOfWeek: 'Sun' as any } }), 'maintenanceWindow.dayOfWeek', 'Sun'));
  test('rejects a maintenance start time that is not HH:MM', () =>
    expectValidationError(() => make({ maintenanceWindow: { startTime: '24:00' } }), 'maintenanceWindow.startTime', '24:00'));
  test('rejects a malformed UTC offset', () =>
    expectValidationError(() => make({ maintenanceWindow: { utcOffset: '+1:00' } }), 'maintenanceWindow.utcOffset', '+1:00'));
  test('rejects a maintenance window shorter than 4 hours', () =>
    expectValidationError(() => make({ maintenanceWindow: { durationHours: 3 } }), 'maintenanceWindow.durationHours', 3));
});

describe('AksCluster monitoring, add-ons and declared policy exceptions', () => {
  test('Container insights by default: a workspace without shared keys, the agent with managed identity, and a collection rule for the cluster', () => {
    const json = synth(make().stack);
    expect(only(json, 'azurerm_log_analytics_workspace')).toMatchObject({
      name: 'sl-aks-monitoring',
      sku: 'PerGB2018',
      retention_in_days: 30,
      local_authentication_enabled: false,
    });
    const cluster = only(json, 'azurerm_kubernetes_cluster');
    expect(cluster.oms_agent).toEqual({ log_analytics_workspace_id: expect.stringMatching(/^\$\{azurerm_log_analytics_workspace\.[^.]+\.id\}$/), msi_auth_for_monitoring_enabled: true });
    expect(cluster.azure_policy_enabled).toBe(true);
    expect(cluster.microsoft_defender).toBeUndefined();
    const rule = only(json, 'azurerm_monitor_data_collection_rule');
    expect(rule.data_flow).toEqual([{ streams: ['Microsoft-ContainerInsights-Group-Default'], destinations: ['workspace'] }]);
    expect(JSON.parse(rule.data_sources.extension[0].extension_json)).toEqual({ dataCollectionSettings: { interval: '1m', namespaceFilteringMode: 'Off', enableContainerLogV2: true } });
    const association = only(json, 'azurerm_monitor_data_collection_rule_association');
    expect(association.target_resource_id).toMatch(/^\$\{azurerm_kubernetes_cluster\.[^.]+\.id\}$/);
    expect(association.data_collection_rule_id).toMatch(/^\$\{azurerm_monitor_data_collection_rule\.[^.]+\.id\}$/);
  });

  test('an existing workspace is used as given; retention and a daily cap configure a created one', () => {
    const workspace = '/subscriptions/s/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/central';
    const existing = synth(make({ monitoring: { workspaceId: workspace } }).stack);
    expect(resources(existing, 'azurerm_log_analytics_workspace')).toEqual({});
    expect(only(existing, 'azurerm_kubernetes_cluster').oms_agent.log_analytics_workspace_id).toBe(workspace);
    const tuned = only(synth(make({ monitoring: { retentionDays: 90, dailyQuotaGb: 5 } }).stack), 'azurerm_log_analytics_workspace');
    expect(tuned).toMatchObject({ retention_in_days: 90, daily_quota_gb: 5 });
  });

  test('workspace and rule names fit their limits for the longest cluster names', () => {
    const name = `a_${'b'.repeat(60)}`;
    const json = synth(make({ name }).stack);
    const ws: string = only(json, 'azurerm_log_analytics_workspace').name;
    const dcr: string = only(json, 'azurerm_monitor_data_collection_rule').name;
    expect(ws.length).toBeLessThanOrEqual(63);
    expect(dcr.length).toBeLessThanOrEqual(64);
    expect(ws).toMatch(/^[a-z0-9-]+-monitoring$/);
    expect(ws).not.toContain('_');
  });

  test('monitoring off: no workspace, no agent, no rule; Defender needs monitoring', () => {
    const json = synth(make({ monitoring: { enabled: false }, azurePolicy: false }).stack);
    expect(resources(json, 'azurerm_log_analytics_workspace')).toEqual({});
    expect(resources(json, 'azurerm_monitor_data_collection_rule')).toEqual({});
    const c = only(json, 'azurerm_kubernetes_cluster');
    expect(c.oms_agent).toBeUndefined();
    expect(c.azure_policy_enabled).toBe(false);
    expectValidationError(() => make({ monitoring: { enabled: false }, defender: true }), 'defender', true);
  });

  test('Defender reports to the monitoring workspace; host encryption is passed to the system pool', () => {
    const c = clusterJson({ defender: true, systemPool: { hostEncryption: true } });
    expect(c.microsoft_defender).toEqual({ log_analytics_workspace_id: c.oms_agent.log_analytics_workspace_id });
    expect(c.default_node_pool.host_encryption_enabled).toBe(true);
  });

  test('declares exactly the policy exceptions its defaults cannot avoid: host encryption, and local accounts without Entra ID', () => {
    const { stack } = make();
    expect(checkPolicies(stack).findings).toEqual([]);
    expect(checkPolicies(stack).suppressed.map((f) => [f.ruleId, f.suppressedBy])).toEqual([
      ['AZ-AKS-006', 'library'],
      ['AZ-AKS-010', 'library'],
    ]);
    const hardened = make({ systemPool: { hostEncryption: true }, entraId: { adminGroupObjectIds: [GROUP] } }).stack;
    expect(checkPolicies(hardened)).toMatchObject({ findings: [], suppressed: [] });
  });

  test('in a region without zones it also declares the zone exception; a relaxed setting it does not declare is a finding', () => {
    const zoneless = make({ resourceGroup: resourceGroup(NON_ZONAL_REGION) }).stack;
    expect(checkPolicies(zoneless).suppressed.map((f) => f.ruleId)).toContain('AZ-AKS-012');
    const free = make({ skuTier: 'Free', monitoring: { enabled: false } }).stack;
    expect(checkPolicies(free).findings.map((f) => f.ruleId).sort()).toEqual(['AZ-AKS-004', 'AZ-AKS-009']);
  });

  test('rejects monitoring settings that contradict each other', () => {
    expectValidationError(() => make({ monitoring: { enabled: false, workspaceId: '/subscriptions/s/resourceGroups/r/providers/Microsoft.OperationalInsights/workspaces/w' } }), 'monitoring.enabled', false);
    expectValidationError(() => make({ monitoring: { workspaceId: '/subscriptions/s/resourceGroups/r/providers/Microsoft.OperationalInsights/workspaces/w', retentionDays: 60 } }), 'monitoring.workspaceId', '/subscriptions/s/resourceGroups/r/providers/Microsoft.OperationalInsights/workspaces/w');
    expectValidationError(() => make({ monitoring: { retentionDays: 10 } }), 'monitoring.retentionDays', 10);
    expectValidationError(() => make({ monitoring: { dailyQuotaGb: 0 } }), 'monitoring.dailyQuotaGb', 0);
    expectValidationError(() => make({ monitoring: { workspaceId: 'central' } }), 'monitoring.workspaceId', 'central');
  });
});
