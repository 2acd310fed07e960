import { SpawnSyncReturns, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { OwnStack } from '../../examples/own-stack/main';
import { packageRoot } from '../../lib/core/package-root';

/**
 * The library as an organisation installs it: `npm pack` (which builds it through the `prepare` script), the tarball
 * installed into a temporary copy of examples/own-stack (its own package.json and lock file, outside this repository,
 * so nothing resolves from this repository's node_modules), then the example's `npm run synth`: tsc and plain
 * `node`, no ts-node.
 *
 * The install is offline, from the npm cache that `npm ci` filled. It passes `--legacy-peer-deps` because npm 11
 * fetches every peer's full registry document to check a new package's peers (even the optional ones it will not
 * install) and the cache `npm ci` fills holds only the abbreviated documents; `npm ls --all` then checks the peers
 * from what is installed, offline.
 */
const ROOT = packageRoot();
const EXAMPLE = path.join(ROOT, 'examples', 'own-stack');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  exports: Record<string, string | Record<string, string>>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

let work: string;
let tarball: string;
let project: string;

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  // No npm_* variables of the `npm test` running this (npm_config_local_prefix would point the child npm at this
  // repository), except the cache the child installs from.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => (!/^npm_/i.test(k) || /^npm_config_cache$/i.test(k)) && k !== 'CDKTF_OUTDIR'));
  return spawnSync(command, args, { cwd, env: { ...env, CHECKPOINT_DISABLE: '1' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function ok(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const r = run(command, args, cwd);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

type Loaded = { providers: string[]; libraryFolders: string[] };

/**
 * Loads each request in `cwd` with node, one after the other in one process with an emptied module cache each time,
 * and returns per request the provider packages and the library folders it loaded.
 */
function loaded(cwd: string, requests: readonly string[]): Record<string, Loaded> {
  const script = `
    const out = {};
    for (const request of ${JSON.stringify(requests)}) {
      for (const k of Object.keys(require.cache)) delete require.cache[k];
      require(request);
      const files = Object.keys(require.cache);
      const providers = new Set(files.map((f) => /node_modules\\/@cdktf\\/(provider-[a-z]+)\\//.exec(f)?.[1]).filter(Boolean));
      const folders = new Set(files.map((f) => /build\\/(lib\\/[a-z]+|stacks\\/[a-z]+)\\//.exec(f)?.[1]).filter(Boolean));
      out[request] = { providers: [...providers].sort(), libraryFolders: [...folders].sort() };
    }
    console.log(JSON.stringify(out));`;
  return JSON.parse(ok(process.execPath, ['-e', script], cwd).stdout);
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'package-'));
  const packed = JSON.parse(ok('npm', ['pack', '--json', '--pack-destination', work], ROOT).stdout) as { filename: string }[];
  tarball = path.join(work, packed[0]!.filename);

  project = path.join(work, 'own-stack');
  fs.mkdirSync(project);
  for (const f of ['main.ts', 'package.json', 'package-lock.json', 'tsconfig.json', 'cdktf.json']) fs.copyFileSync(path.join(EXAMPLE, f), path.join(project, f));
  ok('npm', ['install', tarball, '--offline', '--legacy-peer-deps', '--no-audit', '--no-fund'], project);
}, 180000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('the package', () => {
  test('the tarball holds the built library and stack pairs with their .d.ts, the chart they read, README, docs and LICENSE; no sources, tests or app', () => {
    const files = ok('tar', ['tzf', tarball], work).stdout.trim().split('\n').map((f) => f.replace(/^package\//, ''));
    const allowed = [/^build\/(lib|stacks)\/.+\.(js|d\.ts)$/, /^lib\/kubernetes\/charts\/(cluster-issuers|certificates)\/.+$/, /^docs\/.+\.md$/, /^(README\.md|LICENSE|package\.json)$/];
    expect(files.filter((f) => !allowed.some((re) => re.test(f)))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'build/lib/index.js', 'build/lib/index.d.ts', 'lib/kubernetes/charts/cluster-issuers/Chart.yaml', 'docs/api/README.md']));
    // The package is installable: not private, a name and a version.
    const packed = JSON.parse(fs.readFileSync(path.join(project, 'node_modules', manifest.name, 'package.json'), 'utf8'));
    expect({ private: packed.private, name: packed.name, version: packed.version }).toEqual({ private: undefined, name: 'cdktf-selfhosted-platforms', version: manifest.version });
  });

  test('every entry point of the exports map is in the tarball', () => {
    const installed = path.join(project, 'node_modules', manifest.name);
    const missing: string[] = [];
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
        if (file.includes('*')) {
          const dir = path.join(installed, path.dirname(file));
          const suffix = path.basename(file).replace('*', '');
          if (!fs.existsSync(dir) || !fs.readdirSync(dir).some((f) => f.endsWith(suffix))) missing.push(`${subpath}: ${file}`);
        } else if (!fs.existsSync(path.join(installed, file))) missing.push(`${subpath}: ${file}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('the tarball installed is the library just built (not an older copy from the npm cache)', () => {
    const installed = path.join(project, 'node_modules', manifest.name, 'build', 'lib');
    for (const f of ['index.js', 'azure/postgres.js', 'core/stack-providers.js', 'kubernetes/cert-manager.d.ts']) {
      expect({ f, same: fs.readFileSync(path.join(installed, f), 'utf8') === fs.readFileSync(path.join(ROOT, 'build', 'lib', f), 'utf8') }).toEqual({ f, same: true });
    }
  });
});

describe('examples/own-stack, a project of its own that installs the tarball', () => {
  test('installs offline with the Azure bindings only: every required peer met, AWS, Google, http and zod left out', () => {
    const tree = JSON.parse(ok('npm', ['ls', '--all', '--json'], project).stdout);
    const lib = tree.dependencies[manifest.name];
    expect(lib.version).toBe(manifest.version);
    const optional = Object.keys(manifest.peerDependenciesMeta).filter((p) => manifest.peerDependenciesMeta[p]!.optional).sort();
    expect(optional).toEqual(['@cdktf/provider-aws', '@cdktf/provider-azurerm', '@cdktf/provider-google', '@cdktf/provider-http', 'zod']);
    // `npm ls` exits non-zero when a required peer is missing or out of range; an optional one left out has no version.
    const peers = lib.dependencies as Record<string, { version?: string }>;
    expect(Object.keys(peers).sort()).toEqual(Object.keys(manifest.peerDependencies).sort());
    expect(Object.keys(peers).filter((n) => peers[n]!.version === undefined).sort()).toEqual(['@cdktf/provider-aws', '@cdktf/provider-google', '@cdktf/provider-http', 'zod']);
    expect(peers['@cdktf/provider-azurerm']!.version).toBe('14.23.1');
    for (const absent of ['@cdktf/provider-aws', '@cdktf/provider-google']) expect(fs.existsSync(path.join(project, 'node_modules', absent))).toBe(false);
  });

  test('`npm run synth` (tsc, then plain node) synthesizes it by package name, the same stack as the example synthesized from the sources', () => {
    const cdktfJson = JSON.parse(fs.readFileSync(path.join(project, 'cdktf.json'), 'utf8'));
    expect(cdktfJson.app).toBe('npm run --silent synth');
    const pkg = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8'));
    expect(pkg.scripts.synth).toBe('tsc && node dist/main.js');
    expect(fs.readFileSync(path.join(project, 'main.ts'), 'utf8')).toMatch(/from 'cdktf-selfhosted-platforms\/azure'/);

    ok('npm', ['run', 'synth'], project);
    const packaged = JSON.parse(fs.readFileSync(path.join(project, 'cdktf.out', 'stacks', 'own-stack', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(packaged.resource)).toEqual(expect.arrayContaining(['azurerm_kubernetes_cluster', 'azurerm_postgresql_flexible_server', 'helm_release']));
    // The chart the library reads from its own folder made it into the stack's assets.
    const assets = path.join(project, 'cdktf.out', 'stacks', 'own-stack', 'assets');
    const chart = fs.readdirSync(assets).find((d) => d.includes('issuers-chart'));
    expect(chart).toBeDefined();
    expect(fs.readdirSync(path.join(assets, chart!), { recursive: true })).toEqual(expect.arrayContaining([expect.stringMatching(/Chart\.yaml$/)]));

    const outdir = fs.mkdtempSync(path.join(work, 'sources-'));
    const app = new App({ outdir });
    new OwnStack(app, 'own-stack');
    app.synth();
    const fromSources = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'own-stack', 'cdk.tf.json'), 'utf8'));
    // Only the local state file's path differs: cdktf puts it in the working directory.
    const localState = (json: any) => json.terraform.backend.local.path;
    expect(path.dirname(localState(packaged))).toBe(project);
    for (const json of [packaged, fromSources]) delete json.terraform.backend.local.path;
    expect(packaged).toEqual(fromSources);
  });

  test('the Azure entry point loads none of the library\'s AWS or Google code', () => {
    expect(loaded(project, [`${manifest.name}/azure`])).toEqual({ [`${manifest.name}/azure`]: { providers: ['provider-azurerm', 'provider-random'], libraryFolders: ['lib/azure', 'lib/core'] } });
  });

  const AWS = ['@cdktf/provider-aws and @cdktf/provider-http, which are not installed', 'npm install @cdktf/provider-aws@^21.22.1 @cdktf/provider-http@^10.0.1'];
  const GOOGLE = ['@cdktf/provider-google, which is not installed', 'npm install @cdktf/provider-google@^16.12.1'];
  test.each([
    ['aws', 'aws', ...AWS],
    ['aws/postgres', 'aws', ...AWS],
    ['gcp', 'gcp', ...GOOGLE],
    ['gcp/cluster', 'gcp', ...GOOGLE],
    ['stacks/eks', 'aws', ...AWS],
  ])("importing %s without its cloud's bindings fails with a message naming the packages to install", (subpath, entry, names, install) => {
    const r = run(process.execPath, ['-e', `require('${manifest.name}/${subpath}')`], project);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`MissingPeerDependencyError: ${manifest.name}/${entry} needs ${names}`);
    expect(r.stderr).toContain(install);
    expect(r.stderr).not.toMatch(/Cannot find module/);
  });

  test('the stack pairs name zod when it is missing (their config schemas need it)', () => {
    const r = run(process.execPath, ['-e', `require('${manifest.name}/stacks/aks')`], project);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${manifest.name}/stacks needs zod, which is not installed`);
    expect(r.stderr).toContain('npm install zod@^4.6.7');
  });
});

describe('entry points in this repository (every provider package installed)', () => {
  // Resolved through the package's own exports map (a package may import itself by name), i.e. the built build/.
  test('each entry point loads only the provider bindings and library folders it needs', () => {
    const expected: Record<string, Loaded> = {
      '': { providers: [], libraryFolders: ['lib/core', 'lib/policy'] },
      '/core': { providers: [], libraryFolders: ['lib/core'] },
      '/policy': { providers: [], libraryFolders: ['lib/core', 'lib/policy'] },
      '/azure': { providers: ['provider-azurerm', 'provider-random'], libraryFolders: ['lib/azure', 'lib/core'] },
      '/azure/cluster': { providers: ['provider-azurerm'], libraryFolders: ['lib/azure', 'lib/core'] },
      '/gcp': { providers: ['provider-google', 'provider-random'], libraryFolders: ['lib/core', 'lib/gcp'] },
      '/aws': { providers: ['provider-aws', 'provider-http', 'provider-random'], libraryFolders: ['lib/aws', 'lib/core'] },
      // RabbitMqCluster generates its passwords (random_password).
      '/kubernetes': { providers: ['provider-helm', 'provider-kubernetes', 'provider-random'], libraryFolders: ['lib/core', 'lib/kubernetes'] },
      '/apps/spacelift': { providers: ['provider-tls'], libraryFolders: ['lib/apps', 'lib/core', 'lib/kubernetes'] },
      '/stacks/aks': {
        providers: ['provider-azurerm', 'provider-helm', 'provider-kubernetes', 'provider-random', 'provider-tls'],
        libraryFolders: ['lib/apps', 'lib/azure', 'lib/core', 'lib/kubernetes', 'lib/policy', 'stacks/aks', 'stacks/apps'],
      },
    };
    const requests = Object.keys(expected).map((s) => `${manifest.name}${s}`);
    expect(loaded(ROOT, requests)).toEqual(Object.fromEntries(Object.entries(expected).map(([s, v]) => [`${manifest.name}${s}`, v])));
  });
});
