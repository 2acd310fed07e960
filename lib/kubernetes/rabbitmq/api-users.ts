import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import type { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { Fn, ITerraformDependable, TerraformLocal } from 'cdktf';
import { Construct } from 'constructs';
import { escapeTemplateLiterals, publishDocument } from '../../core/document';
import { lazyModule } from '../../core/lazy-module';
import { BrokerUser } from '../../core/message-broker';
import { ValidationError, checkPattern, isUnresolved } from '../../core/validation';
import { AppNamespace } from '../namespace';
import { KubernetesJob } from '../resources/job';
import { RabbitMqAccessSpec, RabbitMqUserSpec, checkRabbitMqName, checkRabbitMqUsers, rabbitMqApiRequests } from './definitions';

const configMapV1 = lazyModule(() => require('@cdktf/provider-kubernetes/lib/config-map-v1') as typeof import('@cdktf/provider-kubernetes/lib/config-map-v1'));

/**
 * The Job's image: the curl project's own image (`curlimages/curl`, Alpine with curl and a CA bundle), which runs as
 * the unprivileged `curl_user`. Tag checked in curl/curl-container (CHANGELOG 8.21.0, 2026-06-24).
 */
export const RABBITMQ_API_IMAGE = 'curlimages/curl:8.21.0';

/** UID of `curl_user` in that image (an Alpine system id: `adduser -S`). */
export const RABBITMQ_API_UID = 100;
/** GID of `curl_group` in that image (an Alpine system id: `addgroup -S`). */
export const RABBITMQ_API_GID = 101;

/** Where the request bodies (a Secret) and the script with the list of calls (a ConfigMap) are mounted. */
export const RABBITMQ_API_MOUNTS = { bodies: '/etc/rabbitmq-api/bodies', script: '/etc/rabbitmq-api/script' } as const;

/** Where the script reads what to do and whether plain HTTP is allowed (a test against a local node only). */
export interface RabbitMqApiScriptSpec {
  /** Folder of the JSON bodies. */
  readonly bodiesDir: string;
  /** The `requests` file: one `<path> <file>` line per call, in order. */
  readonly requestsFile: string;
  /** Accept an `http://` API URL (tests against a local node); the Job refuses anything but HTTPS. @default false */
  readonly allowHttp?: boolean;
}

/**
 * The Job's shell script (POSIX sh, BusyBox ash in the image): one PUT per line of the requests file, each body from
 * its file, as the administrator. The credentials come from the environment (a Secret) and reach curl through its
 * standard input as a config line, never its command line. Transient failures (connection refused, 5xx, timeouts)
 * are retried; any other answer fails the Job, which Kubernetes then retries. Every literal here is checked.
 */
export function rabbitMqApiScript(spec: RabbitMqApiScriptSpec): string {
  for (const p of [spec.bodiesDir, spec.requestsFile]) if (!/^\/[A-Za-z0-9._/-]+$/.test(p)) throw new Error(`rabbitMqApiScript: bad path ${JSON.stringify(p)}`);
  const scheme = spec.allowHttp ? 'https://*|http://*' : 'https://*';
  return [
    '#!/bin/sh',
    '# Brings the virtual host, the users and their permissions to the spec through the RabbitMQ management API.',
    'set -eu',
    'base="${RABBITMQ_API_URL%/}"',
    `case "$base" in ${scheme}) ;; *) echo "RABBITMQ_API_URL is not an https:// URL" >&2; exit 2 ;; esac`,
    'while read -r path file; do',
    '  [ -n "$path" ] || continue',
    '  printf \'user = "%s:%s"\\n\' "$RABBITMQ_ADMIN_USERNAME" "$RABBITMQ_ADMIN_PASSWORD" |',
    '    curl --config - --silent --show-error --fail-with-body --tlsv1.2 \\',
    '      --retry 10 --retry-connrefused --retry-delay 6 --connect-timeout 10 --max-time 60 \\',
    `      --request PUT --header 'content-type: application/json' --data-binary "@${spec.bodiesDir}/$file" "$base$path"`,
    '  echo "PUT $path"',
    `done < ${spec.requestsFile}`,
    '',
  ].join('\n');
}

/** Properties of {@link RabbitMqApiUsers}. */
export interface RabbitMqApiUsersProps {
  /** Namespace of the Job and its Secrets. */
  readonly namespace: AppNamespace;
  /** Base name of the Job, its Secrets and ConfigMap: a Kubernetes name of 1-30 characters. @default "message-bus" */
  readonly name?: string;
  /** Base URL of the broker's management API, `https://<host>[:port]` (Amazon MQ: the console URL). */
  readonly apiUrl: string;
  /** The administrator the Job logs in as. */
  readonly adminUsername: string;
  /** The administrator's password: a sensitive token. */
  readonly adminPassword: string;
  /** The virtual host the users work in; its default queue type is quorum. */
  readonly vhost: string;
  /** The users, each with its password token and its permissions in the virtual host. */
  readonly users: readonly (RabbitMqUserSpec & { readonly password: string })[];
  /** Image with sh and curl 7.76 or newer, running as a non-root user. @default {@link RABBITMQ_API_IMAGE} */
  readonly image?: string;
  /** What the Job must run after (the cluster connection, the broker). */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * A Job that creates (or resets) the virtual host, the users and their permissions on a RabbitMQ broker this library
 * does not run, through its management HTTP API over HTTPS: Amazon MQ for RabbitMQ creates only the administrator.
 * The state is the one {@link rabbitMqDefinitions} describes, sent as per-object PUTs ({@link rabbitMqApiRequests}).
 * The administrator's credentials live in one Secret (environment), the users' passwords in another (the bodies,
 * mounted read-only); the script and the list of calls in a ConfigMap. The Job's name carries a hash of what it sets
 * (passwords aside), so a changed spec runs it again; a changed Secret replaces it.
 */
export class RabbitMqApiUsers extends Construct {
  /** The Job. */
  public readonly job: KubernetesJob;
  /** The Job's name, as a Terraform expression: `<name>-users-` and a hash of what it sets (passwords aside). */
  public readonly jobName: string;
  /** The Secret with the administrator's name and password. */
  public readonly adminSecret: SecretV1;
  /** The Secret with the request bodies (users' passwords among them). */
  public readonly bodiesSecret: SecretV1;
  /** The ConfigMap with the script and the list of calls. */
  public readonly configMap: ConfigMapV1;
  /** Each user's name and password, by user name. */
  public readonly users: { readonly [username: string]: BrokerUser };
  /** What an app release must wait for: the users exist. */
  public readonly ready: readonly ITerraformDependable[];

  public constructor(scope: Construct, id: string, props: RabbitMqApiUsersProps) {
    super(scope, id);
    const name = checkPattern(this, 'name', props.name ?? 'message-bus', /^[a-z]([a-z0-9-]{0,28}[a-z0-9])?$/, 'a Kubernetes name of 1-30 lower-case letters, digits and "-", starting with a letter');
    const image = checkPattern(this, 'image', props.image ?? RABBITMQ_API_IMAGE, /^[^\s:@]+:[A-Za-z0-9_.-]+(@sha256:[a-f0-9]{64})?$|^[^\s:@]+@sha256:[a-f0-9]{64}$/, 'an image reference pinned by tag or digest, such as "curlimages/curl:8.21.0"');
    if (!isUnresolved(props.apiUrl) && !/^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/.test(props.apiUrl)) {
      throw new ValidationError(this, 'apiUrl', props.apiUrl, 'an https:// URL of the management API, such as "https://b-1234.mq.eu-west-1.amazonaws.com"');
    }
    if (!isUnresolved(props.adminPassword)) throw new ValidationError(this, 'adminPassword', '***', 'a sensitive token (a random_password result), never a literal');
    checkRabbitMqName(this, 'adminUsername', props.adminUsername);
    checkRabbitMqName(this, 'vhost', props.vhost);
    checkRabbitMqUsers(this, props.users, props.adminUsername);
    for (const [i, u] of props.users.entries()) {
      if (u.password === undefined) throw new ValidationError(this, `users[${i}].password`, undefined, 'the user\'s password token (the stack generates it)');
    }

    const namespace = props.namespace.name;
    const labels = { 'app.kubernetes.io/name': 'rabbitmq-users', 'app.kubernetes.io/instance': name, 'app.kubernetes.io/component': 'users', 'app.kubernetes.io/managed-by': 'terraform' };
    const dependsOn = [...props.dependsOn];

    const access: RabbitMqAccessSpec = { vhost: props.vhost, users: props.users.map((u) => ({ username: u.username, configure: u.configure, write: u.write, read: u.read })) };
    const passwords = Object.fromEntries(props.users.map((u) => [u.username, u.password]));
    const requests = rabbitMqApiRequests(access, passwords);
    const requestsFile = requests.map((r) => `${r.path} ${r.file}\n`).join('');
    const script = rabbitMqApiScript({ bodiesDir: RABBITMQ_API_MOUNTS.bodies, requestsFile: `${RABBITMQ_API_MOUNTS.script}/requests` });

    this.adminSecret = new SecretV1(this, 'admin-secret', {
      metadata: { name: `${name}-admin`, namespace, labels },
      type: 'Opaque',
      data: { username: props.adminUsername, password: props.adminPassword },
      dependsOn,
    });
    this.bodiesSecret = new SecretV1(this, 'bodies-secret', {
      metadata: { name: `${name}-users`, namespace, labels },
      type: 'Opaque',
      // Each body a local value of its own, JSON-encoded by Terraform (a literal with backslashes inside a function call
      // would not survive cdktf's rendering).
      data: Object.fromEntries(requests.map((r, i) => [r.file, Fn.jsonencode(publishDocument(this, `body-${i}`, r.body).expression)])),
      dependsOn,
    });
    this.configMap = new (configMapV1().ConfigMapV1)(this, 'script', {
      metadata: { name: `${name}-users-script`, namespace, labels },
      data: escapeTemplateLiterals({ 'import.sh': script, requests: requestsFile }),
      dependsOn,
    });

    const secretEnv = (envName: string, key: string) => ({ name: envName, valueFrom: { secretKeyRef: { name: this.adminSecret.metadata.name, key } } });
    const command = ['/bin/sh', `${RABBITMQ_API_MOUNTS.script}/import.sh`];
    // What the Job sets, minus the passwords: its hash names the Job, so a changed spec or broker runs it again.
    const runs = new TerraformLocal(this, 'users-runs', escapeTemplateLiterals({ image, command, script, requests: requestsFile, access: { vhost: access.vhost, users: access.users.map((u) => ({ ...u })) } }));
    this.jobName = `${name}-users-${Fn.substr(Fn.sha256(Fn.join('\n', [Fn.jsonencode(runs.expression), props.apiUrl])), 0, 10)}`;
    this.job = new KubernetesJob(this, 'users', {
      metadata: { name: this.jobName, namespace, labels },
      spec: {
        backoffLimit: 6,
        activeDeadlineSeconds: 900,
        template: {
          metadata: { labels },
          spec: {
            restartPolicy: 'Never',
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            // fsGroup: the mounted Secret's files belong to the container's group, readable without being world-readable.
            securityContext: { runAsNonRoot: true, runAsUser: String(RABBITMQ_API_UID), runAsGroup: String(RABBITMQ_API_GID), fsGroup: String(RABBITMQ_API_GID), seccompProfile: { type: 'RuntimeDefault' } },
            container: [
              {
                name: 'users',
                image,
                imagePullPolicy: 'IfNotPresent',
                command,
                env: [{ name: 'RABBITMQ_API_URL', value: props.apiUrl }, secretEnv('RABBITMQ_ADMIN_USERNAME', 'username'), secretEnv('RABBITMQ_ADMIN_PASSWORD', 'password')],
                securityContext: {
                  runAsNonRoot: true,
                  allowPrivilegeEscalation: false,
                  privileged: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                  seccompProfile: { type: 'RuntimeDefault' },
                },
                resources: { requests: { cpu: '20m', memory: '32Mi' }, limits: { cpu: '200m', memory: '64Mi' } },
                volumeMount: [
                  { name: 'bodies', mountPath: RABBITMQ_API_MOUNTS.bodies, readOnly: true },
                  { name: 'script', mountPath: RABBITMQ_API_MOUNTS.script, readOnly: true },
                ],
              },
            ],
            volume: [
              { name: 'bodies', secret: { secretName: this.bodiesSecret.metadata.name, defaultMode: '0440' } },
              { name: 'script', configMap: { name: this.configMap.metadata.name, defaultMode: '0444' } },
            ],
          },
        },
      },
      waitForCompletion: true,
      timeouts: { create: '16m', update: '16m', delete: '5m' },
      // A changed password changes only a Secret: run the Job again so the user gets it.
      lifecycle: { replaceTriggeredBy: [this.bodiesSecret, this.adminSecret] },
      dependsOn: [...dependsOn, this.configMap],
    });
    this.users = Object.fromEntries(props.users.map((u) => [u.username, { username: u.username, password: u.password }]));
    this.ready = [this.job];
  }
}
