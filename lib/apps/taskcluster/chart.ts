import { TaskclusterChartService } from './services';

/**
 * Facts of the Taskcluster Helm chart (folder `infrastructure/k8s` of taskcluster/taskcluster at the release tag; its
 * values schema is the contract): which environment variables each service's Secret holds, and which processes each
 * service runs.
 */

/** The Taskcluster release this library is tested with (the chart's appVersion and the image tag). */
export const TASKCLUSTER_VERSION = 'v106.0.0';

/**
 * The chart's own version (`infrastructure/k8s/Chart.yaml`): 0.2.0 in every release so far. The chart is used from a
 * checkout of the release (it is published in no Helm repository), so its path, not this version, picks the release.
 */
export const TASKCLUSTER_CHART_VERSION = '0.2.0';

/** The image of a release: the chart's Deployments and the migrations Job run it (as uid 1000). */
export function taskclusterImage(version: string): string {
  return `taskcluster/taskcluster:${version}`;
}

/** The user and group the image runs as (`USER 1000` in its Dockerfile). */
export const TASKCLUSTER_UID = 1000;

/** The PostgreSQL major `db:upgrade` accepts (it refuses any other). */
export const TASKCLUSTER_POSTGRES_MAJOR = 15;

/**
 * The keys of each service's Secret `taskcluster-<service>`, exactly as the chart's `taskcluster-<service>-secret.yaml`
 * templates write them at v106.0.0; the Deployments read them with `envFrom`. With `skipResourceTypes: [secret]` the
 * chart renders none of them and these Secrets are created outside the chart, with every key present (an empty value
 * is what the chart writes for an unset one, and Taskcluster's config loader reads "" as unset).
 * `ui` and `references` have empty Secrets, which must still exist (`envFrom` without `optional`).
 */
export const TASKCLUSTER_SECRET_KEYS: { readonly [service in TaskclusterChartService]: readonly string[] } = {
  auth: [
    'STATIC_CLIENTS',
    'SENTRY_AUTH_TOKEN',
    'WEBSOCKTUNNEL_SECRET',
    'ERROR_CONFIG',
    'AZURE_CRYPTO_KEY',
    'READ_DB_URL',
    'WRITE_DB_URL',
    'DB_CRYPTO_KEYS',
    'PULSE_USERNAME',
    'PULSE_PASSWORD',
    'AZURE_ACCOUNTS',
    'AWS_CREDENTIALS_ALLOWED_BUCKETS',
    'GCP_CREDENTIALS_ALLOWED_PROJECTS',
    'GITHUB_CREDENTIALS_APPS',
    'NEW_RELIC',
  ],
  built_in_workers: ['TASKCLUSTER_ACCESS_TOKEN', 'ERROR_CONFIG', 'NEW_RELIC'],
  github: ['TASKCLUSTER_ACCESS_TOKEN', 'GITHUB_PRIVATE_PEM', 'WEBHOOK_SECRET', 'READ_DB_URL', 'WRITE_DB_URL', 'ERROR_CONFIG', 'PULSE_USERNAME', 'PULSE_PASSWORD', 'NEW_RELIC'],
  hooks: [
    'INFLUX_CONNECTION',
    'AZURE_CRYPTO_KEY',
    'READ_DB_URL',
    'WRITE_DB_URL',
    'DB_CRYPTO_KEYS',
    'TASKCLUSTER_ACCESS_TOKEN',
    'ERROR_CONFIG',
    'PULSE_USERNAME',
    'PULSE_PASSWORD',
    'NEW_RELIC',
  ],
  index: ['READ_DB_URL', 'WRITE_DB_URL', 'ERROR_CONFIG', 'TASKCLUSTER_ACCESS_TOKEN', 'PULSE_USERNAME', 'PULSE_PASSWORD', 'NEW_RELIC'],
  notify: [
    'TASKCLUSTER_ACCESS_TOKEN',
    'READ_DB_URL',
    'WRITE_DB_URL',
    'ERROR_CONFIG',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'PULSE_USERNAME',
    'PULSE_PASSWORD',
    'MATRIX_ACCESS_TOKEN',
    'SLACK_ACCESS_TOKEN',
    'NEW_RELIC',
  ],
  object: ['BACKENDS', 'TASKCLUSTER_ACCESS_TOKEN', 'READ_DB_URL', 'WRITE_DB_URL', 'DB_CRYPTO_KEYS', 'ERROR_CONFIG', 'NEW_RELIC'],
  purge_cache: ['ERROR_CONFIG', 'READ_DB_URL', 'WRITE_DB_URL', 'TASKCLUSTER_ACCESS_TOKEN', 'NEW_RELIC'],
  queue: ['TASKCLUSTER_ACCESS_TOKEN', 'ERROR_CONFIG', 'READ_DB_URL', 'WRITE_DB_URL', 'PULSE_USERNAME', 'PULSE_PASSWORD', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'NEW_RELIC'],
  secrets: ['TASKCLUSTER_ACCESS_TOKEN', 'AZURE_CRYPTO_KEY', 'READ_DB_URL', 'WRITE_DB_URL', 'DB_CRYPTO_KEYS', 'ERROR_CONFIG', 'NEW_RELIC'],
  web_server: [
    'ERROR_CONFIG',
    'TASKCLUSTER_ACCESS_TOKEN',
    'AZURE_CRYPTO_KEY',
    'READ_DB_URL',
    'WRITE_DB_URL',
    'DB_CRYPTO_KEYS',
    'PULSE_USERNAME',
    'PULSE_PASSWORD',
    'UI_LOGIN_STRATEGIES',
    'SESSION_SECRET',
    'NEW_RELIC',
  ],
  worker_manager: ['ERROR_CONFIG', 'TASKCLUSTER_ACCESS_TOKEN', 'READ_DB_URL', 'WRITE_DB_URL', 'DB_CRYPTO_KEYS', 'PULSE_USERNAME', 'PULSE_PASSWORD', 'PROVIDERS', 'NEW_RELIC'],
  ui: [],
  references: [],
};

/** One process of a service: a Deployment (with replicas) or a CronJob, with its resource requests. */
export interface TaskclusterProcess {
  /** Key under `<service>.procs`. */
  readonly name: string;
  /** A Deployment (`replicas` applies) or a CronJob. */
  readonly kind: 'deployment' | 'cron';
  /** CPU request. */
  readonly cpu: string;
  /** Memory request. */
  readonly memory: string;
}

const d = (name: string, cpu: string, memory: string): TaskclusterProcess => ({ name, kind: 'deployment', cpu, memory });
const c = (name: string, cpu: string, memory: string): TaskclusterProcess => ({ name, kind: 'cron', cpu, memory });

/**
 * Every process the chart runs per service (the `procs` its values schema requires), with requests sized as the
 * chart's own defaults. The `web` process serves the API behind the ingress; the other Deployments are background
 * workers (one replica each, as the chart runs them) and the `cron` ones are periodic CronJobs.
 */
export const TASKCLUSTER_PROCESSES: { readonly [service in TaskclusterChartService]: readonly TaskclusterProcess[] } = {
  auth: [d('web', '100m', '200Mi'), c('purgeExpiredClients', '800m', '500Mi'), c('purgeAuditHistory', '50m', '100Mi')],
  built_in_workers: [d('server', '10m', '50Mi')],
  github: [d('web', '10m', '50Mi'), d('worker', '200m', '200Mi'), c('sync', '800m', '500Mi')],
  hooks: [d('web', '50m', '50Mi'), d('scheduler', '10m', '50Mi'), d('listeners', '50m', '50Mi'), c('expires', '50m', '50Mi')],
  index: [d('web', '50m', '50Mi'), d('handlers', '50m', '50Mi'), c('expire', '50m', '50Mi')],
  notify: [d('web', '100m', '100Mi'), d('handler', '50m', '100Mi')],
  object: [d('web', '50m', '100Mi'), c('expire', '50m', '100Mi')],
  purge_cache: [d('web', '100m', '50Mi'), c('expireCachePurges', '800m', '500Mi')],
  queue: [
    d('web', '400m', '200Mi'),
    d('claimResolver', '50m', '50Mi'),
    d('workerRemovedResolver', '50m', '100Mi'),
    d('deadlineResolver', '50m', '100Mi'),
    d('dependencyResolver', '100m', '100Mi'),
    c('expireArtifacts', '200m', '100Mi'),
    c('expireTask', '50m', '100Mi'),
    c('expireTaskGroups', '50m', '50Mi'),
    c('expireTaskDependency', '50m', '50Mi'),
    c('expireQueueMessages', '50m', '100Mi'),
    c('expireWorkerInfo', '200m', '100Mi'),
    d('workerMetrics', '50m', '100Mi'),
  ],
  secrets: [d('web', '100m', '50Mi'), c('expire', '800m', '500Mi')],
  web_server: [
    d('web', '500m', '300Mi'),
    c('scanner', '800m', '500Mi'),
    c('cleanup_session_storage', '50m', '100Mi'),
    c('cleanup_expire_auth_codes', '800m', '500Mi'),
    c('cleanup_expire_access_tokens', '800m', '500Mi'),
  ],
  worker_manager: [
    d('web', '100m', '100Mi'),
    d('provisioner', '50m', '200Mi'),
    d('workerscanner', '200m', '200Mi'),
    d('workerscanner_azure', '200m', '200Mi'),
    c('expire_workers', '200m', '200Mi'),
    c('expire_worker_pools', '800m', '500Mi'),
    c('expire_launch_configs', '50m', '100Mi'),
    c('expire_errors', '800m', '500Mi'),
  ],
  ui: [d('web', '50m', '10Mi')],
  references: [d('web', '10m', '10Mi')],
};

/** One path of the chart's Ingress: a path prefix and the Service (port 80) behind it. */
export interface TaskclusterRoute {
  /** Path prefix, e.g. `/api/queue/`; `/subscription` and `/graphql` are exact paths of the web server (websocket and HTTP). */
  readonly path: string;
  /** Service name. */
  readonly service: string;
}

/**
 * The routes of the chart's `ingress.yaml` (v106.0.0), for an Ingress built outside the chart: every path to port 80
 * of its Service. The UI serves everything else (`/`).
 */
export const TASKCLUSTER_INGRESS_ROUTES: readonly TaskclusterRoute[] = [
  { path: '/', service: 'taskcluster-ui' },
  { path: '/references/', service: 'taskcluster-references' },
  { path: '/schemas/', service: 'taskcluster-references' },
  { path: '/api/auth/', service: 'taskcluster-auth' },
  { path: '/api/github/', service: 'taskcluster-github' },
  { path: '/api/hooks/', service: 'taskcluster-hooks' },
  { path: '/api/index/', service: 'taskcluster-index' },
  { path: '/api/notify/', service: 'taskcluster-notify' },
  { path: '/api/object/', service: 'taskcluster-object' },
  { path: '/api/purge-cache/', service: 'taskcluster-purge-cache' },
  { path: '/api/queue/', service: 'taskcluster-queue' },
  { path: '/api/secrets/', service: 'taskcluster-secrets' },
  { path: '/login/', service: 'taskcluster-web-server' },
  { path: '/subscription', service: 'taskcluster-web-server' },
  { path: '/graphql', service: 'taskcluster-web-server' },
  { path: '/api/web-server/', service: 'taskcluster-web-server' },
  { path: '/api/worker-manager/', service: 'taskcluster-worker-manager' },
];
