import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { TerraformStack, TerraformVariable, Token } from 'cdktf';
import { AppNamespace } from '../../../lib/kubernetes/namespace';
import { RABBITMQ_IMAGE, RabbitMqCluster, RabbitMqClusterProps } from '../../../lib/kubernetes/rabbitmq/cluster';
import { RabbitMqUserSpec } from '../../../lib/kubernetes/rabbitmq/definitions';
import { checkPolicies } from '../../../lib/policy/aspect';
import { describeWhen, describeWithTerraform } from '../../support/requirements';
import { renderOutputs } from '../../support/render';
import { Synthesized, only, resources, synth, terraformBinary, testApp } from '../../support/synth';
import { expectValidationError } from '../../support/validation-matchers';
import { RabbitMqTestServer, rabbitMqAvailable, startRabbitMq } from './server';

/** Taskcluster's Pulse users (platforms.md): `_` in a service name becomes `\-` in the patterns. */
const SERVICES = ['auth', 'github', 'hooks', 'index', 'notify', 'queue', 'web_server', 'worker_manager'];
function taskclusterUsers(password?: (svc: string) => string): RabbitMqUserSpec[] {
  return SERVICES.map((svc) => {
    const escaped = `taskcluster\\-${svc.replace(/_/g, '\\-')}`;
    return {
      username: `taskcluster-${svc.replace(/_/g, '-')}`,
      password: password?.(svc),
      configure: `^(queue/${escaped}/.*|exchange/${escaped}/.*)`,
      write: `^(queue/${escaped}/.*|exchange/${escaped}/.*)`,
      read: `^(queue/${escaped}/.*|exchange/.*)`,
    };
  });
}

/** Written out by hand, as the Taskcluster docs give it: what RabbitMQ must receive for the web-server user. */
const WEB_SERVER_WRITE = String.raw`^(queue/taskcluster\-web\-server/.*|exchange/taskcluster\-web\-server/.*)`;
const WEB_SERVER_READ = String.raw`^(queue/taskcluster\-web\-server/.*|exchange/.*)`;

function make(over: Partial<RabbitMqClusterProps> = {}, stack = new TerraformStack(testApp(), 'test')) {
  const namespace = new AppNamespace(stack, 'ns', { name: 'pulse', dependsOn: [] });
  const dep = new StringResource(stack, 'cluster', { length: 4 });
  const cluster = new RabbitMqCluster(stack, 'rabbitmq', {
    namespace,
    vhost: 'taskcluster',
    users: taskclusterUsers(),
    clientNamespaces: ['taskcluster'],
    dependsOn: [dep],
    ...over,
  });
  return { stack, cluster };
}

const podOf = (json: Synthesized) => only(json, 'kubernetes_stateful_set_v1').spec.template.spec;

describe('RabbitMqCluster (synthesized)', () => {
  let json: Synthesized;
  let cluster: RabbitMqCluster;
  let stack: TerraformStack;
  beforeAll(() => {
    ({ stack, cluster } = make({ storage: { size: '20Gi', storageClassName: 'premium-rwo' } }));
    json = synth(stack);
  });

  test('three nodes of the pinned official image, started together, each with its own volume', () => {
    const sts = only(json, 'kubernetes_stateful_set_v1');
    expect(sts.spec).toMatchObject({ replicas: '3', pod_management_policy: 'Parallel', service_name: expect.stringMatching(/^\$\{kubernetes_service_v1\./) });
    expect(sts.wait_for_rollout).toBe(true);
    const c = podOf(json).container[0];
    expect(c.image).toBe(RABBITMQ_IMAGE);
    expect(RABBITMQ_IMAGE).toMatch(/^rabbitmq:4\.\d+\.\d+-management$/);
    expect(sts.spec.volume_claim_template).toEqual([
      { metadata: { name: 'data', labels: expect.any(Object) }, spec: { access_modes: ['ReadWriteOnce'], storage_class_name: 'premium-rwo', resources: { requests: { storage: '20Gi' } } } },
    ]);
    expect(c.volume_mount).toContainEqual({ name: 'data', mount_path: '/var/lib/rabbitmq' });
    expect(c.resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } });
  });

  test('restricted pod security as uid 999 with a read-only root filesystem, no service account token', () => {
    const pod = podOf(json);
    expect(pod.security_context).toEqual({
      run_as_non_root: true,
      run_as_user: '999',
      run_as_group: '999',
      fs_group: '999',
      fs_group_change_policy: 'OnRootMismatch',
      seccomp_profile: { type: 'RuntimeDefault' },
    });
    const expected = { run_as_non_root: true, allow_privilege_escalation: false, privileged: false, read_only_root_filesystem: true, capabilities: { drop: ['ALL'] }, seccomp_profile: { type: 'RuntimeDefault' } };
    expect(pod.container[0].security_context).toEqual(expected);
    expect(pod.automount_service_account_token).toBe(false);
    const jobPod = only(json, 'kubernetes_job_v1').spec.template.spec;
    expect(jobPod.container[0].security_context).toEqual(expected);
    expect(jobPod.security_context).toMatchObject({ run_as_non_root: true, run_as_user: '999', seccomp_profile: { type: 'RuntimeDefault' } });
    expect(jobPod.container[0].resources.limits).toBeDefined();
  });

  test('nodes on distinct hosts, spread over zones, one disruption at a time, each waiting for quorum before stopping', () => {
    const pod = podOf(json);
    const sts = only(json, 'kubernetes_stateful_set_v1');
    const selector = sts.spec.selector.match_labels;
    expect(pod.affinity.pod_anti_affinity.required_during_scheduling_ignored_during_execution).toEqual([{ label_selector: [{ match_labels: selector }], topology_key: 'kubernetes.io/hostname' }]);
    expect(pod.topology_spread_constraint).toEqual([{ max_skew: 1, topology_key: 'topology.kubernetes.io/zone', when_unsatisfiable: 'ScheduleAnyway', label_selector: [{ match_labels: selector }] }]);
    const pdb = only(json, 'kubernetes_pod_disruption_budget_v1');
    expect(pdb.spec).toEqual({ max_unavailable: '1', selector: { match_labels: selector } });
    expect(pod.container[0].lifecycle.pre_stop[0].exec.command).toEqual(['rabbitmq-upgrade', 'await_online_quorum_plus_one', '-t', '600']);
    expect(pod.termination_grace_period_seconds).toBe(660);
  });

  test('probes run rabbitmq-diagnostics; the node name is the pod\'s DNS name under the headless Service', () => {
    const c = podOf(json).container[0];
    expect(c.readiness_probe.exec.command).toEqual(['rabbitmq-diagnostics', '--quiet', 'check_port_connectivity']);
    expect(c.liveness_probe.exec.command[0]).toBe('rabbitmq-diagnostics');
    const env = Object.fromEntries((c.env as any[]).map((e) => [e.name, e.value ?? e.value_from]));
    expect(env.RABBITMQ_NODENAME).toBe('rabbit@$(MY_POD_NAME).rabbitmq-nodes.pulse.svc.cluster.local');
    expect(env.MY_POD_NAME).toEqual({ field_ref: { field_path: 'metadata.name' } });
    const headless = Object.values(resources(json, 'kubernetes_service_v1')).find((s: any) => s.metadata.name === 'rabbitmq-nodes');
    expect(headless.spec).toMatchObject({ cluster_ip: 'None', publish_not_ready_addresses: true });
    expect((headless.spec.port as any[]).map((p) => p.port).sort((a, b) => a - b)).toEqual([4369, 5672, 15672, 15692, 25672]);
  });

  test('the cookie and passwords come from Secrets by reference; no pod spec, ConfigMap or naming local holds one', () => {
    const secrets = resources(json, 'kubernetes_secret_v1');
    const server = Object.values(secrets).find((s: any) => s.metadata.name === 'rabbitmq-secret');
    expect(Object.keys(server.data).sort()).toEqual(['admin-password', 'erlang-cookie']);
    for (const v of Object.values(server.data)) expect(v).toMatch(/^\$\{random_password\.[^.]+\.result\}$/);
    const env = Object.fromEntries((podOf(json).container[0].env as any[]).map((e) => [e.name, e]));
    for (const [k, key] of [['RABBITMQ_ERLANG_COOKIE', 'erlang-cookie'], ['RABBITMQ_DEFAULT_PASS', 'admin-password']]) {
      expect(env[k!]).toEqual({ name: k, value_from: { secret_key_ref: { name: expect.stringMatching(/^\$\{kubernetes_secret_v1\./), key } } });
    }
    const leaks = (body: unknown) => /random_password/.test(JSON.stringify(body));
    const runs = Object.entries(json.locals!).filter(([k]) => k.includes('users-runs'));
    expect(runs).toHaveLength(1);
    for (const [what, body] of [['sts', only(json, 'kubernetes_stateful_set_v1')], ['job', only(json, 'kubernetes_job_v1')], ['configmap', only(json, 'kubernetes_config_map_v1')], ['runs', runs[0]![1]]] as const) {
      expect({ what, leaks: leaks(body) }).toEqual({ what, leaks: false });
    }
    // One generated password per user (none was given), plus the cookie and the administrator's.
    expect(Object.keys(resources(json, 'random_password'))).toHaveLength(SERVICES.length + 2);
    expect(json.provider?.random).toBeDefined();
  });

  test('the configuration: Kubernetes peer discovery, quorum by default, memory from the limit, no log file', () => {
    const data = only(json, 'kubernetes_config_map_v1').data;
    const conf = Object.fromEntries((data['rabbitmq.conf'] as string).trim().split('\n').map((l) => l.split(' = ')));
    expect(conf).toMatchObject({
      'cluster_formation.peer_discovery_backend': 'k8s',
      default_queue_type: 'quorum',
      total_memory_available_override_value: String(2 * 1024 * 1024 * 1024),
      'log.file': 'false',
      'listeners.tcp.default': '5672',
    });
    expect(data.enabled_plugins).toBe('[rabbitmq_peer_discovery_k8s,rabbitmq_management,rabbitmq_prometheus].\n');
    expect(podOf(json).container[0].volume_mount).toContainEqual({ name: 'config', mount_path: '/etc/rabbitmq', read_only: true });
  });

  test('the NetworkPolicy: AMQP from the client namespaces, the management API from the user Job, the rest among the nodes', () => {
    const np = only(json, 'kubernetes_network_policy_v1');
    const selector = only(json, 'kubernetes_stateful_set_v1').spec.selector.match_labels;
    expect(np.spec.pod_selector).toEqual({ match_labels: selector });
    expect(np.spec.policy_types).toEqual(['Ingress']);
    const [nodes, amqp, management] = np.spec.ingress;
    expect(nodes).toEqual({ from: [{ pod_selector: { match_labels: selector } }] });
    expect(amqp).toEqual({
      from: [{ namespace_selector: { match_expressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['taskcluster'] }] } }],
      ports: [{ port: '5672', protocol: 'TCP' }],
    });
    expect(management.ports).toEqual([{ port: '15672', protocol: 'TCP' }]);
    const jobLabels = only(json, 'kubernetes_job_v1').spec.template.metadata.labels;
    expect(jobLabels).toMatchObject(management.from[0].pod_selector.match_labels);
    // The Job's pods are not nodes: the node rules do not let them in.
    expect(Object.entries(selector).every(([k, v]) => jobLabels[k] === v)).toBe(false);
  });

  test('the user Job: rabbitmqadmin imports the mounted definitions as the admin, waits, reruns on a new Secret, after the nodes', () => {
    const job = only(json, 'kubernetes_job_v1');
    const c = job.spec.template.spec.container[0];
    expect(c.image).toBe(RABBITMQ_IMAGE);
    expect(c.command).toEqual(['rabbitmqadmin', '--non-interactive', 'definitions', 'import', '--file', '/etc/rabbitmq-definitions/definitions.json']);
    const env = Object.fromEntries((c.env as any[]).map((e) => [e.name, e.value ?? e.value_from]));
    expect(env).toMatchObject({ RABBITMQADMIN_TARGET_HOST: 'rabbitmq.pulse.svc.cluster.local', RABBITMQADMIN_TARGET_PORT: '15672', RABBITMQADMIN_USERNAME: 'terraform-admin' });
    expect(env.RABBITMQADMIN_PASSWORD).toEqual({ secret_key_ref: { name: expect.stringMatching(/^\$\{kubernetes_secret_v1\./), key: 'admin-password' } });
    const defsSecret = Object.entries(resources(json, 'kubernetes_secret_v1')).find(([, s]: [string, any]) => s.metadata.name === 'rabbitmq-definitions')!;
    expect(job.spec.template.spec.volume).toContainEqual({ name: 'definitions', secret: { secret_name: `\${kubernetes_secret_v1.${defsSecret[0]}.metadata[0].name}`, default_mode: '0400' } });
    expect(job.wait_for_completion).toBe(true);
    expect(job.lifecycle).toEqual({ replace_triggered_by: [`\${kubernetes_secret_v1.${defsSecret[0]}}`] });
    const [stsId] = Object.keys(resources(json, 'kubernetes_stateful_set_v1'));
    expect(job.depends_on).toContain(`kubernetes_stateful_set_v1.${stsId}`);
    expect(job.metadata.name).toMatch(/^rabbitmq-users-\$\{substr\(sha256\(jsonencode\(local\.[^)]+\)\), 0, 10\)\}$/);
  });

  test('the broker contract and the users: plain AMQP on the client Service, generated passwords, ready after the Job', () => {
    expect(cluster.broker).toEqual({ hostname: 'rabbitmq.pulse.svc.cluster.local', port: 5672, vhost: 'taskcluster', tls: false });
    expect(Object.keys(cluster.users).sort()).toEqual(SERVICES.map((s) => `taskcluster-${s.replace(/_/g, '-')}`).sort());
    expect(Token.isUnresolved(cluster.users['taskcluster-web-server']!.password)).toBe(true);
    expect(cluster.ready).toEqual([cluster.statefulSet, cluster.job]);
  });

  test('the policy pack finds nothing', () => {
    expect(checkPolicies(stack).findings.map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
  });

  test('a single development node: one replica, no anti-affinity, no wait for a quorum that cannot exist', () => {
    const pod = podOf(synth(make({ singleNode: true }).stack));
    expect(pod.affinity).toBeUndefined();
    expect(pod.topology_spread_constraint).toBeUndefined();
    expect(pod.container[0].lifecycle).toBeUndefined();
  });

  describe('rejects at synth', () => {
    const user = taskclusterUsers()[0]!;
    test('two nodes', () => expectValidationError(() => make({ replicas: 2 }), 'replicas', 2));
    test('four nodes', () => expectValidationError(() => make({ replicas: 4 }), 'replicas', 4));
    test('one node without the development flag', () => expectValidationError(() => make({ replicas: 1 }), 'replicas', 1));
    test('replicas with singleNode', () => expectValidationError(() => make({ singleNode: true, replicas: 3 }), 'replicas', 3));
    test('a vhost with a slash', () => expectValidationError(() => make({ vhost: 'a/b' }), 'vhost', 'a/b'));
    test('an empty vhost', () => expectValidationError(() => make({ vhost: '' }), 'vhost', ''));
    test('a user name with a space', () => expectValidationError(() => make({ users: [{ ...user, username: 'a b' }] }), 'users[0].username', 'a b'));
    test('a user twice', () => expectValidationError(() => make({ users: [user, user] }), 'users[1].username', user.username));
    test('the administrator\'s name', () => expectValidationError(() => make({ users: [{ ...user, username: 'terraform-admin' }] }), 'users[0].username', 'terraform-admin'));
    test('no users', () => expectValidationError(() => make({ users: [] }), 'users', []));
    test('a literal password', () => expectValidationError(() => make({ users: [{ ...user, password: 'hunter2' }] }), 'users[0].password', '***'));
    test('a pattern that does not compile', () => expectValidationError(() => make({ users: [{ ...user, read: '^(queue/x' }] }), 'users[0].read', '^(queue/x'));
    test('a pattern with a newline', () => expectValidationError(() => make({ users: [{ ...user, write: 'a\nb' }] }), 'users[0].write', 'a\nb'));
    test('a volume under 8Gi', () => expectValidationError(() => make({ storage: { size: '5Gi' } }), 'storage.size', '5Gi'));
    test('a volume in Mi', () => expectValidationError(() => make({ storage: { size: '10000Mi' } }), 'storage.size', '10000Mi'));
    test('too little memory', () => expectValidationError(() => make({ resources: { requests: { cpu: '1', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } } }), 'resources.requests.memory', '256Mi'));
    test('a limit under the request', () => expectValidationError(() => make({ resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '1', memory: '1Gi' } } }), 'resources.limits.memory', '1Gi'));
    test('memory in G', () => expectValidationError(() => make({ resources: { requests: { cpu: '1', memory: '1G' }, limits: { cpu: '1', memory: '2Gi' } } }), 'resources.requests.memory', '1G'));
    test('a 3.x image', () => expectValidationError(() => make({ image: 'rabbitmq:3.13.7-management' }), 'image', 'rabbitmq:3.13.7-management'));
    test('an image without the management plugin', () => expectValidationError(() => make({ image: 'rabbitmq:4.3.5' }), 'image', 'rabbitmq:4.3.5'));
    test('an unpinned image', () => expectValidationError(() => make({ image: 'rabbitmq:management' }), 'image', 'rabbitmq:management'));
    test('no client namespace', () => expectValidationError(() => make({ clientNamespaces: [] }), 'clientNamespaces', []));
    test('a bad client namespace', () => expectValidationError(() => make({ clientNamespaces: ['Task_Cluster'] }), 'clientNamespaces[0]', 'Task_Cluster'));
    test('a name too long', () => expectValidationError(() => make({ name: 'r'.repeat(31) }), 'name', 'r'.repeat(31)));
  });
});

/** Passwords with everything that could break JSON, HCL templates or a shell. */
const HOSTILE = (svc: string) => `pw-${svc}-"\\'$\${x}%{y}\n`;

describeWithTerraform()('RabbitMqCluster rendered by terraform', () => {
  /** Renders, through the real binary, what the Job reads (the definitions Secret's value) and the Job's name. */
  function render(users: RabbitMqUserSpec[], passwordOf: (username: string) => string = HOSTILE) {
    const stack = new TerraformStack(testApp(), 'render');
    const variables: Record<string, string> = {};
    const withPasswords = users.map((u) => {
      const id = `pw_${u.username.replace(/-/g, '_')}`;
      variables[id] = passwordOf(u.username);
      return { ...u, password: new TerraformVariable(stack, id, { type: 'string', sensitive: true }).stringValue };
    });
    make({ users: withPasswords }, stack);
    const json = synth(stack);
    const secret = Object.values(resources(json, 'kubernetes_secret_v1')).find((s: any) => s.metadata.name === 'rabbitmq-definitions');
    json.output = {
      definitions: { value: secret.data['definitions.json'], sensitive: true },
      job_name: { value: only(json, 'kubernetes_job_v1').metadata.name },
    };
    const r = renderOutputs(terraformBinary()!, { json, outputs: ['definitions', 'job_name'], variables, sample: (a) => `sample:${a}` });
    return { definitions: JSON.parse(r.raw.definitions!), jobName: r.raw.job_name!, variables };
  }

  let base: ReturnType<typeof render>;
  beforeAll(() => {
    base = render(taskclusterUsers());
  });

  test('the permission patterns reach the definitions exactly, backslashes included', () => {
    const web = base.definitions.permissions.find((p: any) => p.user === 'taskcluster-web-server');
    expect(web).toEqual({ user: 'taskcluster-web-server', vhost: 'taskcluster', configure: WEB_SERVER_WRITE, write: WEB_SERVER_WRITE, read: WEB_SERVER_READ });
    expect(base.definitions.permissions).toHaveLength(SERVICES.length);
    // The pattern RabbitMQ compiles matches the service's own queues only.
    const re = new RegExp(web.configure);
    expect(re.test('queue/taskcluster-web-server/q1')).toBe(true);
    expect(re.test('queue/taskcluster-queue/q1')).toBe(false);
  });

  test('each user gets its own password unchanged (quotes, backslashes, template markers, newline), no tags', () => {
    expect(base.definitions.users).toHaveLength(SERVICES.length);
    for (const u of base.definitions.users) {
      expect(u).toEqual({ name: u.name, password: HOSTILE(u.name), tags: [] });
    }
  });

  test('the vhost is created with quorum as its default queue type', () => {
    expect(base.definitions.vhosts).toEqual([
      { name: 'taskcluster', description: 'Managed by Terraform', tags: [], metadata: { description: 'Managed by Terraform', tags: [], default_queue_type: 'quorum' } },
    ]);
  });

  test('the Job\'s name changes with a permission, not with a password', () => {
    expect(base.jobName).toMatch(/^rabbitmq-users-[0-9a-f]{10}$/);
    const otherPasswords = render(taskclusterUsers(), (name) => `other-${name}`);
    expect(otherPasswords.definitions.users[0].password).toBe(`other-${otherPasswords.definitions.users[0].name}`);
    expect(otherPasswords.jobName).toBe(base.jobName);
    const users = taskclusterUsers();
    users[0] = { ...users[0]!, read: '^(queue/taskcluster\\-auth/.*)' };
    expect(render(users).jobName).not.toBe(base.jobName);
  });
});

/**
 * The rendered definitions against a real RabbitMQ node (the Debian package, 3.10, started as a fixture when
 * installed): POSTed to /api/definitions, the endpoint `rabbitmqadmin definitions import` calls. Skipped with a
 * message when the package is not installed; under CI (which installs it: .ci/run) that fails instead.
 */
describeWhen(terraformBinary() !== undefined && rabbitMqAvailable(), 'terraform and the rabbitmq-server Debian package (and curl)', 'RabbitMQ definitions import tests')('RabbitMqCluster definitions on a real RabbitMQ node', () => {
  let server: RabbitMqTestServer;
  let definitions: string;
  beforeAll(async () => {
    server = await startRabbitMq();
    const stack = new TerraformStack(testApp(), 'real');
    const variables: Record<string, string> = {};
    const users = taskclusterUsers((svc) => {
      variables[`pw_${svc}`] = HOSTILE(svc);
      return new TerraformVariable(stack, `pw_${svc}`, { type: 'string', sensitive: true }).stringValue;
    });
    make({ users }, stack);
    const json = synth(stack);
    const secret = Object.values(resources(json, 'kubernetes_secret_v1')).find((s: any) => s.metadata.name === 'rabbitmq-definitions');
    json.output = { definitions: { value: secret.data['definitions.json'], sensitive: true } };
    definitions = renderOutputs(terraformBinary()!, { json, outputs: ['definitions'], variables, sample: (a) => `sample:${a}` }).raw.definitions!;
  }, 120_000);
  afterAll(() => server?.stop());

  const permissionsOf = (user: string) => JSON.parse(server.api('GET', `/api/permissions/taskcluster/${user}`).body);
  const authenticates = (user: string, password: string) => server.ctl(['authenticate_user', user, password]).status === 0;

  test('an import creates the vhost, the users with their passwords and exactly the permissions; a second one converges', () => {
    const first = server.api('POST', '/api/definitions', definitions);
    expect({ status: first.status, body: first.body }).toEqual({ status: 204, body: '' });
    const web = permissionsOf('taskcluster-web-server');
    expect({ configure: web.configure, write: web.write, read: web.read }).toEqual({ configure: WEB_SERVER_WRITE, write: WEB_SERVER_WRITE, read: WEB_SERVER_READ });
    expect(authenticates('taskcluster-web-server', HOSTILE('web_server'))).toBe(true);
    expect(authenticates('taskcluster-web-server', HOSTILE('queue'))).toBe(false);
    const user = JSON.parse(server.api('GET', '/api/users/taskcluster-queue').body);
    expect(user.tags).toEqual([]);

    // Drift, as an operator could cause it: a new password, wider permissions, an administrator tag.
    expect(server.ctl(['change_password', 'taskcluster-web-server', 'changed']).status).toBe(0);
    expect(server.ctl(['set_permissions', '-p', 'taskcluster', 'taskcluster-web-server', '.*', '.*', '.*']).status).toBe(0);
    expect(server.ctl(['set_user_tags', 'taskcluster-queue', 'administrator']).status).toBe(0);
    expect(server.api('POST', '/api/definitions', definitions).status).toBe(204);
    expect(permissionsOf('taskcluster-web-server')).toMatchObject({ configure: WEB_SERVER_WRITE, write: WEB_SERVER_WRITE, read: WEB_SERVER_READ });
    expect(authenticates('taskcluster-web-server', HOSTILE('web_server'))).toBe(true);
    expect(authenticates('taskcluster-web-server', 'changed')).toBe(false);
    expect(JSON.parse(server.api('GET', '/api/users/taskcluster-queue').body).tags).toEqual([]);
  });
});
