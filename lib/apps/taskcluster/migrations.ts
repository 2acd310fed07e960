import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { PostgresDatabase } from '../../core/postgres';
import { ValidationError, checkInt, checkPattern } from '../../core/validation';
import { AppNamespace } from '../../kubernetes/namespace';
import { TASKCLUSTER_POSTGRES_MAJOR, TASKCLUSTER_UID, taskclusterImage } from './chart';
import { checkUsernamePrefix } from './database';
import { taskclusterDbTls, taskclusterDbUrl } from './db-url';
import { checkTaskclusterVersion } from './version';
import { KubernetesJob } from '../../kubernetes/resources/job';

// Only a config that deploys Taskcluster creates the Job: load the job-v1 bindings (4.7 MB of JavaScript) when the
// first one is built, not with this file.

/**
 * The container's arguments: the image's entrypoint (`/app/entrypoint`) maps `script/db:upgrade` to
 * `yarn run db:upgrade` (`node db/src/main.js upgrade`), the command Taskcluster documents for upgrades
 * (ui/docs/manual/deploying/database.mdx). Without a target version it upgrades to the release's latest.
 */
export const TASKCLUSTER_DB_UPGRADE_ARGS: readonly string[] = ['script/db:upgrade'];

/** Properties of {@link TaskclusterMigrations}. */
export interface TaskclusterMigrationsProps {
  /** Taskcluster release, `v106.0.0`: the image tag, and part of the Job's name. */
  readonly version: string;
  /**
   * The admin login db:upgrade runs as: it owns Taskcluster's database (`database` is that database) and may grant on
   * it. PostgreSQL 15 (db:upgrade refuses any other major), a password and TLS to the server itself.
   */
  readonly admin: PostgresDatabase;
  /** `USERNAME_PREFIX`: the prefix of the service users `<prefix>_<service>` it grants tables to. */
  readonly usernamePrefix: string;
  /** Namespace of the Job and its Secret. */
  readonly namespace: AppNamespace;
  /** What the Job must run after: the database bootstrap Job (database, pgcrypto, service users), the cluster. */
  readonly dependsOn: readonly ITerraformDependable[];
  /** Image. @default `taskcluster/taskcluster:<version>` */
  readonly image?: string;
  /** Seconds the Job may run (an upgrade over many database versions takes a while); Terraform waits two minutes longer. @default 1800 */
  readonly timeoutSeconds?: number;
  /** Retries of a failed run (each database version upgrades in its own transaction, so a retry resumes). @default 1 */
  readonly backoffLimit?: number;
}

/**
 * The Job that runs Taskcluster's database migrations (`db:upgrade`) for one release, before that release's services
 * start: the chart's release must depend on {@link TaskclusterMigrations.job}. Its name carries the version
 * (`taskcluster-db-upgrade-v106-0-0`), so a new version is a new Job, and Terraform waits for it to complete. The
 * admin URL (`ADMIN_DB_URL`, with the admin password) is only in the Job's own Secret - never in Helm values or
 * outputs, as Taskcluster's docs ask. db:upgrade creates pgcrypto, checks the collation and the PostgreSQL major,
 * migrates, grants each `<prefix>_<service>` user its tables, and fails when a user has more than its access list
 * or any role attribute or membership.
 *
 * The pod meets the `restricted` Pod Security Standard and runs as the image's uid 1000. Its root filesystem stays
 * writable: the entrypoint runs db:upgrade through yarn 4, which writes under `HOME` (/app); untested read-only.
 */
export class TaskclusterMigrations extends Construct {
  /** The Secret holding `ADMIN_DB_URL`. */
  public readonly secret: SecretV1;
  /** The Job: make the Taskcluster release depend on it. */
  public readonly job: KubernetesJob;
  /** The Job's name. */
  public readonly jobName: string;

  public constructor(scope: Construct, id: string, props: TaskclusterMigrationsProps) {
    super(scope, id);
    const version = checkTaskclusterVersion(this, 'version', props.version);
    const image = checkPattern(this, 'image', props.image ?? taskclusterImage(version), /^[^\s:@]+(:[A-Za-z0-9_.-]+)?(@sha256:[a-f0-9]{64})?$/, 'an image reference with a tag or digest');
    const prefix = checkUsernamePrefix(this, 'usernamePrefix', props.usernamePrefix);
    const timeout = checkInt(this, 'timeoutSeconds', props.timeoutSeconds ?? 1800, 60, 21600);
    const backoffLimit = checkInt(this, 'backoffLimit', props.backoffLimit ?? 1, 0, 10);
    const admin = props.admin;
    if (!Token.isUnresolved(admin.majorVersion) && admin.majorVersion !== TASKCLUSTER_POSTGRES_MAJOR) {
      throw new ValidationError(this, 'admin.majorVersion', admin.majorVersion, `${TASKCLUSTER_POSTGRES_MAJOR}: Taskcluster's db:upgrade refuses any other PostgreSQL major`);
    }
    const tls = taskclusterDbTls(this, 'admin', admin);
    if (!Token.isUnresolved(admin.password!)) {
      throw new ValidationError(this, 'admin.password', '***', 'a sensitive token (a random_password result or a sensitive variable), never a literal');
    }

    this.jobName = `taskcluster-db-upgrade-${version.replace(/\./g, '-')}`;
    const labels = { 'app.kubernetes.io/name': 'taskcluster-db-upgrade', 'app.kubernetes.io/part-of': 'taskcluster', 'app.kubernetes.io/version': version, 'app.kubernetes.io/managed-by': 'terraform' };
    const dependsOn = [...props.dependsOn];

    this.secret = new SecretV1(this, 'secret', {
      metadata: { name: 'taskcluster-db-upgrade', namespace: props.namespace.name, labels },
      type: 'Opaque',
      data: { ADMIN_DB_URL: taskclusterDbUrl(admin, admin.username, admin.password!, tls) },
      dependsOn,
    });

    this.job = new KubernetesJob(this, 'job', {
      metadata: { name: this.jobName, namespace: props.namespace.name, labels },
      spec: {
        backoffLimit,
        activeDeadlineSeconds: timeout,
        template: {
          metadata: { labels },
          spec: {
            restartPolicy: 'Never',
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: { runAsNonRoot: true, runAsUser: String(TASKCLUSTER_UID), runAsGroup: String(TASKCLUSTER_UID), seccompProfile: { type: 'RuntimeDefault' } },
            container: [
              {
                name: 'db-upgrade',
                image,
                imagePullPolicy: 'IfNotPresent',
                args: [...TASKCLUSTER_DB_UPGRADE_ARGS],
                env: [
                  { name: 'ADMIN_DB_URL', valueFrom: { secretKeyRef: { name: this.secret.metadata.name, key: 'ADMIN_DB_URL' } } },
                  { name: 'USERNAME_PREFIX', value: prefix },
                ],
                securityContext: {
                  runAsNonRoot: true,
                  allowPrivilegeEscalation: false,
                  privileged: false,
                  readOnlyRootFilesystem: false,
                  capabilities: { drop: ['ALL'] },
                  seccompProfile: { type: 'RuntimeDefault' },
                },
                resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
              },
            ],
          },
        },
      },
      waitForCompletion: true,
      timeouts: { create: `${timeout + 120}s`, update: `${timeout + 120}s`, delete: '5m' },
      // A changed admin URL (new password, host) runs the upgrade again; it is idempotent.
      lifecycle: { replaceTriggeredBy: [this.secret] },
      dependsOn,
    });
  }
}
