/**
 * Taskcluster's services, as the v106 release names them in each place: the chart's sections (`web_server`), the
 * Kubernetes objects and static clients (`web-server`), the database users (`<prefix>_web_server`) and the Pulse
 * (RabbitMQ) users and their permission patterns (`taskcluster\-web\-server`).
 */

/** Services with a database user (`<prefix>_<service>`), as `db:upgrade` grants them tables (db/access.yml). */
export const TASKCLUSTER_DB_SERVICES = [
  'auth',
  'github',
  'hooks',
  'index',
  'notify',
  'object',
  'purge_cache',
  'queue',
  'secrets',
  'web_server',
  'worker_manager',
] as const;
/** A service with a database user. */
export type TaskclusterDbService = (typeof TASKCLUSTER_DB_SERVICES)[number];

/** The chart's per-service sections (each with its Deployments, ConfigMap and Secret `taskcluster-<service>`). */
export const TASKCLUSTER_CHART_SERVICES = [
  'auth',
  'built_in_workers',
  'github',
  'hooks',
  'index',
  'notify',
  'object',
  'purge_cache',
  'queue',
  'secrets',
  'web_server',
  'worker_manager',
  'ui',
  'references',
] as const;
/** A section of the chart's values (a service the chart deploys). */
export type TaskclusterChartService = (typeof TASKCLUSTER_CHART_SERVICES)[number];

/**
 * Services that call other services' APIs with a static client `static/taskcluster/<service>` (hyphens), each with
 * its own access token in its Secret. The auth service is not one: it checks credentials itself and has no client.
 * The auth service refuses to start unless `STATIC_CLIENTS` holds exactly these and {@link TASKCLUSTER_ROOT_CLIENT_ID}
 * (services/auth/src/static-scopes.json at v106.0.0).
 */
export const TASKCLUSTER_CLIENT_SERVICES = [
  'built_in_workers',
  'github',
  'hooks',
  'index',
  'notify',
  'object',
  'purge_cache',
  'queue',
  'secrets',
  'web_server',
  'worker_manager',
] as const;
/** A service with its own static client. */
export type TaskclusterClientService = (typeof TASKCLUSTER_CLIENT_SERVICES)[number];

/** The bootstrap client with scope `*`, for the deployment's administrators. */
export const TASKCLUSTER_ROOT_CLIENT_ID = 'static/taskcluster/root';

/** Services that talk to Pulse (RabbitMQ), each as its own broker user. */
export const TASKCLUSTER_PULSE_SERVICES = ['auth', 'github', 'hooks', 'index', 'notify', 'queue', 'web_server', 'worker_manager'] as const;
/** A service with a Pulse user. */
export type TaskclusterPulseService = (typeof TASKCLUSTER_PULSE_SERVICES)[number];

/** `web_server` -> `web-server`: the form of Kubernetes names and client ids. */
export function hyphenated(service: string): string {
  return service.replace(/_/g, '-');
}

/** The Secret (and ConfigMap) the chart's Deployments of a service read their environment from. */
export function taskclusterSecretName(service: TaskclusterChartService): string {
  return `taskcluster-${hyphenated(service)}`;
}

/** `static/taskcluster/<service>` with hyphens. */
export function staticClientId(service: TaskclusterClientService): string {
  return `static/taskcluster/${hyphenated(service)}`;
}

/** Every static client the auth service requires: one per client service, then root. */
export function staticClientIds(): string[] {
  return [...TASKCLUSTER_CLIENT_SERVICES.map(staticClientId), TASKCLUSTER_ROOT_CLIENT_ID];
}

/** The database login of a service: `<prefix>_<service>` (underscores, as `db:upgrade` names it). */
export function dbUsername(prefix: string, service: TaskclusterDbService): string {
  return `${prefix}_${service}`;
}

/** The database user prefix: lower-case letters and `_` only (db:upgrade asserts `^[a-z_]+$`). */
export const DB_USERNAME_PREFIX_PATTERN = /^[a-z_]+$/;

/** The Pulse user name Taskcluster's docs recommend for a dedicated broker: `taskcluster-<service>` (hyphens). */
export function pulseUsername(service: TaskclusterPulseService): string {
  return `taskcluster-${hyphenated(service)}`;
}

/** RabbitMQ permissions of one Pulse user in the deployment's vhost (regular expressions over resource names). */
export interface PulsePermissions {
  /** Queues and exchanges the user may declare and delete. */
  readonly configure: string;
  /** Exchanges and queues the user may publish to (and bind). */
  readonly write: string;
  /** Queues the user may consume from and exchanges it may bind from. */
  readonly read: string;
}

/**
 * The permissions Taskcluster documents for a service's Pulse user (ui/docs/manual/deploying/pulse.mdx at v106.0.0):
 * it declares and publishes to its own queues and exchanges (`queue/taskcluster-<service>/...`,
 * `exchange/taskcluster-<service>/...`) and reads its own queues and any exchange. The name is escaped for a
 * regular expression: `-` as `\-`, and `_` in the service name becomes `\-` (`taskcluster\-web\-server`).
 */
export function pulsePermissions(service: TaskclusterPulseService): PulsePermissions {
  const name = `taskcluster\\-${service.replace(/_/g, '\\-')}`;
  const own = `^(queue/${name}/.*|exchange/${name}/.*)`;
  return { configure: own, write: own, read: `^(queue/${name}/.*|exchange/.*)` };
}
