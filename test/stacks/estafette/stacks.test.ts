import * as fs from 'fs';
import * as path from 'path';
import { ESTAFETTE_CHART, REMOVED_KUBERNETES_API_VERSIONS } from '../../../lib/apps/estafette/chart';
import { packageRoot } from '../../../lib/core/package-root';
import { loadConfigFile } from '../../../stacks/config-file';
import { DEPLOYMENT_KINDS, buildDeployment } from '../../../stacks/deployments';
import { dependencyGraph, dependsOn } from '../../support/graph';
import { Synthesized, resources, synthApp, testApp } from '../../support/synth';

const KINDS = ['estafette-aks', 'estafette-gke', 'estafette-eks'] as const;
type Kind = (typeof KINDS)[number];

const FIXTURE = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'test', 'apps', 'estafette', 'fixtures', `estafette-ci-${ESTAFETTE_CHART.version}-value-keys.json`), 'utf8')) as {
  chart: string;
  version: string;
  keys: Record<string, string>;
};

function example(kind: Kind, patch?: (c: any) => void): any {
  const c = loadConfigFile(path.join(packageRoot(), DEPLOYMENT_KINDS[kind].example)) as any;
  patch?.(c);
  return c;
}

function pair(config: any): { infra: Synthesized; platform: Synthesized } {
  const app = testApp();
  const { infra, platform } = buildDeployment(app, config);
  const json = synthApp(app);
  return { infra: json[infra.node.id]!, platform: json[platform.node.id]! };
}

/** Every leaf path of a values document, keys joined as the fixture writes them. */
function leafPaths(value: unknown, prefix: string[] = []): string[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as object).flatMap(([k, v]) => leafPaths(v, [...prefix, k.replace(/\./g, '\\.')]));
  }
  return [prefix.join('.')];
}

/** True when the chart has the path, or an open map (annotations, resources, credentials) above it. */
function chartHas(p: string): boolean {
  const parts = p.split(/(?<!\\)\./);
  for (let i = parts.length; i > 0; i--) {
    const kind = FIXTURE.keys[parts.slice(0, i).join('.')];
    if (kind !== undefined) return i === parts.length || kind === 'open';
  }
  return false;
}

const pairs = {} as Record<Kind, { infra: Synthesized; platform: Synthesized }>;
const withPull = {} as Record<Kind, { infra: Synthesized; platform: Synthesized }>;
beforeAll(() => {
  for (const kind of KINDS) {
    pairs[kind] = pair(example(kind));
    withPull[kind] = pair(example(kind, (c) => (c.estafette.dockerHubCredentials = true)));
  }
});

const values = (json: Synthesized): any => (json as any).locals.estafette_helm_values;

describe.each(KINDS)('%s', (kind) => {
  test('the fixture is the pinned chart version', () => {
    expect(FIXTURE).toMatchObject({ chart: ESTAFETTE_CHART.chart, version: ESTAFETTE_CHART.version });
  });

  test('every values key the stacks set exists in the chart at the pinned version (with pull credentials too)', () => {
    for (const json of [pairs[kind].infra, withPull[kind].infra]) {
      const missing = leafPaths(values(json)).filter((p) => !chartHas(p));
      expect(missing).toEqual([]);
    }
  });

  test('the HA values of the guide are the defaults, NATS and Prometheus PDBs are never enabled, no removed API version appears', () => {
    const v = values(pairs[kind].infra);
    expect(v.api.deployment.replicaCount).toBe(3);
    expect(v.api.autoscaling.enabled).toBe(true);
    expect(v.web.deployment.replicaCount).toBe(3);
    expect(v.db.statefulset.replicas).toBe(3);
    expect(v.db.statefulset.resources).toEqual({ requests: { cpu: '2000m', memory: '12Gi' }, limits: { memory: '12Gi' } });
    expect(v.metrics.server.replicaCount).toBe(2);
    expect(v.queue.cluster).toEqual({ enabled: true, replicas: 3 });
    expect(v.api.tls).toEqual({ enabled: false, certManager: { enabled: false } });
    for (const json of [pairs[kind].infra, withPull[kind].infra]) {
      const text = JSON.stringify(values(json));
      for (const api of REMOVED_KUBERNETES_API_VERSIONS) expect(text).not.toContain(api);
      const paths = leafPaths(values(json));
      expect(paths.filter((p) => /podDisruptionBudget/i.test(p))).toEqual([]);
    }
  });

  test('both hosts get a DNS record and one certificate; the release waits for the certificate and the storage class', () => {
    const platform = pairs[kind].platform;
    const graph = dependencyGraph(platform);
    const releases = resources(platform, 'helm_release');
    const ids = Object.keys(releases);
    const app = ids.find((id) => releases[id].name === 'estafette-ci')!;
    const cert = ids.find((id) => releases[id].name === 'estafette-ci-certificate')!;
    expect(app).toBeDefined();
    expect(cert).toBeDefined();
    expect(releases[app].chart).toBe('estafette-ci');
    expect(releases[app].repository).toBe('https://helm.estafette.io');
    expect(releases[app].version).toBe('1.5.14');
    expect(dependsOn(graph, `helm_release.${app}`, `helm_release.${cert}`)).toBe(true);
    const sc = Object.entries(resources(platform, 'kubernetes_storage_class_v1'));
    expect(sc).toHaveLength(1);
    expect(sc[0]![1]).toMatchObject({ metadata: { name: 'estafette-ci-db' }, reclaim_policy: 'Retain', volume_binding_mode: 'WaitForFirstConsumer' });
    expect(dependsOn(graph, `helm_release.${app}`, `kubernetes_storage_class_v1.${sc[0]![0]}`)).toBe(true);
    // The certificate is a cert-manager object: it waits for cert-manager and its issuers.
    const cm = ids.filter((id) => releases[id].name === 'cert-manager' || releases[id].name === 'cluster-issuers');
    expect(cm).toHaveLength(2);
    for (const id of cm) expect(dependsOn(graph, `helm_release.${cert}`, `helm_release.${id}`)).toBe(true);
    const dnsTypes = { 'estafette-aks': 'azurerm_dns_a_record', 'estafette-gke': 'google_dns_record_set', 'estafette-eks': 'aws_route53_record' } as const;
    expect(Object.keys(resources(pairs[kind].infra, dnsTypes[kind]))).toHaveLength(2);
  });

  test('no PostgreSQL server; one versioned private backup bucket', () => {
    const infra = JSON.stringify(pairs[kind].infra.resource);
    expect(infra).not.toMatch(/postgresql_flexible_server|google_sql_database_instance|aws_db_instance/);
  });

  test('the keys are generated letters and digits, escrowed, and reach only the values, the escrow and nothing else', () => {
    const infra = pairs[kind].infra;
    const passwords = resources(infra, 'random_password');
    const ids = Object.keys(passwords).filter((id) => id.startsWith('generated-secret'));
    expect(ids.sort()).toEqual(['generated-secret-jwt-key', 'generated-secret-secret-decryption-key']);
    for (const id of ids) expect(passwords[id]).toMatchObject({ length: 32, special: false, upper: true, lower: true, numeric: true });
    const key = '${random_password.generated-secret-secret-decryption-key.result}';
    const holders: string[] = [];
    for (const [type, byId] of Object.entries(infra.resource ?? {})) {
      for (const [, r] of Object.entries(byId as object)) if (JSON.stringify(r).includes(key)) holders.push(`${type}`);
    }
    const escrowType = { 'estafette-aks': 'azurerm_key_vault_secret', 'estafette-gke': 'google_secret_manager_secret_version', 'estafette-eks': 'aws_secretsmanager_secret_version' } as const;
    expect(holders).toEqual([escrowType[kind]]);
    expect(JSON.stringify((infra as any).locals.estafette_helm_values)).toContain(key);
    expect((infra as any).output.helm_values.sensitive).toBe(true);
    // Never in the platform stack except through the values local's cross-stack reference.
    expect(JSON.stringify(pairs[kind].platform)).not.toContain('random_password');
  });

  test('pull credentials are sensitive variables wired to every component and the container-registry-pull credential', () => {
    const infra = withPull[kind].infra as any;
    expect(infra.variable.dockerhub_username).toMatchObject({ sensitive: true });
    expect(infra.variable.dockerhub_token).toMatchObject({ sensitive: true });
    const v = values(withPull[kind].infra);
    for (const s of ['api', 'web', 'db', 'cron-event-sender', 'db-migrator']) expect(v[s].image.credentials.password).toBe('${var.dockerhub_token}');
    for (const s of ['metrics', 'queue']) expect(v[s].imagePullSecrets).toEqual([{ name: 'estafette-ci-api.registry' }]);
    expect(v.api.config.files['credentials.yaml']).toContain('container-registry-pull');
    expect(pairs[kind].infra.variable).toBeUndefined();
  });
});

describe('backups', () => {
  test('GKE and EKS: CockroachDB service account carries the workload identity annotation; AKS: the account key and a declared policy exception', () => {
    expect(values(pairs['estafette-gke'].infra).db.tls.serviceAccount.annotations).toHaveProperty(['iam.gke.io/gcp-service-account']);
    expect(values(pairs['estafette-eks'].infra).db.tls.serviceAccount.annotations).toHaveProperty(['eks.amazonaws.com/role-arn']);
    expect(values(pairs['estafette-aks'].infra).db.tls).toBeUndefined();
    const aks = pairs['estafette-aks'];
    const account = Object.values(resources(aks.infra, 'azurerm_storage_account'))[0] as any;
    expect(account.shared_access_key_enabled).toBe(true);
    expect(JSON.stringify(account)).toContain('AZ-ST-004');
  });

  test.each(KINDS)('%s: a Job creates the backup schedule after the release, with the configured label and recurrence', (kind) => {
    const platform = pairs[kind].platform;
    const graph = dependencyGraph(platform);
    const jobs = Object.entries(resources(platform, 'kubernetes_job_v1')).filter(([, j]) => (j as any).metadata.labels['app.kubernetes.io/name'] === 'cockroach-backup-schedule');
    expect(jobs).toHaveLength(1);
    const [jobId, job] = jobs[0]! as [string, any];
    const release = Object.entries(resources(platform, 'helm_release')).find(([, r]) => (r as any).name === 'estafette-ci')![0];
    expect(dependsOn(graph, `kubernetes_job_v1.${jobId}`, `helm_release.${release}`)).toBe(true);
    const env = Object.fromEntries((job.spec.template.spec.container[0].env as any[]).filter((e) => e.value !== undefined).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({ SCHEDULE_LABEL: 'estafette_daily', SCHEDULE_RECURRENCE: '@daily', DB_HOST: 'estafette-ci-db-public', DB_USER: 'root' });
    expect(JSON.stringify(job.spec.template.spec.volume)).toContain('estafette-ci-db-client-secret');
    const changed = pair(example(kind, (c) => (c.estafette.backup = { ...c.estafette.backup, schedule: '0 3 * * *', label: 'nightly' }))).platform;
    const changedJob = Object.values(resources(changed, 'kubernetes_job_v1')).find((j) => (j as any).metadata.labels['app.kubernetes.io/name'] === 'cockroach-backup-schedule') as any;
    const changedEnv = Object.fromEntries((changedJob.spec.template.spec.container[0].env as any[]).filter((e) => e.value !== undefined).map((e) => [e.name, e.value]));
    expect(changedEnv).toMatchObject({ SCHEDULE_LABEL: 'nightly', SCHEDULE_RECURRENCE: '0 3 * * *' });
  });

  test.each([
    ['estafette-gke', /^gs:\/\/.+\/cockroachdb\?AUTH=implicit$/],
    ['estafette-eks', /^s3:\/\/.+\/cockroachdb\?AUTH=implicit&AWS_REGION=.+$/],
    ['estafette-aks', /^azure:\/\/.+\/cockroachdb$/],
  ] as const)('%s: the schedule Secret holds the bucket location (and only on Azure the account key)', (kind, location) => {
    const secrets = Object.values(resources(pairs[kind].platform, 'kubernetes_secret_v1')).filter((s) => (s as any).metadata.name === 'estafette-ci-db-backup-destination') as any[];
    expect(secrets).toHaveLength(1);
    const data = secrets[0].data;
    expect(data.BACKUP_LOCATION).toMatch(location);
    expect(Object.keys(data).sort()).toEqual(kind === 'estafette-aks' ? ['AZURE_ACCOUNT_KEY', 'AZURE_ACCOUNT_NAME', 'BACKUP_LOCATION'] : ['BACKUP_LOCATION']);
  });

  test("AKS: the storage account key reaches the platform stack only in the schedule's Secret", () => {
    const platform = pairs['estafette-aks'].platform as any;
    const key = (platform.resource.kubernetes_secret_v1 as Record<string, any>);
    const holder = Object.values(key).find((s) => s.metadata.name === 'estafette-ci-db-backup-destination');
    const keyRef: string = holder.data.AZURE_ACCOUNT_KEY;
    expect(keyRef).toMatch(/^\$\{data\.terraform_remote_state\..+\}$/);
    const places: string[] = [];
    for (const [type, byId] of Object.entries(platform.resource as object)) for (const [id, r] of Object.entries(byId as object)) if (JSON.stringify(r).includes(keyRef)) places.push(`${type}.${id}`);
    expect(places).toHaveLength(1);
    expect(places[0]).toMatch(/^kubernetes_secret_v1\./);
    expect(JSON.stringify(platform.output ?? {})).not.toContain(keyRef);
    expect(JSON.stringify(platform.locals ?? {})).not.toContain(keyRef);
  });

  test('the backup buckets are versioned and expire backups after the configured days', () => {
    const gcs = Object.values(resources(pairs['estafette-gke'].infra, 'google_storage_bucket'))[0] as any;
    expect(gcs.versioning).toEqual({ enabled: true });
    expect(JSON.stringify(gcs.lifecycle_rule)).toContain('"age":30');
    const other = pair(example('estafette-gke', (c) => (c.estafette.backup.retentionDays = 90)));
    expect(JSON.stringify((Object.values(resources(other.infra, 'google_storage_bucket'))[0] as any).lifecycle_rule)).toContain('"age":90');
  });
});
