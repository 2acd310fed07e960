import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Synthesized } from './synth';

/**
 * Render harness: runs the real `terraform` binary on a stack's local values and outputs, with every reference to a
 * resource or data source replaced by a sample value supplied as a variable. No provider is needed, so it works
 * offline; what it proves is how Terraform's own encoders (yamlencode, format, replace, urlencode, base64encode)
 * treat the values that will really flow through them.
 */

/** Attributes that are sensitive in the real providers: routed through a sensitive variable, as Terraform would. */
const SENSITIVE_ATTRIBUTES = [
  /^random_password\.[^.]+\.result$/,
  /^tls_private_key\.[^.]+\.private_key/,
  /^(data\.)?azurerm_kubernetes_cluster\.[^.]+\.kube_/,
  // The whole server_ca_cert block is Sensitive in the google provider (6.50.0, resource_sql_database_instance.go).
  /^google_sql_database_instance\.[^.]+\.server_ca_cert/,
];

export interface RenderInput {
  /** The stack to render. */
  readonly json: Synthesized;
  /** Outputs to keep. */
  readonly outputs: readonly string[];
  /** Values for the stack's own variables. */
  readonly variables: Record<string, string>;
  /** Sample value for each referenced resource attribute address (e.g. `azurerm_public_ip.x.ip_address`). */
  readonly sample: (address: string, index: number) => string;
}

export interface RenderResult {
  /** `terraform output -raw <name>` for each kept output. */
  readonly raw: Record<string, string>;
  /** The sample value given to each address. */
  readonly samples: Record<string, string>;
  /** The folder terraform ran in. */
  readonly dir: string;
}

/** Rewrites `type.name.attr...` (and `data.type.name.attr...`) into `var.fake["..."]` / `var.fake_sensitive["..."]`. */
export function rewriteReferences(json: Synthesized, text: string, seen: Set<string>): string {
  const addresses: string[] = [];
  for (const [type, byName] of Object.entries(json.resource ?? {})) for (const name of Object.keys(byName)) addresses.push(`${type}.${name}`);
  for (const [type, byName] of Object.entries(json.data ?? {})) for (const name of Object.keys(byName)) addresses.push(`data.${type}.${name}`);
  if (addresses.length === 0) return text;
  const alternatives = addresses.map((a) => a.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).sort((a, b) => b.length - a.length);
  const re = new RegExp(`(?<![\\w.])(${alternatives.join('|')})((?:\\.[A-Za-z_][A-Za-z0-9_]*|\\[\\d+\\])+)`, 'g');
  return text.replace(re, (_m, addr: string, attr: string) => {
    const full = `${addr}${attr}`;
    seen.add(full);
    const variable = SENSITIVE_ATTRIBUTES.some((r) => r.test(full)) ? 'fake_sensitive' : 'fake';
    return `var.${variable}[${JSON.stringify(full)}]`;
  });
}

function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]));
  return value;
}

/** Runs terraform (init + apply) on the rewritten locals and outputs and reads the outputs back. */
export function renderOutputs(terraform: string, input: RenderInput): RenderResult {
  const seen = new Set<string>();
  const rewrite = (s: string) => rewriteReferences(input.json, s, seen);
  const locals = mapStrings(input.json.locals ?? {}, rewrite);
  const output: Record<string, unknown> = {};
  for (const name of input.outputs) {
    const o = input.json.output?.[name];
    if (!o) throw new Error(`no output ${name}`);
    output[name] = mapStrings(o, rewrite);
  }
  const samples: Record<string, string> = {};
  [...seen].sort().forEach((address, i) => {
    samples[address] = input.sample(address, i);
  });
  const fake: Record<string, string> = {};
  const fakeSensitive: Record<string, string> = {};
  for (const [address, value] of Object.entries(samples)) {
    (SENSITIVE_ATTRIBUTES.some((r) => r.test(address)) ? fakeSensitive : fake)[address] = value;
  }
  const config = {
    variable: {
      ...input.json.variable,
      fake: { type: 'map(string)' },
      fake_sensitive: { type: 'map(string)', sensitive: true },
    },
    locals,
    output,
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'render-'));
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(config, null, 2));
  fs.writeFileSync(path.join(dir, 'terraform.tfvars.json'), JSON.stringify({ ...input.variables, fake, fake_sensitive: fakeSensitive }));
  const env = { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: '/dev/null' };
  const run = (args: string[]) => {
    const r = spawnSync(terraform, args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`terraform ${args.join(' ')} failed in ${dir}:\n${r.stderr}\n${r.stdout}`);
    return r.stdout;
  };
  run(['init', '-input=false', '-no-color']);
  run(['apply', '-auto-approve', '-input=false', '-no-color']);
  const raw: Record<string, string> = {};
  for (const name of input.outputs) raw[name] = run(['output', '-raw', '-no-color', name]);
  return { raw, samples, dir };
}

/**
 * Evaluates what a synthesized string will become, for strings made of literal text and `${ref}` / `${var.x}`
 * interpolations (what cdktf writes for plain values and template literals). Returns undefined for anything that
 * calls a function: such values are checked one by one by the tests.
 */
export function expectedValue(text: string, lookup: (ref: string) => string | undefined): string | undefined {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      out += '${';
      i += 3;
    } else if (text.startsWith('%%{', i)) {
      out += '%{';
      i += 3;
    } else if (text.startsWith('${', i)) {
      const end = text.indexOf('}', i);
      const expr = text.slice(i + 2, end);
      if (!/^[A-Za-z0-9_.\-[\]]+$/.test(expr)) return undefined;
      const v = lookup(expr);
      if (v === undefined) return undefined;
      out += v;
      i = end + 1;
    } else {
      out += text[i];
      i += 1;
    }
  }
  return out;
}

/** Runs `eval "$script"` in bash and returns the named variables' values exactly (NUL-separated, no trimming). */
export function evalShell(script: string, names: readonly string[]): Record<string, string> {
  const printer = names.map((n) => `printf '%s\\0' "$${n}"`).join('; ');
  const r = spawnSync('bash', ['-c', `set -eu; eval "$SCRIPT"; ${printer}`], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', SCRIPT: script },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`bash failed: ${r.stderr}`);
  const values = r.stdout.split('\0');
  return Object.fromEntries(names.map((n, i) => [n, values[i]!]));
}
