/**
 * `npm run bench`: measures, on this machine, the wall time and peak memory of synthesizing every shipped example
 * (deep provider imports, as the library does), the same with the providers loaded from their package roots, and
 * the ratio; plus one `tsc` type-check. Prints measured figures only, and exits non-zero when the synth goes over
 * the budgets in DEVELOPERS.md (1.5 s wall, 300 MiB peak).
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { packageRoot } from '../lib/core/package-root';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BUDGET_WALL_S = 1.5;
const BUDGET_RSS_MIB = 300;
const root = packageRoot();
const entry = path.join(root, 'dist', 'bench', 'synth-all.js');

interface Sample {
  wallS: number;
  rssMiB: number;
  stacks: string[];
}

function once(args: string[]): Sample {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [entry, ...args], { cwd: root, encoding: 'utf8' });
  const wallS = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`synth failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { stacks: string[]; maxRssKb: number };
  return { wallS, rssMiB: out.maxRssKb / 1024, stacks: out.stacks };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function measure(label: string, args: string[]) {
  once(args); // warm the file cache
  const samples = Array.from({ length: RUNS }, () => once(args));
  const wall = median(samples.map((s) => s.wallS));
  const rss = Math.max(...samples.map((s) => s.rssMiB));
  console.log(`${label.padEnd(34)} wall median ${wall.toFixed(3)} s (min ${Math.min(...samples.map((s) => s.wallS)).toFixed(3)}, max ${Math.max(...samples.map((s) => s.wallS)).toFixed(3)})   peak RSS ${rss.toFixed(0)} MiB   stacks: ${samples[0]!.stacks.join(', ')}`);
  return { wall, rss };
}

console.log(`node ${process.version}, ${RUNS} runs each (after one warm-up), every shipped example synthesized in one process`);
const deep = measure('deep imports (the library)', []);
const roots = measure('provider package-root imports', ['--root-imports']);
console.log(`ratio package-root / deep: wall ${(roots.wall / deep.wall).toFixed(1)}x, peak RSS ${(roots.rss / deep.rss).toFixed(1)}x`);

const tscStart = process.hrtime.bigint();
const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', root, '--noEmit'], { cwd: root, encoding: 'utf8' });
const tscS = Number(process.hrtime.bigint() - tscStart) / 1e9;
console.log(`tsc --noEmit (whole project incl. tests): ${tscS.toFixed(2)} s, exit ${tsc.status}`);

const over: string[] = [];
if (deep.wall > BUDGET_WALL_S) over.push(`synth wall ${deep.wall.toFixed(3)} s > ${BUDGET_WALL_S} s`);
if (deep.rss > BUDGET_RSS_MIB) over.push(`synth peak ${deep.rss.toFixed(0)} MiB > ${BUDGET_RSS_MIB} MiB`);
if (tscS > 20) over.push(`tsc ${tscS.toFixed(1)} s > 20 s`);
console.log(over.length === 0 ? `within budget (synth < ${BUDGET_WALL_S} s and < ${BUDGET_RSS_MIB} MiB, tsc < 20 s)` : `OVER BUDGET: ${over.join('; ')}`);
process.exit(over.length === 0 ? 0 : 1);
