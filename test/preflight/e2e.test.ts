import { spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { packageRoot } from '../../lib/core/package-root';
import { allowedCommand } from '../../preflight/runner';
import { FakeRule } from './fake-cli';
import { CONFIGS, FAKE_CLI, awsRules, azureRules, chartIndexes, errorRule, gcpRules, synthTestConfig } from './support';

/**
 * The command the docs tell users to type, `npm run preflight`, run for real: the npm script builds and runs the
 * program, with fake `az`, `gcloud` and `aws` executables first on the PATH (they answer with the recorded responses
 * and log their argv) and the chart indexes served by a local HTTP server (PREFLIGHT_CHART_INDEX_MIRROR, test-only).
 */
const root = packageRoot();
const built = path.join(root, 'dist', 'preflight-app', 'preflight', 'main.js');
let server: http.Server;
let mirror: string;
let work: string;
const served = new Map<string, string>();

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-e2e-'));
  const bin = path.join(work, 'bin');
  fs.mkdirSync(bin);
  for (const cli of ['az', 'gcloud', 'aws']) {
    fs.writeFileSync(path.join(bin, cli), `#!/bin/sh\nexec "${process.execPath}" "${FAKE_CLI}" ${cli} "$@"\n`, { mode: 0o755 });
  }
  // Every test config pins the same charts; serve the recorded indexes with those versions in them.
  for (const [key, text] of chartIndexes(synthTestConfig('aks'))) served.set(`/${key}`, text);
  server = http.createServer((req, res) => {
    const text = served.get(req.url ?? '');
    res.writeHead(text === undefined ? 404 : 200, { 'content-type': 'text/yaml' });
    res.end(text ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(work, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The check lines and the summary (npm's own banner left out). */
  lines: string[];
  /** Every argv the fake CLIs received. */
  calls: string[][];
  /** What the program left in its temporary folder. */
  leftInTmp: string[];
}

function runCommand(name: string, command: string[], rules: FakeRule[], config: string): Promise<Run> {
  const dir = fs.mkdtempSync(path.join(work, `${name}-`));
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp);
  const log = path.join(dir, 'calls.log');
  fs.writeFileSync(path.join(dir, 'rules.json'), JSON.stringify(rules));
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !['PLATFORM_CONFIG', 'ARM_SUBSCRIPTION_ID', 'AWS_PROFILE'].includes(k))),
    PATH: `${path.join(work, 'bin')}${path.delimiter}${process.env.PATH}`,
    PLATFORM_CONFIG: path.join(CONFIGS, config),
    FAKE_CLI_RULES: path.join(dir, 'rules.json'),
    FAKE_CLI_LOG: log,
    PREFLIGHT_CHART_INDEX_MIRROR: mirror,
    TMPDIR: tmp,
    npm_config_update_notifier: 'false',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as string[]) : [];
      const lines = stdout.split('\n').filter((l) => /^(ok {3}|FAIL |skip |preflight: )/.test(l));
      resolve({ code, stdout, stderr, lines, calls, leftInTmp: fs.readdirSync(tmp) });
    });
  });
}

test('`npm run preflight` with PLATFORM_CONFIG (AKS, everything in place): one ok line per check, exit 0, read-only calls only, nothing left behind', async () => {
  const cdktfOut = path.join(root, 'cdktf.out');
  const before = fs.existsSync(cdktfOut) ? fs.statSync(cdktfOut).mtimeMs : undefined;
  const r = await runCommand('aks', ['npm', 'run', 'preflight'], azureRules(), 'aks.yaml');
  expect(r.stderr).not.toMatch(/error|preflight:/i);
  expect(r.lines).toEqual([
    'ok   config: spacelift-aks-infra + spacelift-aks-platform synthesized (every synth-time check and the policy pack passed)',
    expect.stringMatching(/^ok {3}az CLI: signed in as ops@contoso.com/),
    expect.stringMatching(/^ok {3}subscription: /),
    'ok   region: westeurope is available to the subscription',
    expect.stringMatching(/^ok {3}permissions: /),
    'ok   vm size Standard_D4ds_v5: offered in westeurope in zones 1, 2, 3',
    expect.stringMatching(/^ok {3}vCPU quota: /),
    'ok   kubernetes version: 1.35 is offered in westeurope',
    expect.stringMatching(/^ok {3}postgres sku: /),
    'ok   postgres version: PostgreSQL 16 is offered in westeurope',
    expect.stringMatching(/^ok {3}dns zone spacelift.example.com: /),
    expect.stringMatching(/^ok {3}chart cert-manager: /),
    expect.stringMatching(/^ok {3}chart traefik: /),
    expect.stringMatching(/^ok {3}chart spacelift-self-hosted: /),
    'preflight: 14 ok, 0 FAIL, 0 skip',
  ]);
  expect(r.code).toBe(0);
  expect(r.calls.length).toBeGreaterThanOrEqual(8);
  for (const c of r.calls) expect([c.join(' '), allowedCommand(c) !== undefined]).toEqual([c.join(' '), true]);
  expect(r.leftInTmp).toEqual([]);
  expect(fs.existsSync(cdktfOut) ? fs.statSync(cdktfOut).mtimeMs : undefined).toBe(before);
});

// The tests below run the program the first test's `npm run preflight` built.
test('the built program on the GKE config with the DNS zone missing: the FAIL line and exit 1', async () => {
  const rules = [errorRule(['gcloud', 'dns', 'managed-zones', 'describe'], 'gcp', 'dns-managed-zones-describe.not-found.stderr'), ...gcpRules()];
  const r = await runCommand('gke', [process.execPath, built], rules, 'gke.yaml');
  expect(r.lines).toContainEqual(expect.stringMatching(/^FAIL dns zone spacelift-zone: no managed zone spacelift-zone in project my-spacelift-project — fix: /));
  expect(r.lines[r.lines.length - 1]).toBe('preflight: 13 ok, 1 FAIL, 1 skip');
  expect(r.code).toBe(1);
  for (const c of r.calls) expect(allowedCommand(c)).toBeDefined();
  expect(r.leftInTmp).toEqual([]);
});

test('`npm run preflight -- --config <file>` (EKS; --config wins over $PLATFORM_CONFIG) with a chart index the mirror does not have: FAIL and exit 1', async () => {
  const key = [...served.keys()].find((k) => k.includes('traefik'))!;
  const saved = served.get(key)!;
  served.delete(key);
  try {
    const r = await runCommand('eks', ['npm', 'run', 'preflight', '--', '--config', path.join(CONFIGS, 'eks.yaml')], awsRules(), 'does-not-exist.yaml');
    expect(r.lines).toContainEqual(`FAIL chart traefik: could not read the index of https://traefik.github.io/charts (HTTP 404 from ${mirror}/traefik.github.io/charts/index.yaml) — fix: check the repository URL and that this machine reaches it over HTTPS (Helm fetches the chart from there at deploy time)`);
    expect(r.lines[r.lines.length - 1]).toBe('preflight: 14 ok, 1 FAIL, 0 skip');
    expect(r.code).toBe(1);
  } finally {
    served.set(key, saved);
  }
});

test('with no az on the PATH at all, the CLI check fails with how to install it', async () => {
  const bare = path.join(work, 'bare');
  fs.mkdirSync(bare, { recursive: true });
  const env = { ...process.env, PATH: bare, PLATFORM_CONFIG: path.join(CONFIGS, 'aks.yaml'), PREFLIGHT_CHART_INDEX_MIRROR: mirror };
  const out = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
    const child = spawn(process.execPath, [built], { cwd: root, env });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('close', (code) => resolve({ code, stdout }));
  });
  expect(out.stdout).toContain('FAIL az CLI: az is not installed (not on the PATH) — fix: install the Azure CLI');
  expect(out.stdout).toContain('skip vCPU quota: needs a signed-in Azure CLI');
  expect(out.code).toBe(1);
});
