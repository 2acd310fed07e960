import * as fs from 'fs';
import * as path from 'path';
import { packageRoot } from '../../lib/core/package-root';
import { report, runChecks } from '../../preflight';
import { GKE_DEPLOYER_ROLES, cpuQuotaMetric, gcpPlan } from '../../preflight/gcp';
import { allowedCommand } from '../../preflight/runner';
import { SynthesizedPair } from '../../preflight/synth';
import { FakeRule } from './fake-cli';
import { FIXTURES, chartIndexes, errorRule, fakeFetcher, fakeRunner, fixtureJson, gcpRules, jsonRule, notInstalledRunner, synthTestConfig } from './support';

/** Preflight against recorded Google Cloud CLI responses, for the GKE test config (configs/gke.yaml). */
let pair: SynthesizedPair;
beforeAll(() => {
  pair = synthTestConfig('gke');
});

async function run(extra: FakeRule[] = [], options: { unpublished?: string[]; runner?: ReturnType<typeof fakeRunner> } = {}) {
  const fake = options.runner ?? fakeRunner([...extra, ...gcpRules()]);
  const { fetcher } = fakeFetcher(chartIndexes(pair, options.unpublished));
  const results = await runChecks(pair, { runner: fake.runner, fetcher, env: {} });
  return { ...report(results), calls: fake.calls };
}

const line = (lines: string[], check: string) => lines.find((l) => l.slice(5).startsWith(`${check}:`));

test('the plan is read from the synthesized JSON: project, region, node pool maximum, channel and version, Cloud SQL, DNS', () => {
  const plan = gcpPlan(pair.infra);
  expect([plan.project, plan.region]).toEqual(['my-spacelift-project', 'europe-west1']);
  expect(plan.nodePools.map((p) => [p.machineType, p.totalMax])).toEqual([['e2-standard-4', 6]]);
  expect(plan.clusters.map((c) => [c.channel, c.minMasterVersion])).toEqual([['REGULAR', '1.35']]);
  expect(plan.sql.map((s) => [s.tier, s.databaseVersion])).toEqual([['db-custom-2-7680', 'POSTGRES_16']]);
  expect(plan.sql[0]!.flags).toEqual(expect.arrayContaining(['log_connections', 'log_temp_files']));
  expect(plan.staticAddresses).toBe(1);
  expect(plan.dns).toEqual([{ zone: 'spacelift-zone', project: 'my-spacelift-project', names: ['spacelift.example.com.'] }]);
});

test('everything in place: ok lines (the custom Cloud SQL tier is a skip with why), exit code 0, only read-only commands', async () => {
  const { lines, exitCode, calls } = await run();
  expect(lines).toEqual([
    'ok   config: spacelift-gke-infra + spacelift-gke-platform synthesized (every synth-time check and the policy pack passed)',
    'ok   gcloud CLI: signed in as ops@example.com',
    'ok   project: my-spacelift-project is ACTIVE',
    'ok   region: europe-west1 is UP (3 zones)',
    'ok   machine type e2-standard-4: offered in europe-west1-b (4 vCPUs)',
    'ok   vCPU quota: CPUS: need 24 for 6 × e2-standard-4 (4 vCPUs), 44 free (4 of 48 in use) (autoscaler maximum)',
    'ok   static IP quota: need 1, 7 free in europe-west1',
    'ok   permissions: user:ops@example.com holds every role docs/gke.md lists (Service Usage Admin, Compute Network Admin, Kubernetes Engine Admin, Cloud SQL Admin, Storage Admin, Artifact Registry Admin, Service Account Admin, Service Account User, Project IAM Admin, DNS Administrator)',
    'ok   kubernetes version: 1.35 is offered in the REGULAR channel in europe-west1 (1.35.2-gke.1652000)',
    'skip postgres tier: db-custom-2-7680 is a custom machine type, which `gcloud sql tiers list` does not list per region (its shape was checked at synth)',
    "ok   postgres version: POSTGRES_16 is offered and takes the stack's 7 database flags",
    'ok   dns zone spacelift-zone: spacelift-zone serves spacelift.example.com. in project my-spacelift-project',
    expect.stringMatching(/^ok {3}chart cert-manager: /),
    expect.stringMatching(/^ok {3}chart traefik: /),
    expect.stringMatching(/^ok {3}chart spacelift-self-hosted: /),
    'preflight: 14 ok, 0 FAIL, 1 skip',
  ]);
  expect(exitCode).toBe(0);
  for (const c of calls) expect(allowedCommand(c)).toBeDefined();
  expect(calls.every((c) => c.includes('--format=json'))).toBe(true);
});

test('vCPU quota too low: FAIL with the quota the series draws from, the need and what is free', async () => {
  const region = fixtureJson('gcp', 'compute-regions-describe.json');
  region.quotas.find((q: any) => q.metric === 'CPUS').usage = 28;
  const { lines, exitCode } = await run([jsonRule(['gcloud', 'compute', 'regions', 'describe'], region)]);
  expect(line(lines, 'vCPU quota')).toBe('FAIL vCPU quota: CPUS: need 24 for 6 × e2-standard-4 (4 vCPUs), 20 free (28 of 48 in use) in europe-west1 at the autoscaler maximum — fix: request a quota increase (console: IAM & Admin > Quotas) or lower cluster.nodePool.maxNodes / the machine type');
  expect(exitCode).toBe(1);
});

test('E2 and N1 draw from CPUS; other series from their own quota when the region reports it', () => {
  const reported = (m: string) => ['CPUS', 'E2_CPUS', 'N2_CPUS', 'C3_CPUS'].includes(m);
  expect(cpuQuotaMetric('e2-standard-4', reported)).toBe('CPUS');
  expect(cpuQuotaMetric('n1-standard-8', reported)).toBe('CPUS');
  expect(cpuQuotaMetric('n2-standard-8', reported)).toBe('N2_CPUS');
  expect(cpuQuotaMetric('c3-standard-8', reported)).toBe('C3_CPUS');
  expect(cpuQuotaMetric('t2d-standard-4', reported)).toBe('CPUS');
});

test('static address quota exhausted: FAIL', async () => {
  const region = fixtureJson('gcp', 'compute-regions-describe.json');
  region.quotas.find((q: any) => q.metric === 'STATIC_ADDRESSES').usage = 8;
  const { lines } = await run([jsonRule(['gcloud', 'compute', 'regions', 'describe'], region)]);
  expect(line(lines, 'static IP quota')).toMatch(/^FAIL static IP quota: need 1 static external address\(es\), 0 free in europe-west1 \(8 of 8 in use\) — fix: /);
});

test('Kubernetes version not offered in the release channel, or the channel missing: FAIL', async () => {
  const cfg = fixtureJson('gcp', 'container-get-server-config.json');
  const regular = cfg.channels.find((c: any) => c.channel === 'REGULAR');
  regular.validVersions = regular.validVersions.filter((v: string) => !v.startsWith('1.35.'));
  let r = await run([jsonRule(['gcloud', 'container', 'get-server-config'], cfg)]);
  expect(line(r.lines, 'kubernetes version')).toBe('FAIL kubernetes version: the REGULAR channel in europe-west1 does not offer 1.35 (offered: 1.34) — fix: set cluster.kubernetesVersion to an offered version (or leave it out to follow the channel)');
  expect(r.exitCode).toBe(1);
  const noRegular = fixtureJson('gcp', 'container-get-server-config.json');
  noRegular.channels = noRegular.channels.filter((c: any) => c.channel !== 'REGULAR');
  r = await run([jsonRule(['gcloud', 'container', 'get-server-config'], noRegular)]);
  expect(line(r.lines, 'kubernetes version')).toMatch(/^FAIL kubernetes version: GKE in europe-west1 has no REGULAR release channel/);
});

test('machine type not offered in the zone: FAIL', async () => {
  const err: FakeRule = { argv: ['gcloud', 'compute', 'machine-types', 'describe'], exitCode: 1, stderr: "ERROR: (gcloud.compute.machine-types.describe) Could not fetch resource:\n - The resource 'projects/my-spacelift-project/zones/europe-west1-b/machineTypes/e2-standard-4' was not found\n\n" };
  const { lines, exitCode } = await run([err]);
  expect(line(lines, 'machine type e2-standard-4')).toMatch(/^FAIL machine type e2-standard-4: e2-standard-4 is not offered in zone europe-west1-b: .*was not found — fix: /);
  expect(line(lines, 'vCPU quota')).toBe('skip vCPU quota: the machine types could not be read');
  expect(exitCode).toBe(1);
});

test('Cloud SQL: a predefined tier not offered in the region, a version gcloud does not accept, a flag the version lacks: FAIL', async () => {
  const predefined = { ...pair, infra: JSON.parse(JSON.stringify(pair.infra).replace('"tier":"db-custom-2-7680"', '"tier":"db-perf-optimized-N-2"')) };
  const fake = fakeRunner(gcpRules());
  const { fetcher } = fakeFetcher(chartIndexes(pair));
  const offeredElsewhere = fixtureJson('gcp', 'sql-tiers-list.json').map((t: any) => (t.tier === 'db-perf-optimized-N-2' ? { ...t, region: ['us-central1'] } : t));
  const r1 = report(await runChecks(predefined, { runner: fakeRunner([jsonRule(['gcloud', 'sql', 'tiers', 'list'], offeredElsewhere), ...gcpRules()]).runner, fetcher, env: {} }));
  expect(line(r1.lines, 'postgres tier')).toBe('FAIL postgres tier: db-perf-optimized-N-2 is not offered in europe-west1 — fix: choose a tier offered there (`gcloud sql tiers list`; postgres.tier)');
  const r2 = report(await runChecks(predefined, { runner: fake.runner, fetcher, env: {} }));
  expect(line(r2.lines, 'postgres tier')).toBe('ok   postgres tier: db-perf-optimized-N-2 is offered in europe-west1');

  let r = await run([errorRule(['gcloud', 'sql', 'flags', 'list'], 'gcp', 'sql-flags-list.invalid-version.stderr', 2)]);
  expect(line(r.lines, 'postgres version')).toMatch(/^FAIL postgres version: Cloud SQL does not accept POSTGRES_16: \(gcloud.sql.flags.list\) argument --database-version: Invalid choice: .* — fix: set postgres.version to a version Cloud SQL offers, or update the Google Cloud CLI/);
  const fewer = fixtureJson('gcp', 'sql-flags-list.json').filter((f: any) => f.name !== 'log_lock_waits');
  r = await run([jsonRule(['gcloud', 'sql', 'flags', 'list'], fewer)]);
  expect(line(r.lines, 'postgres version')).toBe("FAIL postgres version: POSTGRES_16 does not take the database flag(s) log_lock_waits the stack sets — fix: choose a PostgreSQL version that supports them");
});

test('role missing: FAIL naming the roles docs/gke.md lists that the account lacks; roles held only by groups are a skip', async () => {
  const policy = fixtureJson('gcp', 'projects-get-ancestors-iam-policy.json');
  policy[0].policy.bindings = policy[0].policy.bindings.filter((b: any) => b.role !== 'roles/cloudsql.admin');
  let r = await run([jsonRule(['gcloud', 'projects', 'get-ancestors-iam-policy'], policy)]);
  expect(line(r.lines, 'permissions')).toBe('FAIL permissions: user:ops@example.com lacks Cloud SQL Admin (roles/cloudsql.admin) on my-spacelift-project — fix: have a project Owner grant Owner, or the missing roles (docs/gke.md, section 1)');
  expect(r.exitCode).toBe(1);
  policy[0].policy.bindings.push({ members: ['group:platform-team@example.com'], role: 'roles/cloudsql.admin' });
  r = await run([jsonRule(['gcloud', 'projects', 'get-ancestors-iam-policy'], policy)]);
  expect(line(r.lines, 'permissions')).toMatch(/^skip permissions: user:ops@example.com lacks Cloud SQL Admin directly, but groups hold them/);
});

test('permissions: without access to the ancestors, the project policy is read; Owner there is enough', async () => {
  const denied: FakeRule = { argv: ['gcloud', 'projects', 'get-ancestors-iam-policy'], exitCode: 1, stderr: 'ERROR: (gcloud.projects.get-ancestors-iam-policy) User is not permitted to access IAM policy for one or more of the ancestors\n' };
  const own = jsonRule(['gcloud', 'projects', 'get-iam-policy'], { bindings: [{ members: ['user:ops@example.com'], role: 'roles/owner' }], etag: 'BwYqf3Xb1Zk=', version: 1 });
  const { lines, calls } = await run([denied, own]);
  expect(line(lines, 'permissions')).toBe('ok   permissions: user:ops@example.com is Owner of my-spacelift-project');
  expect(calls.map((c) => c.slice(0, 3).join(' '))).toContain('gcloud projects get-iam-policy');
});

test('the roles checked are the ones docs/gke.md lists', () => {
  const doc = fs.readFileSync(path.join(packageRoot(), 'docs', 'gke.md'), 'utf8');
  const requirements = doc.slice(doc.indexOf('## 1. Requirements'), doc.indexOf('## 2.'));
  for (const r of GKE_DEPLOYER_ROLES) expect(requirements.replace(/\s+/g, ' ')).toContain(r.title);
  // Every role the section names is checked, and no other.
  expect([...new Set(requirements.match(/roles\/[A-Za-z.]+/g))].sort()).toEqual(GKE_DEPLOYER_ROLES.map((r) => r.role).sort());
});

test('DNS managed zone missing: FAIL with how to create it', async () => {
  const { lines, exitCode } = await run([errorRule(['gcloud', 'dns', 'managed-zones', 'describe'], 'gcp', 'dns-managed-zones-describe.not-found.stderr')]);
  expect(line(lines, 'dns zone spacelift-zone')).toMatch(/^FAIL dns zone spacelift-zone: no managed zone spacelift-zone in project my-spacelift-project — fix: create it \(`gcloud dns managed-zones create spacelift-zone/);
  expect(exitCode).toBe(1);
});

test('an API the infra stack turns on is still off: those checks are skipped with the reason, not failed', async () => {
  const { lines, exitCode } = await run([errorRule(['gcloud', 'compute', 'regions', 'describe'], 'gcp', 'compute-regions-describe.api-disabled.stderr')]);
  expect(line(lines, 'region')).toBe('skip region: compute.googleapis.com is off in project my-spacelift-project; the infra stack turns it on, so this cannot be read before (to check now: `gcloud services enable compute.googleapis.com --project my-spacelift-project`)');
  expect(line(lines, 'vCPU quota')).toMatch(/^skip vCPU quota: compute.googleapis.com is off/);
  expect(exitCode).toBe(0);
});

test('chart version not published: FAIL', async () => {
  const { lines, exitCode } = await run([], { unpublished: ['spacelift-self-hosted'] });
  expect(line(lines, 'chart spacelift-self-hosted')).toMatch(/^FAIL chart spacelift-self-hosted: version \S+ is not published in https:\/\/downloads\.spacelift\.io\/helm \(newest there: 0\.61\.0\)/);
  expect(exitCode).toBe(1);
});

test('not signed in (no credentialed account) or gcloud not installed: FAIL and the cloud checks skipped', async () => {
  let r = await run([{ argv: ['gcloud', 'auth', 'list'], stdout: '[]\n', stderr: fs.readFileSync(path.join(FIXTURES, 'gcp', 'auth-list.none.stderr'), 'utf8') }]);
  expect(r.lines[1]).toBe('FAIL gcloud CLI: no account is signed in to the Google Cloud CLI — fix: run `gcloud auth login` and `gcloud auth application-default login` (Terraform uses the application-default credentials)');
  expect(line(r.lines, 'project')).toBe('skip project: needs a signed-in Google Cloud CLI');
  expect(r.exitCode).toBe(1);
  r = await run([], { runner: notInstalledRunner() });
  expect(r.lines[1]).toMatch(/^FAIL gcloud CLI: gcloud is not installed \(not on the PATH\) — fix: install the Google Cloud CLI/);
  expect(r.exitCode).toBe(1);
});

test('project not reachable: FAIL and the rest skipped', async () => {
  const { lines } = await run([{ argv: ['gcloud', 'projects', 'describe'], exitCode: 1, stderr: 'ERROR: (gcloud.projects.describe) [ops@example.com] does not have permission to access projects instance [my-spacelift-project] (or it may not exist): The caller does not have permission. This command is authenticated as ops@example.com which is the active account specified by the [core/account] property\n' }]);
  expect(line(lines, 'project')).toMatch(/^FAIL project: project my-spacelift-project is not reachable as ops@example.com: .*does not have permission/);
  expect(line(lines, 'region')).toBe('skip region: needs access to project my-spacelift-project');
});
