import * as path from 'path';

/**
 * cdktf's token creation stacks captured when a token is made and turned into text only when something reads them,
 * for an app's entry point.
 *
 * Every token cdktf makes (each attribute reference, Terraform function call, Lazy and nested-block object) records
 * where it was made, as an array of `at ...` lines, and only the message of a token that cannot be resolved ever reads
 * it. cdktf captures the whole stack and formats every frame at once, which is about a tenth of a synth. With this
 * installed, a creation stack records the innermost `Error.stackTraceLimit` frames (as
 * {@link limitStackTraceFormatting} keeps them) without formatting them; the first read of the array (its length,
 * an element, `join`) formats them, with the stack trace formatter in place at that time, into exactly the lines cdktf
 * would have stored.
 *
 * cdktf 0.21 has no setting for this: it replaces the `captureStackTrace` export of cdktf's internal module
 * `lib/tokens/private/stack-trace.js`, which cdktf's token classes look up on each call. A process-wide setting: call
 * it from an app's entry point, not from a library. Calling it again changes nothing; on a cdktf without that module
 * it does nothing.
 *
 * @returns whether it was installed
 */
export function deferCreationStacks(): boolean {
  const module = creationStackModule();
  if (module === undefined || typeof module.captureStackTrace !== 'function' || DEFERS in module.captureStackTrace) return false;
  const capture: CaptureStackTrace = function deferredCaptureStackTrace(below) {
    const holder: { stack?: string } = {};
    // Captures the frames as V8 keeps them; V8 formats them when `stack` is first read.
    Error.captureStackTrace(holder, below ?? deferredCaptureStackTrace);
    return lazyLines(() => stackLines(holder.stack));
  };
  Object.defineProperty(capture, DEFERS, { value: true });
  module.captureStackTrace = capture;
  return true;
}

/** cdktf's creation stack capture: the frames below `below` (or below itself), one `at ...` line each without `at`. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type CaptureStackTrace = (below?: Function) => string[];

const DEFERS = Symbol('cdktf-selfhosted-platforms.deferCreationStacks');

/** cdktf's module that exports `captureStackTrace`, or undefined when this cdktf has none. */
function creationStackModule(): { captureStackTrace?: CaptureStackTrace } | undefined {
  try {
    // Resolved from cdktf's main file, so this is the very module cdktf's own files load (cdktf has no exports map).
    const cdktfLib = path.dirname(require.resolve('cdktf'));
    return require(path.join(cdktfLib, 'tokens', 'private', 'stack-trace.js')) as { captureStackTrace?: CaptureStackTrace };
  } catch {
    return undefined;
  }
}

/** A stack trace as lines without its header and without each line's `at `, as cdktf stores a creation stack. */
export function stackLines(stack: string | undefined): string[] {
  if (typeof stack !== 'string' || stack === '') return [];
  const lines = stack.split('\n');
  lines.shift();
  return lines.map((line) => line.replace(/^\s*at\s+/, ''));
}

/**
 * An array whose elements `produce` makes on its first use (any read, write or property lookup), to stand for a
 * value that is rarely read and costly to make. It is an array (`Array.isArray` holds) and behaves as the produced
 * one once used.
 */
export function lazyLines(produce: () => string[]): string[] {
  const target: string[] = [];
  PENDING.set(target, produce);
  return new Proxy(target, LAZY_LINES);
}

/** The arrays not yet made, with what makes them. */
const PENDING = new WeakMap<string[], () => string[]>();

/** Makes the array's elements on first use. */
function made(target: string[]): string[] {
  const produce = PENDING.get(target);
  if (produce !== undefined) {
    PENDING.delete(target);
    target.push(...produce());
  }
  return target;
}

/** Every proxy trap that reads or changes the array, each making it first (the prototype's traps are left alone). */
const LAZY_LINES: ProxyHandler<string[]> = {
  get: (t, p, r) => Reflect.get(made(t), p, r),
  set: (t, p, v, r) => Reflect.set(made(t), p, v, r),
  has: (t, p) => Reflect.has(made(t), p),
  ownKeys: (t) => Reflect.ownKeys(made(t)),
  getOwnPropertyDescriptor: (t, p) => Reflect.getOwnPropertyDescriptor(made(t), p),
  defineProperty: (t, p, d) => Reflect.defineProperty(made(t), p, d),
  deleteProperty: (t, p) => Reflect.deleteProperty(made(t), p),
};
