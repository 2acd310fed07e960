import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { packageRoot } from '../lib/core/package-root';
import { exampleConfig } from './support/synth';

/**
 * The compiled app as `cdktf synth` runs it (cdktf.json: `node dist/main.js`), in a child process: which config it
 * picks, where it writes, and how it fails.
 */
const root = packageRoot();
const mainJs = path.join(root, 'dist', 'main.js');

beforeAll(() => {
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.build.json')], { encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`build failed: ${tsc.stdout}${tsc.stderr}`);
});

function run(cwd: string, env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'PLATFORM_CONFIG' && k !== 'CDKTF_OUTDIR')) as Record<string, string>;
  return spawnSync(process.execPath, [mainJs], { cwd, env: { ...clean, ...env }, encoding: 'utf8' });
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'main-'));
}

test('with no config anywhere it synthesizes every embedded example (one stack pair per cloud) into $CDKTF_OUTDIR', () => {
  const dir = tmp();
  const r = run(dir, { CDKTF_OUTDIR: path.join(dir, 'out') });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(fs.readdirSync(path.join(dir, 'out', 'stacks')).sort()).toEqual([
    'spacelift-aks-infra',
    'spacelift-aks-platform',
    'spacelift-eks-infra',
    'spacelift-eks-platform',
    'spacelift-gke-infra',
    'spacelift-gke-platform',
  ]);
});

test('./platform.config.yaml in the working folder replaces the example', () => {
  const dir = tmp();
  const config = exampleConfig();
  config.name = 'acme';
  fs.writeFileSync(path.join(dir, 'platform.config.yaml'), stringify(config));
  const r = run(dir, { CDKTF_OUTDIR: path.join(dir, 'out') });
  expect(r.status).toBe(0);
  expect(fs.readdirSync(path.join(dir, 'out', 'stacks')).sort()).toEqual(['acme-aks-infra', 'acme-aks-platform']);
});

test('$PLATFORM_CONFIG wins over ./platform.config.yaml', () => {
  const dir = tmp();
  const local = exampleConfig();
  local.name = 'local';
  fs.writeFileSync(path.join(dir, 'platform.config.yaml'), stringify(local));
  const chosen = exampleConfig();
  chosen.name = 'chosen';
  fs.writeFileSync(path.join(dir, 'chosen.yaml'), stringify(chosen));
  const r = run(dir, { CDKTF_OUTDIR: path.join(dir, 'out'), PLATFORM_CONFIG: 'chosen.yaml' });
  expect(r.status).toBe(0);
  expect(fs.readdirSync(path.join(dir, 'out', 'stacks')).sort()).toEqual(['chosen-aks-infra', 'chosen-aks-platform']);
});

test('a bad config exits 1 with one line naming the field and value, and leaves the old output alone', () => {
  const dir = tmp();
  const out = path.join(dir, 'out');
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, 'previous.txt'), 'kept');
  const config = exampleConfig();
  config.cluster.kubernetesVersion = '1.20';
  fs.writeFileSync(path.join(dir, 'bad.yaml'), stringify(config));
  const r = run(dir, { CDKTF_OUTDIR: out, PLATFORM_CONFIG: 'bad.yaml' });
  expect(r.status).toBe(1);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain('spacelift-aks-infra/cluster: invalid kubernetesVersion "1.20"; allowed:');
  expect(fs.readdirSync(out)).toEqual(['previous.txt']);
  expect(fs.readdirSync(dir).filter((f) => f.includes('staging'))).toEqual([]);
});

test('a policy finding exits 1 with the finding (resource, rule, fix) and no stack trace, and writes nothing', () => {
  const dir = tmp();
  const out = path.join(dir, 'out');
  const config = exampleConfig();
  config.cluster.skuTier = 'Free';
  fs.writeFileSync(path.join(dir, 'free.yaml'), stringify(config));
  const r = run(dir, { CDKTF_OUTDIR: out, PLATFORM_CONFIG: 'free.yaml' });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('AZ-AKS-009');
  expect(r.stderr).toContain('spacelift-aks-infra/cluster');
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(fs.existsSync(out)).toBe(false);
});
