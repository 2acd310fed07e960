import { Construct } from 'constructs';
import { ValidationError, checkDomain, checkInt, checkPattern, isUnresolved } from '../../core/validation';

/** CPU and memory of one component: requests, and a memory limit equal to the request (as the chart's guide sets). */
export interface EstafetteResources {
  /** CPU request, e.g. `100m` or `2`. */
  readonly cpu?: string;
  /** Memory request and limit, e.g. `256Mi` or `12Gi`. */
  readonly memory?: string;
}

/** A stateless component (API, web UI). */
export interface EstafetteServiceConfig {
  /** Replicas (the autoscaler's minimum when autoscaling is on). @default 3 */
  readonly replicas?: number;
  /** A HorizontalPodAutoscaler (autoscaling/v2) on CPU, from `replicas` to `maxReplicas`. @default true */
  readonly autoscaling?: boolean;
  /** The autoscaler's maximum. @default 10 */
  readonly maxReplicas?: number;
  /** Requests and memory limit. @default the guide's (api 100m/256Mi, web 100m/128Mi) */
  readonly resources?: EstafetteResources;
}

/** The `estafette` section of a deployment config (docs/estafette.md). */
export interface EstafetteAppConfig {
  /** Host of the web UI and API (`api.baseHost`), e.g. `ci.example.com`. */
  readonly baseHost: string;
  /** Host receiving webhooks from GitHub, Bitbucket, Slack (`api.integrationsHost`), e.g. `ci-hooks.example.com`. */
  readonly integrationsHost: string;
  /** The API. */
  readonly api?: EstafetteServiceConfig;
  /** The web UI. */
  readonly web?: EstafetteServiceConfig;
  /** CockroachDB (in the cluster, the chart's subchart). */
  readonly db?: {
    /** Nodes: 3 or more (a 3-way replicated range survives one lost node). @default 3 */
    readonly replicas?: number;
    /** Volume of each node. @default "100Gi" */
    readonly storageSize?: string;
    /** @default 2000m / 12Gi */
    readonly resources?: EstafetteResources;
  };
  /** Prometheus (build resource metrics). */
  readonly metrics?: { /** @default 2 */ readonly replicas?: number; /** @default 1000m / 6Gi */ readonly resources?: EstafetteResources };
  /** NATS (the queue), clustered. */
  readonly queue?: { /** @default 3 */ readonly replicas?: number; /** @default 100m / 128Mi */ readonly resources?: EstafetteResources };
  /** Scheduled full backups of CockroachDB into the backup bucket. */
  readonly backup?: {
    /** When, as CockroachDB's RECURRING takes it: a 5-field cron expression or `@hourly`, `@daily`, `@weekly`. @default "@daily" */
    readonly schedule?: string;
    /** The schedule's label (an SQL name). @default "estafette_daily" */
    readonly label?: string;
    /** Days a backup is kept in the bucket before the lifecycle rule deletes it. @default 30 */
    readonly retentionDays?: number;
  };
  /**
   * Pull images from Docker Hub with an account: the infra stack then declares the sensitive variables
   * `dockerhub_username` and `dockerhub_token` (TF_VAR_...), used by every component and by builds.
   * @default false (anonymous pulls, rate-limited)
   */
  readonly dockerHubCredentials?: boolean;
}

/** The defaults from Estafette CI's "Production / High Availability" guide. */
export const ESTAFETTE_DEFAULTS = {
  api: { replicas: 3, maxReplicas: 10, resources: { cpu: '100m', memory: '256Mi' } },
  web: { replicas: 3, maxReplicas: 10, resources: { cpu: '100m', memory: '128Mi' } },
  db: { replicas: 3, storageSize: '100Gi', resources: { cpu: '2000m', memory: '12Gi' } },
  metrics: { replicas: 2, resources: { cpu: '1000m', memory: '6Gi' } },
  queue: { replicas: 3, resources: { cpu: '100m', memory: '128Mi' } },
  backup: { schedule: '@daily', label: 'estafette_daily', retentionDays: 30 },
} as const;

const CPU = /^([1-9]\d{0,5}m|\d{1,3}(\.\d{1,3})?)$/;
const MEMORY = /^[1-9]\d{0,6}(Ki|Mi|Gi|Ti)$/;
const CRON_FIELD = /^(\*|\d{1,2}(-\d{1,2})?(,\d{1,2}(-\d{1,2})?)*)(\/\d{1,2})?$/;

/** True for a 5-field cron expression (numbers, ranges, lists, steps, `*`) or `@hourly`, `@daily`, `@weekly`, `@monthly`. */
export function isBackupSchedule(value: string): boolean {
  if (['@hourly', '@daily', '@weekly', '@monthly'].includes(value)) return true;
  const fields = value.split(' ');
  return fields.length === 5 && fields.every((f) => CRON_FIELD.test(f));
}

function checkResources(scope: Construct, field: string, r: EstafetteResources | undefined): void {
  if (r?.cpu !== undefined) checkPattern(scope, `${field}.cpu`, r.cpu, CPU, 'a CPU quantity such as "100m" or "2"');
  if (r?.memory !== undefined) checkPattern(scope, `${field}.memory`, r.memory, MEMORY, 'a memory quantity such as "256Mi" or "12Gi"');
}

function checkService(scope: Construct, field: string, s: EstafetteServiceConfig | undefined): void {
  const replicas = checkInt(scope, `${field}.replicas`, s?.replicas ?? 3, 1, 50);
  const max = checkInt(scope, `${field}.maxReplicas`, s?.maxReplicas ?? Math.max(10, replicas), 1, 100);
  if (max < replicas) throw new ValidationError(scope, `${field}.maxReplicas`, max, `at least ${field}.replicas (${replicas})`);
  checkResources(scope, `${field}.resources`, s?.resources);
}

/** Checks an `estafette` section; errors name `<section>.<field>`. */
export function checkEstafetteConfig(scope: Construct, section: string, config: EstafetteAppConfig): void {
  const f = (name: string) => `${section}.${name}`;
  checkDomain(scope, f('baseHost'), config.baseHost);
  checkDomain(scope, f('integrationsHost'), config.integrationsHost);
  if (!isUnresolved(config.baseHost) && config.baseHost === config.integrationsHost) {
    throw new ValidationError(scope, f('integrationsHost'), config.integrationsHost, `a host other than ${f('baseHost')} (the webhook Ingress and the UI Ingress would claim the same host)`);
  }
  checkService(scope, f('api'), config.api);
  checkService(scope, f('web'), config.web);
  checkInt(scope, f('db.replicas'), config.db?.replicas ?? ESTAFETTE_DEFAULTS.db.replicas, 3, 15);
  if (config.db?.storageSize !== undefined) checkPattern(scope, f('db.storageSize'), config.db.storageSize, /^[1-9]\d{0,4}Gi$/, 'a volume size in Gi such as "100Gi"');
  checkResources(scope, f('db.resources'), config.db?.resources);
  checkInt(scope, f('metrics.replicas'), config.metrics?.replicas ?? ESTAFETTE_DEFAULTS.metrics.replicas, 1, 5);
  checkResources(scope, f('metrics.resources'), config.metrics?.resources);
  checkInt(scope, f('queue.replicas'), config.queue?.replicas ?? ESTAFETTE_DEFAULTS.queue.replicas, 3, 7);
  checkResources(scope, f('queue.resources'), config.queue?.resources);
  const schedule = config.backup?.schedule;
  if (schedule !== undefined && !isBackupSchedule(schedule)) {
    throw new ValidationError(scope, f('backup.schedule'), schedule, 'a 5-field cron expression such as "0 3 * * *", or "@hourly", "@daily", "@weekly", "@monthly"');
  }
  if (config.backup?.label !== undefined) checkPattern(scope, f('backup.label'), config.backup.label, /^[a-z][a-z0-9_]{0,62}$/, 'an SQL name: lower-case letters, digits and "_", starting with a letter');
  checkInt(scope, f('backup.retentionDays'), config.backup?.retentionDays ?? ESTAFETTE_DEFAULTS.backup.retentionDays, 7, 3650);
}
