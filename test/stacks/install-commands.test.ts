import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Release } from '@cdktf/provider-helm/lib/release';
import { TerraformStack } from 'cdktf';
import { loadConfigFile } from '../../stacks/config-file';
import { DEPLOYMENT_KINDS, DeploymentConfig, buildDeployment } from '../../stacks/deployments';
import { helmInstallArgs, shellWord } from '../../stacks/install-commands';
import { dependencyGraph } from '../support/graph';
import { resolveLocals } from '../support/documents';
import {
  Installed,
  ToolCall,
  docInstallCommand,
  evaluateOutput,
  fakeTools,
  helmValuesOf,
  platformInventory,
  runWithFakes,
  scriptInventory,
} from '../support/install-commands';
import { Synthesized, synthApp, testApp } from '../support/synth';
import { packageRoot } from '../../lib/core/package-root';

/**
 * The infra stack's `install_commands` output against the platform stack, without terraform: the output and the
 * outputs it reads are evaluated from the synthesized JSON (tests/support/install-commands.ts), the docs' command runs
 * in bash with fake kubectl, helm and terraform, and what the fakes were asked to install must be what the platform
 * stack installs: every release (chart, repository, version, namespace, flags), every object (namespaces with their
 * labels, Secrets, the database bootstrap), in an order that respects every dependency of the platform stack.
 * test/render/install-commands.test.ts runs the same with the real terraform and compares the values.
 */

type Kind = keyof typeof DEPLOYMENT_KINDS;
const example = (kind: Kind): DeploymentConfig => loadConfigFile(path.join(packageRoot(), DEPLOYMENT_KINDS[kind].example)) as DeploymentConfig;
const variant = (kind: Kind, patch: (c: any) => void): DeploymentConfig => {
  const c = example(kind) as any;
  patch(c);
  return c;
};

const VARIANTS: Record<string, DeploymentConfig> = {
  'AKS example (Traefik)': example('spacelift-aks'),
  'AKS with ingress-nginx, own namespaces and replicas': variant('spacelift-aks', (c) => {
    c.kubernetes.ingress = { controller: 'ingress-nginx', namespace: 'edge', className: 'public', replicas: 3 };
    c.kubernetes.certManager = { ...c.kubernetes.certManager, namespace: 'certs' };
    c.kubernetes.namespace = 'spacelift-prod';
  }),
  'GKE example (password authentication)': example('spacelift-gke'),
  'GKE with IAM authentication (database bootstrap Job)': variant('spacelift-gke', (c) => (c.postgres = { ...c.postgres, iamAuth: true })),
  'EKS example': example('spacelift-eks'),
  'EKS with ingress-nginx': variant('spacelift-eks', (c) => (c.kubernetes.ingress = { controller: 'ingress-nginx' })),
};

interface Run {
  readonly infra: Synthesized;
  readonly platform: Synthesized;
  readonly infraName: string;
  /** Where the guide's command ran, and the fake tools' folder. */
  readonly cwd: string;
  readonly bin: string;
  readonly calls: ToolCall[];
  readonly installed: Installed[];
}

const runs = new Map<DeploymentConfig, Run>();

/** Synthesizes the pair, then runs the guide's command against the synthesized folder with fake tools (once per config). */
function run(config: DeploymentConfig): Run {
  if (!runs.has(config)) runs.set(config, runOnce(config));
  return runs.get(config)!;
}

function runOnce(config: DeploymentConfig): Run {
  const app = testApp();
  const pair = buildDeployment(app, config);
  const json = synthApp(app);
  const infra = json[pair.infra.node.id]!;
  const platform = json[pair.platform.node.id]!;
  const outputs = Object.fromEntries(
    Object.entries(infra.output ?? {})
      .filter(([name, o]) => typeof o.value === 'string' && /^\$\{(join|yamlencode)\(/.test(o.value) && !name.startsWith('cross-stack'))
      .filter(([name]) => name !== 'shell')
      .map(([name]) => [name, evaluateOutput(infra, name)]),
  );
  const fakes = fakeTools(outputs);
  // The folder the guide's command runs in: it holds cdktf.out, as a clone does after `npx cdktf synth`.
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'install-commands-'));
  fs.symlinkSync(app.outdir, path.join(cwd, 'cdktf.out'));
  const guide = fs.readFileSync(path.join(packageRoot(), DEPLOYMENT_KINDS[config.kind as Kind].guide), 'utf8');
  runWithFakes(docInstallCommand(guide), { cwd, bin: fakes.bin });
  const calls = fakes.calls();
  return { infra, platform, infraName: pair.infra.node.id, cwd, bin: fakes.bin, calls, installed: scriptInventory(calls, (chart) => path.resolve(cwd, chart)) };
}

/** A key naming one installed thing the same way on both sides (computed parts of names are left out). */
function key(i: Installed): string {
  const name = (n: string) => n.replace(/\$\{.*\}/g, '${...}');
  if ('release' in i) return `release ${i.release.namespace}/${i.release.release}`;
  const o = 'object' in i ? i.object : i.waitFor;
  return `${o.kind} ${o.namespace ?? ''}/${name(o.name)}`;
}

describe.each(Object.entries(VARIANTS))('install_commands (%s)', (_name, config) => {
  let r: Run;
  let platform: Map<string, Installed>;
  beforeAll(() => {
    r = run(config);
    platform = platformInventory(r.platform);
  });

  test('every release the platform stack creates is installed with the same chart, repository, version, namespace and flags', () => {
    const releases = (xs: Iterable<Installed>) => [...xs].flatMap((i) => ('release' in i ? [i.release] : [])).sort((a, b) => a.release.localeCompare(b.release));
    expect(releases(r.installed)).toEqual(releases(platform.values()));
    expect(releases(r.installed).length).toBeGreaterThanOrEqual(4);
    // The ClusterIssuers chart is the platform's own folder: the same content hash names both copies.
    expect(releases(r.installed).find((x) => x.release === 'cluster-issuers')!.chart).toMatch(/^local:[0-9A-F]{32}$/);
  });

  test('every object the platform stack creates is applied, with the namespaces\' labels; nothing else', () => {
    const objects = (xs: Iterable<Installed>) => [...xs].flatMap((i) => ('object' in i ? [{ ...i.object, name: i.object.name.replace(/\$\{.*\}/g, '${...}') }] : [])).sort((a, b) => key({ object: a }).localeCompare(key({ object: b })));
    expect(objects(r.installed)).toEqual(objects(platform.values()));
    for (const ns of objects(r.installed).filter((o) => o.kind === 'Namespace')) {
      expect(ns.labels).toMatchObject({ 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted' });
    }
  });

  test('the order respects every dependency between the platform stack\'s releases and objects', () => {
    const position = new Map<string, number>();
    r.installed.forEach((i, n) => {
      if (!position.has(key(i))) position.set(key(i), n);
    });
    const graph = dependencyGraph(r.platform);
    const violations: string[] = [];
    let edges = 0;
    for (const [address, thing] of platform) {
      for (const dep of transitive(graph, address)) {
        const other = platform.get(dep);
        if (other === undefined) continue;
        edges += 1;
        if (!(position.get(key(other))! < position.get(key(thing))!)) violations.push(`${key(thing)} before ${key(other)}`);
      }
    }
    expect(violations).toEqual([]);
    expect(edges).toBeGreaterThan(5);
  });

  test('a Job the platform stack waits for is waited for before the release that depends on it', () => {
    const jobs = [...platform.values()].flatMap((i) => ('object' in i && i.object.kind === 'Job' ? [i.object] : []));
    const waits = r.installed.flatMap((i, n) => ('waitFor' in i ? [{ n, ...i.waitFor }] : []));
    expect(waits.map((w) => w.kind)).toEqual(jobs.map(() => 'Job'));
    const app = r.installed.findIndex((i) => 'release' in i && i.release.release === 'spacelift');
    for (const w of waits) expect(w.n).toBeLessThan(app);
    for (const job of Object.values<any>(r.platform.resource?.kubernetes_job_v1 ?? {})) expect(job.wait_for_completion).toBe(true);
  });

  test('the values each release reads are the platform stack\'s values document, its cross-stack references read where they come from', () => {
    const helm = r.calls.filter((c) => c.tool === 'helm');
    for (const release of Object.values<any>(r.platform.resource?.helm_release ?? {})) {
      const call = helm.find((c) => c.argv[2] === release.name)!;
      expect({ release: release.name, values: helmValuesOf(call) }).toEqual({ release: release.name, values: viaInfra(r, platformValues(r, release.values[0])) });
    }
  });

  test('no output that is not sensitive carries a secret, through locals or not', () => {
    const infra = r.infra;
    const secret = /\b(random_password\.[^.]+\.result|tls_private_key\.[^.]+\.private_key|var\.spacelift_[a-z_]+)/;
    const carries = (text: string, seen = new Set<string>()): boolean =>
      secret.test(text) ||
      [...text.matchAll(/\blocal\.([A-Za-z0-9_-]+)/g)].some(([, n]) => !seen.has(n!) && (seen.add(n!), carries(JSON.stringify(infra.locals?.[n!] ?? null), seen)));
    const open = Object.entries(infra.output ?? {}).filter(([, o]) => o.sensitive !== true);
    expect(open.map(([n]) => n)).toContain('install_commands');
    expect(open.filter(([, o]) => carries(JSON.stringify(o.value))).map(([n]) => n)).toEqual([]);
    // The check bites: the sensitive outputs do carry secrets.
    expect(carries(JSON.stringify(infra.output!.kubernetes_secrets.value))).toBe(true);
  });

  test('every call that does not read standard input gets none: the script survives being piped into bash', () => {
    // The last step is the app's release: had a command read the script's own standard input, it would be missing.
    expect(r.calls[r.calls.length - 1]!.argv.slice(0, 3)).toEqual(['upgrade', '--install', 'spacelift']);
  });
});

/** Every address `address` depends on, directly or not. */
function transitive(graph: Map<string, Set<string>>, address: string): Set<string> {
  const seen = new Set<string>();
  const stack = [address];
  while (stack.length > 0) {
    for (const next of graph.get(stack.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

/** A platform value with every `data.terraform_remote_state...outputs.<name>` replaced by what that infra output is. */
function viaInfra(r: Run, value: unknown): unknown {
  const text = JSON.stringify(value).replace(/data\.terraform_remote_state\.[A-Za-z0-9_-]+\.outputs\.([A-Za-z0-9_-]+)/g, (_m, name: string) => {
    const source = /^\$\{(.*)\}$/s.exec(r.infra.output![name].value);
    if (!source) throw new Error(`infra output ${name} is not one expression`);
    return source[1]!;
  });
  return JSON.parse(text);
}

/** The document a platform release's `${yamlencode(...)}` encodes: a platform local, or an infra local read across stacks. */
function platformValues(r: Run, expression: string): unknown {
  const local = /^\$\{yamlencode\(local\.([^)]+)\)\}$/.exec(expression);
  if (local) return resolveLocals(r.platform, r.platform.locals![local[1]!]);
  const remote = /^\$\{yamlencode\(data\.terraform_remote_state\.[^.]+\.outputs\.([^)]+)\)\}$/.exec(expression);
  const source = remote && /^\$\{local\.([^}]+)\}$/.exec(r.infra.output![remote[1]!].value);
  if (!source) throw new Error(`values ${expression}`);
  return resolveLocals(r.infra, r.infra.locals![source[1]!]);
}

describe('the install script generator', () => {
  let gke: Run;
  beforeAll(() => {
    gke = run(VARIANTS['GKE with IAM authentication (database bootstrap Job)']!);
  });

  test('the output is not sensitive (it holds no secret); what it reads at run time is', () => {
    const out = gke.infra.output!;
    expect(out.install_commands.sensitive).toBeUndefined();
    const read = [...evaluateOutput(gke.infra, 'install_commands').matchAll(/output -raw ([a-z_]+)/g)].map((m) => m[1]!);
    expect([...new Set(read)].sort()).toEqual(['database_bootstrap', 'database_bootstrap_job', 'kubernetes_secrets']);
    for (const name of read) expect(out[name].sensitive).toBe(true);
  });

  test('INFRA_STACK_DIR runs it from another folder; without it, a folder without cdktf.out is named in the error', () => {
    const script = evaluateOutput(gke.infra, 'install_commands');
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'elsewhere-'));
    const infraDir = path.join(gke.cwd, 'cdktf.out', 'stacks', gke.infraName);
    fs.writeFileSync(path.join(elsewhere, 'install.sh'), script);
    const fakes = fakeTools(Object.fromEntries(['kubernetes_secrets', 'database_bootstrap', 'database_bootstrap_job'].map((n) => [n, evaluateOutput(gke.infra, n)])));
    runWithFakes('bash install.sh', { cwd: elsewhere, bin: fakes.bin, env: { INFRA_STACK_DIR: infraDir } });
    const issuers = fakes.calls().find((c) => c.tool === 'helm' && c.argv[2] === 'cluster-issuers')!;
    expect(fs.existsSync(path.join(issuers.argv[3]!, 'templates', 'cluster-issuers.yaml'))).toBe(true);
    expect(() => runWithFakes('bash install.sh', { cwd: elsewhere, bin: fakes.bin })).toThrow(/no folder cdktf\.out\/stacks\/spacelift-gke-infra: run this where cdktf\.out is, or set INFRA_STACK_DIR/);
  });

  test('a release setting the script does not translate fails the synth instead of being left out', () => {
    const stack = new TerraformStack(testApp(), 'test');
    const base = { name: 'x', chart: 'c', repository: 'https://example.com', version: '1.0.0', namespace: 'ns', values: ['a: 1'], timeout: 60, wait: true, atomic: true, maxHistory: 10 };
    expect(helmInstallArgs(new Release(stack, 'ok', base), 'ns', false)).toEqual([
      'upgrade', '--install', 'x', '--repo', 'https://example.com', '--version', '1.0.0', '--namespace', 'ns', '--atomic', '--wait', '--timeout', '60s', '--history-max', '10', '--values', '-',
    ]);
    expect(() => helmInstallArgs(new Release(stack, 'skip-crds', { ...base, skipCrds: true }), 'ns', false)).toThrow(/skip_crds/);
    expect(() => helmInstallArgs(new Release(stack, 'set', { ...base, set: [{ name: 'a', value: 'b' }] }), 'ns', false)).toThrow(/\bset\b/);
    expect(() => helmInstallArgs(new Release(stack, 'no-timeout', { ...base, timeout: undefined }), 'ns', false)).toThrow(/timeout/);
    expect(() => helmInstallArgs(new Release(stack, 'two-values', { ...base, values: ['a: 1', 'b: 2'] }), 'ns', false)).toThrow(/one values document/);
  });

  test('literal words are quoted for the shell only when they need it', () => {
    expect(shellWord('https://traefik.github.io/charts')).toBe('https://traefik.github.io/charts');
    expect(shellWord("it's $x")).toBe("'it'\\''s $x'");
  });
});
