import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { resolveLocals } from './documents';
import { Synthesized } from './synth';

/**
 * Support for the tests of the infra stacks' `install_commands` output: fake `kubectl` and `helm` executables that
 * record what they are called with, and inventories of what a platform stack installs and what a run of the script
 * installed, in the same shape, so the two can be compared.
 */

/** One call of a fake tool. */
export interface ToolCall {
  readonly tool: string;
  readonly argv: string[];
  /** Standard input, when the call reads it (`-f -`, `--values -`); else null. */
  readonly stdin: string | null;
  readonly cwd: string;
}

/**
 * Writes fake `kubectl` and `helm` (and, with `terraformOutputs`, a fake `terraform` that prints those outputs for
 * `output -raw <name>`) into a new folder. Each call is recorded with its arguments and, only when it reads standard
 * input (`kubectl ... -f -`, `helm ... --values -`), what it read: a fake that read more would swallow the rest of a
 * script piped into bash, and the test would see steps missing.
 */
export function fakeTools(terraformOutputs?: Record<string, string>): { bin: string; calls: () => ToolCall[] } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-tools-'));
  const bin = path.join(root, 'bin');
  const record = path.join(root, 'calls');
  fs.mkdirSync(bin);
  fs.mkdirSync(record);
  const recorder = `#!${process.execPath}
const fs = require('fs');
const path = require('path');
const argv = process.argv.slice(2);
const tool = path.basename(process.argv[1]);
const after = (flag) => { const i = argv.indexOf(flag); return i >= 0 ? argv[i + 1] : undefined; };
const reads = (tool === 'kubectl' && after('-f') === '-') || (tool === 'helm' && after('--values') === '-');
const stdin = reads ? fs.readFileSync(0, 'utf8') : null;
const dir = ${JSON.stringify(record)};
const n = fs.readdirSync(dir).length;
fs.writeFileSync(path.join(dir, String(n).padStart(5, '0') + '.json'), JSON.stringify({ tool, argv, stdin, cwd: process.cwd() }));
`;
  for (const tool of ['kubectl', 'helm']) fs.writeFileSync(path.join(bin, tool), recorder, { mode: 0o755 });
  if (terraformOutputs !== undefined) {
    const outputs = path.join(root, 'outputs.json');
    fs.writeFileSync(outputs, JSON.stringify(terraformOutputs));
    fs.writeFileSync(
      path.join(bin, 'terraform'),
      `#!${process.execPath}
const argv = process.argv.slice(2);
const outputs = JSON.parse(require('fs').readFileSync(${JSON.stringify(outputs)}, 'utf8'));
const i = argv.indexOf('output');
if (i < 0 || argv[i + 1] !== '-raw' || !(argv[i + 2] in outputs)) { console.error('fake terraform: unexpected ' + argv.join(' ')); process.exit(2); }
process.stdout.write(outputs[argv[i + 2]]);
`,
      { mode: 0o755 },
    );
  }
  const calls = () =>
    fs
      .readdirSync(record)
      .sort()
      .map((f) => JSON.parse(fs.readFileSync(path.join(record, f), 'utf8')) as ToolCall);
  return { bin, calls };
}

/** Runs a shell command line in bash with the fake tools first on the PATH; fails the test on a non-zero exit. */
export function runWithFakes(command: string, options: { cwd: string; bin: string; extraPath?: string[]; env?: Record<string, string> }): string {
  const PATH = [options.bin, ...(options.extraPath ?? []), '/usr/local/bin', '/usr/bin', '/bin'].join(':');
  const r = spawnSync('bash', ['-c', command], { cwd: options.cwd, env: { PATH, HOME: os.tmpdir(), ...options.env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`bash -c ${JSON.stringify(command)} exited ${r.status}:\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

/** A Helm release as installed: the same fields from a `helm_release` and from a `helm upgrade --install` call. */
export interface InstalledRelease {
  readonly release: string;
  /** The chart name, or for a local chart `local:<content hash>` (the last folder of cdktf's asset path). */
  readonly chart: string;
  readonly repository?: string;
  readonly version?: string;
  readonly namespace: string;
  readonly atomic: boolean;
  readonly cleanupOnFail: boolean;
  readonly wait: boolean;
  readonly waitForJobs: boolean;
  readonly timeout: number;
  readonly maxHistory: number;
}

/** A Kubernetes object as installed (kind, namespace and name; a Namespace's labels). */
export interface InstalledObject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
}

/** One thing installed, in order. */
export type Installed = { readonly release: InstalledRelease } | { readonly object: InstalledObject } | { readonly waitFor: InstalledObject };

/** `${type.name.metadata[0].name}` of a platform resource: the literal name that resource is given. */
export function resolveResourceName(json: Synthesized, value: string): string {
  const m = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.metadata\[0\]\.name\}$/.exec(value);
  if (!m) return value;
  const name = json.resource?.[m[1]!]?.[m[2]!]?.metadata?.name;
  if (typeof name !== 'string') throw new Error(`no resource behind ${value}`);
  return name;
}

const KINDS: Record<string, string> = {
  kubernetes_namespace_v1: 'Namespace',
  kubernetes_secret_v1: 'Secret',
  kubernetes_config_map_v1: 'ConfigMap',
  kubernetes_job_v1: 'Job',
};

/** Every Helm release and Kubernetes object a synthesized platform stack creates, by resource address. */
export function platformInventory(json: Synthesized): Map<string, Installed> {
  const out = new Map<string, Installed>();
  for (const [id, r] of Object.entries<any>(json.resource?.helm_release ?? {})) {
    const local = r.repository === undefined && /^assets\//.test(r.chart);
    out.set(`helm_release.${id}`, {
      release: {
        release: r.name,
        chart: local ? `local:${path.basename(r.chart)}` : r.chart,
        ...(r.repository === undefined ? {} : { repository: r.repository }),
        ...(r.version === undefined ? {} : { version: r.version }),
        namespace: resolveResourceName(json, r.namespace),
        atomic: r.atomic === true,
        cleanupOnFail: r.cleanup_on_fail === true,
        wait: r.wait === true,
        waitForJobs: r.wait_for_jobs === true,
        timeout: r.timeout,
        maxHistory: r.max_history,
      },
    });
  }
  for (const [type, kind] of Object.entries(KINDS)) {
    for (const [id, r] of Object.entries<any>(json.resource?.[type] ?? {})) {
      const namespace = r.metadata.namespace === undefined ? {} : { namespace: resolveResourceName(json, r.metadata.namespace) };
      const labels = kind === 'Namespace' ? { labels: r.metadata.labels } : {};
      out.set(`${type}.${id}`, { object: { kind, name: r.metadata.name, ...namespace, ...labels } });
    }
  }
  const known = new Set(['helm_release', ...Object.keys(KINDS)]);
  const other = Object.keys(json.resource ?? {}).filter((t) => !known.has(t));
  if (other.length > 0) throw new Error(`platform resources the inventory does not know: ${other.join(', ')}`);
  return out;
}

function option(argv: readonly string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** Parses a recorded `helm upgrade --install NAME CHART flags... --values -` call. */
export function helmRelease(call: ToolCall, chartDir?: (chart: string) => string): InstalledRelease {
  const a = call.argv;
  if (a[0] !== 'upgrade' || a[1] !== '--install' || option(a, '--values') !== '-') throw new Error(`unexpected helm call: ${a.join(' ')}`);
  const chart = a[3]!;
  const isLocal = chart.includes('/') && !chart.startsWith('oci://');
  const known = new Set(['--repo', '--version', '--namespace', '--timeout', '--history-max', '--values', '--atomic', '--cleanup-on-fail', '--wait', '--wait-for-jobs']);
  const unknown = a.slice(4).filter((x, i, all) => x.startsWith('--') && !known.has(x) && !['--repo', '--version', '--namespace', '--timeout', '--history-max', '--values'].includes(all[i - 1]!));
  if (unknown.length > 0) throw new Error(`helm flags the inventory does not know: ${unknown.join(' ')}`);
  const timeout = option(a, '--timeout')!;
  if (!/^\d+s$/.test(timeout)) throw new Error(`timeout ${timeout}`);
  return {
    release: a[2]!,
    chart: isLocal ? `local:${path.basename(chartDir ? chartDir(chart) : chart)}` : chart,
    ...(option(a, '--repo') === undefined ? {} : { repository: option(a, '--repo') }),
    ...(option(a, '--version') === undefined ? {} : { version: option(a, '--version') }),
    namespace: option(a, '--namespace')!,
    atomic: a.includes('--atomic'),
    cleanupOnFail: a.includes('--cleanup-on-fail'),
    wait: a.includes('--wait'),
    waitForJobs: a.includes('--wait-for-jobs'),
    timeout: Number(timeout.slice(0, -1)),
    maxHistory: Number(option(a, '--history-max')),
  };
}

/** The manifests a recorded `kubectl apply -f -` / `kubectl wait -f -` read. */
export function manifestsOf(call: ToolCall): any[] {
  const docs = parseAllDocuments(call.stdin ?? '');
  for (const d of docs) if (d.errors.length > 0) throw new Error(`bad YAML given to kubectl: ${d.errors.join('; ')}`);
  return docs.map((d) => d.toJS()).filter((d) => d !== null);
}

function objectOf(m: any): InstalledObject {
  return {
    kind: m.kind,
    name: m.metadata.name,
    ...(m.metadata.namespace === undefined ? {} : { namespace: m.metadata.namespace }),
    ...(m.kind === 'Namespace' ? { labels: m.metadata.labels } : {}),
  };
}

/** What a run of the script installed, in order, from the fake tools' calls. */
export function scriptInventory(calls: readonly ToolCall[], chartDir?: (chart: string) => string): Installed[] {
  const out: Installed[] = [];
  for (const call of calls) {
    if (call.tool === 'helm') {
      out.push({ release: helmRelease(call, chartDir) });
    } else if (call.argv[0] === 'apply' && option(call.argv, '-f') === '-') {
      for (const m of manifestsOf(call)) out.push({ object: objectOf(m) });
    } else if (call.argv[0] === 'wait' && option(call.argv, '-f') === '-') {
      for (const m of manifestsOf(call)) out.push({ waitFor: objectOf(m) });
    } else {
      throw new Error(`unexpected ${call.tool} call: ${call.argv.join(' ')}`);
    }
  }
  return out;
}

/** The values a recorded helm call read, parsed. */
export function helmValuesOf(call: ToolCall): unknown {
  return parse(call.stdin ?? '');
}

/**
 * A small evaluator of the expressions the infra stack's string outputs are made of (`join`, `replace`,
 * `yamlencode`, string literals and `local.` references): enough to run `install_commands` without terraform.
 * `yamlencode` writes JSON (which is YAML) of the local, with Terraform's template escapes `$${` and `%%{` undone;
 * interpolations inside documents stay as their `${...}` text. The render tests run the real terraform instead.
 */
export function evaluateOutput(json: Synthesized, name: string): string {
  const value = json.output?.[name]?.value;
  if (typeof value !== 'string') throw new Error(`no string output ${name}`);
  const m = /^\$\{(.*)\}$/s.exec(value);
  if (!m) throw new Error(`output ${name} is not one expression`);
  const p = new ExprParser(m[1]!);
  const result = p.expr(json);
  p.end();
  if (typeof result !== 'string') throw new Error(`output ${name} is not a string`);
  return result;
}

function unescapeTemplates(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
  if (Array.isArray(value)) return value.map(unescapeTemplates);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [unescapeTemplates(k) as string, unescapeTemplates(v)]));
  return value;
}

class ExprParser {
  private i = 0;
  public constructor(private readonly text: string) {}

  public end(): void {
    this.skip();
    if (this.i !== this.text.length) throw new Error(`unexpected ${this.text.slice(this.i, this.i + 40)}`);
  }

  public expr(json: Synthesized): unknown {
    this.skip();
    const c = this.text[this.i];
    if (c === '"') return this.string();
    if (c === '[') {
      this.i += 1;
      const items: unknown[] = [];
      for (;;) {
        this.skip();
        if (this.text[this.i] === ']') break;
        items.push(this.expr(json));
        this.skip();
        if (this.text[this.i] === ',') this.i += 1;
      }
      this.i += 1;
      return items;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.i))![0];
    this.i += ident.length;
    if (ident === 'local') {
      let v: unknown = undefined;
      let first = true;
      while (this.text[this.i] === '.') {
        this.i += 1;
        const key = /^[A-Za-z0-9_-]+/.exec(this.text.slice(this.i))![0];
        this.i += key.length;
        v = first ? resolveLocals(json, json.locals?.[key]) : (v as Record<string, unknown>)[key];
        first = false;
      }
      return unescapeTemplates(v);
    }
    this.skip();
    if (this.text[this.i] !== '(') throw new Error(`unsupported ${ident}`);
    this.i += 1;
    const args: unknown[] = [];
    for (;;) {
      this.skip();
      if (this.text[this.i] === ')') break;
      args.push(this.expr(json));
      this.skip();
      if (this.text[this.i] === ',') this.i += 1;
    }
    this.i += 1;
    switch (ident) {
      case 'join':
        return (args[1] as string[]).join(args[0] as string);
      case 'replace':
        return (args[0] as string).split(args[1] as string).join(args[2] as string);
      case 'yamlencode':
        return `${JSON.stringify(args[0])}\n`;
      default:
        throw new Error(`unsupported function ${ident}`);
    }
  }

  private string(): string {
    let end = this.i + 1;
    while (this.text[end] !== '"') end += this.text[end] === '\\' ? 2 : 1;
    const s = JSON.parse(this.text.slice(this.i, end + 1)) as string;
    this.i = end + 1;
    return s;
  }

  private skip(): void {
    while (/\s/.test(this.text[this.i] ?? '')) this.i += 1;
  }
}

/** The `install_commands` line of a guide's section 6 (the one command the docs tell a user to run). */
export function docInstallCommand(markdown: string): string {
  const lines = markdown.split('\n').filter((l) => /output -raw install_commands\s*\|\s*bash\s*$/.test(l));
  if (lines.length !== 1) throw new Error(`expected one "output -raw install_commands | bash" line, found ${lines.length}`);
  return lines[0]!.trim();
}
