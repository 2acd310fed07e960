import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { TaskclusterMigrations, TaskclusterMigrationsProps } from '../../../lib/apps/taskcluster/migrations';
import { PostgresDatabase } from '../../../lib/core/postgres';
import { AppNamespace } from '../../../lib/kubernetes/namespace';
import { only, synth, testApp } from '../../support/synth';
import { expectValidationError } from '../../support/validation-matchers';

function make(over: Partial<TaskclusterMigrationsProps> = {}, adminOver: Partial<PostgresDatabase> = {}) {
  const stack = new TerraformStack(testApp(), 'test');
  const namespace = new AppNamespace(stack, 'ns', { name: 'taskcluster', dependsOn: [] });
  const bootstrap = new StringResource(stack, 'bootstrap', { length: 4 });
  const password = new TerraformVariable(stack, 'admin_pw', { type: 'string', sensitive: true }).stringValue;
  const admin: PostgresDatabase = { host: 'db.internal', port: 5432, database: 'taskcluster', username: 'tc_admin', password, tlsMode: 'require', majorVersion: 15, ...adminOver };
  const m = new TaskclusterMigrations(stack, 'migrations', { version: 'v106.0.0', admin, usernamePrefix: 'tc', namespace, dependsOn: [bootstrap], ...over });
  return { m, json: () => synth(stack) };
}

describe('TaskclusterMigrations', () => {
  const json = make().json();
  const job = only(json, 'kubernetes_job_v1');
  const secret = only(json, 'kubernetes_secret_v1');
  const container = job.spec.template.spec.container[0];

  test('the release image runs script/db:upgrade through its entrypoint; the Job is named for the version and waited for', () => {
    expect(container.image).toBe('taskcluster/taskcluster:v106.0.0');
    expect(container.command).toBeUndefined();
    expect(container.args).toEqual(['script/db:upgrade']);
    expect(job.metadata.name).toBe('taskcluster-db-upgrade-v106-0-0');
    expect(job.wait_for_completion).toBe(true);
    expect(job.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^random_string\.bootstrap/)]));
    expect(make({ version: 'v107.1.0' }).json().resource!.kubernetes_job_v1![Object.keys(json.resource!.kubernetes_job_v1!)[0]!].metadata.name).toBe('taskcluster-db-upgrade-v107-1-0');
  });

  test('ADMIN_DB_URL comes only from the Job\'s own Secret; USERNAME_PREFIX is plain', () => {
    expect(container.env).toEqual([
      { name: 'ADMIN_DB_URL', value_from: { secret_key_ref: { name: expect.stringMatching(/^\$\{kubernetes_secret_v1\.[^.]+\.metadata\[0\]\.name\}$/), key: 'ADMIN_DB_URL' } } },
      { name: 'USERNAME_PREFIX', value: 'tc' },
    ]);
    expect(Object.keys(secret.data)).toEqual(['ADMIN_DB_URL']);
    expect(secret.data.ADMIN_DB_URL).toContain('var.admin_pw');
    expect(secret.data.ADMIN_DB_URL).toContain('?ssl=1');
    const elsewhere = JSON.stringify({ ...json, resource: { ...json.resource, kubernetes_secret_v1: {} } });
    expect(elsewhere).not.toContain('var.admin_pw');
    expect(json.output).toBeUndefined();
  });

  test('restricted pod security, uid 1000 as the image runs, resources set', () => {
    const pod = job.spec.template.spec;
    expect(pod.security_context).toEqual({ run_as_non_root: true, run_as_user: '1000', run_as_group: '1000', seccomp_profile: { type: 'RuntimeDefault' } });
    expect(container.security_context).toMatchObject({ allow_privilege_escalation: false, privileged: false, capabilities: { drop: ['ALL'] }, run_as_non_root: true });
    expect(pod.automount_service_account_token).toBe(false);
    expect(container.resources.limits.memory).toBeDefined();
    expect(container.resources.requests.cpu).toBeDefined();
  });

  test('a verified public-CA server gets ssl=authorized', () => {
    const s = only(make({}, { tlsMode: 'verify-full' }).json(), 'kubernetes_secret_v1');
    expect(s.data.ADMIN_DB_URL).toContain('?ssl=authorized');
    const priv = only(make({}, { tlsMode: 'verify-full', caCertificatePem: 'PEM' }).json(), 'kubernetes_secret_v1');
    expect(priv.data.ADMIN_DB_URL).toContain('?ssl=1');
  });

  test('bad input', () => {
    expectValidationError(() => make({ version: '106.0.0' }), 'version', '106.0.0');
    expectValidationError(() => make({}, { majorVersion: 16 }), 'admin.majorVersion', 16);
    expectValidationError(() => make({}, { tlsMode: 'proxy' }), 'admin.tlsMode', 'proxy');
    expectValidationError(() => make({}, { password: 'literal' }), 'admin.password', '***');
    expectValidationError(() => make({ usernamePrefix: 'tc-1' }), 'usernamePrefix', 'tc-1');
  });
});
