import { spawnSync } from 'child_process';
import * as path from 'path';
import * as fs from 'fs';
import { STRIPPED_PACKAGES, sourceWithoutInlineMap, withoutInlineSourceMap } from '../../lib/core/inline-source-maps';
import { packageRoot } from '../../lib/core/package-root';

describe('withoutInlineSourceMap', () => {
  const code = '"use strict";\nexports.x = 1;\n';
  const map = '//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozfQ==';

  test('leaves out an inline source map on the last line, with or without a line break after it', () => {
    expect(withoutInlineSourceMap(`${code}${map}`)).toBe(code);
    expect(withoutInlineSourceMap(`${code}${map}\n`)).toBe(code);
  });

  test('leaves the source alone when the comment is not its last line, or there is none', () => {
    const inside = `${code}const s = "\\n${map}";\nexports.y = 2;\n`;
    expect(withoutInlineSourceMap(inside)).toBe(inside);
    expect(withoutInlineSourceMap(code)).toBe(code);
    const fileMap = `${code}//# sourceMappingURL=index.js.map\n`;
    expect(withoutInlineSourceMap(fileMap)).toBe(fileMap);
  });

  test('read as bytes (sourceWithoutInlineMap), the same text: multi-byte characters, a BOM, every case above', () => {
    const cases = [
      `${code}${map}`,
      `${code}${map}\n`,
      `\uFEFF// é, ü, 日本, 🚀\n${code}${map}\n`,
      `// 🚀 ${map}\nexports.y = 2;\n`,
      `${code}//# sourceMappingURL=index.js.map\n`,
      `${code}${map}\n\n`,
      '',
    ];
    for (const text of cases) expect(sourceWithoutInlineMap(Buffer.from(text, 'utf8'))).toBe(withoutInlineSourceMap(text));
    // The mutation this catches: decoding up to the comment's start without its line break (or past it).
    expect(sourceWithoutInlineMap(Buffer.from(`${code}${map}`, 'utf8')).endsWith('exports.x = 1;\n')).toBe(true);
  });

  test('on the real files of cdktf and of the bindings the examples load: the same text as decoding the whole file', () => {
    const files = [
      ...fs.readdirSync(path.join(packageRoot(), 'node_modules/cdktf/lib'), { recursive: true }).map(String).filter((f) => f.endsWith('.js')).map((f) => `cdktf/lib/${f}`),
      '@cdktf/provider-azurerm/lib/kubernetes-cluster/index.js',
      '@cdktf/provider-google/lib/container-node-pool/index.js',
      '@cdktf/provider-aws/lib/launch-template/index.js',
      '@cdktf/provider-kubernetes/lib/network-policy-v1/index.js',
      '@cdktf/provider-helm/lib/release/index.js',
    ].map((f) => path.join(packageRoot(), 'node_modules', f));
    expect(files.length).toBeGreaterThan(80);
    let stripped = 0;
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      const kept = sourceWithoutInlineMap(bytes);
      expect({ file, same: kept === withoutInlineSourceMap(bytes.toString('utf8')) }).toEqual({ file, same: true });
      if (kept.length < bytes.length) stripped++;
    }
    expect(stripped).toBeGreaterThan(80);
  });
});

test('the packages left without inline source maps: cdktf and the prebuilt provider bindings only', () => {
  const under = (p: string) => path.join('/app', 'node_modules', ...p.split('/'));
  for (const p of ['cdktf/lib/index.js', '@cdktf/provider-aws/lib/s3-bucket/index.js', '@cdktf/provider-google-beta/lib/x/index.js']) expect(STRIPPED_PACKAGES.test(under(p))).toBe(true);
  for (const p of ['cdktf-cli/bundle/bin/cdktf.js', 'constructs/lib/construct.js', 'zod/index.cjs', '@cdktf/hcl2json/lib/index.js']) expect(STRIPPED_PACKAGES.test(under(p))).toBe(false);
  expect(STRIPPED_PACKAGES.test('C:\\app\\node_modules\\cdktf\\lib\\index.js')).toBe(true);
});

describe('compileWithoutInlineSourceMaps', () => {
  interface Probe {
    installed: boolean[] | false;
    compiled: Record<string, boolean>;
    thrownAt?: string;
  }
  function runProbe(...args: string[]): Probe {
    const nodeFlags = args.filter((a) => a.startsWith('--') && a !== '--as-is');
    const script = path.resolve(__dirname, '..', 'support', 'inline-source-maps-probe.js');
    const r = spawnSync(process.execPath, [...nodeFlags, script, ...args.filter((a) => a === '--as-is')], { cwd: packageRoot(), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as Probe;
  }
  const asIs = runProbe('--as-is');
  const stripped = runProbe();

  test('installs once', () => expect(stripped.installed).toEqual([true, false]));

  test('cdktf and the provider bindings compile without their inline source maps; other packages as Node reads them', () => {
    // The probe sees what it should: as shipped, those files carry inline source maps.
    expect(asIs.compiled['cdktf/lib/index.js']).toBe(true);
    expect(asIs.compiled['@cdktf/provider-random/lib/password/index.js']).toBe(true);
    expect(asIs.compiled['constructs/lib/construct.js']).toBe(true);
    const ours = Object.entries(stripped.compiled).filter(([f]) => STRIPPED_PACKAGES.test(`/node_modules/${f}`));
    expect(ours.length).toBeGreaterThan(50);
    expect(ours.filter(([, hasMap]) => hasMap)).toEqual([]);
    expect(stripped.compiled['constructs/lib/construct.js']).toBe(true);
  });

  test('an error thrown inside cdktf points at the same file, line and column', () => {
    expect(asIs.thrownAt).toMatch(/node_modules[\\/]cdktf[\\/]lib[\\/].*:\d+:\d+\)?$/);
    expect(stripped.thrownAt).toBe(asIs.thrownAt);
  });

  test('with --enable-source-maps or a debugger attached, the packages keep their source maps', () => {
    for (const flag of ['--enable-source-maps', '--inspect=127.0.0.1:0']) {
      const probe = runProbe(flag);
      expect({ flag, installed: probe.installed }).toEqual({ flag, installed: [false, false] });
      expect(probe.compiled['cdktf/lib/index.js']).toBe(true);
    }
  });
});
