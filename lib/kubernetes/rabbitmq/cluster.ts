import type { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import type { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import type { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import type { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { createHash } from 'crypto';
import { Fn, ITerraformDependable, TerraformLocal, Token } from 'cdktf';
import { Construct } from 'constructs';
import { escapeTemplateLiterals, publishDocument } from '../../core/document';
import { lazyModule } from '../../core/lazy-module';
import { BrokerUser, MessageBroker } from '../../core/message-broker';
import { addProviderIfMissing } from '../../core/stack-providers';
import { ValidationError, checkInt, checkList, checkNamespace, checkPattern, isUnresolved } from '../../core/validation';
import { AppNamespace } from '../namespace';
import { KubernetesJob } from '../resources/job';
import { KubernetesStatefulSet } from '../resources/stateful-set';
import {
  RABBITMQ_PORTS,
  RabbitMqAccessSpec,
  RabbitMqUserSpec,
  checkRabbitMqName,
  checkRabbitMqUsers,
  enabledPluginsFile,
  rabbitMqConf,
  rabbitMqDefinitions,
} from './definitions';

// A config without a message broker never loads these bindings.
const configMapV1 = lazyModule(() => require('@cdktf/provider-kubernetes/lib/config-map-v1') as typeof import('@cdktf/provider-kubernetes/lib/config-map-v1'));
const serviceV1 = lazyModule(() => require('@cdktf/provider-kubernetes/lib/service-v1') as typeof import('@cdktf/provider-kubernetes/lib/service-v1'));
const networkPolicyV1 = lazyModule(() => require('@cdktf/provider-kubernetes/lib/network-policy-v1') as typeof import('@cdktf/provider-kubernetes/lib/network-policy-v1'));
const podDisruptionBudgetV1 = lazyModule(
  () => require('@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1') as typeof import('@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1'),
);

/**
 * The server image: the official `rabbitmq` image (Docker Hub library/rabbitmq), Ubuntu variant with the management
 * plugin, which also ships `rabbitmqadmin` v2 (used by the user Job). Tag checked in docker-library/official-images
 * `library/rabbitmq` (4.3.5, August 2026).
 */
export const RABBITMQ_IMAGE = 'rabbitmq:4.3.5-management';

/** UID and GID of the `rabbitmq` user in the official image's Ubuntu variant (the Alpine variant uses 100). */
export const RABBITMQ_UID = 999;

/** The administrator the nodes create on first boot; only the user Job logs in as it. */
export const RABBITMQ_ADMIN_USERNAME = 'terraform-admin';

/** Where the definitions file is mounted in the user Job's container. */
export const RABBITMQ_DEFINITIONS_MOUNT = '/etc/rabbitmq-definitions';

/** The user Job's command: rabbitmqadmin v2 imports the definitions through the management API. */
export const RABBITMQ_USERS_COMMAND: readonly string[] = ['rabbitmqadmin', '--non-interactive', 'definitions', 'import', '--file', `${RABBITMQ_DEFINITIONS_MOUNT}/definitions.json`];

/** CPU and memory of one container, as Kubernetes quantities. */
export interface RabbitMqResourceQuantities {
  /** CPU, e.g. `500m` or `2`. */
  readonly cpu: string;
  /** Memory in `Mi` or `Gi`, e.g. `1Gi`. */
  readonly memory: string;
}

/** Requests and limits of each RabbitMQ node. */
export interface RabbitMqResources {
  /** What the scheduler reserves. */
  readonly requests: RabbitMqResourceQuantities;
  /** The most a node may use; RabbitMQ sizes its memory alarm (60%) from the memory limit. */
  readonly limits: RabbitMqResourceQuantities;
}

/** Each node's persistent volume. */
export interface RabbitMqStorage {
  /** Volume size in `Gi`, at least 8 (publishers are blocked under 2 GB free). @default "10Gi" */
  readonly size?: string;
  /** Storage class of the volume claims. @default the cluster's default storage class */
  readonly storageClassName?: string;
}

/** Properties of {@link RabbitMqCluster}. */
export interface RabbitMqClusterProps {
  /** Namespace of the broker's objects (its own, or the app's). */
  readonly namespace: AppNamespace;
  /** Base name of the StatefulSet, Services and the rest: a Kubernetes name of 1-30 characters. @default "rabbitmq" */
  readonly name?: string;
  /** Number of nodes: an odd number from 3 to 7 (quorum queues need a majority). @default 3 */
  readonly replicas?: number;
  /**
   * One node, no replication: for a throw-away development cluster only (a node restart loses availability, its
   * volume loss loses every message). Conflicts with `replicas`.
   * @default false
   */
  readonly singleNode?: boolean;
  /** Each node's volume. @default 10Gi of the default storage class */
  readonly storage?: RabbitMqStorage;
  /** Server image: an official `rabbitmq` 4.x `-management` image. @default {@link RABBITMQ_IMAGE} */
  readonly image?: string;
  /** Each node's CPU and memory. @default requests 500m / 1Gi, limits 2 / 2Gi */
  readonly resources?: RabbitMqResources;
  /** The virtual host the users work in; its default queue type is quorum. */
  readonly vhost: string;
  /** The users, each with its password and its permissions in the virtual host. */
  readonly users: readonly RabbitMqUserSpec[];
  /**
   * Namespaces whose pods may open AMQP connections (port 5672). Everything else is refused by a NetworkPolicy
   * (which the cluster's network plugin must enforce: Azure NPM/Cilium on AKS, Dataplane V2 on GKE, the VPC CNI's
   * network policy agent on EKS).
   */
  readonly clientNamespaces: readonly string[];
  /** DNS domain of the cluster, which the nodes' names end with. @default "cluster.local" */
  readonly clusterDomain?: string;
  /**
   * Seconds a stopping node waits for its quorum queues to have enough other replicas online before it shuts down
   * (plus a minute to stop).
   * @default 600
   */
  readonly shutdownTimeoutSeconds?: number;
  /** What the objects must be created after and deleted before (the cluster, the namespace). */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * The broker a {@link RabbitMqCluster} in `namespace` is reached at: its client Service's cluster DNS name, AMQP 0-9-1
 * on 5672 without TLS (cluster network only; Node.js clients would not trust a private CA). A stack that renders an
 * app before the cluster exists (another stack) names it with this; the construct uses the same function.
 */
export function rabbitMqBroker(namespace: string, vhost: string, opts: { readonly name?: string; readonly clusterDomain?: string } = {}): MessageBroker {
  return { hostname: `${opts.name ?? 'rabbitmq'}.${namespace}.svc.${opts.clusterDomain ?? 'cluster.local'}`, port: RABBITMQ_PORTS.amqp, vhost, tls: false };
}

/**
 * A highly available RabbitMQ cluster in Kubernetes on the official image: a StatefulSet of 3 nodes (spread over
 * nodes and zones, one disruption at a time) that find each other through the Kubernetes peer discovery plugin, with
 * quorum queues by default, a persistent volume each, and a Job that creates the virtual host and the users with
 * exactly their permissions.
 *
 * Clients speak plain AMQP on port 5672 of the `<name>` Service, from the namespaces in `clientNamespaces` only. The
 * Erlang cookie and the administrator's password are generated by Terraform and live only in a Secret; the users'
 * passwords only in the Job's Secret. See docs/rabbitmq.md.
 */
export class RabbitMqCluster extends Construct {
  /** Where clients connect, and the virtual host. */
  public readonly broker: MessageBroker;
  /** Each user's name and password, by user name. */
  public readonly users: { readonly [username: string]: BrokerUser };
  /** What an app release must wait for: the nodes are up and the users exist. */
  public readonly ready: readonly ITerraformDependable[];
  /** The StatefulSet of the nodes. */
  public readonly statefulSet: KubernetesStatefulSet;
  /** The client Service (AMQP, management API, metrics). */
  public readonly service: ServiceV1;
  /** The headless Service that gives each node its DNS name. */
  public readonly headlessService: ServiceV1;
  /** The Secret with the Erlang cookie and the administrator's password. */
  public readonly secret: SecretV1;
  /** The ConfigMap with `rabbitmq.conf` and `enabled_plugins`. */
  public readonly configMap: ConfigMapV1;
  /** The PodDisruptionBudget (one node down at a time). */
  public readonly podDisruptionBudget: PodDisruptionBudgetV1;
  /** The NetworkPolicy of the nodes. */
  public readonly networkPolicy: NetworkPolicyV1;
  /** The Secret with the definitions (virtual host, users with passwords, permissions) the Job imports. */
  public readonly definitionsSecret: SecretV1;
  /** The Job that imports the definitions. */
  public readonly job: KubernetesJob;
  /** The Job's name, as a Terraform expression: `<name>-users-` and a hash of what it sets (passwords aside). */
  public readonly jobName: string;

  public constructor(scope: Construct, id: string, props: RabbitMqClusterProps) {
    super(scope, id);
    const name = checkPattern(this, 'name', props.name ?? 'rabbitmq', /^[a-z]([a-z0-9-]{0,28}[a-z0-9])?$/, 'a Kubernetes name of 1-30 lower-case letters, digits and "-", starting with a letter');
    const image = checkPattern(this, 'image', props.image ?? RABBITMQ_IMAGE, /^[^\s:@]+(:[A-Za-z0-9_.-]+)?(@sha256:[a-f0-9]{64})?$/, 'an image reference with a tag or digest, such as "rabbitmq:4.3.5-management"');
    if (!isUnresolved(image) && !/(^|\/)rabbitmq:4\.\d+(\.\d+)?-management(@sha256:[a-f0-9]{64})?$/.test(image)) {
      throw new ValidationError(this, 'image', image, 'an official rabbitmq 4.x image with the management plugin and rabbitmqadmin, such as "rabbitmq:4.3.5-management" (pinned to a version)');
    }
    const replicas = this.checkReplicas(props);
    const clusterDomain = checkPattern(this, 'clusterDomain', props.clusterDomain ?? 'cluster.local', /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, 'a DNS domain such as "cluster.local"');
    const storageSize = checkPattern(this, 'storage.size', props.storage?.size ?? '10Gi', /^([89]|[1-9]\d{1,4})Gi$/, 'a size from "8Gi" to "99999Gi"');
    if (props.storage?.storageClassName !== undefined) checkPattern(this, 'storage.storageClassName', props.storage.storageClassName, /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/, 'a storage class name');
    const resources = this.checkResources(props.resources ?? { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } });
    const shutdownTimeout = checkInt(this, 'shutdownTimeoutSeconds', props.shutdownTimeoutSeconds ?? 600, 30, 86400);
    checkRabbitMqName(this, 'vhost', props.vhost);
    checkRabbitMqUsers(this, props.users, RABBITMQ_ADMIN_USERNAME);
    checkList(this, 'clientNamespaces', props.clientNamespaces, (ns, f) => checkNamespace(this, f, ns), { minItems: 1 });

    const namespace = props.namespace.name;
    const literalNamespace = props.namespace.literalName;
    const dependsOn = [...props.dependsOn];
    const headlessName = `${name}-nodes`;
    const labels = { 'app.kubernetes.io/name': 'rabbitmq', 'app.kubernetes.io/instance': name, 'app.kubernetes.io/managed-by': 'terraform' };
    const nodeSelectorLabels = { 'app.kubernetes.io/name': 'rabbitmq', 'app.kubernetes.io/instance': name, 'app.kubernetes.io/component': 'server' };
    const jobLabels = { 'app.kubernetes.io/name': 'rabbitmq', 'app.kubernetes.io/instance': name, 'app.kubernetes.io/component': 'users', 'app.kubernetes.io/managed-by': 'terraform' };

    // Secrets generated by Terraform: letters and digits only (the cookie is an Erlang atom).
    addProviderIfMissing(this, 'random', (stack, pid) => new RandomProvider(stack, pid));
    const cookie = new Password(this, 'erlang-cookie', { length: 64, special: false });
    const adminPassword = new Password(this, 'admin-password', { length: 40, special: false });
    const passwords: Record<string, string> = {};
    for (const u of props.users) {
      passwords[u.username] = u.password ?? new Password(this, `password-${u.username}`, { length: 40, special: false }).result;
    }

    this.secret = new SecretV1(this, 'secret', {
      metadata: { name: `${name}-secret`, namespace, labels },
      type: 'Opaque',
      data: { 'erlang-cookie': cookie.result, 'admin-password': adminPassword.result },
      dependsOn,
    });
    const secretEnv = (envName: string, key: string) => ({ name: envName, valueFrom: { secretKeyRef: { name: this.secret.metadata.name, key } } });

    const configFiles = {
      'rabbitmq.conf': rabbitMqConf({ clusterName: name, totalMemoryBytes: resources.limitBytes, diskFreeLimitBytes: 2 * 1024 ** 3 }),
      enabled_plugins: enabledPluginsFile(),
    };
    this.configMap = new (configMapV1().ConfigMapV1)(this, 'config', {
      metadata: { name: `${name}-config`, namespace, labels },
      data: escapeTemplateLiterals(configFiles),
      dependsOn,
    });

    const servicePorts = [
      { name: 'amqp', port: RABBITMQ_PORTS.amqp, targetPort: 'amqp', protocol: 'TCP' },
      { name: 'management', port: RABBITMQ_PORTS.management, targetPort: 'management', protocol: 'TCP' },
      { name: 'prometheus', port: RABBITMQ_PORTS.prometheus, targetPort: 'prometheus', protocol: 'TCP' },
    ];
    this.headlessService = new (serviceV1().ServiceV1)(this, 'headless', {
      metadata: { name: headlessName, namespace, labels },
      spec: {
        clusterIp: 'None',
        // Nodes must resolve each other before they are ready: they are not ready until they have clustered.
        publishNotReadyAddresses: true,
        selector: nodeSelectorLabels,
        port: [
          { name: 'epmd', port: RABBITMQ_PORTS.epmd, targetPort: 'epmd', protocol: 'TCP' },
          { name: 'distribution', port: RABBITMQ_PORTS.distribution, targetPort: 'distribution', protocol: 'TCP' },
          ...servicePorts,
        ],
      },
      dependsOn,
    });
    this.service = new (serviceV1().ServiceV1)(this, 'service', {
      metadata: { name, namespace, labels },
      spec: { type: 'ClusterIP', selector: nodeSelectorLabels, port: servicePorts },
      dependsOn,
    });

    const podSecurityContext = {
      runAsNonRoot: true,
      runAsUser: String(RABBITMQ_UID),
      runAsGroup: String(RABBITMQ_UID),
      fsGroup: String(RABBITMQ_UID),
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    };
    const containerSecurityContext = {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    };
    const diagnostics = (check: string) => ({ exec: { command: ['rabbitmq-diagnostics', '--quiet', check] } });
    const spread = replicas > 1;
    const podAffinityTerm = { labelSelector: [{ matchLabels: nodeSelectorLabels }], topologyKey: 'kubernetes.io/hostname' };

    this.statefulSet = new KubernetesStatefulSet(this, 'nodes', {
      metadata: { name, namespace, labels },
      spec: {
        serviceName: this.headlessService.metadata.name,
        replicas: String(replicas),
        // All nodes start together: a restarted cluster's nodes wait for each other, one at a time would deadlock.
        podManagementPolicy: 'Parallel',
        updateStrategy: [{ type: 'RollingUpdate' }],
        selector: { matchLabels: nodeSelectorLabels },
        template: {
          metadata: {
            labels: { ...labels, ...nodeSelectorLabels },
            // A changed configuration restarts the nodes (one at a time).
            annotations: { 'checksum/config': createHash('sha256').update(JSON.stringify(configFiles)).digest('hex') },
          },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            terminationGracePeriodSeconds: shutdownTimeout + 60,
            securityContext: podSecurityContext,
            affinity: spread ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [podAffinityTerm] } } : undefined,
            topologySpreadConstraint: spread
              ? [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: [{ matchLabels: nodeSelectorLabels }] }]
              : undefined,
            container: [
              {
                name: 'rabbitmq',
                image,
                imagePullPolicy: 'IfNotPresent',
                env: [
                  { name: 'MY_POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                  { name: 'RABBITMQ_USE_LONGNAME', value: 'true' },
                  // rabbit@<pod>.<headless service>.<namespace>.svc.<domain>: peer discovery derives the seed node from it.
                  { name: 'RABBITMQ_NODENAME', value: `rabbit@$(MY_POD_NAME).${headlessName}.${literalNamespace}.svc.${clusterDomain}` },
                  { name: 'HOME', value: '/var/lib/rabbitmq' },
                  { name: 'RABBITMQ_DEFAULT_USER', value: RABBITMQ_ADMIN_USERNAME },
                  secretEnv('RABBITMQ_DEFAULT_PASS', 'admin-password'),
                  secretEnv('RABBITMQ_ERLANG_COOKIE', 'erlang-cookie'),
                ],
                port: [
                  { name: 'amqp', containerPort: RABBITMQ_PORTS.amqp, protocol: 'TCP' },
                  { name: 'management', containerPort: RABBITMQ_PORTS.management, protocol: 'TCP' },
                  { name: 'prometheus', containerPort: RABBITMQ_PORTS.prometheus, protocol: 'TCP' },
                  { name: 'epmd', containerPort: RABBITMQ_PORTS.epmd, protocol: 'TCP' },
                  { name: 'distribution', containerPort: RABBITMQ_PORTS.distribution, protocol: 'TCP' },
                ],
                resources: { requests: { ...resources.value.requests }, limits: { ...resources.value.limits } },
                securityContext: containerSecurityContext,
                // Each check starts an Erlang VM for a few seconds: generous timeouts, modest frequency.
                readinessProbe: { ...diagnostics('check_port_connectivity'), initialDelaySeconds: 10, periodSeconds: 15, timeoutSeconds: 20, failureThreshold: 3 },
                livenessProbe: { ...diagnostics('status'), initialDelaySeconds: 120, periodSeconds: 60, timeoutSeconds: 30, failureThreshold: 5 },
                lifecycle: spread
                  ? {
                      // Before stopping, wait until every quorum queue keeps a majority without this node.
                      preStop: [{ exec: { command: ['rabbitmq-upgrade', 'await_online_quorum_plus_one', '-t', String(shutdownTimeout)] } }],
                    }
                  : undefined,
                volumeMount: [
                  { name: 'data', mountPath: '/var/lib/rabbitmq' },
                  { name: 'config', mountPath: '/etc/rabbitmq', readOnly: true },
                  { name: 'tmp', mountPath: '/tmp' },
                  { name: 'logs', mountPath: '/var/log/rabbitmq' },
                ],
              },
            ],
            volume: [
              { name: 'config', configMap: { name: this.configMap.metadata.name, defaultMode: '0444' } },
              { name: 'tmp', emptyDir: { sizeLimit: '256Mi' } },
              { name: 'logs', emptyDir: { sizeLimit: '256Mi' } },
            ],
          },
        },
        volumeClaimTemplate: [
          {
            metadata: { name: 'data', labels: nodeSelectorLabels },
            spec: {
              accessModes: ['ReadWriteOnce'],
              storageClassName: props.storage?.storageClassName,
              resources: { requests: { storage: storageSize } },
            },
          },
        ],
      },
      waitForRollout: true,
      timeouts: { create: '20m', update: '30m', delete: '20m' },
      dependsOn: [...dependsOn, this.secret, this.configMap],
    });

    this.podDisruptionBudget = new (podDisruptionBudgetV1().PodDisruptionBudgetV1)(this, 'pdb', {
      metadata: { name, namespace, labels },
      spec: { maxUnavailable: '1', selector: { matchLabels: nodeSelectorLabels } },
      dependsOn,
    });

    const tcp = (port: number) => ({ port: String(port), protocol: 'TCP' });
    this.networkPolicy = new (networkPolicyV1().NetworkPolicyV1)(this, 'network-policy', {
      metadata: { name, namespace, labels },
      spec: {
        podSelector: { matchLabels: nodeSelectorLabels },
        policyTypes: ['Ingress'],
        ingress: [
          // The nodes among themselves: Erlang distribution (epmd, 25672) and the CLI tools' ports.
          { from: [{ podSelector: { matchLabels: nodeSelectorLabels } }] },
          // AMQP from the client namespaces only.
          {
            from: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [...props.clientNamespaces] }] } }],
            ports: [tcp(RABBITMQ_PORTS.amqp)],
          },
          // The management API from the user Job only.
          { from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/instance': name, 'app.kubernetes.io/component': 'users' } } }], ports: [tcp(RABBITMQ_PORTS.management)] },
        ],
      },
      dependsOn,
    });

    // The users: a Job imports the definitions (virtual host, users, permissions) through the management API.
    const access: RabbitMqAccessSpec = {
      vhost: props.vhost,
      users: props.users.map((u) => ({ username: u.username, configure: u.configure, write: u.write, read: u.read })),
    };
    const definitions = publishDocument(this, 'definitions', rabbitMqDefinitions(access, passwords));
    this.definitionsSecret = new SecretV1(this, 'definitions-secret', {
      metadata: { name: `${name}-definitions`, namespace, labels: jobLabels },
      type: 'Opaque',
      data: { 'definitions.json': Fn.jsonencode(definitions.expression) },
      dependsOn,
    });
    const host = rabbitMqBroker(literalNamespace, props.vhost, { name, clusterDomain }).hostname;
    const plainEnv: Record<string, string> = {
      RABBITMQADMIN_TARGET_HOST: host,
      RABBITMQADMIN_TARGET_PORT: String(RABBITMQ_PORTS.management),
      RABBITMQADMIN_USERNAME: RABBITMQ_ADMIN_USERNAME,
      HOME: '/tmp',
    };
    // What the Job sets, minus the passwords: its hash names the Job, so a changed spec runs it again.
    const runs = new TerraformLocal(this, 'users-runs', escapeTemplateLiterals({ image, command: [...RABBITMQ_USERS_COMMAND], env: plainEnv, access: { vhost: access.vhost, users: access.users.map((u) => ({ ...u })) } }));
    this.jobName = `${name}-users-${Fn.substr(Fn.sha256(Fn.jsonencode(runs.expression)), 0, 10)}`;
    this.job = new KubernetesJob(this, 'users', {
      metadata: { name: this.jobName, namespace, labels: jobLabels },
      spec: {
        backoffLimit: 6,
        activeDeadlineSeconds: 600,
        template: {
          metadata: { labels: jobLabels },
          spec: {
            restartPolicy: 'Never',
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: { runAsNonRoot: true, runAsUser: String(RABBITMQ_UID), runAsGroup: String(RABBITMQ_UID), seccompProfile: { type: 'RuntimeDefault' } },
            container: [
              {
                name: 'rabbitmqadmin',
                image,
                imagePullPolicy: 'IfNotPresent',
                command: [...RABBITMQ_USERS_COMMAND],
                env: [...Object.entries(plainEnv).map(([k, value]) => ({ name: k, value })), secretEnv('RABBITMQADMIN_PASSWORD', 'admin-password')],
                securityContext: containerSecurityContext,
                resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
                volumeMount: [
                  { name: 'definitions', mountPath: RABBITMQ_DEFINITIONS_MOUNT, readOnly: true },
                  { name: 'tmp', mountPath: '/tmp' },
                ],
              },
            ],
            volume: [
              { name: 'definitions', secret: { secretName: this.definitionsSecret.metadata.name, defaultMode: '0400' } },
              { name: 'tmp', emptyDir: { sizeLimit: '16Mi' } },
            ],
          },
        },
      },
      waitForCompletion: true,
      timeouts: { create: '12m', update: '12m', delete: '5m' },
      // A changed password changes only the Secret: run the Job again so the user gets it.
      lifecycle: { replaceTriggeredBy: [this.definitionsSecret] },
      dependsOn: [...dependsOn, this.statefulSet, this.service, this.networkPolicy],
    });

    this.broker = rabbitMqBroker(literalNamespace, props.vhost, { name, clusterDomain });
    this.users = Object.fromEntries(props.users.map((u) => [u.username, { username: u.username, password: passwords[u.username]! }]));
    this.ready = [this.statefulSet, this.job];
  }

  private checkReplicas(props: RabbitMqClusterProps): number {
    if (props.singleNode === true) {
      if (props.replicas !== undefined && props.replicas !== 1) throw new ValidationError(this, 'replicas', props.replicas, 'no replicas with singleNode (which runs 1 node)');
      return 1;
    }
    const replicas = props.replicas ?? 3;
    if (Token.isUnresolved(replicas) || ![3, 5, 7].includes(replicas)) {
      throw new ValidationError(this, 'replicas', replicas, 'a literal 3, 5 or 7 (an odd number of nodes, so quorum queues keep a majority); a single development node needs singleNode: true');
    }
    return replicas;
  }

  private checkResources(r: RabbitMqResources): { value: RabbitMqResources; limitBytes: number } {
    const cpu = /^([1-9]\d{0,2}|[1-9]\d{0,5}m)$/;
    const mem = /^([1-9]\d{0,5})(Mi|Gi)$/;
    const bytes = (field: string, v: string): number => {
      const m = typeof v === 'string' && !Token.isUnresolved(v) ? mem.exec(v) : null;
      if (m === null) throw new ValidationError(this, field, v, 'a literal memory size in Mi or Gi, such as "2Gi"');
      return Number(m[1]) * 1024 ** (m[2] === 'Gi' ? 3 : 2);
    };
    checkPattern(this, 'resources.requests.cpu', r.requests.cpu, cpu, 'a CPU quantity such as "500m" or "2"');
    checkPattern(this, 'resources.limits.cpu', r.limits.cpu, cpu, 'a CPU quantity such as "500m" or "2"');
    const request = bytes('resources.requests.memory', r.requests.memory);
    const limit = bytes('resources.limits.memory', r.limits.memory);
    if (request < 512 * 1024 ** 2) throw new ValidationError(this, 'resources.requests.memory', r.requests.memory, 'at least "512Mi"');
    if (limit < request) throw new ValidationError(this, 'resources.limits.memory', r.limits.memory, `at least the request (${r.requests.memory})`);
    return { value: r, limitBytes: limit };
  }
}
