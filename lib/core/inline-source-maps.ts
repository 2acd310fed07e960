import * as fs from 'fs';
import * as Module from 'module';

/**
 * Compiles cdktf and its prebuilt provider bindings without their inline source maps, for an app's entry point.
 *
 * Every JavaScript file of `cdktf` and `@cdktf/provider-*` ends with its source map inlined as a base64 comment
 * (`//# sourceMappingURL=data:...`): 21 of the 33 MB a synth of the shipped examples loads. V8 reads the comment
 * through to the end when it compiles a file and keeps it with the script, so it costs compile time and memory
 * (measured: about 9% of a synth's instructions and 17 MiB of peak memory) and is only of use to a debugger or to
 * `--enable-source-maps`. With this installed, Node's CommonJS loader compiles those packages' files without that
 * last line; line and column numbers do not change, and every other file loads as before.
 *
 * It changes nothing when Node maps stack traces itself (`--enable-source-maps`) or a debugger is attached
 * (`--inspect`), so both still see cdktf's TypeScript sources. It replaces Node's `.js` loader
 * (`Module._extensions['.js']`, the hook require-time transpilers use) for those packages only, so it is a
 * process-wide setting: call it from an app's entry point before the first `require('cdktf')`, not from a library.
 * Calling it again changes nothing.
 *
 * @returns whether it was installed
 */
export function compileWithoutInlineSourceMaps(): boolean {
  if (process.sourceMapsEnabled || debuggerAttached()) return false;
  const extensions = (Module as unknown as { _extensions?: Record<string, JsLoader | undefined> })._extensions;
  const original = extensions?.['.js'];
  if (extensions === undefined || original === undefined || STRIPS in original) return false;
  const loader: JsLoader = (module, filename) => {
    if (!STRIPPED_PACKAGES.test(filename)) return original(module, filename);
    return (module as unknown as { _compile(content: string, filename: string): unknown })._compile(readWithoutInlineSourceMap(filename), filename);
  };
  Object.defineProperty(loader, STRIPS, { value: true });
  extensions['.js'] = loader;
  return true;
}

/** Whether a debugger can attach (`--inspect`, `inspector.open()`); false on a Node built without the inspector. */
function debuggerAttached(): boolean {
  try {
    return (require('inspector') as typeof import('inspector')).url() !== undefined;
  } catch {
    return false;
  }
}

/** Node's loader for one file extension. */
export type JsLoader = (module: NodeJS.Module, filename: string) => unknown;

const STRIPS = Symbol('cdktf-selfhosted-platforms.compileWithoutInlineSourceMaps');

/** Files of the packages whose inline source maps are left out: cdktf itself and the prebuilt provider bindings. */
export const STRIPPED_PACKAGES = /[\\/]node_modules[\\/](?:cdktf|@cdktf[\\/]provider-[a-z0-9-]+)[\\/]/;

const INLINE_MAP = '\n//# sourceMappingURL=data:';
const INLINE_MAP_BYTES = Buffer.from(INLINE_MAP, 'utf8');

/**
 * A file's source as {@link withoutInlineSourceMap} leaves it, read as bytes and decoded without the map: the map is
 * two thirds of a binding's bytes, and decoding it as UTF-8 only to drop it cost about 4% of a synth (measured).
 */
export function readWithoutInlineSourceMap(filename: string): string {
  return sourceWithoutInlineMap(fs.readFileSync(filename));
}

/** {@link withoutInlineSourceMap} on a file's bytes (UTF-8), decoding only what is kept. */
export function sourceWithoutInlineMap(bytes: Buffer): string {
  const at = bytes.lastIndexOf(INLINE_MAP_BYTES);
  if (at < 0) return bytes.toString('utf8');
  const rest = bytes.indexOf(0x0a, at + 1);
  if (rest !== -1 && rest !== bytes.length - 1) return bytes.toString('utf8');
  return bytes.toString('utf8', 0, at + 1);
}

/** The source without its last line when that line is an inline source map comment; otherwise unchanged. */
export function withoutInlineSourceMap(source: string): string {
  const at = source.lastIndexOf(INLINE_MAP);
  if (at < 0) return source;
  const rest = source.indexOf('\n', at + 1);
  // Only a comment on the last line (which may end with a line break): anything after it means this is not one.
  if (rest !== -1 && rest !== source.length - 1) return source;
  return source.slice(0, at + 1);
}
