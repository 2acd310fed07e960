/**
 * Run by test/core/inline-source-maps.test.ts in a plain Node process (Jest has its own module loader): installs
 * compileWithoutInlineSourceMaps() (unless `--as-is` is given), loads cdktf, a provider binding and constructs, and
 * prints what Node compiled, plus where an error thrown inside cdktf points, as JSON.
 */
import * as Module from 'module';
import { compileWithoutInlineSourceMaps } from '../../lib/core/inline-source-maps';

/** Per loaded file under node_modules: whether the text Node compiled still had its inline source map. */
const compiled: Record<string, boolean> = {};
const proto = (Module as unknown as { prototype: { _compile(content: string, filename: string): unknown } }).prototype;
const compile = proto._compile;
proto._compile = function (this: unknown, content: string, filename: string) {
  const m = /node_modules[\\/](.*)$/.exec(filename);
  if (m) compiled[m[1]!.split(/[\\/]/).join('/')] = content.includes('//# sourceMappingURL=data:');
  return compile.call(this, content, filename);
};

const installed = process.argv.includes('--as-is') ? false : [compileWithoutInlineSourceMaps(), compileWithoutInlineSourceMaps()];

// Load cdktf, one provider binding and constructs the way an app does.
const { Fn } = require('cdktf') as typeof import('cdktf');
require('@cdktf/provider-random/lib/password');
require('constructs');

/** The innermost frame of an error cdktf throws (a literal with a quote inside a Terraform function call). */
let thrownAt: string | undefined;
try {
  Fn.upper('a "quoted" literal');
} catch (err) {
  thrownAt = (err as Error).stack?.split('\n').find((l) => l.includes('node_modules'))?.trim();
}

process.stdout.write(JSON.stringify({ installed, compiled, thrownAt }));
