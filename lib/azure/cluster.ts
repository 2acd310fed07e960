import './provider-package';
import { DataAzurermKubernetesCluster } from '@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster';
import { KubernetesCluster as AzKubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MonitorDataCollectionRule } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule';
import { MonitorDataCollectionRuleAssociation } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Fn, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { parseCidr, parseIpv4 } from '../core/cidr';
import { ExecCredential, KubernetesCluster, KubernetesConnection } from '../core/cluster';
import { AZURE_NAMES, checkName } from '../core/naming';
import {
  ValidationError,
  checkCidr,
  checkInt,
  checkIpInCidr,
  checkIpv4,
  checkList,
  checkNoOverlap,
  checkOneOf,
  checkPattern,
  isUnresolved,
} from '../core/validation';
import { AzureNetworkRef } from './network';
import { declarePolicyException } from '../core/policy-exceptions';
import { AzureResourceGroupRef } from './resource-group';
import { regionHasZones } from './regions';
import { AKS_DEFAULT_KUBERNETES_VERSION, AKS_KUBERNETES_MINORS } from './versions';

/** Application id of the AKS Entra ID server app, the audience kubelogin requests tokens for. */
export const AKS_ENTRA_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';

/** How kubelogin signs in when Terraform talks to an Entra ID cluster. */
export type KubeloginMode = 'azurecli' | 'workloadidentity' | 'msi' | 'spn' | 'azd';

/** Microsoft Entra ID integration of an AKS cluster (Kubernetes RBAC through Entra groups). */
export interface AksEntraIdProps {
  /** Entra ID groups whose members are cluster admins. */
  readonly adminGroupObjectIds: readonly string[];
  /** Tenant of the groups. @default the tenant Terraform signs in to */
  readonly tenantId?: string;
  /** Turn off local accounts (the static admin certificate), so every access goes through Entra ID. @default true */
  readonly disableLocalAccounts?: boolean;
  /** How kubelogin gets a token for Terraform's kubernetes and helm providers. @default "azurecli" */
  readonly kubeloginMode?: KubeloginMode;
}

/** Weekly window in which AKS may upgrade the cluster and its nodes. */
export interface AksMaintenanceWindowProps {
  /** Day of the week. @default "Sunday" */
  readonly dayOfWeek?: 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday' | 'Sunday';
  /** Start time, `HH:MM`. @default "02:00" */
  readonly startTime?: string;
  /** UTC offset of the start time, `+HH:MM` or `-HH:MM`. @default "+00:00" */
  readonly utcOffset?: string;
  /** Length in hours (at least 4). @default 4 */
  readonly durationHours?: number;
}

/** The system node pool of an AKS cluster. */
export interface AksSystemPoolProps {
  /** VM size. @default "Standard_D4ds_v5" */
  readonly vmSize?: string;
  /** Autoscaler minimum; at least 2 so a node drain never takes the platform down. @default 3 */
  readonly minCount?: number;
  /** Autoscaler maximum. @default 6 */
  readonly maxCount?: number;
  /** Availability zones to spread nodes over; empty in regions without zones. @default ["1","2","3"] */
  readonly zones?: readonly string[];
  /** Pods per node (Azure CNI overlay allows up to 250). @default 110 */
  readonly maxPods?: number;
  /** OS disk size in GiB. @default 128 */
  readonly osDiskSizeGb?: number;
  /**
   * Encrypt temp disks, caches and the data flow to storage at the VM host. Needs the `EncryptionAtHost` feature
   * registered on the subscription (`az feature register --namespace Microsoft.Compute --name EncryptionAtHost`), which
   * typical subscriptions lack, so it is off by default and the cluster declares an exception to policy AZ-AKS-010.
   * @default false
   */
  readonly hostEncryption?: boolean;
}

/** Container Insights (Azure Monitor) for an AKS cluster. */
export interface AksMonitoringProps {
  /**
   * Container insights: node and container logs, Kubernetes events and metrics in a Log Analytics workspace, collected
   * by the Azure Monitor agent with managed-identity authentication. Turning it off trips policy AZ-AKS-004.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Use this existing Log Analytics workspace (resource id) instead of creating one; it must be in the cluster's region
   * (the data collection rule lives there). @default a new workspace
   */
  readonly workspaceId?: string;
  /** Days a created workspace keeps data (30-730). @default 30 */
  readonly retentionDays?: number;
  /** Daily ingestion cap of a created workspace in GB (-1 for none); a cap stops collection once reached. @default -1 */
  readonly dailyQuotaGb?: number;
}

/** Properties of {@link AksCluster}. */
export interface AksClusterProps {
  /** Resource group the cluster is created in. */
  readonly resourceGroup: AzureResourceGroupRef;
  /** Network whose node subnet the nodes join. */
  readonly network: AzureNetworkRef;
  /** Cluster name. */
  readonly name: string;
  /**
   * Kubernetes version: `1.MINOR` (AKS picks the latest patch and the upgrade channel applies newer ones), or
   * `1.MINOR.PATCH` with upgradeChannel `node-image` only. @default AKS_DEFAULT_KUBERNETES_VERSION
   */
  readonly kubernetesVersion?: string;
  /** Pricing tier; Free has no uptime SLA and is for throwaway clusters only. @default "Standard" */
  readonly skuTier?: 'Standard' | 'Premium' | 'Free';
  /** The system node pool. @default the defaults of its fields */
  readonly systemPool?: AksSystemPoolProps;
  /** Overlay pod CIDR; must not overlap the VNet. @default "10.244.0.0/16" */
  readonly podCidr?: string;
  /** Service CIDR; must not overlap the VNet or the pod CIDR. @default "10.41.0.0/16" */
  readonly serviceCidr?: string;
  /** Cluster DNS service address, inside the service CIDR. @default the .10 address of the service CIDR */
  readonly dnsServiceIp?: string;
  /** Network policy engine (Cilium also becomes the data plane). @default "cilium" */
  readonly networkPolicy?: 'cilium' | 'calico' | 'azure';
  /**
   * CIDRs allowed to reach the public API server. Required unless `privateCluster` is on; give `["0.0.0.0/0"]` to
   * open it to everyone on purpose.
   * @default none: then `privateCluster` must be on
   */
  readonly apiServerAuthorizedIpRanges?: readonly string[];
  /** API server only on a private address in the VNet; Terraform must then run from inside the network. @default false */
  readonly privateCluster?: boolean;
  /** Entra ID authentication with Azure RBAC for Kubernetes. @default off (local accounts with cluster certificates) */
  readonly entraId?: AksEntraIdProps;
  /** Automatic upgrade channel. `patch` keeps the configured minor and applies its patches. @default "patch" */
  readonly upgradeChannel?: 'patch' | 'stable' | 'rapid' | 'node-image';
  /** Node OS image upgrade channel. @default "NodeImage" */
  readonly nodeOsUpgradeChannel?: 'NodeImage' | 'SecurityPatch' | 'Unmanaged';
  /** When automatic upgrades may run (cluster and node OS). @default Sunday 02:00 UTC, 4 hours */
  readonly maintenanceWindow?: AksMaintenanceWindowProps;
  /** Container insights (logs and metrics in Log Analytics). @default on, with a new workspace */
  readonly monitoring?: AksMonitoringProps;
  /** The Azure Policy add-on (Gatekeeper), which audits or enforces Azure Policy assignments in the cluster. @default true */
  readonly azurePolicy?: boolean;
  /**
   * Microsoft Defender for Containers sensor, reporting to the monitoring workspace. Needs the Defender for Containers
   * plan on the subscription (billed per vCore) and monitoring on. @default false
   */
  readonly defender?: boolean;
  /** Tags for every resource. @default none */
  readonly tags?: { readonly [key: string]: string };
}

const NETWORK_CONTRIBUTOR = 'Network Contributor';

/** The Container insights stream that carries its default data set. */
const CONTAINER_INSIGHTS_STREAM = 'Microsoft-ContainerInsights-Group-Default';

/**
 * An AKS cluster: Standard tier, zonal autoscaling system pool, Azure CNI overlay with a network policy, OIDC issuer
 * and workload identity, an automatic upgrade channel with a maintenance window, a restricted (or private) API
 * server and optional Entra ID RBAC. The control plane runs as a user-assigned identity that may use the node subnet.
 */
export class AksCluster extends Construct implements KubernetesCluster {
  /** The `azurerm_kubernetes_cluster` resource. */
  public readonly cluster: AzKubernetesCluster;
  /** Identity of the control plane; grant it what its load balancers need on addresses outside the node resource group (see AzureStaticIp). */
  public readonly controlPlaneIdentity: UserAssignedIdentity;
  public readonly name: string;
  public readonly oidcIssuerUrl: string;
  public readonly kubernetesVersion: string;
  /** Object id of the kubelet identity (pulls images). */
  public readonly kubeletObjectId: string;
  /** The Log Analytics workspace this construct created for Container insights, if any. */
  public readonly monitoringWorkspace?: LogAnalyticsWorkspace;
  private readonly resourceGroupName: string;
  private readonly entraId?: AksEntraIdProps;

  public constructor(scope: Construct, id: string, props: AksClusterProps) {
    super(scope, id);
    const rg = props.resourceGroup;
    checkName(this, 'name', props.name, AZURE_NAMES.kubernetesCluster);

    const version = props.kubernetesVersion ?? AKS_DEFAULT_KUBERNETES_VERSION;
    checkPattern(this, 'kubernetesVersion', version, /^1\.\d+(\.\d+)?$/, `a Kubernetes version "1.MINOR" or "1.MINOR.PATCH" with MINOR one of ${AKS_KUBERNETES_MINORS.join(', ')}`);
    if (!isUnresolved(version)) {
      const minor = version.split('.').slice(0, 2).join('.');
      if (!AKS_KUBERNETES_MINORS.includes(minor)) {
        throw new ValidationError(this, 'kubernetesVersion', version, `a Kubernetes version AKS supports: ${AKS_KUBERNETES_MINORS.join(', ')} (with or without a patch number)`);
      }
    }
    const skuTier = checkOneOf(this, 'skuTier', props.skuTier ?? 'Standard', ['Standard', 'Premium', 'Free'] as const);

    const pool = props.systemPool ?? {};
    const minCount = checkInt(this, 'systemPool.minCount', pool.minCount ?? 3, 2, 1000);
    const maxCount = checkInt(this, 'systemPool.maxCount', pool.maxCount ?? 6, 2, 1000);
    if (!isUnresolved(minCount) && !isUnresolved(maxCount) && maxCount < minCount) {
      throw new ValidationError(this, 'systemPool.maxCount', maxCount, `a number no smaller than systemPool.minCount (${minCount})`);
    }
    const vmSize = checkPattern(this, 'systemPool.vmSize', pool.vmSize ?? 'Standard_D4ds_v5', /^Standard_[A-Za-z0-9_]+$/, 'an Azure VM size such as "Standard_D4ds_v5"');
    const maxPods = checkInt(this, 'systemPool.maxPods', pool.maxPods ?? 110, 30, 250);
    const osDiskSizeGb = checkInt(this, 'systemPool.osDiskSizeGb', pool.osDiskSizeGb ?? 128, 30, 2048);
    const zones = pool.zones ?? (regionHasZones(rg.location) ? ['1', '2', '3'] : []);
    checkList(this, 'systemPool.zones', zones, (z, f) => checkOneOf(this, f, z, ['1', '2', '3']), { maxItems: 3 });
    if (zones.length > 0 && !isUnresolved(rg.location) && !regionHasZones(rg.location)) {
      throw new ValidationError(this, 'systemPool.zones', zones, `[] because ${rg.location} has no availability zones`);
    }

    const podCidr = checkCidr(this, 'podCidr', props.podCidr ?? '10.244.0.0/16', 8, 24);
    const serviceCidr = checkCidr(this, 'serviceCidr', props.serviceCidr ?? '10.41.0.0/16', 8, 28);
    const dnsServiceIp = checkIpv4(this, 'dnsServiceIp', props.dnsServiceIp ?? defaultDnsServiceIp(serviceCidr));
    checkIpInCidr(this, 'dnsServiceIp', dnsServiceIp, 'serviceCidr', serviceCidr);
    if (!isUnresolved(dnsServiceIp) && !isUnresolved(serviceCidr)) {
      const first = parseCidr(serviceCidr)!.start;
      const ip = parseIpv4(dnsServiceIp)!;
      if (ip === first || ip === first + 1) {
        throw new ValidationError(this, 'dnsServiceIp', dnsServiceIp, `an address of serviceCidr (${serviceCidr}) other than its first two (the network address and the kubernetes service)`);
      }
    }
    checkNoOverlap(this, { 'network.addressSpace': props.network.addressSpace, podCidr, serviceCidr });
    const networkPolicy = checkOneOf(this, 'networkPolicy', props.networkPolicy ?? 'cilium', ['cilium', 'calico', 'azure'] as const);

    const privateCluster = props.privateCluster ?? false;
    const ranges = props.apiServerAuthorizedIpRanges;
    if (!privateCluster) {
      if (ranges === undefined || (!isUnresolved(ranges) && ranges.length === 0)) {
        throw new ValidationError(
          this,
          'apiServerAuthorizedIpRanges',
          ranges ?? [],
          'the CIDRs that may reach the Kubernetes API (your office or CI egress, e.g. ["203.0.113.0/24"]); ["0.0.0.0/0"] opens it to everyone; or set privateCluster',
        );
      }
      checkList(this, 'apiServerAuthorizedIpRanges', ranges, (r, f) => checkCidr(this, f, r), { minItems: 1, maxItems: 200 });
    } else if (ranges !== undefined && ranges.length > 0) {
      throw new ValidationError(this, 'apiServerAuthorizedIpRanges', ranges, 'none when privateCluster is on (a private API server has no public address to restrict)');
    }

    if (props.entraId) {
      checkList(this, 'entraId.adminGroupObjectIds', props.entraId.adminGroupObjectIds, (g, f) => checkUuid(this, f, g), { minItems: 1 });
      if (props.entraId.tenantId !== undefined) checkUuid(this, 'entraId.tenantId', props.entraId.tenantId);
      checkOneOf(this, 'entraId.kubeloginMode', props.entraId.kubeloginMode ?? 'azurecli', ['azurecli', 'workloadidentity', 'msi', 'spn', 'azd'] as const);
    }
    const upgradeChannel = checkOneOf(this, 'upgradeChannel', props.upgradeChannel ?? 'patch', ['patch', 'stable', 'rapid', 'node-image'] as const);
    const nodeOsChannel = checkOneOf(this, 'nodeOsUpgradeChannel', props.nodeOsUpgradeChannel ?? 'NodeImage', ['NodeImage', 'SecurityPatch', 'Unmanaged'] as const);
    if (upgradeChannel !== 'node-image' && !isUnresolved(version) && version.split('.').length === 3) {
      throw new ValidationError(
        this,
        'kubernetesVersion',
        version,
        `"1.MINOR" while upgradeChannel "${upgradeChannel}" applies patches itself (a pinned patch would drift); pin a patch only with upgradeChannel "node-image"`,
      );
    }
    if (upgradeChannel === 'node-image' && nodeOsChannel !== 'NodeImage') {
      throw new ValidationError(this, 'nodeOsUpgradeChannel', nodeOsChannel, '"NodeImage" when upgradeChannel is "node-image" (AKS requires the pair)');
    }
    const mw = props.maintenanceWindow ?? {};
    const window = {
      frequency: 'Weekly',
      interval: 1,
      dayOfWeek: checkOneOf(this, 'maintenanceWindow.dayOfWeek', mw.dayOfWeek ?? 'Sunday', ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const),
      startTime: checkPattern(this, 'maintenanceWindow.startTime', mw.startTime ?? '02:00', /^([01]\d|2[0-3]):[0-5]\d$/, 'a time "HH:MM" (24-hour clock)'),
      utcOffset: checkPattern(this, 'maintenanceWindow.utcOffset', mw.utcOffset ?? '+00:00', /^[+-](0\d|1[0-4]):[0-5]\d$/, 'an offset "+HH:MM" or "-HH:MM"'),
      duration: checkInt(this, 'maintenanceWindow.durationHours', mw.durationHours ?? 4, 4, 24),
    };

    const hostEncryption = props.systemPool?.hostEncryption ?? false;
    const monitoring = props.monitoring ?? {};
    const monitoringEnabled = monitoring.enabled ?? true;
    if (!monitoringEnabled && (monitoring.workspaceId !== undefined || monitoring.retentionDays !== undefined || monitoring.dailyQuotaGb !== undefined)) {
      throw new ValidationError(this, 'monitoring.enabled', false, 'true when monitoring.workspaceId, retentionDays or dailyQuotaGb is set');
    }
    if (monitoring.workspaceId !== undefined) {
      checkPattern(this, 'monitoring.workspaceId', monitoring.workspaceId, /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.OperationalInsights\/workspaces\/[^/]+$/i, 'the resource id of a Log Analytics workspace: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>');
      if (monitoring.retentionDays !== undefined || monitoring.dailyQuotaGb !== undefined) {
        throw new ValidationError(this, 'monitoring.workspaceId', monitoring.workspaceId, 'unset when monitoring.retentionDays or dailyQuotaGb is set (they configure a workspace this construct creates)');
      }
    }
    const retentionDays = checkInt(this, 'monitoring.retentionDays', monitoring.retentionDays ?? 30, 30, 730);
    const dailyQuotaGb = monitoring.dailyQuotaGb ?? -1;
    if (!isUnresolved(dailyQuotaGb) && dailyQuotaGb !== -1) checkInt(this, 'monitoring.dailyQuotaGb', dailyQuotaGb, 1, 10000);
    const defender = props.defender ?? false;
    if (defender && !monitoringEnabled) {
      throw new ValidationError(this, 'defender', defender, 'false when monitoring is off (the Defender sensor reports to the monitoring workspace)');
    }

    this.controlPlaneIdentity = new UserAssignedIdentity(this, 'control-plane-identity', {
      name: `${props.name}-control-plane`,
      resourceGroupName: rg.name,
      location: rg.location,
      tags: props.tags,
    });
    // The control plane joins load balancers and NICs to the node subnet.
    const subnetRole = new RoleAssignment(this, 'control-plane-subnet-role', {
      scope: props.network.nodeSubnet.id,
      roleDefinitionName: NETWORK_CONTRIBUTOR,
      principalId: this.controlPlaneIdentity.principalId,
      principalType: 'ServicePrincipal',
    });

    let workspaceId: string | undefined;
    if (monitoringEnabled) {
      if (monitoring.workspaceId !== undefined) {
        workspaceId = monitoring.workspaceId;
      } else {
        this.monitoringWorkspace = new LogAnalyticsWorkspace(this, 'monitoring-workspace', {
          name: resourceName(props.name, '-monitoring', 63),
          resourceGroupName: rg.name,
          location: rg.location,
          sku: 'PerGB2018',
          retentionInDays: retentionDays,
          dailyQuotaGb: dailyQuotaGb === -1 ? undefined : dailyQuotaGb,
          // The agent signs in with the cluster's managed identity: no workspace keys.
          localAuthenticationEnabled: false,
          tags: props.tags,
        });
        workspaceId = this.monitoringWorkspace.id;
      }
    }

    this.cluster = new AzKubernetesCluster(this, 'cluster', {
      name: props.name,
      resourceGroupName: rg.name,
      location: rg.location,
      dnsPrefix: dnsPrefixFor(props.name),
      kubernetesVersion: version,
      skuTier,
      identity: { type: 'UserAssigned', identityIds: [this.controlPlaneIdentity.id] },
      oidcIssuerEnabled: true,
      workloadIdentityEnabled: true,
      roleBasedAccessControlEnabled: true,
      azurePolicyEnabled: props.azurePolicy ?? true,
      omsAgent: workspaceId === undefined ? undefined : { logAnalyticsWorkspaceId: workspaceId, msiAuthForMonitoringEnabled: true },
      microsoftDefender: defender && workspaceId !== undefined ? { logAnalyticsWorkspaceId: workspaceId } : undefined,
      automaticUpgradeChannel: upgradeChannel,
      nodeOsUpgradeChannel: nodeOsChannel,
      maintenanceWindowAutoUpgrade: window,
      maintenanceWindowNodeOs: window,
      privateClusterEnabled: privateCluster,
      apiServerAccessProfile: privateCluster ? undefined : { authorizedIpRanges: [...(ranges ?? [])] },
      localAccountDisabled: props.entraId ? props.entraId.disableLocalAccounts ?? true : false,
      azureActiveDirectoryRoleBasedAccessControl: props.entraId
        ? { azureRbacEnabled: true, adminGroupObjectIds: [...props.entraId.adminGroupObjectIds], tenantId: props.entraId.tenantId }
        : undefined,
      defaultNodePool: {
        name: 'system',
        temporaryNameForRotation: 'systemtmp',
        vmSize,
        autoScalingEnabled: true,
        minCount,
        maxCount,
        maxPods,
        osDiskSizeGb,
        hostEncryptionEnabled: hostEncryption,
        zones: [...zones],
        vnetSubnetId: props.network.nodeSubnet.id,
        onlyCriticalAddonsEnabled: false,
        upgradeSettings: { maxSurge: '33%', drainTimeoutInMinutes: 30, nodeSoakDurationInMinutes: 0 },
      },
      networkProfile: {
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        networkDataPlane: networkPolicy === 'cilium' ? 'cilium' : 'azure',
        networkPolicy,
        podCidr,
        serviceCidr,
        dnsServiceIp,
        loadBalancerSku: 'standard',
        outboundType: 'loadBalancer',
      },
      tags: props.tags,
      dependsOn: [subnetRole],
      // The autoscaler owns the node count; on the stable and rapid channels AKS also moves the minor version.
      lifecycle: {
        ignoreChanges:
          upgradeChannel === 'stable' || upgradeChannel === 'rapid'
            ? ['default_node_pool[0].node_count', 'kubernetes_version', 'default_node_pool[0].orchestrator_version']
            : ['default_node_pool[0].node_count'],
      },
    });

    if (workspaceId !== undefined) {
      // With managed-identity auth the agent collects only what a data collection rule associated with the cluster
      // asks for: Container insights' default set (logs, events, inventory, performance).
      const dcr = new MonitorDataCollectionRule(this, 'monitoring-rule', {
        name: resourceName(props.name, '-container-insights', 64),
        resourceGroupName: rg.name,
        location: rg.location,
        description: 'Container insights for the AKS cluster',
        destinations: { logAnalytics: [{ name: 'workspace', workspaceResourceId: workspaceId }] },
        dataFlow: [{ streams: [CONTAINER_INSIGHTS_STREAM], destinations: ['workspace'] }],
        dataSources: {
          extension: [
            {
              name: 'ContainerInsightsExtension',
              extensionName: 'ContainerInsights',
              streams: [CONTAINER_INSIGHTS_STREAM],
              extensionJson: JSON.stringify({ dataCollectionSettings: { interval: '1m', namespaceFilteringMode: 'Off', enableContainerLogV2: true } }),
            },
          ],
        },
        tags: props.tags,
      });
      new MonitorDataCollectionRuleAssociation(this, 'monitoring-rule-association', {
        name: 'ContainerInsightsExtension',
        targetResourceId: this.cluster.id,
        dataCollectionRuleId: dcr.id,
      });
    }

    // Where a secure setting cannot be the default, the cluster says so (policy pack: docs/security.md).
    if (!hostEncryption) {
      declarePolicyException(
        this.cluster,
        'AZ-AKS-010',
        'Host encryption needs the EncryptionAtHost feature registered on the subscription, which typical subscriptions lack; register it and set systemPool.hostEncryption: true',
      );
    }
    if (!props.entraId || props.entraId.disableLocalAccounts === false) {
      declarePolicyException(
        this.cluster,
        'AZ-AKS-006',
        props.entraId
          ? 'entraId.disableLocalAccounts is false: the static admin certificate stays as a break-glass credential'
          : 'Without Entra ID (entraId with the admin group ids only you know) local accounts are the only way into the cluster; set entraId to turn them off',
      );
    }
    if (zones.length < 2 && !isUnresolved(rg.location) && !regionHasZones(rg.location)) {
      declarePolicyException(this.cluster, 'AZ-AKS-012', `${rg.location} has no availability zones, so nodes cannot be spread over zones`);
    }

    this.name = this.cluster.name;
    this.oidcIssuerUrl = this.cluster.oidcIssuerUrl;
    this.kubernetesVersion = version;
    this.kubeletObjectId = this.cluster.kubeletIdentity.objectId;
    this.resourceGroupName = rg.name;
    this.entraId = props.entraId;
  }

  public connect(scope: Construct, id = 'aks-cluster'): KubernetesConnection {
    const sameStack = TerraformStack.of(scope) === TerraformStack.of(this);
    let config: { host: string; clusterCaCertificate: string; clientCertificate: string; clientKey: string };
    let dependsOn;
    if (sameStack) {
      const kc = this.cluster.kubeConfig.get(0);
      config = kc;
      dependsOn = [this.cluster];
    } else {
      // Read the cluster in the consuming stack, when Terraform runs there: nothing expires in remote state.
      const data = new DataAzurermKubernetesCluster(scope, id, { name: this.name, resourceGroupName: this.resourceGroupName });
      config = data.kubeConfig.get(0);
      dependsOn = [data];
    }
    const base = { host: config.host, clusterCaCertificate: Fn.base64decode(config.clusterCaCertificate), dependsOn };
    if (this.entraId) {
      const exec: ExecCredential = {
        apiVersion: 'client.authentication.k8s.io/v1beta1',
        command: 'kubelogin',
        args: ['get-token', '--login', this.entraId.kubeloginMode ?? 'azurecli', '--server-id', AKS_ENTRA_SERVER_APP_ID],
      };
      return { ...base, exec };
    }
    return { ...base, clientCertificate: Fn.base64decode(config.clientCertificate), clientKey: Fn.base64decode(config.clientKey) };
  }
}

/**
 * The API server's DNS prefix from the cluster name: AKS allows 1-54 letters, digits and hyphens, starting and ending
 * with a letter or digit, where cluster names also allow "_" and 63 characters.
 */
export function dnsPrefixFor(name: string): string {
  if (isUnresolved(name)) return name;
  return name.replace(/_/g, '-').slice(0, 54).replace(/-+$/, '');
}

/**
 * `<cluster name><suffix>` within `max` characters for resources whose names allow only letters, digits and hyphens
 * (Log Analytics workspaces, data collection rules).
 */
function resourceName(name: string, suffix: string, max: number): string {
  if (isUnresolved(name)) return `${name}${suffix}`;
  return `${name.replace(/_/g, '-').slice(0, max - suffix.length).replace(/-+$/, '')}${suffix}`;
}

/** The `.10` address of a service CIDR, as AKS conventionally uses for CoreDNS. */
function defaultDnsServiceIp(serviceCidr: string): string {
  if (isUnresolved(serviceCidr)) return serviceCidr;
  const [a, b, c, d] = serviceCidr.split('/')[0]!.split('.').map(Number);
  return `${a}.${b}.${c}.${d! + 10}`;
}

function checkUuid(scope: Construct, field: string, value: string): void {
  checkPattern(scope, field, value, /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'a GUID such as "00000000-0000-0000-0000-000000000000"');
}
