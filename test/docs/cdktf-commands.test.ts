import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageRoot } from '../../lib/core/package-root';
import { main } from '../../main';
import { DEPLOYMENT_KINDS } from '../../stacks/deployments';

/**
 * Every `npx cdktf deploy|destroy ...` a user is told to type (README.md and docs/*.md, in code blocks and inline
 * code) goes through the cdktf CLI's own stack selection against the stacks the embedded examples synthesize: the
 * same functions `cdktf deploy` / `cdktf destroy` call before running Terraform, which refuse to run one stack of a
 * pair without the other ("dependencies are not included in the stacks to run"). Flags must be ones the installed
 * CLI lists in its `--help`.
 */
const root = packageRoot();
// The CLI's stack selection (cdktf-cli 0.21 bundles the same code from @cdktf/cli-core).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const helpers = require('@cdktf/cli-core/src/lib/helpers/stack-helpers.js') as {
  getMultipleStacks(stacks: CliStack[], patterns: string[], action: string): CliStack[];
  checkIfAllDependenciesAreIncluded(stacks: CliStack[]): void;
  checkIfAllDependantsAreIncluded(stacks: CliStack[], all: CliStack[]): void;
};

interface CliStack {
  readonly name: string;
  readonly dependencies: string[];
}

interface DocCommand {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** `npx cdktf ...` commands in a Markdown file: lines of fenced code blocks and inline code spans. */
export function cdktfCommands(file: string, markdown: string): DocCommand[] {
  const out: DocCommand[] = [];
  let fenced = false;
  markdown.split('\n').forEach((raw, i) => {
    if (/^\s*```/.test(raw)) {
      fenced = !fenced;
      return;
    }
    const candidates = fenced ? [raw.replace(/\s+#.*$/, '')] : [...raw.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    for (const c of candidates) {
      const text = c.trim();
      if (/^npx cdktf\b/.test(text)) out.push({ file, line: i + 1, text });
    }
  });
  return out;
}

/**
 * The stack names of every example, with their dependencies, as the CLI reads them from the manifest: the embedded
 * examples as a fresh clone synthesizes them, and each other example as a user who copied it synthesizes it.
 */
function synthesizedStacks(): CliStack[] {
  const saved = process.env.PLATFORM_CONFIG;
  delete process.env.PLATFORM_CONFIG;
  const cwd = process.cwd();
  const out: CliStack[] = [];
  const read = (outdir: string) => {
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'cdktf.out', 'manifest.json'), 'utf8')) as { stacks: Record<string, CliStack> };
    out.push(...Object.values(manifest.stacks).map((s) => ({ name: s.name, dependencies: [...s.dependencies] })));
  };
  try {
    // No ./platform.config.yaml where the app runs: the embedded examples, as on a fresh clone.
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-cmds-'));
    process.chdir(fresh);
    main({ outdir: path.join(fresh, 'cdktf.out') });
    read(fresh);
    for (const kind of Object.values(DEPLOYMENT_KINDS).filter((k) => !k.embedded)) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-cmds-'));
      process.chdir(dir);
      main({ configPath: path.join(root, kind.example), outdir: path.join(dir, 'cdktf.out') });
      read(dir);
    }
  } finally {
    process.chdir(cwd);
    if (saved !== undefined) process.env.PLATFORM_CONFIG = saved;
  }
  return out;
}

/** The long flags the installed CLI accepts for a verb, read from its own help. */
function cliFlags(verb: string): Promise<Set<string>> {
  return new Promise((resolve, reject) => {
    const cli = path.join(root, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf');
    const p = spawn(process.execPath, [cli, verb, '--help'], { cwd: root, env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
    let stdout = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.on('error', reject);
    p.on('close', () => {
      const flags = new Set([...stdout.matchAll(/^\s+(?:-\w, )?(--[a-z][a-z-]*)/gm)].map((m) => m[1]!));
      if (!flags.has('--auto-approve')) reject(new Error(`could not read the flags of cdktf ${verb} from its help:\n${stdout}`));
      else resolve(flags);
    });
  });
}

/** Runs a documented command through the CLI's selection; returns the stacks it would run, in order. */
function select(command: string, stacks: CliStack[], flags: { deploy: Set<string>; destroy: Set<string> }): string[] {
  const words = command.split(/\s+/);
  const [, , verb, ...args] = words;
  if (verb !== 'deploy' && verb !== 'destroy') return [];
  for (const w of args) {
    if (/['"$`\\|;&<>]/.test(w)) throw new Error(`"${command}": shell syntax this check does not model (${w})`);
  }
  const patterns = args.filter((a) => !a.startsWith('-'));
  for (const f of args.filter((a) => a.startsWith('-'))) {
    if (!flags[verb].has(f.split('=')[0]!)) throw new Error(`"${command}": cdktf ${verb} has no flag ${f}`);
  }
  const ignoreMissing = args.includes('--ignore-missing-stack-dependencies');
  const chosen = helpers.getMultipleStacks(stacks, patterns, verb);
  if (!ignoreMissing) {
    if (verb === 'deploy') helpers.checkIfAllDependenciesAreIncluded(chosen);
    else helpers.checkIfAllDependantsAreIncluded(chosen, stacks);
  }
  // The order the CLI runs them in: dependencies first on deploy, dependants first on destroy.
  const names = chosen.map((s) => s.name);
  const order: string[] = [];
  const pending = [...chosen];
  while (pending.length > 0) {
    const next = pending.findIndex((s) =>
      verb === 'deploy'
        ? s.dependencies.every((d) => !names.includes(d) || order.includes(d))
        : chosen.filter((o) => o.dependencies.includes(s.name)).every((o) => order.includes(o.name)),
    );
    order.push(pending.splice(next, 1)[0]!.name);
  }
  return order;
}

const docFiles = ['README.md', ...fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => path.join('docs', f))];
const commands = docFiles.flatMap((f) => cdktfCommands(f, fs.readFileSync(path.join(root, f), 'utf8')));
const runCommands = commands.filter((c) => / (deploy|destroy)\b/.test(c.text));

let stacks: CliStack[];
let flags: { deploy: Set<string>; destroy: Set<string> };

beforeAll(async () => {
  const [deploy, destroy] = await Promise.all([cliFlags('deploy'), cliFlags('destroy')]);
  flags = { deploy, destroy };
  stacks = synthesizedStacks();
});

test('the docs tell users to deploy and destroy every stack pair', () => {
  const texts = runCommands.map((c) => c.text).join('\n');
  for (const cloud of ['aks', 'gke', 'eks']) {
    expect(texts).toContain(`npx cdktf deploy spacelift-${cloud}-infra`);
    expect(texts).toMatch(new RegExp(`npx cdktf destroy .*spacelift-${cloud}-infra`));
  }
});

test.each(runCommands.map((c) => [`${c.file}:${c.line}`, c] as const))('%s: the cdktf CLI accepts the stacks of the documented command', (_where, c) => {
  const order = select(c.text, stacks, flags);
  expect(order.length).toBeGreaterThan(0);
  // A platform stack is only ever run with its infra stack, after it on deploy and before it on destroy.
  for (const name of order.filter((n) => n.endsWith('-platform'))) {
    const infra = name.replace(/-platform$/, '-infra');
    if (c.text.includes('--ignore-missing-stack-dependencies')) continue;
    if (c.text.includes(' deploy ')) expect(order.indexOf(infra)).toBeLessThan(order.indexOf(name));
  }
});

test('the check refuses what cdktf 0.21 refuses: one stack of a pair without the other', () => {
  expect(() => select('npx cdktf deploy spacelift-aks-platform', stacks, flags)).toThrow(/dependencies are not included in the stacks to run: spacelift-aks-infra/);
  expect(() => select('npx cdktf destroy spacelift-aks-infra', stacks, flags)).toThrow(/dependant stacks are not included in the stacks to run: spacelift-aks-platform/);
  expect(() => select('npx cdktf deploy', stacks, flags)).toThrow(/Found more than one stack/);
  expect(() => select('npx cdktf deploy spacelift-aks-infra --yes', stacks, flags)).toThrow(/has no flag --yes/);
  expect(select('npx cdktf destroy spacelift-aks-platform spacelift-aks-infra', stacks, flags)).toEqual(['spacelift-aks-platform', 'spacelift-aks-infra']);
  expect(select('npx cdktf deploy spacelift-aks-platform spacelift-aks-infra', stacks, flags)).toEqual(['spacelift-aks-infra', 'spacelift-aks-platform']);
});

test('commands are found in code blocks (comments stripped) and in inline code', () => {
  const found = cdktfCommands('x.md', 'run `npx cdktf deploy a` once\n```sh\nnpx cdktf destroy b c   # comment\nnpm test\n```\n');
  expect(found.map((c) => [c.line, c.text])).toEqual([
    [1, 'npx cdktf deploy a'],
    [3, 'npx cdktf destroy b c'],
  ]);
});
