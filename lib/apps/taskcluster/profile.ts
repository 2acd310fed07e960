import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { DocumentObject, DocumentValue, SecretDocument, escapeTemplateLiterals } from '../../core/document';
import { PostgresDatabase } from '../../core/postgres';
import { ValidationError, checkInt, checkKubernetesName, checkNamespace, checkPattern, isUnresolved } from '../../core/validation';
import { AppRequirements, RenderedApp } from '../profile';
import { TASKCLUSTER_BUCKET_PURPOSES, taskclusterBuckets } from './buckets';
import { TASKCLUSTER_CHART_VERSION, TASKCLUSTER_POSTGRES_MAJOR, TASKCLUSTER_PROCESSES, TASKCLUSTER_SECRET_KEYS, TASKCLUSTER_VERSION, taskclusterImage } from './chart';
import { BrokerUser, MessageBroker } from '../../core/message-broker';
import { S3ApiStore } from '../../core/s3-api';
import { checkUsernamePrefix } from './database';
import { TaskclusterDbTls, taskclusterDbTls, taskclusterDbUrl } from './db-url';
import {
  TASKCLUSTER_CHART_SERVICES,
  TASKCLUSTER_CLIENT_SERVICES,
  TASKCLUSTER_DB_SERVICES,
  TASKCLUSTER_PULSE_SERVICES,
  TASKCLUSTER_ROOT_CLIENT_ID,
  TaskclusterChartService,
  TaskclusterClientService,
  TaskclusterDbService,
  TaskclusterPulseService,
  dbUsername,
  staticClientId,
  taskclusterSecretName,
} from './services';
import { checkTaskclusterVersion } from './version';

/** The chart's release name. */
export const TASKCLUSTER_RELEASE_NAME = 'taskcluster';
/** Name of the database Taskcluster's profile asks the stacks for. */
export const TASKCLUSTER_DATABASE_NAME = 'taskcluster';
/** The TLS Secret cert-manager fills for the chart's own Ingress. */
export const TASKCLUSTER_TLS_SECRET = 'taskcluster-tls';
/** The pod annotation carrying the hash of the Secrets (the chart's own checksum is blank with its Secrets skipped). */
export const TASKCLUSTER_SECRETS_HASH_ANNOTATION = 'checksum/taskcluster-secrets';
/** The object service's backend id for the `object-backend` bucket. Never rename it: objects remember their backend. */
export const TASKCLUSTER_OBJECT_BACKEND_ID = 'default';

/** What Taskcluster needs from any cloud: three buckets, PostgreSQL 15, no workload identity (static keys only). */
export function taskclusterRequirements(): AppRequirements {
  return {
    buckets: taskclusterBuckets(),
    postgres: { supportedMajorVersions: [TASKCLUSTER_POSTGRES_MAJOR], databaseName: TASKCLUSTER_DATABASE_NAME },
    serviceAccounts: [],
  };
}

/** The secrets Taskcluster generates for itself (see `TaskclusterSecrets`), as tokens. */
export interface TaskclusterGeneratedSecrets {
  /** Access token of each static client, by service, and `root`. */
  readonly accessTokens: { readonly [client in TaskclusterClientService | 'root']: string };
  /** `db_crypto_keys` as a JSON string. */
  readonly dbCryptoKeys: string;
  /** The web server's session secret. */
  readonly sessionSecret: string;
}

/** How Taskcluster is exposed. */
export interface TaskclusterIngressProps {
  /** IngressClass of the controller. */
  readonly className: string;
  /** cert-manager ClusterIssuer that issues the TLS certificate. */
  readonly clusterIssuer: string;
  /**
   * Render the chart's own Ingress (`ingressType: nginx`, cert-manager annotations, TLS Secret `taskcluster-tls`).
   * It names its class only by the legacy `kubernetes.io/ingress.class: nginx` annotation, so only with
   * `className: "nginx"`. Otherwise the chart's Ingress is skipped and the stack routes `TASKCLUSTER_INGRESS_ROUTES`.
   * @default false
   */
  readonly useChartIngress?: boolean;
}

/** The GitHub App of the github service. */
export interface TaskclusterGithubApp {
  /** The App's id. */
  readonly appId: string;
  /** The App's bot user name (`<app-name>[bot]`). */
  readonly botUsername: string;
  /** The App's private key, PEM: a sensitive token. */
  readonly privatePem: string;
  /** The App's webhook secret: a sensitive token. */
  readonly webhookSecret: string;
}

/** Amazon SES settings of the notify service's e-mail. */
export interface TaskclusterNotifyEmail {
  /** Sender address. */
  readonly sourceAddress: string;
  /** SES region. */
  readonly awsRegion: string;
  /** Access key id of an IAM user allowed to send with SES. */
  readonly awsAccessKeyId: string;
  /** Its secret: a sensitive token. */
  readonly awsSecretAccessKey: string;
}

/** Properties of {@link TaskclusterProfile}. */
export interface TaskclusterProfileProps {
  /** The deployment's root URL, `https://<host>` (no path): every service and the UI are under it. */
  readonly rootUrl: string;
  /** Taskcluster release (`v106.0.0`): the image tag; the chart at `chartPath` must be that release's. @default TASKCLUSTER_VERSION */
  readonly version?: string;
  /**
   * Path of the chart: folder `infrastructure/k8s` of a checkout of taskcluster/taskcluster at the release tag (the
   * chart is published in no Helm repository).
   */
  readonly chartPath: string;
  /** Namespace of the release and its Secrets. */
  readonly namespace: string;
  /**
   * The server and database (host, port, database name, TLS; PostgreSQL 15). Its login is the admin's, used only by
   * the migrations Job, never here; the services log in as `<usernamePrefix>_<service>`.
   */
  readonly database: PostgresDatabase;
  /** Prefix of the service users (`<prefix>_<service>`), as given to the bootstrap and `db:upgrade`. */
  readonly usernamePrefix: string;
  /** Password of each service's database user (sensitive tokens). */
  readonly dbPasswords: { readonly [service in TaskclusterDbService]: string };
  /** The RabbitMQ broker: port 5671 with TLS or 5672 without (Taskcluster dials no other). */
  readonly broker: MessageBroker;
  /** The broker user of each service that talks to Pulse. */
  readonly pulseUsers: { readonly [service in TaskclusterPulseService]: BrokerUser };
  /** The object store with the buckets `public-artifacts`, `private-artifacts`, `object-backend`. */
  readonly objectStore: S3ApiStore;
  /** Generated access tokens, crypto keys and session secret. */
  readonly secrets: TaskclusterGeneratedSecrets;
  /** How Taskcluster is exposed. */
  readonly ingress: TaskclusterIngressProps;
  /** Replicas of every service's `web` process (the API behind the ingress). @default 2 */
  readonly webReplicas?: number;
  /** The github service's GitHub App. @default none: the github service runs no replicas */
  readonly github?: TaskclusterGithubApp;
  /** E-mail for the notify service. @default none: notify sends no e-mail */
  readonly notifyEmail?: TaskclusterNotifyEmail;
}

/**
 * Checks a chart path as written: a local path to the chart folder, not a URL, no whitespace. Check the value before
 * `path.resolve` makes it absolute: resolving turns `https://host/chart.tgz` into a local-looking path and `""` into
 * the working directory.
 */
export function checkTaskclusterChartPath(scope: Construct, field: string, chartPath: string): string {
  return checkPattern(scope, field, chartPath, /^(?![a-z][a-z0-9+.-]*:\/\/)\S+$/, 'a local path to the chart folder (infrastructure/k8s of the release), not a URL');
}

/**
 * Taskcluster as an app profile: the chart's values (validated against its schema), with `skipResourceTypes:
 * [secret]` and the 14 Secrets `taskcluster-<service>` built here with exactly the keys the chart's own Secret
 * templates write - database URLs of the service users, Pulse credentials, static client tokens, the object store's
 * keys, db crypto keys. Secret values never appear in the values: the fields the schema requires anyway hold a
 * placeholder naming the Secret. A hash of the Secrets is a pod annotation, so a changed Secret restarts the pods.
 */
export class TaskclusterProfile extends Construct {
  /** Secrets, values, chart and shell variables of the app. */
  public readonly rendered: RenderedApp;
  /** The TLS the services use to the database: `authorized` (verified) or `1` (encrypted only); see `taskclusterDbTls`. */
  public readonly databaseTls: TaskclusterDbTls;

  public constructor(scope: Construct, id: string, props: TaskclusterProfileProps) {
    super(scope, id);
    const rootUrl = checkRootUrl(this, props.rootUrl);
    const version = checkTaskclusterVersion(this, 'version', props.version ?? TASKCLUSTER_VERSION);
    const namespace = checkNamespace(this, 'namespace', props.namespace);
    const chartPath = checkTaskclusterChartPath(this, 'chartPath', props.chartPath);
    const prefix = checkUsernamePrefix(this, 'usernamePrefix', props.usernamePrefix);
    checkKubernetesName(this, 'ingress.className', props.ingress.className);
    checkKubernetesName(this, 'ingress.clusterIssuer', props.ingress.clusterIssuer);
    const chartIngress = props.ingress.useChartIngress ?? false;
    if (chartIngress && !isUnresolved(props.ingress.className) && props.ingress.className !== 'nginx') {
      throw new ValidationError(this, 'ingress.className', props.ingress.className, '"nginx" with useChartIngress (the chart\'s Ingress names its class only by the legacy nginx annotation), or useChartIngress: false');
    }
    const webReplicas = checkInt(this, 'webReplicas', props.webReplicas ?? 2, 1, 50);
    const db = props.database;
    if (!isUnresolved(db.majorVersion) && db.majorVersion !== TASKCLUSTER_POSTGRES_MAJOR) {
      throw new ValidationError(this, 'database.majorVersion', db.majorVersion, `${TASKCLUSTER_POSTGRES_MAJOR}: Taskcluster's db:upgrade refuses any other PostgreSQL major`);
    }
    this.databaseTls = taskclusterDbTls(this, 'database', db);
    const broker = checkBroker(this, props.broker);
    const store = checkStore(this, props.objectStore);
    requireAll(this, 'dbPasswords', props.dbPasswords, TASKCLUSTER_DB_SERVICES);
    requireAll(this, 'pulseUsers', props.pulseUsers, TASKCLUSTER_PULSE_SERVICES);
    requireAll(this, 'secrets.accessTokens', props.secrets.accessTokens, [...TASKCLUSTER_CLIENT_SERVICES, 'root']);
    if (props.github !== undefined) checkPattern(this, 'github.appId', props.github.appId, /^\d+$/, 'the numeric id of the GitHub App');

    // Secrets: every key of the chart's template, "" when unset (as the chart writes it).
    const env: { [service in TaskclusterChartService]: Record<string, string> } = Object.fromEntries(
      TASKCLUSTER_CHART_SERVICES.map((s) => [s, Object.fromEntries(TASKCLUSTER_SECRET_KEYS[s].map((k) => [k, '']))]),
    ) as never;
    const set = (service: TaskclusterChartService, key: string, value: string) => {
      if (!(key in env[service])) throw new Error(`taskcluster profile: ${key} is no key of the chart's taskcluster-${service} Secret`);
      env[service][key] = value;
    };
    for (const service of TASKCLUSTER_DB_SERVICES) {
      const url = taskclusterDbUrl(db, dbUsername(prefix, service), props.dbPasswords[service], this.databaseTls);
      set(service, 'READ_DB_URL', url);
      set(service, 'WRITE_DB_URL', url);
    }
    for (const service of TASKCLUSTER_PULSE_SERVICES) {
      set(service, 'PULSE_USERNAME', props.pulseUsers[service].username);
      set(service, 'PULSE_PASSWORD', props.pulseUsers[service].password);
    }
    for (const service of TASKCLUSTER_CLIENT_SERVICES) set(service, 'TASKCLUSTER_ACCESS_TOKEN', props.secrets.accessTokens[service]);
    for (const service of TASKCLUSTER_CHART_SERVICES) {
      if ('DB_CRYPTO_KEYS' in env[service]) set(service, 'DB_CRYPTO_KEYS', props.secrets.dbCryptoKeys);
    }
    // Static clients: exactly the services' and root, with no scopes or description (the auth service adds them).
    const staticClients = [
      ...TASKCLUSTER_CLIENT_SERVICES.map((s) => ({ clientId: staticClientId(s), accessToken: props.secrets.accessTokens[s] })),
      { clientId: TASKCLUSTER_ROOT_CLIENT_ID, accessToken: props.secrets.accessTokens.root },
    ];
    set('auth', 'STATIC_CLIENTS', Fn.jsonencode(staticClients));
    set('queue', 'AWS_ACCESS_KEY_ID', store.accessKeyId);
    set('queue', 'AWS_SECRET_ACCESS_KEY', store.secretAccessKey);
    const backend: Record<string, DocumentValue> = {
      backendType: 'aws',
      accessKeyId: store.accessKeyId,
      secretAccessKey: store.secretAccessKey,
      bucket: store.buckets[TASKCLUSTER_BUCKET_PURPOSES.objectBackend]!,
      // The bucket is private: downloads go through signed URLs.
      signGetUrls: true,
      s3ForcePathStyle: store.forcePathStyle,
    };
    // The object service treats the mere presence of `endpoint` as "not AWS".
    if (store.endpoint !== undefined) backend.endpoint = store.endpoint;
    set('object', 'BACKENDS', Fn.jsonencode(escapeTemplateLiterals({ [TASKCLUSTER_OBJECT_BACKEND_ID]: backend })));
    set('web_server', 'SESSION_SECRET', props.secrets.sessionSecret);
    // No login strategy: people sign in with clients made from the root client, until strategies are configured.
    set('web_server', 'UI_LOGIN_STRATEGIES', '{}');
    // No cloud provider for workers yet (built-in workers need none).
    set('worker_manager', 'PROVIDERS', '{}');
    if (props.github !== undefined) {
      set('github', 'GITHUB_PRIVATE_PEM', props.github.privatePem);
      set('github', 'WEBHOOK_SECRET', props.github.webhookSecret);
    }
    if (props.notifyEmail !== undefined) {
      set('notify', 'AWS_ACCESS_KEY_ID', props.notifyEmail.awsAccessKeyId);
      set('notify', 'AWS_SECRET_ACCESS_KEY', props.notifyEmail.awsSecretAccessKey);
    }
    const secrets: SecretDocument[] = TASKCLUSTER_CHART_SERVICES.map((s) => ({ name: taskclusterSecretName(s), namespace, stringData: env[s] }));
    // What restarts the pods when a Secret changes: a hash computed by Terraform, which reveals nothing of the values.
    const secretsHash = Fn.nonsensitive(Fn.sha256(Fn.jsonencode(escapeTemplateLiterals(secrets.map((s) => ({ name: s.name, stringData: s.stringData }))))));

    // Values: the chart's settings; fields the schema requires for values that live in the Secrets hold a placeholder.
    const section = (service: TaskclusterChartService): Record<string, DocumentValue> => {
      const procs: Record<string, DocumentValue> = {};
      for (const p of TASKCLUSTER_PROCESSES[service]) {
        const replicas = p.name === 'web' ? webReplicas : service === 'github' && props.github === undefined ? 0 : 1;
        procs[p.name] = p.kind === 'deployment' ? { replicas, cpu: p.cpu, memory: p.memory } : { cpu: p.cpu, memory: p.memory };
      }
      const out: Record<string, DocumentValue> = { procs };
      const placeholder = `(in Secret ${taskclusterSecretName(service)})`;
      for (const key of TASKCLUSTER_SECRET_KEYS[service]) {
        const field = SECRET_VALUE_FIELDS[key];
        if (field !== undefined && REQUIRED_SECRET_FIELDS[service]?.includes(field.name)) out[field.name] = field.json === undefined ? placeholder : field.json;
      }
      if ((TASKCLUSTER_CLIENT_SERVICES as readonly string[]).includes(service)) out.taskcluster_client_id = staticClientId(service as TaskclusterClientService);
      return out;
    };
    const values: Record<string, DocumentValue> = {
      rootUrl,
      applicationName: 'Taskcluster',
      dockerImage: taskclusterImage(version),
      pulseHostname: broker.hostname,
      pulseVhost: broker.vhost,
      pulseAmqps: broker.tls,
      // TLS ends at the ingress controller; the services trust its X-Forwarded-* headers and call each other in the cluster.
      forceSSL: false,
      trustProxy: true,
      nodeEnv: 'production',
      useKubernetesDnsServiceDiscovery: true,
      skipResourceTypes: chartIngress ? ['secret'] : ['secret', 'ingress'],
      podAnnotations: { [TASKCLUSTER_SECRETS_HASH_ANNOTATION]: secretsHash },
    };
    for (const service of TASKCLUSTER_CHART_SERVICES) values[service] = section(service);
    const queue = values.queue as Record<string, DocumentValue>;
    Object.assign(queue, {
      public_artifact_bucket: store.buckets[TASKCLUSTER_BUCKET_PURPOSES.publicArtifacts]!,
      private_artifact_bucket: store.buckets[TASKCLUSTER_BUCKET_PURPOSES.privateArtifacts]!,
      artifact_region: store.region,
      aws_force_path_style: store.forcePathStyle,
      aws_skip_cors_configuration: store.skipCorsConfiguration,
      // Public artifacts are served through signed URLs too, so no bucket needs public read access (none can on
      // Azure through s3proxy, and it is a bucket policy fewer elsewhere).
      sign_public_artifact_urls: true,
      ...(store.endpoint === undefined ? {} : { aws_endpoint: store.endpoint }),
    });
    Object.assign(values.object as Record<string, DocumentValue>, { backend_map: [{ backendId: TASKCLUSTER_OBJECT_BACKEND_ID, when: 'all' }] });
    Object.assign(values.web_server as Record<string, DocumentValue>, { public_url: rootUrl, additional_allowed_cors_origin: '', registered_clients: [] });
    Object.assign(values.ui as Record<string, DocumentValue>, { graphql_endpoint: `${rootUrl}/graphql`, graphql_subscription_endpoint: `${rootUrl}/subscription`, ui_login_strategy_names: '' });
    Object.assign(values.github as Record<string, DocumentValue>, { bot_username: props.github?.botUsername ?? '', github_app_id: props.github?.appId ?? '' });
    Object.assign(values.notify as Record<string, DocumentValue>, {
      email_source_address: props.notifyEmail?.sourceAddress ?? '',
      ...(props.notifyEmail === undefined ? {} : { aws_region: props.notifyEmail.awsRegion }),
    });
    if (chartIngress) {
      Object.assign(values, { ingressType: 'nginx', certManagerClusterIssuerName: props.ingress.clusterIssuer, ingressTlsSecretName: TASKCLUSTER_TLS_SECRET });
    }

    this.rendered = {
      releaseName: TASKCLUSTER_RELEASE_NAME,
      // A local chart: its version is the chart's own (the same for every release); the path decides the release.
      chart: { chart: chartPath, version: TASKCLUSTER_CHART_VERSION },
      secrets,
      values: values as DocumentObject,
      shell: {
        TASKCLUSTER_VERSION: version,
        TASKCLUSTER_ROOT_URL: rootUrl,
        K8S_NAMESPACE: namespace,
        TASKCLUSTER_IMAGE: taskclusterImage(version),
        TASKCLUSTER_CHART_PATH: chartPath,
      },
    };
  }
}

/** A secret env key of the chart and the values field it comes from; `json` is the placeholder of a JSON-typed field. */
const SECRET_VALUE_FIELDS: { readonly [key: string]: { readonly name: string; readonly json?: DocumentValue } | undefined } = {
  STATIC_CLIENTS: { name: 'static_clients', json: [] },
  READ_DB_URL: { name: 'read_db_url' },
  WRITE_DB_URL: { name: 'write_db_url' },
  PULSE_USERNAME: { name: 'pulse_username' },
  PULSE_PASSWORD: { name: 'pulse_password' },
  TASKCLUSTER_ACCESS_TOKEN: { name: 'taskcluster_access_token' },
  GITHUB_PRIVATE_PEM: { name: 'github_private_pem' },
  WEBHOOK_SECRET: { name: 'webhook_secret' },
  AWS_ACCESS_KEY_ID: { name: 'aws_access_key_id' },
  AWS_SECRET_ACCESS_KEY: { name: 'aws_secret_access_key' },
  SESSION_SECRET: { name: 'session_secret' },
  UI_LOGIN_STRATEGIES: { name: 'ui_login_strategies', json: {} },
  PROVIDERS: { name: 'providers', json: {} },
};

/** The Secret-held fields the chart's values schema requires per section (v106.0.0): they get a placeholder. */
const REQUIRED_SECRET_FIELDS: { readonly [service in TaskclusterChartService]?: readonly string[] } = {
  auth: ['static_clients', 'read_db_url', 'write_db_url', 'pulse_username', 'pulse_password'],
  built_in_workers: ['taskcluster_access_token'],
  github: ['taskcluster_access_token', 'github_private_pem', 'webhook_secret', 'read_db_url', 'write_db_url', 'pulse_username', 'pulse_password'],
  hooks: ['read_db_url', 'write_db_url', 'taskcluster_access_token', 'pulse_username', 'pulse_password'],
  index: ['read_db_url', 'write_db_url', 'taskcluster_access_token', 'pulse_username', 'pulse_password'],
  notify: ['taskcluster_access_token', 'read_db_url', 'write_db_url', 'aws_access_key_id', 'aws_secret_access_key', 'pulse_username', 'pulse_password'],
  object: ['taskcluster_access_token', 'read_db_url', 'write_db_url'],
  purge_cache: ['read_db_url', 'write_db_url', 'taskcluster_access_token'],
  queue: ['taskcluster_access_token', 'read_db_url', 'write_db_url', 'pulse_username', 'pulse_password', 'aws_access_key_id', 'aws_secret_access_key'],
  secrets: ['taskcluster_access_token', 'read_db_url', 'write_db_url'],
  web_server: ['taskcluster_access_token', 'read_db_url', 'write_db_url', 'pulse_username', 'pulse_password', 'ui_login_strategies', 'session_secret'],
  worker_manager: ['taskcluster_access_token', 'read_db_url', 'write_db_url', 'pulse_username', 'pulse_password', 'providers'],
};

function checkRootUrl(scope: Construct, url: string): string {
  if (isUnresolved(url)) return url;
  const m = /^https:\/\/([a-z0-9.-]+)$/.exec(url);
  const host = m?.[1];
  const labels = host?.split('.') ?? [];
  if (host === undefined || labels.length < 2 || !labels.every((l) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(l)) || host.length > 253) {
    throw new ValidationError(scope, 'rootUrl', url, 'an https URL of a host name and nothing else, such as "https://tc.example.com" (no path, port or trailing slash)');
  }
  return url;
}

function checkBroker(scope: Construct, broker: MessageBroker): MessageBroker {
  const wanted = broker.tls ? 5671 : 5672;
  if (!isUnresolved(broker.port) && broker.port !== wanted) {
    throw new ValidationError(scope, 'broker.port', broker.port, `${wanted}: Taskcluster dials ${broker.tls ? 'amqps on 5671' : 'amqp on 5672'} and has no port setting`);
  }
  if (!isUnresolved(broker.hostname)) checkPattern(scope, 'broker.hostname', broker.hostname, /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, 'a host name (no scheme or port)');
  if (!isUnresolved(broker.vhost) && (broker.vhost === '' || typeof broker.vhost !== 'string')) {
    throw new ValidationError(scope, 'broker.vhost', broker.vhost, 'a non-empty vhost name');
  }
  return broker;
}

function checkStore(scope: Construct, store: S3ApiStore): S3ApiStore {
  for (const purpose of Object.values(TASKCLUSTER_BUCKET_PURPOSES)) {
    const bucket = store.buckets[purpose];
    if (bucket === undefined || (!isUnresolved(bucket) && bucket === '')) {
      throw new ValidationError(scope, `objectStore.buckets.${purpose}`, bucket, `a bucket for every Taskcluster purpose: ${Object.values(TASKCLUSTER_BUCKET_PURPOSES).join(', ')}`);
    }
  }
  if (store.endpoint !== undefined) checkPattern(scope, 'objectStore.endpoint', store.endpoint, /^https?:\/\/[^\s/]+\/?$/, 'an http(s) URL of the S3 API endpoint, such as "https://storage.googleapis.com"');
  if (store.region === undefined || (!isUnresolved(store.region) && store.region === '')) {
    throw new ValidationError(scope, 'objectStore.region', store.region, 'the region of the buckets (the queue signs with it)');
  }
  return store;
}

function requireAll(scope: Construct, field: string, given: { readonly [key: string]: unknown }, keys: readonly string[]): void {
  for (const key of keys) {
    if (given[key] === undefined) throw new ValidationError(scope, `${field}.${key}`, undefined, `a value for each of ${keys.join(', ')}`);
  }
  for (const key of Object.keys(given)) {
    if (!keys.includes(key)) throw new ValidationError(scope, `${field}.${key}`, key, `only ${keys.join(', ')}`);
  }
}
