import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageRoot } from '../../lib/core/package-root';

/**
 * The API reference (docs/api/) is generated from the doc comments of the package's .d.ts files by
 * scripts/api-docs.js (`npm run docs:api`). This is CI's check of it: the package is built into a temporary folder
 * (never the build/ a packing test may be writing), the reference regenerated from it must equal the checked-in one,
 * and the generator must report no warning.
 */
const { generate, stalePages, parseDocComment } = require('../../scripts/api-docs.js') as {
  generate: (buildRoot?: string, manifest?: object) => { pages: Map<string, string>; warnings: string[] };
  stalePages: (pages: Map<string, string>, dir?: string) => string[];
  parseDocComment: (raw: string) => { text: string; tags: { tag: string; name?: string; text: string }[] };
};
const { buildPackage } = require('../../scripts/build-package.js') as { buildPackage: (outDir?: string) => string };

describe('docs/api', () => {
  let pages: Map<string, string>;
  let warnings: string[];

  beforeAll(() => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'api-docs-'));
    buildPackage(path.join(root, 'build'));
    ({ pages, warnings } = generate(root));
    fs.rmSync(root, { recursive: true, force: true });
  }, 120000);

  test('the doc comments of every entry point build the reference without a warning', () => {
    expect(warnings).toEqual([]);
  });

  test('the checked-in reference is the one the doc comments generate (run `npm run docs:api` after changing them)', () => {
    expect(stalePages(pages)).toEqual([]);
  });

  test('one page per entry point of the exports map, and an index linking each', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8'));
    const entries = Object.keys(manifest.exports).filter((k) => !k.includes('*') && k !== './package.json');
    expect(pages.size).toBe(entries.length + 1);
    for (const e of entries) expect(pages.get('README.md')).toContain(`\`${e === '.' ? manifest.name : `${manifest.name}/${e.slice(2)}`}\``);
    expect(pages.get('azure.md')).toContain("`import { ... } from 'cdktf-selfhosted-platforms/azure/postgres'`");
    // Members with their defaults, and docs inherited from the contract a class implements.
    expect(pages.get('kubernetes.md')).toContain('- `readonly replicas?: number`: Replicas of the controller, webhook and cainjector. Default: 2.');
    expect(pages.get('azure.md')).toMatch(/- `readonly oidcIssuerUrl: string`: OIDC issuer URL/);
  });
});

describe('the generator', () => {
  test('reads block tags after text on the same line, outside code and inline tags', () => {
    expect(parseDocComment('* Namespace. @default "cert-manager" ')).toEqual({ text: 'Namespace.', tags: [{ tag: 'default', name: undefined, text: '"cert-manager"' }] });
    expect(parseDocComment('*\n * Mail `ops@example.com` or see {@link Foo}.\n * @param id - the id\n ')).toEqual({
      text: 'Mail `ops@example.com` or see {@link Foo}.',
      tags: [{ tag: 'param', name: 'id', text: 'the id' }],
    });
  });

  test('warns on a missing module comment or doc comment, an optional prop without @default, an unknown tag and a broken link', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'api-docs-fixture-'));
    fs.mkdirSync(path.join(root, 'build'));
    fs.writeFileSync(
      path.join(root, 'build', 'index.d.ts'),
      [
        'export declare const UNDOCUMENTED = 1;',
        '/** Props. */',
        'export interface WidgetProps {',
        '    /** Size. */',
        '    readonly size?: number;',
        '}',
        '/** A widget, see {@link Gadget}. @defualt none */',
        'export declare function widget(props: WidgetProps): void;',
        '',
      ].join('\n'),
    );
    const { warnings } = generate(root, { name: 'fixture', exports: { '.': { types: './build/index.d.ts', default: './build/index.js' } } });
    expect(warnings.sort()).toEqual(
      [
        'build/index.d.ts: entry point fixture has no module comment (@packageDocumentation)',
        'build/index.d.ts: UNDOCUMENTED: no doc comment',
        'build/index.d.ts: WidgetProps.size: optional property without @default',
        'build/index.d.ts: widget: unknown tag @defualt',
        'build/index.d.ts: widget: {@link Gadget} names nothing this reference documents',
      ].sort(),
    );
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('reports a page that differs, is missing or is extra as stale', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'api-docs-stale-'));
    fs.writeFileSync(path.join(dir, 'a.md'), 'old\n');
    fs.writeFileSync(path.join(dir, 'extra.md'), 'x\n');
    fs.writeFileSync(path.join(dir, 'same.md'), 'same\n');
    expect(stalePages(new Map([['a.md', 'new\n'], ['b.md', 'b\n'], ['same.md', 'same\n']]), dir)).toEqual(['a.md', 'b.md', 'extra.md']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
