import * as path from 'path';
import Module = require('module');

/**
 * cdktf without its zip library loaded until something calls it, for an app's entry point.
 *
 * cdktf's `lib/private/fs.js` requires `archiver` (with its dependencies: 203 files, 1.1 MB of JavaScript, 60-100 ms
 * to load here) when cdktf is loaded, for one use: zipping a `TerraformAsset` of type ARCHIVE, which cdktf does by
 * running that same file as a separate Node process (`node fs.js <src> <dest>`), where this setting is not in place.
 * With it, that `require("archiver")` in this process returns a stand-in that loads `archiver` on first use (a call,
 * or reading a property) and behaves as it from then on. A process-wide setting: call it from an app's entry point
 * before anything loads cdktf, not from a library. Calling it again changes nothing.
 *
 * @returns whether it was installed
 */
export function deferCdktfArchiver(): boolean {
  const loader = Module as unknown as { _load?: ModuleLoad };
  const load = loader._load;
  if (typeof load !== 'function' || DEFERS in load) return false;
  let cdktfFs: string;
  try {
    cdktfFs = path.join(path.dirname(require.resolve('cdktf')), 'private', 'fs.js');
  } catch {
    return false;
  }
  const deferring: ModuleLoad = function (this: unknown, request, parent, isMain) {
    if (request === 'archiver' && !isMain && parent?.filename === cdktfFs) return loadedOnFirstUse(() => load.call(this, request, parent, isMain));
    return load.call(this, request, parent, isMain);
  };
  Object.defineProperty(deferring, DEFERS, { value: true });
  loader._load = deferring;
  return true;
}

/** Node's `Module._load`. */
type ModuleLoad = (request: string, parent: NodeJS.Module | undefined, isMain: boolean) => unknown;

const DEFERS = Symbol('cdktf-selfhosted-platforms.deferCdktfArchiver');

/**
 * A stand-in for a module whose export is a function (as `archiver`'s is): calling it, constructing it or reading,
 * writing or listing its properties loads the module and does the same to its export.
 */
export function loadedOnFirstUse(load: () => unknown): unknown {
  let loaded: { value: object } | undefined;
  const real = (): object => (loaded ??= { value: load() as object }).value;
  // A bound function: callable and constructible, with no own `prototype` (which a proxy would have to list as its own).
  return new Proxy(function deferredModule() {}.bind(undefined), {
    apply: (_t, thisArg, args) => Reflect.apply(real() as (...a: unknown[]) => unknown, thisArg, args),
    construct: (_t, args) => Reflect.construct(real() as new (...a: unknown[]) => object, args),
    get: (_t, p) => Reflect.get(real(), p),
    set: (_t, p, v) => Reflect.set(real(), p, v),
    has: (_t, p) => Reflect.has(real(), p),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_t, p) => {
      const d = Reflect.getOwnPropertyDescriptor(real(), p);
      // A proxy may only report a property as non-configurable when its target has it so.
      return d === undefined ? undefined : { ...d, configurable: true };
    },
  });
}
