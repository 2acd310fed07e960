import {
  TASKCLUSTER_CHART_SERVICES,
  TASKCLUSTER_CLIENT_SERVICES,
  TASKCLUSTER_DB_SERVICES,
  TASKCLUSTER_PULSE_SERVICES,
  dbUsername,
  hyphenated,
  pulsePermissions,
  pulseUsername,
  staticClientIds,
  taskclusterSecretName,
} from '../../../lib/apps/taskcluster/services';

describe('Taskcluster services', () => {
  test('the 11 database services, with underscores', () => {
    expect([...TASKCLUSTER_DB_SERVICES].sort()).toEqual(['auth', 'github', 'hooks', 'index', 'notify', 'object', 'purge_cache', 'queue', 'secrets', 'web_server', 'worker_manager']);
    expect(TASKCLUSTER_DB_SERVICES.map((s) => dbUsername('tc', s))).toContain('tc_web_server');
  });

  test('the chart deploys 14 services, each with a Secret taskcluster-<service> in hyphens', () => {
    expect(TASKCLUSTER_CHART_SERVICES).toHaveLength(14);
    expect(taskclusterSecretName('built_in_workers')).toBe('taskcluster-built-in-workers');
    expect(taskclusterSecretName('ui')).toBe('taskcluster-ui');
    expect(new Set(TASKCLUSTER_CHART_SERVICES.map(taskclusterSecretName)).size).toBe(14);
    // Every service that has a user or a client is one the chart deploys.
    for (const s of [...TASKCLUSTER_DB_SERVICES, ...TASKCLUSTER_CLIENT_SERVICES, ...TASKCLUSTER_PULSE_SERVICES]) expect(TASKCLUSTER_CHART_SERVICES).toContain(s);
  });

  test('static clients: the 11 calling services in hyphens and root; auth has none (it is the one checking them)', () => {
    expect(staticClientIds().sort()).toEqual(
      [
        'static/taskcluster/built-in-workers',
        'static/taskcluster/github',
        'static/taskcluster/hooks',
        'static/taskcluster/index',
        'static/taskcluster/notify',
        'static/taskcluster/object',
        'static/taskcluster/purge-cache',
        'static/taskcluster/queue',
        'static/taskcluster/root',
        'static/taskcluster/secrets',
        'static/taskcluster/web-server',
        'static/taskcluster/worker-manager',
      ].sort(),
    );
    expect(staticClientIds()).not.toContain('static/taskcluster/auth');
  });

  test('Pulse users: the 8 services, named taskcluster-<service> in hyphens', () => {
    expect([...TASKCLUSTER_PULSE_SERVICES].sort()).toEqual(['auth', 'github', 'hooks', 'index', 'notify', 'queue', 'web_server', 'worker_manager']);
    expect(pulseUsername('worker_manager')).toBe('taskcluster-worker-manager');
    expect(hyphenated('purge_cache')).toBe('purge-cache');
  });

  test('Pulse permissions as documented, with "_" written as an escaped hyphen', () => {
    expect(pulsePermissions('web_server')).toEqual({
      configure: '^(queue/taskcluster\\-web\\-server/.*|exchange/taskcluster\\-web\\-server/.*)',
      write: '^(queue/taskcluster\\-web\\-server/.*|exchange/taskcluster\\-web\\-server/.*)',
      read: '^(queue/taskcluster\\-web\\-server/.*|exchange/.*)',
    });
    expect(pulsePermissions('queue').configure).toBe('^(queue/taskcluster\\-queue/.*|exchange/taskcluster\\-queue/.*)');
  });

  test('the patterns, as RabbitMQ matches them: own queues and exchanges to configure and write; any exchange to read', () => {
    const p = pulsePermissions('web_server');
    const re = (s: string) => new RegExp(s);
    expect(re(p.configure).test('exchange/taskcluster-web-server/v1/x')).toBe(true);
    expect(re(p.write).test('queue/taskcluster-web-server/q')).toBe(true);
    expect(re(p.configure).test('exchange/taskcluster-queue/v1/task-defined')).toBe(false);
    expect(re(p.configure).test('exchange/taskcluster-web_server/v1/x')).toBe(false);
    expect(re(p.write).test('queue/taskcluster-web-serverx/q')).toBe(false);
    expect(re(p.read).test('exchange/taskcluster-queue/v1/task-defined')).toBe(true);
    expect(re(p.read).test('queue/taskcluster-queue/q')).toBe(false);
  });
});
