import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { packageRoot } from '../lib/core/package-root';
import { exampleConfig } from './support/synth';

/**
 * The compiled app as `cdktf synth` runs it (cdktf.json: `node scripts/synth-app.js`, which runs dist/main.js), in a
 * child process: which config it picks, where it writes, how it writes (in place, keeping what Terraform keeps in the
 * stack folders) and how it fails. The last tests run the real cdktf CLI (`npx cdktf synth`).
 */
const root = packageRoot();
const mainJs = path.join(root, 'dist', 'main.js');

beforeAll(() => {
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.build.json')], { encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`build failed: ${tsc.stdout}${tsc.stderr}`);
});

/** The environment of the test process without what would steer the app. */
function cleanEnv(): Record<string, string> {
  const steering = ['PLATFORM_CONFIG', 'CDKTF_OUTDIR', 'CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS', 'CDKTF_CONTEXT_JSON'];
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !steering.includes(k))) as Record<string, string>;
}

function run(cwd: string, env: Record<string, string>) {
  return spawnSync(process.execPath, [mainJs], { cwd, env: { ...cleanEnv(), ...env }, encoding: 'utf8' });
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'main-'));
}

function writeConfig(dir: string, file: string, patch: (c: any) => void = () => undefined): string {
  const config = exampleConfig() as any;
  patch(config);
  fs.writeFileSync(path.join(dir, file), stringify(config));
  return path.join(dir, file);
}

// The embedded examples (Taskcluster's are built with PLATFORM_CONFIG until they fit the synth budget).
const EXAMPLE_STACKS = ['spacelift', 'taskcluster', 'estafette'].flatMap((app) => ['aks', 'eks', 'gke'].flatMap((c) => [`${app}-${c}-infra`, `${app}-${c}-platform`])).sort();

/** Every file under `dir` with its content, `.terraform` included. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      out[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  }
  return out;
}

/** What `terraform init` leaves in a stack folder: providers under .terraform, the backend's state pointer, the lock file. */
function initialise(stackDir: string): void {
  fs.mkdirSync(path.join(stackDir, '.terraform', 'providers', 'registry.terraform.io', 'hashicorp', 'azurerm', '4.55.0', 'linux_amd64'), { recursive: true });
  fs.writeFileSync(path.join(stackDir, '.terraform', 'providers', 'registry.terraform.io', 'hashicorp', 'azurerm', '4.55.0', 'linux_amd64', 'terraform-provider-azurerm_v4.55.0_x5'), 'provider binary');
  fs.writeFileSync(path.join(stackDir, '.terraform', 'terraform.tfstate'), '{"version":3,"backend":{"type":"local"}}');
  fs.writeFileSync(path.join(stackDir, '.terraform.lock.hcl'), 'provider "registry.terraform.io/hashicorp/azurerm" {\n  version = "4.55.0"\n}\n');
}

function terraformFiles(stackDir: string): Record<string, string> {
  return Object.fromEntries(Object.entries(snapshot(stackDir)).filter(([f]) => f.startsWith('.terraform')));
}

test('with no config anywhere it synthesizes every embedded example (a stack pair per app and cloud) into $CDKTF_OUTDIR', () => {
  const dir = tmp();
  const r = run(dir, { CDKTF_OUTDIR: path.join(dir, 'out') });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(fs.readdirSync(path.join(dir, 'out', 'stacks')).sort()).toEqual(EXAMPLE_STACKS);
});

test('./platform.config.yaml in the working folder replaces the example', () => {
  const dir = tmp();
  writeConfig(dir, 'platform.config.yaml', (c) => (c.name = 'acme'));
  const r = run(dir, { CDKTF_OUTDIR: path.join(dir, 'out') });
  expect(r.status).toBe(0);
  expect(fs.readdirSync(path.join(dir, 'out', 'stacks')).sort()).toEqual(['acme-aks-infra', 'acme-aks-platform']);
});

test('$PLATFORM_CONFIG wins over ./platform.config.yaml', () => {
  const dir = tmp();
  writeConfig(dir, 'platform.config.yaml', (c) => (c.name = 'local'));
  writeConfig(dir, 'chosen.yaml', (c) => (c.name = 'chosen'));
  const r = run(dir, { CDKTF_OUTDIR: path.join(dir, 'out'), PLATFORM_CONFIG: 'chosen.yaml' });
  expect(r.status).toBe(0);
  expect(fs.readdirSync(path.join(dir, 'out', 'stacks')).sort()).toEqual(['chosen-aks-infra', 'chosen-aks-platform']);
});

test('a bad config exits 1 with one line (file, line, column, field as written, value as typed), once, and leaves the old output alone', () => {
  const dir = tmp();
  const out = path.join(dir, 'out');
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, 'previous.txt'), 'kept');
  const file = writeConfig(dir, 'bad.yaml', (c) => (c.cluster.kubernetesVersion = '1.20'));
  const line = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('kubernetesVersion')) + 1;
  const r = run(dir, { CDKTF_OUTDIR: out, PLATFORM_CONFIG: 'bad.yaml' });
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  // The file as the user named it from the working folder.
  expect(r.stderr).toBe(`bad.yaml:${line}:22: invalid cluster.kubernetesVersion "1.20"; allowed: a Kubernetes version AKS supports: 1.35, 1.36 (with or without a patch number)\n`);
  expect(fs.readdirSync(out)).toEqual(['previous.txt']);
  expect(fs.readdirSync(dir).filter((f) => f.includes('staging'))).toEqual([]);
});

test('a policy finding exits 1 with the file and the finding (resource, rule, fix) and no stack trace, and writes nothing', () => {
  const dir = tmp();
  const out = path.join(dir, 'out');
  writeConfig(dir, 'free.yaml', (c) => (c.cluster.skuTier = 'Free'));
  const r = run(dir, { CDKTF_OUTDIR: out, PLATFORM_CONFIG: 'free.yaml' });
  expect(r.status).toBe(1);
  expect(r.stderr.startsWith(`free.yaml: Validation failed with the following errors:\n`)).toBe(true);
  expect(r.stderr).toContain('AZ-AKS-009');
  expect(r.stderr).toContain('spacelift-aks-infra/cluster');
  // cdktf's own advice (skipValidation in the App's code) is not for people with a config file.
  expect(r.stderr).not.toContain('skipValidation');
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(fs.existsSync(out)).toBe(false);
});

describe('synthesizing again writes in place', () => {
  test('.terraform and the lock file of an initialised stack survive another synth; the synthesized files are replaced', () => {
    const dir = tmp();
    const out = path.join(dir, 'out');
    writeConfig(dir, 'platform.config.yaml');
    expect(run(dir, { CDKTF_OUTDIR: out }).status).toBe(0);
    const stack = path.join(out, 'stacks', 'spacelift-aks-infra');
    initialise(stack);
    const terraform = terraformFiles(stack);
    // What this synth does not write any more goes (an HCL synth's file), as does an edit of a synthesized file.
    fs.writeFileSync(path.join(stack, 'cdk.tf'), 'stale');
    fs.writeFileSync(path.join(stack, 'cdk.tf.json'), '{}');
    const r = run(dir, { CDKTF_OUTDIR: out });
    expect(r.stderr).toBe('');
    expect(terraformFiles(stack)).toEqual(terraform);
    // `assets` holds the local cluster-issuers chart the install_commands output installs.
    expect(fs.readdirSync(stack).sort()).toEqual(['.terraform', '.terraform.lock.hcl', 'assets', 'cdk.tf.json']);
    expect(JSON.parse(fs.readFileSync(path.join(stack, 'cdk.tf.json'), 'utf8')).resource).toBeDefined();
    expect(fs.readdirSync(path.join(out, 'stacks')).sort()).toEqual(['spacelift-aks-infra', 'spacelift-aks-platform']);
  });

  test('a bad config after a good synth changes no file of the output', () => {
    const dir = tmp();
    const out = path.join(dir, 'out');
    writeConfig(dir, 'good.yaml');
    expect(run(dir, { CDKTF_OUTDIR: out, PLATFORM_CONFIG: 'good.yaml' }).status).toBe(0);
    initialise(path.join(out, 'stacks', 'spacelift-aks-infra'));
    const before = snapshot(out);
    writeConfig(dir, 'bad.yaml', (c) => (c.postgres.backupRetentionDays = 3));
    const r = run(dir, { CDKTF_OUTDIR: out, PLATFORM_CONFIG: 'bad.yaml' });
    expect(r.status).toBe(1);
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(dir).filter((f) => f.includes('staging'))).toEqual([]);
  });

  test('the output folder may be new, with its parent folders', () => {
    const dir = tmp();
    const out = path.join(dir, 'a', 'b', 'out');
    writeConfig(dir, 'platform.config.yaml');
    expect(run(dir, { CDKTF_OUTDIR: out }).status).toBe(0);
    expect(fs.readdirSync(path.join(out, 'stacks')).sort()).toEqual(['spacelift-aks-infra', 'spacelift-aks-platform']);
  });
});

/**
 * `npx cdktf synth` as the README has it (`npx: false`: the same CLI without npx's own start-up), with the output in
 * `out` and CHECKPOINT_DISABLE as the README advises offline.
 */
function cdktfSynth(out: string, env: Record<string, string> = {}, npx = false) {
  const [command, args] = npx ? ['npx', ['cdktf']] : [process.execPath, [path.join(root, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf')]];
  const r = spawnSync(command, [...args, 'synth', '--output', out], { cwd: root, env: { ...cleanEnv(), CHECKPOINT_DISABLE: '1', ...env }, encoding: 'utf8' });
  // Without colours and the spinner's cursor movements: what a person reads.
  const text = `${r.stdout}\n${r.stderr}`.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
  return { status: r.status, text };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('the real cdktf CLI: errors reported once, nothing changed by a bad config, .terraform kept, switching configs', () => {
  const dir = tmp();
  const out = path.join(dir, 'cdktf.out');
  const good = writeConfig(dir, 'good.yaml');

  // 1. A bad config before there is any output: the error once (the CLI prints the manifest's error annotation).
  const first = writeConfig(dir, 'first.yaml', (c) => (c.postgres.backupRetentionDays = 3));
  const none = cdktfSynth(out, { PLATFORM_CONFIG: first }, true);
  expect(none.status).toBe(1);
  expect(none.text.split('invalid postgres.backupRetentionDays 3; allowed: an integer from 7 to 35').length - 1).toBe(1);
  expect(none.text).not.toContain('checkpoint-api');

  // 2. A good synth (the placeholder that carried the error is gone), an initialised stack folder, then a bad config:
  //    the error once, and every file as it was, Terraform's included.
  expect(cdktfSynth(out, { PLATFORM_CONFIG: good }).status).toBe(0);
  expect(fs.readdirSync(path.join(out, 'stacks')).sort()).toEqual(['spacelift-aks-infra', 'spacelift-aks-platform']);
  const stack = path.join(out, 'stacks', 'spacelift-aks-infra');
  initialise(stack);
  const terraform = terraformFiles(stack);
  const before = snapshot(path.join(out, 'stacks'));
  const bad = writeConfig(dir, 'bad.yaml', (c) => (c.cluster.apiServerAuthorizedIpRanges = ['203.0.113.7']));
  const failed = cdktfSynth(out, { PLATFORM_CONFIG: bad });
  expect(failed.status).toBe(1);
  const message = 'invalid cluster.apiServerAuthorizedIpRanges[0] 203.0.113.7;';
  expect(failed.text.split(message).length - 1).toBe(1);
  expect(failed.text).toMatch(new RegExp(`ERROR \\[${escape(bad)}:\\d+:\\d+\\]: ${escape(message)} allowed: .*; a single address is written 203\\.0\\.113\\.7/32`));
  expect(snapshot(path.join(out, 'stacks'))).toEqual(before);

  // 3. The good config again: the stack folder keeps .terraform and the lock file.
  expect(cdktfSynth(out, { PLATFORM_CONFIG: good }).status).toBe(0);
  expect(terraformFiles(stack)).toEqual(terraform);

  // 4. Another config with another name: the first synth after the switch succeeds (the CLI's clean-up used to fail
  //    with ENOENT on the stack folders the app had already replaced), and only the new pair is left.
  const acme = writeConfig(dir, 'acme.yaml', (c) => (c.name = 'acme'));
  const switched = cdktfSynth(out, { PLATFORM_CONFIG: acme });
  expect(switched.text).not.toContain('ENOENT');
  expect(switched.status).toBe(0);
  expect(fs.readdirSync(path.join(out, 'stacks')).sort()).toEqual(['acme-aks-infra', 'acme-aks-platform']);
  expect(Object.keys(JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).stacks).sort()).toEqual(['acme-aks-infra', 'acme-aks-platform']);
});
