import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { packageRoot } from '../../lib/core/package-root';
import { loadConfigFile } from '../../stacks/config-file';
import { DEPLOYMENT_KINDS, DeploymentConfig, buildDeployment } from '../../stacks/deployments';
import {
  ToolCall,
  docInstallCommand,
  fakeTools,
  helmValuesOf,
  manifestsOf,
  platformInventory,
  resolveResourceName,
  runWithFakes,
  scriptInventory,
} from '../support/install-commands';
import { RenderResult, renderOutputs } from '../support/render';
import { describeWithTerraform } from '../support/requirements';
import { Synthesized, synthApp, testApp, terraformBinary } from '../support/synth';

/**
 * The guide's command for the manual path, `terraform -chdir=cdktf.out/stacks/<infra> output -raw install_commands |
 * bash`, run as written: the real terraform evaluates the infra stack's outputs (every resource attribute and secret
 * replaced by an awkward value) and the script runs in bash with fake kubectl and helm first on the PATH, which record
 * their arguments and what they read. What they were asked to install must be exactly what the platform stack
 * installs: every release with its chart, repository, version, namespace and flags, and its values equal to the
 * platform stack's values after the same round trip through terraform; every namespace with its labels; the
 * ClusterIssuers' values with the config's e-mail; the Secrets with the same data; with a database bootstrap its
 * Secret, ConfigMap and Job, the Job under the same computed name.
 */
const AWKWARD = `a"b'c\\d\ne#f: g $h \${i} %{j} \`k\` |l`;
const sample = (address: string, i: number) => `${AWKWARD} <${i}:${address}>`;
const VARIABLES: Record<string, string> = {
  spacelift_license_token: `lic "token" 'x' \\ \n#: $LICENSE`,
  spacelift_admin_password: `p@ss:w/o"rd' \\ \n# $(whoami) \`id\` +%20 ?&=`,
  spacelift_encryption_rsa_private_key: `-----BEGIN "KEY"-----\n'\\'\n#: $\n-----END-----`,
};
// As awkward as an ACME account address may be: a quote, $, a backtick, &, |, # and template-looking text.
const EMAIL = "o'neil+$HOME_`id`&%{x}${y}~|#@example.com";

type Kind = keyof typeof DEPLOYMENT_KINDS;
const variant = (kind: Kind, patch: (c: any) => void = () => undefined): DeploymentConfig => {
  const c = loadConfigFile(path.join(packageRoot(), DEPLOYMENT_KINDS[kind].example)) as any;
  c.kubernetes.certManager.email = EMAIL;
  patch(c);
  return c;
};

const VARIANTS: Record<string, DeploymentConfig> = {
  'AKS example (Traefik)': variant('spacelift-aks'),
  'AKS with ingress-nginx': variant('spacelift-aks', (c) => (c.kubernetes.ingress = { controller: 'ingress-nginx', replicas: 3 })),
  'GKE with IAM authentication (database bootstrap Job)': variant('spacelift-gke', (c) => (c.postgres = { ...c.postgres, iamAuth: true })),
  'EKS example': variant('spacelift-eks'),
};

const PLATFORM_LOCAL = (name: string) => `platform__${name}`;

function mapStrings(value: unknown, fn: (s: string) => string): any {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]));
  return value;
}

/**
 * The infra stack's JSON, plus the platform stack's locals and, as sensitive outputs `cmp__<n>`, the JSON of the
 * platform values to compare with: each `data.terraform_remote_state...outputs.<name>` replaced by what that infra
 * output is, each name of another platform resource by that resource's literal name. One terraform run then gives
 * both sides the same sample values.
 */
function withPlatform(infra: Synthesized, platform: Synthesized, compare: Record<string, unknown>): Synthesized {
  const platformLocals = new Set(Object.keys(platform.locals ?? {}));
  const rewrite = (s: string) =>
    resolveResourceName(platform, s)
      .replace(/data\.terraform_remote_state\.[A-Za-z0-9_-]+\.outputs\.([A-Za-z0-9_-]+)/g, (_m, name: string) => {
        const inner = /^\$\{(.*)\}$/s.exec(infra.output![name].value);
        if (!inner) throw new Error(`infra output ${name} is not one expression`);
        return `(${inner[1]})`;
      })
      .replace(/\blocal\.([A-Za-z0-9_-]+)/g, (m, name: string) => (platformLocals.has(name) ? `local.${PLATFORM_LOCAL(name)}` : m));
  const locals: Record<string, unknown> = { ...infra.locals };
  for (const [name, value] of Object.entries(platform.locals ?? {})) locals[PLATFORM_LOCAL(name)] = mapStrings(value, rewrite);
  const output: Record<string, unknown> = { ...infra.output };
  for (const [name, value] of Object.entries(compare)) {
    locals[name] = mapStrings(value, rewrite);
    output[name] = { value: `\${jsonencode(local.${name})}`, sensitive: true };
  }
  return { ...infra, locals, output };
}

/** A synthesized kubernetes_job_v1's metadata and spec (evaluated) as the batch/v1 Job manifest it stands for. */
function jobManifest(job: { metadata: unknown; spec: unknown }): unknown {
  const RENAMED: Record<string, string> = { container: 'containers', volume_mount: 'volumeMounts', volume: 'volumes' };
  const convert = (value: unknown, key: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => convert(v, key));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [RENAMED[k] ?? k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), convert(v, k)]));
    }
    // The provider takes these as strings; the API as numbers (the mode in octal).
    if (key === 'run_as_user' || key === 'run_as_group') return Number(value);
    if (key === 'default_mode') return parseInt(String(value), 8);
    return value;
  };
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: convert(job.metadata, 'metadata'), spec: convert(job.spec, 'spec') };
}

const withTerraform = describeWithTerraform();

withTerraform.each(Object.entries(VARIANTS))('the guide\'s install_commands, run with the real terraform (%s)', (_name, config) => {
  let infra: Synthesized;
  let platform: Synthesized;
  let result: RenderResult;
  let calls: ToolCall[];
  let printed: string;
  let cwd: string;
  const compared = (name: string) => JSON.parse(result.raw[name]!);

  beforeAll(() => {
    const app = testApp();
    const pair = buildDeployment(app, config);
    const json = synthApp(app);
    infra = json[pair.infra.node.id]!;
    platform = json[pair.platform.node.id]!;
    const compare: Record<string, unknown> = {};
    for (const r of Object.values<any>(platform.resource?.helm_release ?? {})) compare[`cmp__values_${r.name.replace(/-/g, '_')}`] = r.values[0];
    for (const s of Object.values<any>(platform.resource?.kubernetes_secret_v1 ?? {})) compare[`cmp__secret_${s.metadata.name.replace(/-/g, '_')}`] = s.data;
    for (const c of Object.values<any>(platform.resource?.kubernetes_config_map_v1 ?? {})) compare[`cmp__config_map_${c.metadata.name.replace(/-/g, '_')}`] = c.data;
    for (const j of Object.values<any>(platform.resource?.kubernetes_job_v1 ?? {})) compare.cmp__job = { metadata: j.metadata, spec: j.spec };
    const merged = withPlatform(infra, platform, compare);
    const read = Object.keys(infra.output!).filter((n) => ['install_commands', 'kubernetes_secrets', 'database_bootstrap', 'database_bootstrap_job'].includes(n));
    const variables = Object.fromEntries(Object.entries(VARIABLES).filter(([k]) => k in (infra.variable ?? {})));
    result = renderOutputs(terraformBinary()!, { json: merged, outputs: [...read, ...Object.keys(compare)], variables, sample });
    // The folder a user runs the guide's command in: cdktf.out/stacks/<infra> with its state and its assets.
    fs.cpSync(path.join(app.outdir, 'stacks', pair.infra.node.id, 'assets'), path.join(result.dir, 'assets'), { recursive: true });
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'install-commands-'));
    fs.mkdirSync(path.join(cwd, 'cdktf.out', 'stacks'), { recursive: true });
    fs.symlinkSync(result.dir, path.join(cwd, 'cdktf.out', 'stacks', pair.infra.node.id));
    const guide = fs.readFileSync(path.join(packageRoot(), DEPLOYMENT_KINDS[config.kind as Kind].guide), 'utf8');
    const command = docInstallCommand(guide);
    expect(command).toBe(`terraform -chdir=cdktf.out/stacks/${pair.infra.node.id} output -raw install_commands | bash`);
    const fakes = fakeTools();
    const env = { TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: '/dev/null' };
    const extraPath = [path.dirname(terraformBinary()!)];
    runWithFakes(command, { cwd, bin: fakes.bin, extraPath, env });
    calls = fakes.calls();
    // "To read it first, leave out | bash".
    printed = runWithFakes(command.replace(/\s*\|\s*bash$/, ''), { cwd, bin: fakes.bin, extraPath, env });
  });

  test('without | bash the command prints the script, which holds no secret', () => {
    expect(printed).toBe(result.raw.install_commands);
    expect(printed.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    for (const secret of [...Object.values(VARIABLES), ...Object.entries(result.samples).filter(([a]) => /random_password|private_key/.test(a)).map(([, v]) => v)]) {
      expect(printed).not.toContain(secret);
      expect(printed).not.toContain(secret.replace(/'/g, "'\\''"));
    }
  });

  test('every release the platform stack creates, with the same chart, repository, version, namespace and flags', () => {
    const installed = scriptInventory(calls, (chart) => path.resolve(cwd, chart));
    const releases = (xs: Iterable<any>) => [...xs].flatMap((i) => ('release' in i ? [i.release] : [])).sort((a, b) => a.release.localeCompare(b.release));
    expect(releases(installed)).toEqual(releases(platformInventory(platform).values()));
    // The local chart the script installs is the repository's chart folder, file for file.
    const issuers = calls.find((c) => c.tool === 'helm' && c.argv[2] === 'cluster-issuers')!;
    const dir = path.resolve(cwd, issuers.argv[3]!);
    const source = path.join(packageRoot(), 'lib', 'kubernetes', 'charts', 'cluster-issuers');
    const files = (d: string, under = ''): string[] =>
      fs.readdirSync(path.join(d, under), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(d, path.join(under, e.name)) : [path.join(under, e.name)])).sort();
    expect(files(dir)).toEqual(files(source));
    for (const f of files(source)) expect(fs.readFileSync(path.join(dir, f), 'utf8')).toBe(fs.readFileSync(path.join(source, f), 'utf8'));
  });

  test('each release reads exactly the platform stack\'s values after the same round trip', () => {
    const helm = calls.filter((c) => c.tool === 'helm');
    expect(helm.length).toBe(Object.keys(platform.resource!.helm_release!).length);
    for (const call of helm) {
      const expected = parse(compared(`cmp__values_${call.argv[2]!.replace(/-/g, '_')}`));
      expect({ release: call.argv[2], values: helmValuesOf(call) }).toEqual({ release: call.argv[2], values: expected });
    }
    // Something awkward went through each document that has a computed value.
    expect(JSON.stringify(helmValuesOf(helm.find((c) => c.argv[2] === 'spacelift')!))).toContain(JSON.stringify(AWKWARD).slice(1, -1));
  });

  test('the ClusterIssuers get the config\'s e-mail and the ingress class, for both Let\'s Encrypt servers', () => {
    const values = helmValuesOf(calls.find((c) => c.tool === 'helm' && c.argv[2] === 'cluster-issuers')!) as any;
    const className = Object.values<any>(platform.resource!.helm_release!).find((r) => ['traefik', 'ingress-nginx'].includes(r.name))!.name === 'traefik' ? 'traefik' : 'nginx';
    expect(values.issuers.map((i: any) => [i.name, i.email, i.ingressClassName])).toEqual([
      ['letsencrypt-prod', EMAIL, className],
      ['letsencrypt-staging', EMAIL, className],
    ]);
  });

  test('every namespace is applied with the platform stack\'s labels, before anything goes into it', () => {
    const applied = calls.filter((c) => c.tool === 'kubectl' && c.argv[0] === 'apply').flatMap(manifestsOf);
    const namespaces = applied.filter((m) => m.kind === 'Namespace');
    const expected = Object.values<any>(platform.resource!.kubernetes_namespace_v1!).map((n) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n.metadata.name, labels: n.metadata.labels } }));
    expect(namespaces).toEqual(expect.arrayContaining(expected));
    expect(namespaces.length).toBe(expected.length);
    for (const ns of namespaces) expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toMatch(/^(baseline|restricted)$/);
  });

  test('every Secret the platform stack creates is applied with the same data; with a bootstrap, its ConfigMap and Job too', () => {
    const applied = calls.filter((c) => c.tool === 'kubectl' && c.argv[0] === 'apply').flatMap(manifestsOf);
    const secrets = applied.filter((m) => m.kind === 'Secret');
    const platformSecrets = Object.values<any>(platform.resource!.kubernetes_secret_v1!);
    expect(secrets.map((s) => s.metadata.name).sort()).toEqual(platformSecrets.map((s) => s.metadata.name).sort());
    for (const s of secrets) {
      const p = platformSecrets.find((x) => x.metadata.name === s.metadata.name);
      expect({ name: s.metadata.name, namespace: s.metadata.namespace, type: s.type, data: s.stringData }).toEqual({
        name: p.metadata.name,
        namespace: resolveResourceName(platform, p.metadata.namespace),
        type: p.type,
        data: compared(`cmp__secret_${p.metadata.name.replace(/-/g, '_')}`),
      });
      if (p.metadata.labels !== undefined) expect(s.metadata.labels).toEqual(p.metadata.labels);
    }
    const configMaps = applied.filter((m) => m.kind === 'ConfigMap');
    const platformConfigMaps = Object.values<any>(platform.resource?.kubernetes_config_map_v1 ?? {});
    expect(configMaps.map((c) => c.metadata.name)).toEqual(platformConfigMaps.map((c) => c.metadata.name));
    for (const c of configMaps) {
      const p = platformConfigMaps.find((x) => x.metadata.name === c.metadata.name);
      expect(c).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: p.metadata.name, namespace: resolveResourceName(platform, p.metadata.namespace), labels: p.metadata.labels }, data: compared(`cmp__config_map_${p.metadata.name.replace(/-/g, '_')}`) });
    }
    const jobs = applied.filter((m) => m.kind === 'Job');
    expect(jobs.length).toBe(Object.keys(platform.resource?.kubernetes_job_v1 ?? {}).length);
    if (jobs.length > 0) {
      // The same manifest, the name included: Terraform computes the same hash of what the Job runs on both sides.
      expect(jobs[0]).toEqual(jobManifest(compared('cmp__job')));
      const waited = calls.filter((c) => c.tool === 'kubectl' && c.argv[0] === 'wait').flatMap(manifestsOf);
      expect(waited.map((m) => [m.kind, m.metadata.name])).toEqual([['Job', jobs[0].metadata.name]]);
    }
  });

  test('the calls come in the platform stack\'s order: namespaces, the ingress controller, cert-manager, the issuers, the app', () => {
    const order = calls.map((c) => (c.tool === 'helm' ? `helm ${c.argv[2]}` : `kubectl ${c.argv[0]} ${manifestsOf(c).map((m) => m.kind).join(',')}`));
    const ingress = order.find((o) => /^helm (traefik|ingress-nginx)$/.test(o))!;
    const expected = [
      'kubectl apply Namespace',
      ingress,
      'kubectl apply Namespace',
      'helm cert-manager',
      'helm cluster-issuers',
      'kubectl apply Namespace',
      `kubectl apply ${Object.values<any>(platform.resource!.kubernetes_secret_v1!).filter((s) => !s.metadata.name.startsWith('database-bootstrap')).map(() => 'Secret').join(',')}`,
      ...(platform.resource?.kubernetes_job_v1 ? ['kubectl apply Secret,ConfigMap', 'kubectl apply Job', 'kubectl wait Job'] : []),
      'helm spacelift',
    ];
    expect(order).toEqual(expected);
  });
});

describe('the guides', () => {
  // The guides of the kinds whose pairs publish install_commands (Spacelift's; Taskcluster's platform needs more than
  // the script installs: docs/taskcluster.md says to deploy its platform stack).
  const guides = [...new Set(Object.values(DEPLOYMENT_KINDS).filter((k) => k.app === 'spacelift').map((k) => k.guide))];
  test.each(guides.map((g) => [g] as const))('%s: the manual path runs install_commands and types no helm or kubectl of its own', (guide) => {
    const text = fs.readFileSync(path.join(packageRoot(), guide), 'utf8');
    const section = text.slice(text.indexOf('## 6. Or: infra only'), text.indexOf('\n## 7.'));
    expect(docInstallCommand(section)).toMatch(/^terraform -chdir=cdktf\.out\/stacks\/spacelift-(aks|gke|eks)-infra output -raw install_commands \| bash$/);
    const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.join('\n')).not.toMatch(/^\s*(helm|kubectl)\b/m);
  });
});
