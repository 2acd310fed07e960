/**
 * Run by test/core/stack-traces.test.ts in a plain Node process (Jest installs its own stack trace formatter in test
 * files): formats the same stacks before and after limitStackTraceFormatting() and prints what it saw as JSON.
 */
import { Lazy } from 'cdktf';
import { StackFormatter, formatLikeNode, limitStackTraceFormatting } from '../../lib/core/stack-traces';

/** Runs `f` below `depth` extra frames. */
function deep<T>(depth: number, f: () => T): T {
  return depth === 0 ? f() : deep(depth - 1, f);
}

/** A plain object's stack captured the way cdktf and constructs capture creation stacks: the limit raised around it. */
function creationStack(): string[] {
  const object = { stack: '' };
  const previous = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
    Error.captureStackTrace(object, creationStack);
  } finally {
    Error.stackTraceLimit = previous;
  }
  return object.stack.split('\n').slice(1);
}

function nodeError(): Error {
  try {
    Buffer.alloc(-1);
  } catch (err) {
    return err as Error;
  }
  throw new Error('Buffer.alloc(-1) did not throw');
}

/** What the current formatter writes for each case; every case is made at the same place each time. */
function sample() {
  const ordinary = deep(3, () => new TypeError('bad "value"\nsecond line')).stack!;
  const node = nodeError().stack!;
  Error.stackTraceLimit = 0;
  const noFrames = new Error('no frames').stack!;
  Error.stackTraceLimit = 10;
  const creation = deep(30, creationStack);
  Error.stackTraceLimit = 25;
  const creation25 = deep(30, creationStack);
  Error.stackTraceLimit = 10;
  const token = deep(30, () => Lazy.anyValue({ produce: () => 'x' })).creationStack;
  return { ordinary, node, noFrames, creation, creation25, token };
}

/** Node's default formatter next to formatLikeNode, on the same error and frames. */
function fallbackAgainstNode(nodeDefault: StackFormatter | undefined) {
  if (nodeDefault === undefined) return undefined;
  const both = (make: () => Error) => {
    let pair: unknown[] = [];
    const saved = Error.prepareStackTrace;
    Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => {
      pair = [nodeDefault(error, frames), formatLikeNode(error, frames)];
      return '';
    };
    void make().stack;
    Error.prepareStackTrace = saved;
    return pair;
  };
  return { ordinary: both(() => deep(3, () => new TypeError('bad'))), node: both(nodeError), plain: both(() => Object.assign(new Error('x'), { code: 'MINE' })) };
}

function probe() {
  const nodeDefault = Error.prepareStackTrace as StackFormatter | undefined;
  const installs: boolean[] = [];
  // sample() is called from the same line both times, so the two stacks differ only by the formatting.
  const [before, after] = [false, true].map((install) => {
    if (install) installs.push(limitStackTraceFormatting(), limitStackTraceFormatting());
    return sample();
  });
  const [installed, installedAgain] = installs;
  return { sourceMaps: process.sourceMapsEnabled, installed, installedAgain, before: before!, after: after!, fallback: fallbackAgainstNode(nodeDefault) };
}

export type StackTraceProbe = ReturnType<typeof probe>;

if (require.main === module) process.stdout.write(JSON.stringify(probe()));
