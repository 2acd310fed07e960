/**
 * `npm run bench`: measures, on this machine, the wall time, CPU time (user + system: steadier than wall time on a
 * shared machine) and peak memory of synthesizing every shipped example (deep provider imports and the entry point's
 * process settings, as the app does), the same without the process settings, the same with the providers loaded
 * from their package roots, and the ratio; one `tsc` type-check; the whole `npx cdktf synth` (CLI, incremental compile and app); and `npm test`
 * with its slowest suites. Prints measured figures only, and exits non-zero when one goes over its budget: synth
 * 1.5 s wall and 300 MiB peak, `npx cdktf synth` 5 s, `npm test` 3 minutes. `BENCH_SKIP_TESTS=1` leaves the test run
 * out (it takes minutes).
 *
 * The speed of these shared machines changes by up to 1.8x from one minute to the next (a fixed loop takes 0.65 to
 * 1.15 s), so the report starts and ends with that loop's time: read the figures against it (the figures in
 * docs/architecture.md say which loop time they were measured at).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageRoot } from '../lib/core/package-root';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BUDGET_WALL_S = 1.5;
const BUDGET_RSS_MIB = 300;
const root = packageRoot();
const entry = path.join(root, 'dist', 'bench', 'synth-all.js');

interface Sample {
  wallS: number;
  cpuS: number;
  rssMiB: number;
  stacks: string[];
}

function once(args: string[]): Sample {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [entry, ...args], { cwd: root, encoding: 'utf8' });
  const wallS = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`synth failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { stacks: string[]; maxRssKb: number; cpuMs: number };
  return { wallS, cpuS: out.cpuMs / 1000, rssMiB: out.maxRssKb / 1024, stacks: out.stacks };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Result {
  wall: number;
  cpu: number;
  rss: number;
}

/**
 * Runs the variants in turn, RUNS rounds after one warm-up round, so a slow spell of a shared machine hits them alike;
 * prints and returns each one's medians and peak.
 */
function measure(variants: readonly { label: string; args: string[] }[]): Result[] {
  for (const v of variants) once(v.args); // warm the file cache
  const samples = variants.map(() => [] as Sample[]);
  for (let i = 0; i < RUNS; i++) variants.forEach((v, k) => samples[k]!.push(once(v.args)));
  return variants.map((v, k) => {
    const xs = samples[k]!;
    const wall = median(xs.map((s) => s.wallS));
    const cpu = median(xs.map((s) => s.cpuS));
    const rss = Math.max(...xs.map((s) => s.rssMiB));
    console.log(
      `${v.label.padEnd(34)} wall median ${wall.toFixed(3)} s (min ${Math.min(...xs.map((s) => s.wallS)).toFixed(3)}, max ${Math.max(...xs.map((s) => s.wallS)).toFixed(3)})` +
        `   CPU median ${cpu.toFixed(3)} s (min ${Math.min(...xs.map((s) => s.cpuS)).toFixed(3)})   peak RSS ${rss.toFixed(0)} MiB   stacks: ${xs[0]!.stacks.join(', ')}`,
    );
    return { wall, cpu, rss };
  });
}

/** Seconds a fixed CPU-bound loop takes in a fresh Node process: how fast this machine is right now. */
function machineSpeed(): number {
  const r = spawnSync(process.execPath, ['-e', 'let t=process.hrtime.bigint(),x=0;for(let i=0;i<3e8;i++)x+=i%7;process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e9))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

// Only what is measured now: the host (its CPU model) and how fast it runs a fixed loop at this moment. Figures seen on
// other hosts and days are in docs/architecture.md ("Nine examples").
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores; a fixed loop (3e8 iterations) takes ${machineSpeed().toFixed(2)} s now`);
console.log(`node ${process.version}, ${RUNS} rounds (after one warm-up), every shipped example synthesized in one process`);
const [deep, plain] = measure([
  { label: 'deep imports (the library)', args: [] },
  { label: 'without the process settings', args: ['--no-process-settings'] },
]) as [Result, Result];
console.log(`process settings save: wall ${((1 - deep.wall / plain.wall) * 100).toFixed(0)}%, CPU ${((1 - deep.cpu / plain.cpu) * 100).toFixed(0)}%`);
const [roots] = measure([{ label: 'provider package-root imports', args: ['--root-imports'] }]) as [Result];
console.log(`ratio package-root / deep: wall ${(roots.wall / deep.wall).toFixed(1)}x, peak RSS ${(roots.rss / deep.rss).toFixed(1)}x`);

const tscStart = process.hrtime.bigint();
const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', root, '--noEmit'], { cwd: root, encoding: 'utf8' });
const tscS = Number(process.hrtime.bigint() - tscStart) / 1e9;
console.log(`tsc --noEmit (whole project incl. tests): ${tscS.toFixed(2)} s, exit ${tsc.status}`);

// The README's main command as a user runs it: the cdktf CLI, the app's incremental compile, the synth of every
// embedded example.
const cliRuns = Array.from({ length: 4 }, () => {
  const start = process.hrtime.bigint();
  const r = spawnSync('npx', ['cdktf', 'synth'], { cwd: root, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  if (r.status !== 0) throw new Error(`npx cdktf synth failed: ${r.stderr}${r.stdout}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}).slice(1); // the first run compiles from scratch if dist/ is stale
const cliS = median(cliRuns);
console.log(`npx cdktf synth (CLI + incremental compile + app): wall median ${cliS.toFixed(2)} s of ${cliRuns.map((x) => x.toFixed(2)).join(', ')}`);

let testS: number | undefined;
if (process.env.BENCH_SKIP_TESTS !== '1') {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-tests-')), 'jest.json');
  const start = process.hrtime.bigint();
  const r = spawnSync('npm', ['test', '--', '--json', `--outputFile=${report}`], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  testS = Number(process.hrtime.bigint() - start) / 1e9;
  const results = JSON.parse(fs.readFileSync(report, 'utf8')) as { numTotalTests: number; numFailedTests: number; testResults: { name: string; startTime: number; endTime: number }[] };
  console.log(`npm test: ${testS.toFixed(1)} s wall, exit ${r.status}, ${results.testResults.length} suites, ${results.numTotalTests} tests, ${results.numFailedTests} failed; slowest suites:`);
  const suites = results.testResults.map((t) => ({ name: path.relative(path.join(root, 'dist-test'), t.name), s: (t.endTime - t.startTime) / 1000 })).sort((a, b) => b.s - a.s);
  for (const t of suites.slice(0, 12)) console.log(`  ${t.s.toFixed(1).padStart(5)} s  ${t.name}`);
}

console.log(`machine speed at the end: the fixed loop takes ${machineSpeed().toFixed(2)} s`);

const over: string[] = [];
if (cliS > 5) over.push(`npx cdktf synth ${cliS.toFixed(2)} s > 5 s`);
if (testS !== undefined && testS > 180) over.push(`npm test ${testS.toFixed(0)} s > 180 s`);
if (deep.wall > BUDGET_WALL_S) over.push(`synth wall ${deep.wall.toFixed(3)} s > ${BUDGET_WALL_S} s`);
if (deep.rss > BUDGET_RSS_MIB) over.push(`synth peak ${deep.rss.toFixed(0)} MiB > ${BUDGET_RSS_MIB} MiB`);
if (tscS > 20) over.push(`tsc ${tscS.toFixed(1)} s > 20 s`);
console.log(over.length === 0 ? `within budget (synth < ${BUDGET_WALL_S} s and < ${BUDGET_RSS_MIB} MiB, tsc < 20 s, npx cdktf synth < 5 s${testS === undefined ? '' : ', npm test < 180 s'})` : `OVER BUDGET: ${over.join('; ')}`);
process.exit(over.length === 0 ? 0 : 1);
