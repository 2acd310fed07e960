import type { JobV1SpecTemplateSpecContainerEnv } from '@cdktf/provider-kubernetes/lib/job-v1';
import type { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { escapeTemplateLiterals } from '../../core/document';
import { KubernetesJob } from '../resources/job';


/** Where the client certificate Secret is mounted, and the memory volume the script works in. */
export const COCKROACH_BACKUP_MOUNTS = { clientCerts: '/etc/cockroach-client', work: '/tmp' } as const;

/** What {@link cockroachBackupJob} builds the Job from. */
export interface CockroachBackupJobSpec {
  /** The Job's name. */
  readonly name: string;
  /** The Job's namespace. */
  readonly namespace: string;
  /** Labels of the Job and its pod. */
  readonly labels: { readonly [key: string]: string };
  /** The image, with the cockroach CLI and bash. */
  readonly image: string;
  /** UID and GID the container runs as (non-root). */
  readonly uid: number;
  /** The bash script the container runs. */
  readonly script: string;
  /** Plain environment variables (no secret). */
  readonly env: { readonly [name: string]: string };
  /** Environment variables read from the Secret, by key. */
  readonly secretEnv: readonly string[];
  /** The Secret the `secretEnv` keys are read from. */
  readonly secret: SecretV1;
  /** The Secret with the client certificate (`ca.crt`, `tls.crt`, `tls.key`). */
  readonly clientCertsSecret: string;
  /** Seconds the Job may run. */
  readonly timeoutSeconds: number;
  /** Retries of a failed run. */
  readonly backoffLimit: number;
  /** What the Job runs after. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * The Job that creates the backup schedule, in one function so the resource class can be swapped in one place. The
 * pod meets the `restricted` Pod Security Standard: non-root, no privilege escalation, every capability dropped,
 * RuntimeDefault seccomp, a read-only root filesystem (the script works in a memory volume), no service account token.
 */
export function cockroachBackupJob(scope: Construct, id: string, spec: CockroachBackupJobSpec): KubernetesJob {
  const env: JobV1SpecTemplateSpecContainerEnv[] = [
    ...Object.entries(spec.env).map(([name, value]) => ({ name, value })),
    ...spec.secretEnv.map((key) => ({ name: key, valueFrom: { secretKeyRef: { name: spec.secret.metadata.name, key } } })),
  ];
  return new KubernetesJob(scope, id, {
    metadata: { name: spec.name, namespace: spec.namespace, labels: spec.labels },
    spec: {
      backoffLimit: spec.backoffLimit,
      activeDeadlineSeconds: spec.timeoutSeconds,
      template: {
        metadata: { labels: spec.labels },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          // fsGroup: the certificate files are group-readable by the container's user, which copies them.
          securityContext: { runAsNonRoot: true, runAsUser: String(spec.uid), runAsGroup: String(spec.uid), fsGroup: String(spec.uid), seccompProfile: { type: 'RuntimeDefault' } },
          container: [
            {
              name: 'cockroach-sql',
              image: spec.image,
              imagePullPolicy: 'IfNotPresent',
              command: ['/bin/bash', '-c', escapeTemplateLiterals(spec.script)],
              env,
              securityContext: {
                runAsNonRoot: true,
                allowPrivilegeEscalation: false,
                privileged: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
                seccompProfile: { type: 'RuntimeDefault' },
              },
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
              volumeMount: [
                { name: 'client-certs', mountPath: COCKROACH_BACKUP_MOUNTS.clientCerts, readOnly: true },
                { name: 'work', mountPath: COCKROACH_BACKUP_MOUNTS.work },
              ],
            },
          ],
          volume: [
            {
              name: 'client-certs',
              secret: {
                secretName: spec.clientCertsSecret,
                defaultMode: '0440',
                items: [
                  { key: 'ca.crt', path: 'ca.crt' },
                  { key: 'tls.crt', path: 'tls.crt' },
                  { key: 'tls.key', path: 'tls.key' },
                ],
              },
            },
            // Memory-backed: the copied client key (and nothing else secret) lives here while the Job runs.
            { name: 'work', emptyDir: { medium: 'Memory', sizeLimit: '16Mi' } },
          ],
        },
      },
    },
    waitForCompletion: true,
    timeouts: { create: `${spec.timeoutSeconds + 120}s`, update: `${spec.timeoutSeconds + 120}s`, delete: '5m' },
    // A changed key changes only the Secret: run the Job again.
    lifecycle: { replaceTriggeredBy: [spec.secret] },
    dependsOn: [...spec.dependsOn],
  });
}
