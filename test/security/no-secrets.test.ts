import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { main } from '../../main';
import { parseConfig } from '../../stacks/config-file';
import { exampleConfigFiles } from '../../stacks/deployments';

/**
 * No user-supplied secret reaches cdktf.out: the app is run the way users run it (main() into an output folder) with a
 * known value in every sensitive input, and no file of the output may contain any of them, raw, JSON-escaped or
 * base64-encoded. Sensitive inputs are Terraform variables (TF_VAR_*), read by Terraform at apply time only.
 */
const KNOWN: Record<string, string> = {
  spacelift_license_token: 'eyJhbGciOiJSUzI1NiJ9.LICENSE-TOKEN-MARKER-7f3a9c21.c2lnbmF0dXJl',
  spacelift_admin_password: 'Admin-Pa55word-MARKER-"quoted"\\back$slash-41d0',
  spacelift_encryption_rsa_private_key: Buffer.from('-----BEGIN RSA PRIVATE KEY-----\nKEY-MATERIAL-MARKER-0b8e55\n-----END RSA PRIVATE KEY-----\n').toString('base64'),
  dockerhub_username: 'dockerhub-user-MARKER-5c2e',
  dockerhub_token: 'dckr_pat_TOKEN-MARKER-{{"quoted"}}-93ab',
};

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

/** Every way a value could appear in a text file. */
function encodings(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const b64 = Buffer.from(value).toString('base64');
  return [...new Set([value, json, b64, b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''), encodeURIComponent(value)])];
}

/** Every place a known secret appears in the files under `outdir`, as "<file> contains the value of <name>". */
function leaks(outdir: string): string[] {
  const found: string[] = [];
  for (const file of files(outdir)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const [name, value] of Object.entries(KNOWN)) {
      if (encodings(value).some((form) => text.includes(form))) found.push(`${path.relative(outdir, file)} contains the value of ${name}`);
    }
  }
  return found;
}

interface Run {
  readonly name: string;
  readonly outdir: string;
  readonly stacks: Record<string, any>;
}

function withEnv<T>(env: Record<string, string>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

function run(name: string, config: unknown): Run {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'no-secrets-'));
  const configPath = path.join(dir, 'platform.config.yaml');
  fs.writeFileSync(configPath, stringify(config));
  const outdir = path.join(dir, 'cdktf.out');
  const env = Object.fromEntries(Object.entries(KNOWN).map(([k, v]) => [`TF_VAR_${k}`, v]));
  withEnv(env, () => main({ configPath, outdir }));
  const stacks: Record<string, any> = {};
  for (const s of fs.readdirSync(path.join(outdir, 'stacks'))) {
    stacks[s] = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', s, 'cdk.tf.json'), 'utf8'));
  }
  return { name, outdir, stacks };
}

/** Every example config, and a variant that brings its own encryption key where the kind supports it. */
function configs(): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const file of exampleConfigFiles()) {
    const raw = parse(fs.readFileSync(file, 'utf8')) as { kind: string; spacelift?: Record<string, unknown>; estafette?: Record<string, unknown> };
    out.push([`${raw.kind} example`, raw]);
    if (raw.estafette !== undefined) out.push([`${raw.kind} example with dockerHubCredentials`, { ...raw, estafette: { ...raw.estafette, dockerHubCredentials: true } }]);
    const variant = { ...raw, spacelift: { ...raw.spacelift, encryptionKey: 'variable' } };
    try {
      parseConfig(variant);
      out.push([`${raw.kind} example with encryptionKey: variable`, variant]);
    } catch {
      // this kind takes no user-supplied encryption key (e.g. KMS keys on AWS)
    }
  }
  return out;
}

const RUNS = configs().map(([name, config]) => run(name, config));

/**
 * The text without the arguments of `nonsensitive(sha256(...))`: a digest of secrets (the pods' restart annotation)
 * carries none of them, and Terraform lets a non-sensitive output hold it only through `nonsensitive`.
 */
function withoutDigests(text: string): string {
  let out = text;
  for (let at = out.indexOf('nonsensitive(sha256('); at >= 0; at = out.indexOf('nonsensitive(sha256(')) {
    let depth = 0;
    let end = at + 'nonsensitive'.length;
    for (; end < out.length; end++) {
      if (out[end] === '(') depth++;
      else if (out[end] === ')' && --depth === 0) break;
    }
    out = `${out.slice(0, at)}DIGEST${out.slice(end + 1)}`;
  }
  return out;
}

/** The local values and variables an expression reaches, following locals (digests of secrets aside). */
function reaches(json: any, value: unknown, seen = new Set<string>()): string[] {
  const text = withoutDigests(JSON.stringify(value ?? null));
  const out: string[] = [];
  for (const m of text.matchAll(/\b(var\.[A-Za-z0-9_-]+|random_password\.[A-Za-z0-9_-]+\.result|tls_private_key\.[A-Za-z0-9_-]+\.private_key[a-z_]*)/g)) out.push(m[1]!);
  for (const m of text.matchAll(/\blocal\.([A-Za-z0-9_-]+)/g)) {
    if (seen.has(m[1]!) || !(m[1]! in (json.locals ?? {}))) continue;
    seen.add(m[1]!);
    out.push(...reaches(json, json.locals[m[1]!], seen));
  }
  return out;
}

describe('no secret in cdktf.out', () => {
  test('runs cover every example and a user-supplied encryption key', () => {
    expect(RUNS.length).toBeGreaterThanOrEqual(exampleConfigFiles().length + 1);
    expect(RUNS.some((r) => Object.values(r.stacks).some((j) => j.variable?.spacelift_encryption_rsa_private_key))).toBe(true);
  });

  test.each(RUNS.map((r) => [r.name, r] as const))('%s: every sensitive variable gets a known value, and none appears in any output file', (_name, r) => {
    const sensitive = Object.values(r.stacks).flatMap((j) => Object.entries(j.variable ?? {}).filter(([, v]: any) => v.sensitive === true).map(([k]) => k));
    // Spacelift takes its license and admin password as sensitive variables, Estafette CI its Docker Hub credentials
    // when asked to; Taskcluster generates every secret.
    if (r.name.startsWith('taskcluster') || (r.name.startsWith('estafette') && !r.name.endsWith('dockerHubCredentials'))) expect(sensitive).toEqual([]);
    else expect(sensitive.length).toBeGreaterThan(0);
    expect(sensitive.filter((v) => !(v in KNOWN))).toEqual([]);
    expect(files(r.outdir).length).toBeGreaterThan(0);
    expect(leaks(r.outdir)).toEqual([]);
  });

  test.each(RUNS.map((r) => [r.name, r] as const))('%s: outputs that carry a secret are sensitive', (_name, r) => {
    let carriers = 0;
    for (const [stack, json] of Object.entries(r.stacks)) {
      const sensitiveVars = new Set(Object.entries(json.variable ?? {}).filter(([, v]: any) => v.sensitive === true).map(([k]) => `var.${k}`));
      for (const [name, output] of Object.entries<any>(json.output ?? {})) {
        const secrets = reaches(json, output.value).filter((ref) => sensitiveVars.has(ref) || !ref.startsWith('var.'));
        if (secrets.length === 0) continue;
        carriers += 1;
        expect({ stack, output: name, sensitive: output.sensitive === true }).toEqual({ stack, output: name, sensitive: true });
      }
    }
    // The Secrets outputs (shell, kubernetes_secrets, cross-stack documents) carry the license and passwords.
    expect(carriers).toBeGreaterThan(0);
  });

  test.each([
    ['as written (JSON-escaped in the file)', (v: string) => v],
    ['URL-encoded (as in a database URL)', (v: string) => encodeURIComponent(v)],
    ['base64-encoded', (v: string) => Buffer.from(v).toString('base64')],
  ])('the scan finds a secret planted %s in a synthesized stack', (_how, encode) => {
    // A copy of a real synthesized output, with the admin password leaked the way a bug would leak it: as a literal
    // default of its variable in cdk.tf.json.
    const r = RUNS[0]!;
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'no-secrets-plant-'));
    fs.cpSync(r.outdir, copy, { recursive: true });
    expect(leaks(copy)).toEqual([]);
    const stack = Object.keys(r.stacks).find((s) => r.stacks[s].variable?.spacelift_admin_password)!;
    const file = path.join(copy, 'stacks', stack, 'cdk.tf.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    json.variable.spacelift_admin_password.default = encode(KNOWN.spacelift_admin_password!);
    fs.writeFileSync(file, JSON.stringify(json, null, 2));
    expect(leaks(copy)).toEqual([`${path.join('stacks', stack, 'cdk.tf.json')} contains the value of spacelift_admin_password`]);
  });
});
