import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageRoot } from '../../lib/core/package-root';
import { DEPLOYMENT_KIND_NAMES } from '../../stacks/deployments';

/** Every file under `dir`, relative path -> bytes. */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/**
 * The entry point's process settings make the synth cheaper and change nothing in what it writes: every shipped
 * example synthesized with and without them gives the same files, byte for byte (bench/synth-all, as the benchmark
 * runs it, in child processes with the same working directory).
 */
// Every shipped example: the token resolver (one of the settings) sees every value every stack synthesizes.
const KINDS = DEPLOYMENT_KIND_NAMES.join(',');

test('the synthesized output of every shipped example is the same with and without the process settings', () => {
  const synthAll = path.resolve(__dirname, '..', '..', 'bench', 'synth-all.js');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'process-settings-'));
  try {
    const run = (out: string, ...flags: string[]) => {
      const r = spawnSync(process.execPath, [synthAll, '--out', path.join(work, out), ...flags], { cwd: packageRoot(), encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      return JSON.parse(r.stdout) as { stacks: string[] };
    };
    const withSettings = run('with', '--kinds', KINDS);
    run('without', '--kinds', KINDS, '--no-process-settings');
    expect(withSettings.stacks).toEqual(expect.arrayContaining(['own-stack', 'spacelift-aks-infra', 'spacelift-gke-platform', 'taskcluster-eks-infra']));
    const a = tree(path.join(work, 'with'));
    const b = tree(path.join(work, 'without'));
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    expect([...a.keys()].filter((k) => k.endsWith('cdk.tf.json'))).toHaveLength(withSettings.stacks.length);
    for (const [file, bytes] of a) expect({ file, same: bytes.equals(b.get(file)!) }).toEqual({ file, same: true });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});

describe('main.ts as the entry point', () => {
  const dist = path.resolve(__dirname, '..', '..');
  const recorder = path.join(dist, 'test', 'support', 'entry-point-recorder.js');
  function run(args: string[]): { cdktfWithInlineMap: boolean; creationStackFrames: number; fastTokenResolution: boolean } {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'entry-point-'));
    try {
      const env = { ...process.env, PLATFORM_CONFIG: path.join(packageRoot(), 'examples', 'spacelift-gke', 'config.yaml'), CDKTF_OUTDIR: path.join(out, 'cdktf.out') };
      const r = spawnSync(process.execPath, ['--require', recorder, ...args], { cwd: out, env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      return JSON.parse(r.stdout);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }

  test('makes the process settings before anything loads cdktf', () => {
    expect(run([path.join(dist, 'main.js')])).toEqual({ cdktfWithInlineMap: false, creationStackFrames: 10, fastTokenResolution: true });
  });

  test('imported (not run), makes none', () => {
    const r = run(['-e', `require(${JSON.stringify(path.join(dist, 'main.js'))})`]);
    expect(r.cdktfWithInlineMap).toBe(true);
    expect(r.creationStackFrames).toBeGreaterThan(30);
    expect(r.fastTokenResolution).toBe(false);
  });
});
