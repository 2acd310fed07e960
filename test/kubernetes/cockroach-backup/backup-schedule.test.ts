import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { COCKROACH_BACKUP_IMAGE, CockroachBackupSchedule, CockroachBackupScheduleProps } from '../../../lib/kubernetes/cockroach-backup/backup-schedule';
import { CockroachBackupDestination } from '../../../lib/kubernetes/cockroach-backup/destination';
import { COCKROACH_BACKUP_SCRIPT } from '../../../lib/kubernetes/cockroach-backup/schedule';
import { AppNamespace } from '../../../lib/kubernetes/namespace';
import { checkPolicies } from '../../../lib/policy/aspect';
import { Synthesized, only, synth, testApp } from '../../support/synth';
import { expectValidationError } from '../../support/validation-matchers';

function make(destination: (stack: TerraformStack) => CockroachBackupDestination, over: Partial<CockroachBackupScheduleProps> = {}) {
  const stack = new TerraformStack(testApp(), 'test');
  const namespace = new AppNamespace(stack, 'ns', { name: 'estafette-ci', dependsOn: [] });
  const release = new StringResource(stack, 'release', { length: 4 });
  const schedule = new CockroachBackupSchedule(stack, 'backup', { namespace, destination: destination(stack), dependsOn: [release], ...over });
  return { stack, schedule };
}

const gcs = (): CockroachBackupDestination => ({ kind: 'gcs', bucket: 'estafette-backups' });
const azure = (stack: TerraformStack): CockroachBackupDestination => ({
  kind: 'azure',
  accountName: 'estafettebk01',
  container: 'backups',
  accountKey: new TerraformVariable(stack, 'storage_key', { type: 'string', sensitive: true }).stringValue,
});

const podOf = (json: Synthesized) => only(json, 'kubernetes_job_v1').spec.template.spec;

describe('CockroachBackupSchedule', () => {
  let json: Synthesized;
  beforeAll(() => {
    json = synth(make(gcs).stack);
  });

  test('a Secret with the destination; the Job reads it by reference', () => {
    const secret = only(json, 'kubernetes_secret_v1');
    expect(secret).toMatchObject({ type: 'Opaque', metadata: { name: 'cockroach-backup-schedule-destination', namespace: expect.stringContaining('kubernetes_namespace_v1') } });
    expect(secret.data).toEqual({ BACKUP_LOCATION: 'gs://estafette-backups/cockroach?AUTH=implicit' });
    const env = podOf(json).container[0].env;
    expect(env).toContainEqual({ name: 'BACKUP_LOCATION', value_from: { secret_key_ref: { name: expect.stringMatching(/^\$\{kubernetes_secret_v1\.[^.]+\.metadata\[0\]\.name\}$/), key: 'BACKUP_LOCATION' } } });
  });

  test('the Job connects as root to the chart\'s public service with the chart\'s client certificate Secret', () => {
    const pod = podOf(json);
    const plain = Object.fromEntries(pod.container[0].env.filter((e: any) => e.value !== undefined).map((e: any) => [e.name, e.value]));
    expect(plain).toMatchObject({ SCHEDULE_LABEL: 'estafette_ci_full_backup', SCHEDULE_RECURRENCE: '@daily', DB_HOST: 'estafette-ci-db-public', DB_PORT: '26257', DB_USER: 'root' });
    expect(pod.volume[0].secret).toMatchObject({ secret_name: 'estafette-ci-db-client-secret', items: [{ key: 'ca.crt' }, { key: 'tls.crt' }, { key: 'tls.key' }] });
    expect(pod.volume[1]).toMatchObject({ empty_dir: { medium: 'Memory' } });
  });

  test('the pod meets the restricted Pod Security Standard, with resources and a pinned image', () => {
    const job = only(json, 'kubernetes_job_v1');
    const pod = podOf(json);
    const c = pod.container[0];
    expect(c.image).toBe(COCKROACH_BACKUP_IMAGE);
    expect(COCKROACH_BACKUP_IMAGE).toBe('cockroachdb/cockroach:v22.2.6');
    expect(pod).toMatchObject({ restart_policy: 'Never', automount_service_account_token: false, security_context: { run_as_non_root: true, seccomp_profile: { type: 'RuntimeDefault' } } });
    expect(Number(pod.security_context.run_as_user)).toBeGreaterThan(0);
    expect(c.security_context).toMatchObject({ run_as_non_root: true, allow_privilege_escalation: false, privileged: false, read_only_root_filesystem: true, capabilities: { drop: ['ALL'] } });
    expect(c.resources).toMatchObject({ requests: { cpu: expect.any(String), memory: expect.any(String) }, limits: { memory: expect.any(String) } });
    expect(job.spec).toMatchObject({ backoff_limit: 6, active_deadline_seconds: 600 });
    expect(job.wait_for_completion).toBe(true);
    expect(job.lifecycle.replace_triggered_by).toEqual([expect.stringMatching(/^\$\{kubernetes_secret_v1\.[^.}]+\}$/)]);
    expect(job.depends_on).toEqual([expect.stringMatching(/^random_string\./)]);
    expect(job.metadata.name).toMatch(/^cockroach-backup-schedule-\$\{substr\(sha256\(jsonencode\(local\./);
  });

  test('the container runs the script by bash, with Terraform template sequences escaped', () => {
    const command = podOf(json).container[0].command;
    expect(command.slice(0, 2)).toEqual(['/bin/bash', '-c']);
    expect(command[2].replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')).toBe(COCKROACH_BACKUP_SCRIPT);
    expect(command[2]).not.toMatch(/(^|[^$])\$\{/);
  });

  test('S3 names the region; a label, recurrence, host and Secret name of your own', () => {
    const j = synth(make(() => ({ kind: 's3', bucket: 'b-1', region: 'eu-west-1' }), { label: 'nightly', recurrence: '0 3 * * *', host: 'db-public', clientCertsSecret: 'db-client' }).stack);
    expect(only(j, 'kubernetes_secret_v1').data.BACKUP_LOCATION).toBe('s3://b-1/cockroach?AUTH=implicit&AWS_REGION=eu-west-1');
    const pod = podOf(j);
    expect(pod.container[0].env).toEqual(expect.arrayContaining([{ name: 'SCHEDULE_LABEL', value: 'nightly' }, { name: 'SCHEDULE_RECURRENCE', value: '0 3 * * *' }, { name: 'DB_HOST', value: 'db-public' }]));
    expect(pod.volume[0].secret.secret_name).toBe('db-client');
  });

  test('Azure: the account key is in the Secret and nowhere else of the stack', () => {
    const { stack } = make(azure);
    new TerraformOutput(stack, 'job_name', { value: 'x' });
    const j = synth(stack);
    const secret = only(j, 'kubernetes_secret_v1');
    expect(secret.data).toEqual({ BACKUP_LOCATION: 'azure://backups/cockroach', AZURE_ACCOUNT_NAME: 'estafettebk01', AZURE_ACCOUNT_KEY: '${var.storage_key}' });
    const text = JSON.stringify(j);
    const secretText = JSON.stringify(secret.data);
    // Every reference to the key variable is the one in the Secret's data.
    expect(text.split('var.storage_key').length - 1).toBe(1);
    expect(secretText).toContain('var.storage_key');
    expect(JSON.stringify(only(j, 'kubernetes_job_v1'))).not.toContain('storage_key');
    expect(JSON.stringify(j.locals ?? {})).not.toContain('storage_key');
    expect(JSON.stringify(j.output ?? {})).not.toContain('storage_key');
    expect(podOf(j).container[0].env).toContainEqual({ name: 'AZURE_ACCOUNT_KEY', value_from: { secret_key_ref: { name: expect.any(String), key: 'AZURE_ACCOUNT_KEY' } } });
  });

  test('passes the policy pack', () => {
    const { stack } = make(gcs);
    expect(checkPolicies(stack).findings).toEqual([]);
  });

  test.each([
    ['label', { label: "x'; DROP" }, "x'; DROP"],
    ['label', { label: 'Nightly' }, 'Nightly'],
    ['recurrence', { recurrence: '0 3 * *' }, '0 3 * *'],
    ['recurrence', { recurrence: "@daily'" }, "@daily'"],
    ['host', { host: 'db host' }, 'db host'],
    ['port', { port: 0 }, 0],
    ['clientCertsSecret', { clientCertsSecret: 'Bad_Name' }, 'Bad_Name'],
    ['image', { image: 'cockroachdb/cockroach' }, 'cockroachdb/cockroach'],
    ['timeoutSeconds', { timeoutSeconds: 10 }, 10],
    ['backoffLimit', { backoffLimit: 11 }, 11],
    ['name', { name: 'Backup' }, 'Backup'],
  ] as const)('rejects %s %p', (field, over, value) => {
    expectValidationError(() => make(gcs, over as Partial<CockroachBackupScheduleProps>), field, value);
  });

  test('rejects a label that is a token (it names the schedule for good)', () => {
    const stack = new TerraformStack(testApp(), 't');
    const namespace = new AppNamespace(stack, 'ns', { name: 'estafette-ci', dependsOn: [] });
    const label = new TerraformVariable(stack, 'label', { type: 'string' }).stringValue;
    expectValidationError(() => new CockroachBackupSchedule(stack, 'b', { namespace, destination: gcs(), label, dependsOn: [] }), 'label', label);
  });
});
