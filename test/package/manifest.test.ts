import * as fs from 'fs';
import * as path from 'path';
import { packageRoot } from '../../lib/core/package-root';

/**
 * The package's manifest against the sources: every barrel has an entry point, the name examples/own-stack imports
 * means the same file to the type check (tsconfig.json paths), to the tests (jest.config.js moduleNameMapper) and to
 * an installed package (the exports map), the peer dependencies are the versions this repository tests with, and the
 * example's lock file pins the same packages as the library's.
 */
const ROOT = packageRoot();
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(ROOT, f), 'utf8'));
const manifest = read('package.json');
const lock = read('package-lock.json');
const example = read('examples/own-stack/package.json');
const exampleLock = read('examples/own-stack/package-lock.json');

type Target = { types: string; default: string };
const exportsMap = manifest.exports as Record<string, Target | string>;

/** Node's resolution of `subpath` (`./azure/cluster`) through the exports map: exact key, else the longest pattern. */
function resolveExport(subpath: string): Target | undefined {
  const exact = exportsMap[subpath];
  if (exact !== undefined) return typeof exact === 'string' ? undefined : exact;
  const patterns = Object.keys(exportsMap)
    .filter((k) => k.includes('*'))
    .map((k) => ({ k, pre: k.split('*')[0]!, post: k.split('*')[1]! }))
    .filter(({ pre, post }) => subpath.startsWith(pre) && subpath.endsWith(post) && subpath.length >= pre.length + post.length)
    .sort((a, b) => b.pre.length - a.pre.length);
  if (patterns.length === 0) return undefined;
  const { k, pre, post } = patterns[0]!;
  const star = subpath.slice(pre.length, subpath.length - post.length);
  const t = exportsMap[k] as Target;
  return { types: t.types.replace('*', star), default: t.default.replace('*', star) };
}

/** build/lib/azure/index.js -> lib/azure/index.ts */
const sourceOf = (built: string) => built.replace(/^\.\/build\//, '').replace(/\.js$/, '.ts');

function barrels(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...barrels(`${dir}/${e.name}`));
    else if (e.name === 'index.ts') out.push(`${dir}/index.ts`);
  }
  return out;
}

describe('exports map', () => {
  test('every barrel of lib/ and every shipped stack pair is an entry point, and every entry point is a source file', () => {
    const entries = Object.entries(exportsMap).filter(([k]) => k !== './package.json' && !k.includes('*'));
    const sources = entries.map(([, t]) => sourceOf((t as Target).default)).sort();
    expect(sources).toEqual([...barrels('lib'), 'stacks/aks/index.ts', 'stacks/eks/index.ts', 'stacks/gke/index.ts'].sort());
    for (const [k, t] of entries) {
      expect({ k, types: (t as Target).types }).toEqual({ k, types: (t as Target).default.replace(/\.js$/, '.d.ts') });
      expect(Object.keys(t as Target)[0]).toBe('types'); // TypeScript reads the first matching condition
    }
  });

  test('every file of lib/ is importable by its own path (cheap deep imports)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        if (e.isDirectory() && e.name !== 'charts') walk(`${dir}/${e.name}`);
        else if (e.name.endsWith('.ts')) files.push(`${dir}/${e.name}`);
      }
    };
    walk('lib');
    const unreachable = files.filter((f) => {
      const subpath = `./${f.replace(/^lib\//, '').replace(/(\/index)?\.ts$/, '')}`;
      const t = resolveExport(subpath === './index' ? '.' : subpath);
      return t === undefined || sourceOf(t.default) !== f;
    });
    expect(unreachable).toEqual([]);
  });

  test('the package name means the same files to tsconfig.json paths, to jest and to the exports map', () => {
    const paths = read('tsconfig.json').compilerOptions.paths as Record<string, string[]>;
    const jest = require(path.join(ROOT, 'jest.config.js')).moduleNameMapper as Record<string, string>;
    for (const subpath of ['.', './core', './azure', './azure/cluster', './kubernetes/ingress', './kubernetes/ingress/traefik', './apps/spacelift', './policy/rules', './stacks/aks']) {
      const specifier = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
      const viaExports = sourceOf(resolveExport(subpath)!.default);
      // tsconfig: the longest matching key, then its candidates in order (a file, else a folder's index.ts).
      const key = Object.keys(paths)
        .filter((k) => (k.includes('*') ? specifier.startsWith(k.split('*')[0]!) : k === specifier))
        .sort((a, b) => b.length - a.length)[0]!;
      const star = key.includes('*') ? specifier.slice(key.split('*')[0]!.length) : '';
      const viaTsconfig = paths[key]!.map((c) => path.normalize(c.replace('*', star)))
        .flatMap((c) => (c.endsWith('.ts') ? [c] : [`${c}.ts`, `${c}/index.ts`]))
        .find((c) => fs.existsSync(path.join(ROOT, c)));
      const [re, target] = Object.entries(jest).find(([r]) => new RegExp(r).test(specifier))!;
      const mapped = specifier.replace(new RegExp(re), target.replace(/\$(\d)/g, '$$$1')).replace('<rootDir>/dist-test/', '');
      const viaJest = [mapped.replace(/\.js$/, '.ts'), `${mapped}.ts`, `${mapped}/index.ts`].find((c) => c.endsWith('.ts') && fs.existsSync(path.join(ROOT, c)));
      expect({ specifier, viaTsconfig, viaJest }).toEqual({ specifier, viaTsconfig: viaExports, viaJest: viaExports });
    }
  });
});

describe('dependencies', () => {
  /** `range` is a caret range that `version` satisfies (the only kind of range the manifest uses). */
  function satisfiesCaret(version: string, range: string): boolean {
    const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
    if (!m) return false;
    const [a, b, c] = m.slice(1).map(Number) as [number, number, number];
    const [x, y, z] = version.split('.').map(Number) as [number, number, number];
    if (a > 0) return x === a && (y > b || (y === b && z >= c));
    return x === 0 && y === b && z >= c;
  }

  test('no runtime dependency of its own: cdktf, constructs, the providers and zod are peers; the clouds, http and zod optional', () => {
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.private).toBeUndefined();
    const optional = Object.entries(manifest.peerDependenciesMeta as Record<string, { optional: boolean }>).filter(([, m]) => m.optional).map(([n]) => n);
    expect(optional.sort()).toEqual(['@cdktf/provider-aws', '@cdktf/provider-azurerm', '@cdktf/provider-google', '@cdktf/provider-http', 'zod']);
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual([
      '@cdktf/provider-aws', '@cdktf/provider-azurerm', '@cdktf/provider-google', '@cdktf/provider-helm', '@cdktf/provider-http',
      '@cdktf/provider-kubernetes', '@cdktf/provider-random', '@cdktf/provider-tls', 'cdktf', 'constructs', 'zod',
    ]);
  });

  test('each peer range holds the exact version this repository installs and tests with', () => {
    for (const [name, range] of Object.entries(manifest.peerDependencies as Record<string, string>)) {
      const tested = manifest.devDependencies[name];
      expect({ name, tested, locked: lock.packages[`node_modules/${name}`]?.version }).toEqual({ name, tested, locked: tested });
      expect({ name, range, satisfied: satisfiesCaret(tested, range) }).toEqual({ name, range, satisfied: true });
    }
  });
});

describe('examples/own-stack', () => {
  test('depends on the library by name, in this version, and on the other packages at the versions the library tests with', () => {
    const { [manifest.name]: library, ...others } = example.dependencies as Record<string, string>;
    expect(library).toBe(`^${manifest.version}`);
    for (const [name, version] of Object.entries({ ...others, ...example.devDependencies } as Record<string, string>)) {
      expect({ name, version }).toEqual({ name, version: manifest.devDependencies[name] });
    }
    // Only Azure: no other cloud's bindings.
    expect(Object.keys(others).filter((n) => /provider-(aws|google|http)$/.test(n))).toEqual([]);
  });

  test("its lock file pins every package at the library lock's version and integrity (so it installs offline from the cache npm ci fills)", () => {
    const entries = Object.entries(exampleLock.packages as Record<string, { version?: string; integrity?: string }>).filter(([k]) => k !== '');
    expect(entries.length).toBeGreaterThan(10);
    const differing = entries.filter(([k, v]) => lock.packages[k]?.version !== v.version || lock.packages[k]?.integrity !== v.integrity).map(([k]) => k);
    expect(differing).toEqual([]);
    // The library itself comes from wherever the project installs it from (a registry, a git URL, a tarball).
    const { [manifest.name]: _library, ...others } = example.dependencies;
    expect(exampleLock.packages[''].dependencies).toEqual(others);
    expect(exampleLock.packages[`node_modules/${manifest.name}`]).toBeUndefined();
  });
});
