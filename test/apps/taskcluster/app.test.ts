import * as path from 'path';
import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { DefaultTokenResolver, StringConcat, TerraformStack, TerraformVariable, Tokenization } from 'cdktf';
import { AppContracts } from '../../../lib/apps/profile';
import { TASKCLUSTER_PULSE_VHOST, taskclusterApp, taskclusterChartPath } from '../../../lib/apps/taskcluster/app';
import { TASKCLUSTER_INGRESS_ROUTES, TASKCLUSTER_VERSION } from '../../../lib/apps/taskcluster/chart';
import { TASKCLUSTER_DB_SERVICES, TASKCLUSTER_PULSE_SERVICES } from '../../../lib/apps/taskcluster/services';
import { AppNamespace } from '../../../lib/kubernetes/namespace';
import { provisionAppSecrets } from '../../../stacks/app-infra';
import { Synthesized, resources, synth, testApp } from '../../support/synth';
import { expectValidationError } from '../../support/validation-matchers';

const config = { domain: 'tc.example.com' };

describe('taskclusterApp requirements', () => {
  const req = taskclusterApp.requirements(config, 'aws', config.domain);

  test('three buckets, every one reached over the S3 API with a static key', () => {
    expect(req.buckets.map((b) => [b.purpose, b.access])).toEqual([
      ['public-artifacts', 's3-static-keys'],
      ['private-artifacts', 's3-static-keys'],
      ['object-backend', 's3-static-keys'],
    ]);
    expect(req.serviceAccounts).toEqual([]);
  });

  test('PostgreSQL 15 only, owned by the admin, en_US.utf8, pgcrypto, and one plain login role per service', () => {
    const pg = req.postgres!;
    expect(pg).toMatchObject({ supportedMajorVersions: [15], databaseName: 'taskcluster', owner: 'admin', collation: 'en_US.utf8', extensions: ['pgcrypto'] });
    expect(pg.roles).toEqual(TASKCLUSTER_DB_SERVICES.map((s) => ({ name: `taskcluster_${s}` })));
    expect(taskclusterApp.requirements({ ...config, usernamePrefix: 'tc' }, 'gcp', config.domain).postgres!.roles![10]).toEqual({ name: 'tc_worker_manager' });
  });

  test('a RabbitMQ vhost with one user per Pulse service and the documented permissions', () => {
    const bus = req.messageBus!;
    expect(bus.kind).toBe('rabbitmq');
    if (bus.kind !== 'rabbitmq') return;
    expect(bus.vhost).toBe(TASKCLUSTER_PULSE_VHOST);
    expect(bus.users.map((u) => u.name)).toEqual(TASKCLUSTER_PULSE_SERVICES.map((s) => `taskcluster-${s.replace(/_/g, '-')}`));
    expect(bus.users.find((u) => u.name === 'taskcluster-web-server')).toEqual({
      name: 'taskcluster-web-server',
      configure: '^(queue/taskcluster\\-web\\-server/.*|exchange/taskcluster\\-web\\-server/.*)',
      write: '^(queue/taskcluster\\-web\\-server/.*|exchange/taskcluster\\-web\\-server/.*)',
      read: '^(queue/taskcluster\\-web\\-server/.*|exchange/.*)',
    });
  });

  test('the S3 gateway on Azure only', () => {
    expect(taskclusterApp.requirements(config, 'azure', config.domain).components).toEqual(['s3-gateway']);
    expect(req.components).toEqual([]);
    expect(taskclusterApp.requirements(config, 'gcp', config.domain).components).toEqual([]);
  });
});

describe('taskclusterApp render and platform hook', () => {
  let json: Synthesized;
  let stack: TerraformStack;
  const chart = path.resolve('charts', `taskcluster-${TASKCLUSTER_VERSION}`);

  function contracts(s: TerraformStack): AppContracts {
    const req = taskclusterApp.requirements(config, 'aws', config.domain);
    const generated = provisionAppSecrets(s, req, 'taskcluster');
    const admin = new TerraformVariable(s, 'admin_password', { type: 'string', sensitive: true });
    const key = new TerraformVariable(s, 's3_secret', { type: 'string', sensitive: true });
    return {
      deploymentName: 'taskcluster',
      namespace: 'taskcluster',
      requirements: req,
      registry: { loginServer: 'r.example.com', name: 'r' } as never,
      objectStore: { kind: 's3', buckets: {}, endpoint: '' } as never,
      database: { host: 'db.internal', port: 5432, database: 'taskcluster', username: 'tcadmin', password: admin.stringValue, tlsMode: 'verify-full', majorVersion: 15 },
      identities: {},
      keys: {},
      entryPoint: {} as never,
      ingress: { className: 'traefik', clusterIssuer: 'letsencrypt-prod', annotations: { 'traefik.ingress.kubernetes.io/router.tls': 'true' } },
      allowDestroy: false,
      s3Api: {
        region: 'eu-west-1',
        forcePathStyle: false,
        buckets: { 'public-artifacts': 'pub', 'private-artifacts': 'priv', 'object-backend': 'obj' },
        accessKeyId: 'AKIAEXAMPLE',
        secretAccessKey: key.stringValue,
        skipCorsConfiguration: false,
      },
      messageBus: generated.messageBus,
      databaseRoles: generated.databaseRoles,
    };
  }

  beforeAll(() => {
    stack = new TerraformStack(testApp(), 'tc');
    const c = contracts(stack);
    const rendered = taskclusterApp.render(stack, config, 'aws', c);
    const namespace = new AppNamespace(stack, 'ns', { name: 'taskcluster', dependsOn: [] });
    const bootstrap = new StringResource(stack, 'stands-for-the-bootstrap-job', { length: 4 });
    const cluster = new StringResource(stack, 'stands-for-the-cluster', { length: 4 });
    const deps = taskclusterApp.platform!(stack, { config, namespace, rendered, dependsOn: [cluster], adminDatabase: c.database, prerequisites: [bootstrap], ingress: c.ingress });
    expect(deps).toHaveLength(2);
    // What the render step hands the platform stack, checked on the synthesized values below.
    (stack as unknown as { rendered: unknown }).rendered = rendered;
    json = synth(stack);
  });

  test('the chart is the absolute path of charts/taskcluster-<version>, with a hint when it is missing', () => {
    const rendered = (stack as unknown as { rendered: { chart: { chart: string; missingHint: string } } }).rendered;
    expect(rendered.chart.chart).toBe(chart);
    expect(taskclusterChartPath({ ...config, chartPath: '/opt/tc' })).toBe('/opt/tc');
    expect(rendered.chart.missingHint).toBe(`fetch it with: scripts/fetch-taskcluster-chart.sh ${TASKCLUSTER_VERSION} ${chart} (docs/taskcluster.md, "The chart")`);
  });

  test('service users and Pulse users get the passwords the stacks generated; the tokens are generated here', () => {
    const passwords = Object.keys(resources(json, 'random_password'));
    for (const s of TASKCLUSTER_DB_SERVICES) expect(passwords).toContain(`database-role-taskcluster-${s.replace(/_/g, '-')}-password`);
    for (const s of TASKCLUSTER_PULSE_SERVICES) expect(passwords).toContain(`message-bus-taskcluster-${s.replace(/_/g, '-')}-password`);
    // 11 + 8 from the stacks, 12 access tokens + the session secret from the profile; no second set of service passwords.
    expect(passwords.filter((p) => p.includes('db-password') || p.includes('pulse-password'))).toEqual([]);
    expect(passwords).toHaveLength(11 + 8 + 12 + 1);
    const rendered = (stack as unknown as { rendered: { secrets: { name: string; stringData: Record<string, string> }[] } }).rendered;
    const queue = rendered.secrets.find((s) => s.name === 'taskcluster-queue')!.stringData;
    expect(JSON.stringify(Tokenization.resolve(queue.PULSE_PASSWORD, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()) }))).toMatch(/message-bus-taskcluster-queue-password/);
    expect(queue.PULSE_USERNAME).toBe('taskcluster-queue');
    expect(JSON.stringify(Tokenization.resolve(queue.WRITE_DB_URL, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()) }))).toMatch(/database-role-taskcluster-queue-password/);
  });

  test('the root client\'s token is a sensitive output of its own', () => {
    const out = json.output!.taskcluster_root_access_token;
    expect(out.value).toMatch(/^\$\{random_password\.[^.]*access-token-root[^.]*\.result\}$/);
    expect(out.sensitive).toBe(true);
  });

  test('the migrations Job waits for the bootstrap and the cluster; the Ingress routes every path of the chart', () => {
    const [job] = Object.values(resources(json, 'kubernetes_job_v1')) as { depends_on: string[]; metadata: { name: string } }[];
    expect(job!.metadata.name).toBe('taskcluster-db-upgrade-v106-0-0');
    expect(job!.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/stands-for-the-bootstrap-job/), expect.stringMatching(/stands-for-the-cluster/)]));
    const [ingress] = Object.values(resources(json, 'kubernetes_ingress_v1')) as any[];
    expect(ingress.spec.ingress_class_name).toBe('traefik');
    expect(ingress.metadata.annotations).toEqual({ 'traefik.ingress.kubernetes.io/router.tls': 'true', 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' });
    expect(ingress.spec.tls).toEqual([{ hosts: ['tc.example.com'], secret_name: 'taskcluster-tls' }]);
    const paths = ingress.spec.rule[0].http.path.map((p: any) => ({ path: p.path, service: p.backend.service.name }));
    expect(paths).toEqual(TASKCLUSTER_INGRESS_ROUTES.map((r) => ({ path: r.path, service: r.service })));
  });

  test('the render step needs the S3-API store and the message bus; the hook the admin connection and the ingress', () => {
    const s = new TerraformStack(testApp(), 'missing');
    const c = contracts(s);
    expectValidationError(() => taskclusterApp.render(s, config, 'aws', { ...c, s3Api: undefined }), 'contracts.s3Api', undefined);
    expectValidationError(() => taskclusterApp.render(s, config, 'aws', { ...c, messageBus: undefined }), 'contracts.messageBus', undefined);
    const namespace = new AppNamespace(s, 'ns', { name: 'taskcluster', dependsOn: [] });
    const rendered = { releaseName: 'taskcluster', chart: { chart: '/x', version: '0.2.0' }, secrets: [], values: {}, shell: {} };
    expectValidationError(() => taskclusterApp.platform!(s, { config, namespace, rendered, dependsOn: [], prerequisites: [], ingress: c.ingress }), 'adminDatabase', undefined);
    expectValidationError(() => taskclusterApp.platform!(s, { config, namespace, rendered, dependsOn: [], prerequisites: [], adminDatabase: c.database }), 'ingress', undefined);
  });

  test('the chart path is checked as written, before it is made absolute (path.resolve hides a URL and "")', () => {
    for (const chartPath of ['https://example.com/taskcluster.tgz', '', 'charts/my tc']) {
      const s = new TerraformStack(testApp(), 'chart-path');
      expectValidationError(() => taskclusterApp.render(s, { ...config, chartPath }, 'aws', contracts(s)), 'taskcluster.chartPath', chartPath);
    }
    const s = new TerraformStack(testApp(), 'chart-path-ok');
    expect(taskclusterApp.render(s, { ...config, chartPath: 'charts/tc' }, 'aws', contracts(s)).chart.chart).toBe(path.resolve('charts/tc'));
  });
});
