import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { AppNamespace } from '../../../lib/kubernetes/namespace';
import { RABBITMQ_API_IMAGE, RABBITMQ_API_MOUNTS, RabbitMqApiUsers, RabbitMqApiUsersProps, rabbitMqApiScript } from '../../../lib/kubernetes/rabbitmq/api-users';
import { checkPolicies } from '../../../lib/policy/aspect';
import { describeWhen } from '../../support/requirements';
import { renderOutputs } from '../../support/render';
import { Synthesized, only, resources, synth, terraformBinary, testApp } from '../../support/synth';
import { expectValidationError } from '../../support/validation-matchers';
import { RABBITMQ_TEST_ADMIN, RabbitMqTestServer, rabbitMqAvailable, startRabbitMq } from './server';

/** Two Taskcluster-like users, written out by hand: patterns with backslashes, as the Taskcluster docs give them. */
const QUEUE = { username: 'taskcluster-queue', configure: String.raw`^(queue/taskcluster\-queue/.*|exchange/taskcluster\-queue/.*)`, write: String.raw`^(queue/taskcluster\-queue/.*|exchange/taskcluster\-queue/.*)`, read: String.raw`^(queue/taskcluster\-queue/.*|exchange/.*)` };
const AUTH = { username: 'taskcluster-auth', configure: String.raw`^(queue/taskcluster\-auth/.*|exchange/taskcluster\-auth/.*)`, write: String.raw`^(queue/taskcluster\-auth/.*|exchange/taskcluster\-auth/.*)`, read: String.raw`^(queue/taskcluster\-auth/.*|exchange/.*)` };
/** Passwords with JSON and template trouble in them (quotes, backslashes, `${`, `%{`, a newline). */
const HOSTILE = (user: string) => `pw-${user}-"\\'$\${x}%{y}\n`;

function make(over: Partial<RabbitMqApiUsersProps> = {}, stack = new TerraformStack(testApp(), 'test')) {
  const namespace = new AppNamespace(stack, 'ns', { name: 'taskcluster', dependsOn: [] });
  const broker = new StringResource(stack, 'broker', { length: 4 });
  const pw = (id: string) => new TerraformVariable(stack, id, { type: 'string', sensitive: true }).stringValue;
  const users = new RabbitMqApiUsers(stack, 'users', {
    namespace,
    apiUrl: `https://${broker.result}.mq.eu-west-1.amazonaws.com`,
    adminUsername: 'terraform-admin',
    adminPassword: pw('admin_pw'),
    vhost: 'taskcluster',
    users: [
      { ...QUEUE, password: pw('pw_taskcluster_queue') },
      { ...AUTH, password: pw('pw_taskcluster_auth') },
    ],
    dependsOn: [broker],
    ...over,
  });
  return { stack, users };
}

describe('RabbitMqApiUsers (synthesized)', () => {
  let json: Synthesized;
  beforeAll(() => {
    json = synth(make().stack);
  });
  const job = () => only(json, 'kubernetes_job_v1');
  const pod = () => job().spec.template.spec;

  test('a Job on the pinned curl image runs the mounted script, restricted, as curl_user, with limits', () => {
    const c = pod().container[0];
    expect(c.image).toBe(RABBITMQ_API_IMAGE);
    expect(RABBITMQ_API_IMAGE).toMatch(/^curlimages\/curl:\d+\.\d+\.\d+$/);
    expect(c.command).toEqual(['/bin/sh', `${RABBITMQ_API_MOUNTS.script}/import.sh`]);
    expect(c.security_context).toMatchObject({ run_as_non_root: true, allow_privilege_escalation: false, privileged: false, read_only_root_filesystem: true, capabilities: { drop: ['ALL'] }, seccomp_profile: { type: 'RuntimeDefault' } });
    expect(pod().security_context).toMatchObject({ run_as_non_root: true, run_as_user: '100', run_as_group: '101', fs_group: '101', seccomp_profile: { type: 'RuntimeDefault' } });
    expect(pod().automount_service_account_token).toBe(false);
    expect(c.resources.limits).toEqual({ cpu: '200m', memory: '64Mi' });
    expect(job().wait_for_completion).toBe(true);
  });

  test('the administrator comes from a Secret by reference; the bodies Secret is mounted read-only; nothing else holds a password', () => {
    const env = Object.fromEntries(pod().container[0].env.map((e: any) => [e.name, e]));
    expect(env.RABBITMQ_ADMIN_PASSWORD.value).toBeUndefined();
    expect(env.RABBITMQ_ADMIN_PASSWORD.value_from.secret_key_ref.key).toBe('password');
    expect(env.RABBITMQ_API_URL.value).toMatch(/^https:\/\//);
    const secrets = Object.values(resources(json, 'kubernetes_secret_v1')) as any[];
    const admin = secrets.find((s) => s.metadata.name === 'message-bus-admin');
    expect(admin.data.password).toBe('${var.admin_pw}');
    const bodies = secrets.find((s) => s.metadata.name === 'message-bus-users');
    expect(Object.keys(bodies.data).sort()).toEqual(['0-vhost.json', 'permissions-taskcluster-auth.json', 'permissions-taskcluster-queue.json', 'user-taskcluster-auth.json', 'user-taskcluster-queue.json']);
    // The user's body: a local value (not an output, not in state) that holds its password, JSON-encoded into the Secret.
    const local = /^\$\{jsonencode\(local\.([^)]+)\)\}$/.exec(bodies.data['user-taskcluster-queue.json'])![1]!;
    expect(JSON.stringify(json.locals?.[local])).toContain('var.pw_taskcluster_queue');
    const mounts = pod().container[0].volume_mount;
    expect(mounts.every((m: any) => m.read_only === true)).toBe(true);
    // No password variable in the Job, the ConfigMap, or any output.
    const rest = JSON.stringify({ job: job(), configMaps: resources(json, 'kubernetes_config_map_v1'), outputs: json.output ?? {} });
    expect(rest).not.toMatch(/var\.(admin_pw|pw_)/);
  });

  test('the ConfigMap holds the script and the calls in order: vhost, users, permissions', () => {
    const cm = only(json, 'kubernetes_config_map_v1');
    expect(cm.data.requests.split('\n').filter(Boolean)).toEqual([
      '/api/vhosts/taskcluster 0-vhost.json',
      '/api/users/taskcluster-queue user-taskcluster-queue.json',
      '/api/users/taskcluster-auth user-taskcluster-auth.json',
      '/api/permissions/taskcluster/taskcluster-queue permissions-taskcluster-queue.json',
      '/api/permissions/taskcluster/taskcluster-auth permissions-taskcluster-auth.json',
    ]);
    // The script's shell `${...}` is escaped from Terraform's template syntax.
    expect(cm.data['import.sh']).toContain('base="$${RABBITMQ_API_URL%/}"');
    expect(cm.data['import.sh']).not.toContain('http://*');
  });

  test('the Job reruns on a new Secret and runs after the broker and the ConfigMap', () => {
    expect(job().lifecycle.replace_triggered_by).toHaveLength(2);
    expect(job().depends_on).toEqual(expect.arrayContaining(['random_string.broker', expect.stringMatching(/^kubernetes_config_map_v1\./)]));
    expect(job().metadata.name).toMatch(/^message-bus-users-\$\{substr\(sha256\(/);
  });

  test('the policy pack finds nothing', () => {
    expect(checkPolicies(make().stack).findings.map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
  });

  describe('rejects at synth', () => {
    test('an http URL', () => expectValidationError(() => make({ apiUrl: 'http://broker:15672' }), 'apiUrl', 'http://broker:15672'));
    test('a literal admin password', () => expectValidationError(() => make({ adminPassword: 'hunter2hunter2' }), 'adminPassword', '***'));
    test('a literal user password', () => expectValidationError(() => make({ users: [{ ...QUEUE, password: 'hunter2' }] }), 'users[0].password', '***'));
    test('a user named like the administrator', () => {
      const stack = new TerraformStack(testApp(), 'admin-name');
      const pw = new TerraformVariable(stack, 'p', { type: 'string', sensitive: true }).stringValue;
      expectValidationError(() => make({ users: [{ ...QUEUE, username: 'terraform-admin', password: pw }] }, stack), 'users[0].username', 'terraform-admin');
    });
    test('an unpinned image', () => expectValidationError(() => make({ image: 'curlimages/curl' }), 'image', 'curlimages/curl'));
    test('a vhost with a slash', () => expectValidationError(() => make({ vhost: 'a/b' }), 'vhost', 'a/b'));
  });
});

/**
 * The script and the rendered bodies against a real RabbitMQ node (the Debian package, started as a fixture when
 * installed), over plain HTTP on localhost: the script made with `allowHttp`, otherwise the one the ConfigMap holds.
 */
describeWhen(terraformBinary() !== undefined && rabbitMqAvailable(), 'terraform and the rabbitmq-server Debian package (and curl)', 'RabbitMQ API user tests')('RabbitMqApiUsers script on a real RabbitMQ node', () => {
  let server: RabbitMqTestServer;
  let dir: string;
  let script: string;
  let productionScript: string;
  beforeAll(async () => {
    server = await startRabbitMq();
    const stack = new TerraformStack(testApp(), 'real');
    make({}, stack);
    const json = synth(stack);
    const bodies = (Object.values(resources(json, 'kubernetes_secret_v1')) as any[]).find((s) => s.metadata.name === 'message-bus-users');
    const cm = only(json, 'kubernetes_config_map_v1');
    const files = Object.keys(bodies.data);
    json.output = {
      requests: { value: cm.data.requests },
      script: { value: cm.data['import.sh'] },
      ...Object.fromEntries(files.map((f, i) => [`body${i}`, { value: bodies.data[f], sensitive: true }])),
    };
    const variables = { admin_pw: 'unused', pw_taskcluster_queue: HOSTILE('queue'), pw_taskcluster_auth: HOSTILE('auth') };
    const r = renderOutputs(terraformBinary()!, { json, outputs: ['requests', 'script', ...files.map((_, i) => `body${i}`)], variables, sample: (a) => `sample${a.length}` });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rabbitmq-api-'));
    fs.mkdirSync(path.join(dir, 'bodies'));
    files.forEach((f, i) => fs.writeFileSync(path.join(dir, 'bodies', f), r.raw[`body${i}`]!));
    fs.writeFileSync(path.join(dir, 'requests'), r.raw.requests!);
    productionScript = r.raw.script!;
    script = rabbitMqApiScript({ bodiesDir: path.join(dir, 'bodies'), requestsFile: path.join(dir, 'requests'), allowHttp: true });
  }, 120_000);
  afterAll(() => {
    server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = (text: string, password: string = RABBITMQ_TEST_ADMIN.password) =>
    spawnSync('sh', ['-c', text], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', RABBITMQ_API_URL: server.apiUrl, RABBITMQ_ADMIN_USERNAME: RABBITMQ_TEST_ADMIN.user, RABBITMQ_ADMIN_PASSWORD: password },
    });
  const authenticates = (user: string, password: string) => server.ctl(['authenticate_user', user, password]).status === 0;
  const permissionsOf = (user: string) => JSON.parse(server.api('GET', `/api/permissions/taskcluster/${user}`).body);

  test('the ConfigMap script is the production one: it refuses a plain HTTP URL', () => {
    expect(productionScript).toBe(rabbitMqApiScript({ bodiesDir: RABBITMQ_API_MOUNTS.bodies, requestsFile: `${RABBITMQ_API_MOUNTS.script}/requests` }));
    const r = run(productionScript);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not an https:\/\/ URL/);
  });

  test('a run creates the vhost, the users with their passwords and exactly the permissions; a second one resets drift', () => {
    const first = run(script);
    expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: '' });
    expect(first.stdout.split('\n').filter(Boolean)).toHaveLength(5);
    expect(JSON.parse(server.api('GET', '/api/vhosts/taskcluster').body).name).toBe('taskcluster');
    expect(permissionsOf('taskcluster-queue')).toMatchObject({ configure: QUEUE.configure, write: QUEUE.write, read: QUEUE.read });
    expect(permissionsOf('taskcluster-auth')).toMatchObject({ configure: AUTH.configure, write: AUTH.write, read: AUTH.read });
    expect(authenticates('taskcluster-queue', HOSTILE('queue'))).toBe(true);
    expect(authenticates('taskcluster-queue', HOSTILE('auth'))).toBe(false);
    expect(JSON.parse(server.api('GET', '/api/users/taskcluster-auth').body).tags).toEqual([]);

    // Drift, as an operator could cause it: a new password, wider permissions, an administrator tag.
    expect(server.ctl(['change_password', 'taskcluster-queue', 'changed']).status).toBe(0);
    expect(server.ctl(['set_permissions', '-p', 'taskcluster', 'taskcluster-queue', '.*', '.*', '.*']).status).toBe(0);
    expect(server.ctl(['set_user_tags', 'taskcluster-auth', 'administrator']).status).toBe(0);
    expect(run(script).status).toBe(0);
    expect(authenticates('taskcluster-queue', HOSTILE('queue'))).toBe(true);
    expect(authenticates('taskcluster-queue', 'changed')).toBe(false);
    expect(permissionsOf('taskcluster-queue')).toMatchObject({ configure: QUEUE.configure, write: QUEUE.write, read: QUEUE.read });
    expect(JSON.parse(server.api('GET', '/api/users/taskcluster-auth').body).tags).toEqual([]);
  });

  test('a wrong administrator password fails the run at once (a 401 is not retried)', () => {
    const started = Date.now();
    const r = run(script, 'wrong-password');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/401/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
