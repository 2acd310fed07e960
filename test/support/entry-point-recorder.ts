/**
 * Preloaded (`node --require`) by test/stacks/process-settings.test.ts ahead of main.js: records whether Node compiled
 * cdktf with its inline source map, and at exit whether a creation stack captured the way cdktf captures one is
 * limited and whether cdktf resolves tokens with the fast resolver, and prints them as JSON.
 */
import * as Module from 'module';
import { usesFastTokenResolution } from '../../lib/core/token-resolution';

let cdktfWithInlineMap: boolean | undefined;
const proto = (Module as unknown as { prototype: { _compile(content: string, filename: string): unknown } }).prototype;
const compile = proto._compile;
proto._compile = function (this: unknown, content: string, filename: string) {
  if (/node_modules[\\/]cdktf[\\/]lib[\\/]index\.js$/.test(filename)) cdktfWithInlineMap = content.includes('//# sourceMappingURL=data:');
  return compile.call(this, content, filename);
};

function deep(depth: number): number {
  if (depth > 0) return deep(depth - 1);
  const object = { stack: '' };
  const previous = Error.stackTraceLimit;
  Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
  Error.captureStackTrace(object);
  Error.stackTraceLimit = previous;
  return object.stack.split('\n').length - 1;
}

process.on('exit', () => process.stdout.write(JSON.stringify({ cdktfWithInlineMap, creationStackFrames: deep(30), fastTokenResolution: usesFastTokenResolution() })));
