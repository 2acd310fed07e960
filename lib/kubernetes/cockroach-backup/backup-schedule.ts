import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { Fn, ITerraformDependable, TerraformLocal } from 'cdktf';
import { Construct } from 'constructs';
import type { KubernetesJob } from '../resources/job';
import { escapeTemplateLiterals } from '../../core/document';
import { checkInt, checkKubernetesName, checkPattern } from '../../core/validation';
import { AppNamespace } from '../namespace';
import { CockroachBackupDestination, backupLocation } from './destination';
import { COCKROACH_BACKUP_MOUNTS, cockroachBackupJob } from './job';
import { COCKROACH_BACKUP_SCRIPT, checkRecurrence, checkScheduleLabel } from './schedule';

/**
 * The official CockroachDB image of the version the estafette-ci chart 1.5.14 ships (its CockroachDB subchart 10.0.6
 * runs v22.2.6): the client matches the server. Based on UBI 8 minimal (bash, coreutils), `cockroach` on the PATH.
 */
export const COCKROACH_BACKUP_IMAGE = 'cockroachdb/cockroach:v22.2.6';

/** A non-root UID for the Job (the image defines no user of its own). */
export const COCKROACH_BACKUP_UID = 10001;

/** Properties of {@link CockroachBackupSchedule}. */
export interface CockroachBackupScheduleProps {
  /** Namespace of the CockroachDB release (the Secret and the Job go there). */
  readonly namespace: AppNamespace;
  /** Where the backups go. */
  readonly destination: CockroachBackupDestination;
  /**
   * The schedule's label: how the Job finds it again (`IF NOT EXISTS`, then `SHOW SCHEDULES`). A schedule that exists
   * is never changed: to change the recurrence or the destination, use a new label (and drop the old schedule with
   * `DROP SCHEDULES`). @default "estafette_ci_full_backup"
   */
  readonly label?: string;
  /** When backups run: "@daily" style shortcuts or a 5-field cron expression, in UTC. @default "@daily" */
  readonly recurrence?: string;
  /** The CockroachDB SQL service. @default "estafette-ci-db-public" (the estafette-ci chart's) */
  readonly host?: string;
  /** Its SQL port. @default 26257 */
  readonly port?: number;
  /**
   * The Secret with the root user's client certificate (`ca.crt`, `tls.crt`, `tls.key`), as the chart's
   * self-signer writes it. @default "estafette-ci-db-client-secret"
   */
  readonly clientCertsSecret?: string;
  /** Base name of the Secret and the Job (which adds a hash of what it runs). @default "cockroach-backup-schedule" */
  readonly name?: string;
  /** Image with the `cockroach` CLI of the server's version, and bash. @default {@link COCKROACH_BACKUP_IMAGE} */
  readonly image?: string;
  /** Seconds the Job may run before Kubernetes stops it (Terraform waits two minutes longer). @default 600 */
  readonly timeoutSeconds?: number;
  /** Retries of a failed run (e.g. while the database is still starting). @default 6 */
  readonly backoffLimit?: number;
  /** What the Job must run after: the CockroachDB release (and the bucket and its grants). */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * Scheduled full backups of an in-cluster CockroachDB (the estafette-ci chart's, v22.2) to a cloud bucket: a Job
 * connects as root with the chart's client certificate and runs `CREATE SCHEDULE IF NOT EXISTS '<label>' FOR BACKUP
 * INTO '<url>' RECURRING '<cron>' FULL BACKUP ALWAYS WITH SCHEDULE OPTIONS first_run = 'now'`, then checks with
 * `SHOW SCHEDULES` that a schedule with the label exists, and fails otherwise. Idempotent: running it again changes
 * nothing. Full backups only (what CockroachDB allows without an Enterprise license).
 *
 * The destination's location and, on Azure, the storage account key live only in the Job's Secret; the Job builds the
 * URL inside its container. Backups are written by the CockroachDB nodes, not by the Job: on GKE and EKS give the
 * nodes' service account the workload identity that may write the bucket.
 */
export class CockroachBackupSchedule extends Construct {
  /** The Secret with the destination (and the Azure key). */
  public readonly secret: SecretV1;
  /** The Job: depend on it to know the schedule exists. */
  public readonly job: KubernetesJob;
  /** The Job's name, as a Terraform expression: the base name and a hash of what the Job runs. */
  public readonly jobName: string;
  /** The schedule's label. */
  public readonly label: string;
  /** The schedule's recurrence. */
  public readonly recurrence: string;

  public constructor(scope: Construct, id: string, props: CockroachBackupScheduleProps) {
    super(scope, id);
    const name = checkPattern(this, 'name', props.name ?? 'cockroach-backup-schedule', /^[a-z0-9]([a-z0-9-]{0,40}[a-z0-9])?$/, 'a Kubernetes name of 1-42 lower-case letters, digits and "-" (the Job adds an 11-character hash)');
    this.label = checkScheduleLabel(this, 'label', props.label ?? 'estafette_ci_full_backup');
    this.recurrence = checkRecurrence(this, 'recurrence', props.recurrence ?? '@daily');
    const host = checkPattern(this, 'host', props.host ?? 'estafette-ci-db-public', /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/, 'a DNS name of lower-case letters, digits, "." and "-"');
    const port = checkInt(this, 'port', props.port ?? 26257, 1, 65535);
    const clientCertsSecret = checkKubernetesName(this, 'clientCertsSecret', props.clientCertsSecret ?? 'estafette-ci-db-client-secret');
    const image = checkPattern(this, 'image', props.image ?? COCKROACH_BACKUP_IMAGE, /^[^\s:@]+(:[A-Za-z0-9_.-]+(@sha256:[a-f0-9]{64})?|@sha256:[a-f0-9]{64})$/, 'an image reference with a pinned tag or digest, such as "cockroachdb/cockroach:v22.2.6"');
    const timeoutSeconds = checkInt(this, 'timeoutSeconds', props.timeoutSeconds ?? 600, 60, 7200);
    const backoffLimit = checkInt(this, 'backoffLimit', props.backoffLimit ?? 6, 0, 10);
    const location = backupLocation(this, 'destination', props.destination);

    const labels = { 'app.kubernetes.io/name': 'cockroach-backup-schedule', 'app.kubernetes.io/instance': name, 'app.kubernetes.io/managed-by': 'terraform' };
    const secretData: Record<string, string> = { BACKUP_LOCATION: location.location };
    if (location.azureAccountKey !== undefined) {
      secretData.AZURE_ACCOUNT_NAME = location.azureAccountName!;
      secretData.AZURE_ACCOUNT_KEY = location.azureAccountKey;
    }
    this.secret = new SecretV1(this, 'secret', {
      metadata: { name: `${name}-destination`, namespace: props.namespace.name, labels },
      type: 'Opaque',
      data: secretData,
      dependsOn: [...props.dependsOn],
    });

    const env = {
      SCHEDULE_LABEL: this.label,
      SCHEDULE_RECURRENCE: this.recurrence,
      DB_HOST: host,
      DB_PORT: String(port),
      DB_USER: 'root',
      CLIENT_CERTS: COCKROACH_BACKUP_MOUNTS.clientCerts,
      WORK_DIR: COCKROACH_BACKUP_MOUNTS.work,
      HOME: COCKROACH_BACKUP_MOUNTS.work,
    };
    // What the Job runs, minus the Secret: its hash names the Job, so a change is a new Job.
    const runs = new TerraformLocal(this, 'runs', escapeTemplateLiterals({ image, script: COCKROACH_BACKUP_SCRIPT, env, clientCertsSecret }));
    this.jobName = `${name}-${Fn.substr(Fn.sha256(Fn.jsonencode(runs.expression)), 0, 10)}`;
    this.job = cockroachBackupJob(this, 'job', {
      name: this.jobName,
      namespace: props.namespace.name,
      labels,
      image,
      uid: COCKROACH_BACKUP_UID,
      script: COCKROACH_BACKUP_SCRIPT,
      env,
      secretEnv: Object.keys(secretData),
      secret: this.secret,
      clientCertsSecret,
      timeoutSeconds,
      backoffLimit,
      dependsOn: props.dependsOn,
    });
  }
}
