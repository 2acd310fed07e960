import './provider-package';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { DataGoogleClientConfig } from '@cdktf/provider-google/lib/data-google-client-config';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Fn, ITerraformDependable, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { KubernetesCluster, KubernetesConnection } from '../core/cluster';
import { GCP_NAMES, checkName } from '../core/naming';
import {
  ValidationError,
  checkCidr,
  checkInt,
  checkList,
  checkNoOverlap,
  checkOneOf,
  checkPattern,
  isUnresolved,
} from '../core/validation';
import { GcpNetworkRef } from './network';
import { GKE_KUBERNETES_MINORS, GKE_RELEASE_CHANNELS, GKE_VERSIONS_CHECKED_ON, GkeReleaseChannel, gkeChannelMinors } from './versions';
import { declarePolicyException } from '../core/policy-exceptions';
import { GoogleContainerCluster, GoogleContainerClusterData } from './container-cluster-resource';

/**
 * How the kubernetes and helm providers reach a GKE cluster: the cluster's endpoint and CA, and a bearer token, the
 * OAuth access token of whatever credentials the google provider runs with (application-default credentials: a
 * `gcloud auth application-default login`, a service account key in `GOOGLE_APPLICATION_CREDENTIALS`, workload
 * identity federation, the metadata server of a VM or a CI runner). Read from `data.google_client_config` when
 * Terraform runs; Google access tokens live one hour, which covers the longest platform apply (see docs/gke.md).
 */
export interface GkeConnection extends KubernetesConnection {
  /** Bearer token (sensitive, short-lived). */
  readonly token: string;
}

/** Days of the week as GKE's recurrence rules write them. */
export const GKE_WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
/** A day of the week, as GKE maintenance windows name it. */
export type GkeWeekday = (typeof GKE_WEEKDAYS)[number];

/** When GKE may run automatic upgrades and maintenance. */
export interface GkeMaintenanceWindowProps {
  /** Days automatic upgrades may run on. @default ["SA", "SU"] */
  readonly days?: readonly GkeWeekday[];
  /** Start time, `HH:MM` UTC. @default "02:00" */
  readonly startTime?: string;
  /**
   * Length in hours (4-24). GKE needs at least 48 hours of windows in any 32 days, so `days` × `durationHours` must
   * be at least 12 hours a week. @default 6
   */
  readonly durationHours?: number;
}

/** The node pool of a GKE Standard cluster. */
export interface GkeNodePoolProps {
  /** Machine type. @default "e2-standard-4" */
  readonly machineType?: string;
  /** Autoscaler minimum over all zones of the region; at least 2 so a node repair never takes the platform down. @default 3 */
  readonly minNodes?: number;
  /** Autoscaler maximum over all zones. @default 6 */
  readonly maxNodes?: number;
  /** Boot disk size in GB. @default 100 */
  readonly diskSizeGb?: number;
  /** Boot disk type. @default "pd-balanced" */
  readonly diskType?: 'pd-balanced' | 'pd-ssd' | 'pd-standard';
  /** Pods per node (8-256). @default 110 */
  readonly maxPodsPerNode?: number;
}

/** Properties of {@link GkeCluster}. */
export interface GkeClusterProps {
  /** Project id (the Workload Identity pool is `<project>.svc.id.goog`). */
  readonly project: string;
  /** Network and subnetwork (with its pod and Service ranges) the cluster runs in. */
  readonly network: GcpNetworkRef;
  /** Cluster name. */
  readonly name: string;
  /** Autopilot instead of Standard: Google runs the nodes; node pool settings do not apply. @default false */
  readonly autopilot?: boolean;
  /** Release channel; GKE upgrades control plane and nodes within it. @default "REGULAR" */
  readonly releaseChannel?: GkeReleaseChannel;
  /**
   * Minimum Kubernetes version of the control plane, `1.MINOR` (or a full GKE version `1.MINOR.PATCH-gke.N`); the
   * channel moves it forward from there. @default the channel's default version
   */
  readonly kubernetesVersion?: string;
  /**
   * CIDRs allowed to reach the control plane's public endpoint. Required unless `privateEndpoint` is on (then they
   * restrict access to the private endpoint); give `["0.0.0.0/0"]` to open it on purpose.
   * @default none: then `privateEndpoint` must be on
   */
  readonly masterAuthorizedNetworks?: readonly string[];
  /** Control plane on a private address only; Terraform must then run from inside the network. @default false */
  readonly privateEndpoint?: boolean;
  /**
   * A /28 for the control plane, for the older VPC-peering private clusters. @default none (Private Service Connect,
   * which needs no range)
   */
  readonly masterIpv4CidrBlock?: string;
  /** Network policy enforcement: GKE Dataplane V2 (eBPF), or Calico on the legacy data plane. @default "dataplane-v2" */
  readonly networkPolicy?: 'dataplane-v2' | 'calico';
  /** The node pool (Standard only). @default the defaults of its fields */
  readonly nodePool?: GkeNodePoolProps;
  /** When automatic upgrades may run. @default Saturday and Sunday 02:00-08:00 UTC */
  readonly maintenanceWindow?: GkeMaintenanceWindowProps;
  /** Let `terraform destroy` delete the cluster (turns off its deletion protection). @default false */
  readonly allowDestroy?: boolean;
  /** Labels of the cluster. @default none */
  readonly labels?: { readonly [key: string]: string };
  /** What the cluster must be created after (the project's APIs). @default none */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** The role a node service account needs to write logs and metrics, and nothing more. */
export const GKE_NODE_ROLES: readonly string[] = ['roles/container.defaultNodeServiceAccount'];

/**
 * A regional GKE cluster: Standard with a separate autoscaling node pool (auto-repair, auto-upgrade, shielded nodes
 * with secure boot, GKE metadata server) or Autopilot; private nodes, a restricted (or private) control plane, a
 * release channel with a maintenance window, Workload Identity, Dataplane V2, no client certificates, no legacy
 * ABAC, and deletion protection. Nodes run as a dedicated service account that may only write logs and metrics (and
 * read the images it is given, see `nodeServiceAccountMember`), never the Compute Engine default account.
 */
export class GkeCluster extends Construct implements KubernetesCluster {
  /** The `google_container_cluster` resource. */
  public readonly cluster: GoogleContainerCluster;
  /** The node pool (Standard clusters). */
  public readonly nodePool?: ContainerNodePool;
  /** The least-privilege Google service account the nodes run as. */
  public readonly nodeServiceAccount: ServiceAccount;
  /** `serviceAccount:<email>` of the nodes: grant it `roles/artifactregistry.reader` on the image repository. */
  public readonly nodeServiceAccountMember: string;
  public readonly name: string;
  /** Location of the cluster: its region (GKE clusters here are regional). */
  public readonly location: string;
  /** Project id of the cluster. */
  public readonly project: string;
  public readonly oidcIssuerUrl: string;
  public readonly kubernetesVersion: string;
  /** The Workload Identity pool (`<project>.svc.id.goog`), read from the cluster so bindings wait for it. */
  public readonly workloadPool: string;
  private readonly privateEndpoint: boolean;

  public constructor(scope: Construct, id: string, props: GkeClusterProps) {
    super(scope, id);
    checkName(this, 'project', props.project, GCP_NAMES.project);
    checkName(this, 'name', props.name, GCP_NAMES.cluster);
    const autopilot = props.autopilot ?? false;
    const channel = checkReleaseChannel(this, 'releaseChannel', props.releaseChannel ?? 'REGULAR');
    const version = props.kubernetesVersion;
    if (version !== undefined) checkGkeVersion(this, 'kubernetesVersion', version, channel);

    const privateEndpoint = props.privateEndpoint ?? false;
    const networks = props.masterAuthorizedNetworks;
    if (!privateEndpoint && (networks === undefined || (!isUnresolved(networks) && networks.length === 0))) {
      throw new ValidationError(
        this,
        'masterAuthorizedNetworks',
        networks ?? [],
        'the CIDRs that may reach the Kubernetes API (your office or CI egress, e.g. ["203.0.113.0/24"]); ["0.0.0.0/0"] opens it to everyone; or set privateEndpoint',
      );
    }
    // GKE takes up to 50 authorized networks for a public endpoint, 100 for a private one.
    checkList(this, 'masterAuthorizedNetworks', networks ?? [], (c, f) => checkCidr(this, f, c), { maxItems: privateEndpoint ? 100 : 50 });

    const master = props.masterIpv4CidrBlock;
    if (master !== undefined) {
      checkCidr(this, 'masterIpv4CidrBlock', master, 28, 28);
      const n = props.network;
      checkNoOverlap(this, {
        'network.subnetCidr': n.subnetCidr,
        'network.podsCidr': n.podsCidr,
        'network.servicesCidr': n.servicesCidr,
        'network.privateServiceAccessCidr': n.privateServiceAccessCidr,
        masterIpv4CidrBlock: master,
      });
    }
    const policy = checkOneOf(this, 'networkPolicy', props.networkPolicy ?? 'dataplane-v2', ['dataplane-v2', 'calico'] as const);
    if (autopilot && policy !== 'dataplane-v2') {
      throw new ValidationError(this, 'networkPolicy', policy, '"dataplane-v2" with autopilot (Autopilot always runs Dataplane V2)');
    }
    if (autopilot && props.nodePool !== undefined) {
      throw new ValidationError(this, 'nodePool', props.nodePool, 'no node pool settings with autopilot (Google sizes and runs the nodes)');
    }
    const pool = props.nodePool ?? {};
    const machineType = checkPattern(this, 'nodePool.machineType', pool.machineType ?? 'e2-standard-4', /^[a-z][a-z0-9]*-[a-z0-9]+(-[a-z0-9]+)*$/, 'a Compute Engine machine type such as "e2-standard-4" or "n2-standard-8"');
    if (!isUnresolved(machineType) && /^(e2-(micro|small|medium)|f1-micro|g1-small)$/.test(machineType)) {
      throw new ValidationError(this, 'nodePool.machineType', machineType, 'a machine type with at least 2 dedicated vCPUs (shared-core types cannot run the platform reliably)');
    }
    const minNodes = checkInt(this, 'nodePool.minNodes', pool.minNodes ?? 3, 2, 1000);
    const maxNodes = checkInt(this, 'nodePool.maxNodes', pool.maxNodes ?? 6, 2, 1000);
    if (!isUnresolved(minNodes) && !isUnresolved(maxNodes) && maxNodes < minNodes) {
      throw new ValidationError(this, 'nodePool.maxNodes', maxNodes, `a number no smaller than nodePool.minNodes (${minNodes})`);
    }
    const diskSizeGb = checkInt(this, 'nodePool.diskSizeGb', pool.diskSizeGb ?? 100, 20, 65536);
    const diskType = checkOneOf(this, 'nodePool.diskType', pool.diskType ?? 'pd-balanced', ['pd-balanced', 'pd-ssd', 'pd-standard'] as const);
    const maxPods = checkInt(this, 'nodePool.maxPodsPerNode', pool.maxPodsPerNode ?? 110, 8, 256);
    const window = maintenanceWindow(this, props.maintenanceWindow ?? {});
    const deletionProtection = !(props.allowDestroy ?? false);
    const dependsOn = [...(props.dependsOn ?? [])];

    const saId = `${props.name}-nodes`;
    checkName(this, 'name', saId, GCP_NAMES.serviceAccount);
    this.nodeServiceAccount = new ServiceAccount(this, 'node-service-account', {
      project: props.project,
      accountId: saId,
      displayName: `GKE nodes of ${props.name}`,
      description: 'Runs the GKE nodes: writes logs and metrics, reads images; nothing else',
      dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
    });
    const nodeMember = this.nodeServiceAccount.member;
    const nodeRoles = GKE_NODE_ROLES.map(
      (role) =>
        new ProjectIamMember(this, `node-role-${role.split('/')[1]!.replace(/\./g, '-')}`, {
          project: props.project,
          role,
          member: nodeMember,
        }),
    );
    const oauthScopes = ['https://www.googleapis.com/auth/cloud-platform'];
    const shielded = { enableSecureBoot: true, enableIntegrityMonitoring: true };

    this.cluster = new GoogleContainerCluster(this, 'cluster', {
      project: props.project,
      name: props.name,
      location: props.network.region,
      network: props.network.networkId,
      subnetwork: props.network.subnetworkId,
      networkingMode: 'VPC_NATIVE',
      ipAllocationPolicy: {
        clusterSecondaryRangeName: props.network.podsRangeName,
        servicesSecondaryRangeName: props.network.servicesRangeName,
        stackType: 'IPV4',
      },
      enableAutopilot: autopilot ? true : undefined,
      releaseChannel: { channel },
      minMasterVersion: version,
      privateClusterConfig: {
        enablePrivateNodes: true,
        enablePrivateEndpoint: privateEndpoint,
        masterIpv4CidrBlock: master,
      },
      masterAuthorizedNetworksConfig: {
        cidrBlocks: (networks ?? []).map((cidrBlock, i) => ({ cidrBlock, displayName: `authorized-${i}` })),
        // Other Google Cloud customers' addresses get no special access to the control plane.
        gcpPublicCidrsAccessEnabled: false,
      },
      masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
      enableLegacyAbac: false,
      workloadIdentityConfig: autopilot ? undefined : { workloadPool: `${props.project}.svc.id.goog` },
      datapathProvider: autopilot ? undefined : policy === 'dataplane-v2' ? 'ADVANCED_DATAPATH' : 'LEGACY_DATAPATH',
      networkPolicy: !autopilot && policy === 'calico' ? { enabled: true, provider: 'CALICO' } : undefined,
      addonsConfig: !autopilot && policy === 'calico' ? { networkPolicyConfig: { disabled: false } } : undefined,
      enableShieldedNodes: autopilot ? undefined : true,
      defaultMaxPodsPerNode: autopilot ? undefined : maxPods,
      // Standard: the default pool is replaced by the managed pool below; while it exists it runs as the node account.
      removeDefaultNodePool: autopilot ? undefined : true,
      initialNodeCount: autopilot ? undefined : 1,
      nodeConfig: autopilot
        ? undefined
        : {
            serviceAccount: this.nodeServiceAccount.email,
            oauthScopes,
            shieldedInstanceConfig: shielded,
            workloadMetadataConfig: { mode: 'GKE_METADATA' },
          },
      clusterAutoscaling: autopilot ? { autoProvisioningDefaults: { serviceAccount: this.nodeServiceAccount.email, oauthScopes } } : undefined,
      maintenancePolicy: { recurringWindow: window },
      deletionProtection,
      resourceLabels: props.labels,
      dependsOn: [...dependsOn, ...nodeRoles],
      // The default pool's settings only matter while it is being replaced; they never change the cluster later.
      lifecycle: autopilot ? undefined : { ignoreChanges: ['node_config', 'initial_node_count'] },
    });
    if (!deletionProtection) declarePolicyException(this.cluster, 'GCP-GKE-010', 'allowDestroy is set: the deployment is being torn down on purpose, so terraform destroy may delete it');

    if (!autopilot) {
      this.nodePool = new ContainerNodePool(this, 'node-pool', {
        project: props.project,
        name: 'platform',
        cluster: this.cluster.id,
        location: props.network.region,
        // One node per zone to start with; the autoscaler keeps the total between the bounds.
        initialNodeCount: 1,
        maxPodsPerNode: maxPods,
        autoscaling: { totalMinNodeCount: minNodes, totalMaxNodeCount: maxNodes, locationPolicy: 'BALANCED' },
        management: { autoRepair: true, autoUpgrade: true },
        upgradeSettings: { strategy: 'SURGE', maxSurge: 1, maxUnavailable: 0 },
        nodeConfig: {
          machineType,
          diskSizeGb,
          diskType,
          imageType: 'COS_CONTAINERD',
          serviceAccount: this.nodeServiceAccount.email,
          oauthScopes,
          shieldedInstanceConfig: shielded,
          // Pods see the GKE metadata server (Workload Identity), never the node's own credentials.
          workloadMetadataConfig: { mode: 'GKE_METADATA' },
          metadata: { 'disable-legacy-endpoints': 'true' },
          labels: { 'node-pool': 'platform' },
        },
        // The autoscaler owns the node count; the channel moves the version.
        lifecycle: { ignoreChanges: ['initial_node_count', 'version'] },
      });
    }

    this.name = this.cluster.name;
    this.location = props.network.region;
    this.project = props.project;
    this.privateEndpoint = privateEndpoint;
    this.nodeServiceAccountMember = nodeMember;
    this.workloadPool = this.cluster.workloadPool;
    this.kubernetesVersion = this.cluster.masterVersion;
    this.oidcIssuerUrl = `https://container.googleapis.com/v1/projects/${props.project}/locations/${props.network.region}/clusters/${props.name}`;
  }

  public connect(scope: Construct, id = 'gke-cluster'): GkeConnection {
    // The access token of the credentials the google provider uses in the consuming stack, read when Terraform runs:
    // no gcloud installation, no exec plugin, nothing long-lived.
    const token = new DataGoogleClientConfig(scope, `${id}-client-config`).accessToken;
    if (TerraformStack.of(scope) === TerraformStack.of(this)) {
      const endpoint = this.privateEndpoint ? this.cluster.privateEndpoint : this.cluster.endpoint;
      return {
        host: `https://${endpoint}`,
        clusterCaCertificate: Fn.base64decode(this.cluster.clusterCaCertificate),
        token,
        dependsOn: this.nodePool ? [this.cluster, this.nodePool] : [this.cluster],
      };
    }
    // Read the cluster in the consuming stack when Terraform runs there.
    const data = new GoogleContainerClusterData(scope, id, { project: this.project, name: this.name, location: this.location });
    const endpoint = this.privateEndpoint ? data.privateEndpoint : data.endpoint;
    return {
      host: `https://${endpoint}`,
      clusterCaCertificate: Fn.base64decode(data.clusterCaCertificate),
      token,
      dependsOn: [data],
    };
  }
}

/** A release channel GKE offers; "UNSPECIFIED" (no channel) is refused: the cluster would not be patched. */
export function checkReleaseChannel(scope: Construct, field: string, value: string): GkeReleaseChannel {
  if (isUnresolved(value)) return value as GkeReleaseChannel;
  if (!(GKE_RELEASE_CHANNELS as readonly string[]).includes(value)) {
    throw new ValidationError(
      scope,
      field,
      value,
      `a GKE release channel: ${GKE_RELEASE_CHANNELS.join(', ')} (no channel is not offered: GKE would not keep the cluster patched)`,
    );
  }
  return value as GkeReleaseChannel;
}

/**
 * `1.MINOR` or `1.MINOR.PATCH-gke.N` with a minor GKE serves (lib/gcp/versions.ts), and, given the release channel,
 * one that channel serves: the older minors only live on in the Extended channel.
 */
export function checkGkeVersion(scope: Construct, field: string, value: string, channel?: GkeReleaseChannel): string {
  if (isUnresolved(value)) return value;
  const m = typeof value === 'string' ? /^(1\.\d+)(\.\d+-gke\.\d+)?$/.exec(value) : null;
  if (!m || !GKE_KUBERNETES_MINORS.includes(m[1]!)) {
    throw new ValidationError(
      scope,
      field,
      value,
      `a Kubernetes version GKE serves (as of ${GKE_VERSIONS_CHECKED_ON}): "1.MINOR" or "1.MINOR.PATCH-gke.N" with MINOR one of ${GKE_KUBERNETES_MINORS.join(', ')}`,
    );
  }
  if (channel !== undefined && !isUnresolved(channel) && !gkeChannelMinors(channel).includes(m[1]!)) {
    const extended = gkeChannelMinors('EXTENDED').includes(m[1]!) ? '; releaseChannel EXTENDED serves it' : '';
    throw new ValidationError(
      scope,
      field,
      value,
      `a minor the ${channel} channel serves (as of ${GKE_VERSIONS_CHECKED_ON}): ${gkeChannelMinors(channel).join(', ')}${extended}`,
    );
  }
  return value;
}

/** GKE's recurring maintenance window, checked against its 48-hours-in-32-days rule. */
function maintenanceWindow(scope: Construct, mw: GkeMaintenanceWindowProps): { startTime: string; endTime: string; recurrence: string } {
  const days = mw.days ?? ['SA', 'SU'];
  checkList(scope, 'maintenanceWindow.days', days, (d, f) => checkOneOf(scope, f, d, GKE_WEEKDAYS), { minItems: 1, maxItems: 7 });
  const start = checkPattern(scope, 'maintenanceWindow.startTime', mw.startTime ?? '02:00', /^([01]\d|2[0-3]):[0-5]\d$/, 'a time "HH:MM" (24-hour clock, UTC)');
  const hours = checkInt(scope, 'maintenanceWindow.durationHours', mw.durationHours ?? 6, 4, 24);
  // 32 days hold at least 4 of each weekday: the windows must add up to 48 hours over those.
  if (days.length * hours * 4 < 48) {
    throw new ValidationError(
      scope,
      'maintenanceWindow.durationHours',
      hours,
      `at least ${Math.ceil(12 / days.length)} hours with ${days.length} day(s) a week (GKE needs 48 hours of maintenance windows in any 32 days)`,
    );
  }
  // Any fixed date works: GKE repeats the window by the recurrence rule. 2024-01-01 is a Monday.
  const begin = new Date(`2024-01-01T${start}:00Z`);
  const end = new Date(begin.getTime() + hours * 3600 * 1000);
  const iso = (d: Date) => d.toISOString().replace(/\.000Z$/, 'Z');
  return { startTime: iso(begin), endTime: iso(end), recurrence: `FREQ=WEEKLY;BYDAY=${days.join(',')}` };
}
