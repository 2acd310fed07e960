/**
 * Run by test/core/creation-stacks.test.ts in a plain Node process (Jest installs its own stack trace formatter in test
 * files, and deferCreationStacks is process-wide): makes the same cdktf tokens before and after deferCreationStacks(),
 * counts how often a stack is formatted, and prints what it saw as JSON.
 */
import { Lazy, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { deferCreationStacks } from '../../lib/core/creation-stacks';
import { limitStackTraceFormatting } from '../../lib/core/stack-traces';

/** Runs `f` below `depth` extra frames. */
function deep<T>(depth: number, f: () => T): T {
  return depth === 0 ? f() : deep(depth - 1, f);
}

let formatted = 0;

/** A token made 30 frames deep, always at the same place, and how many stacks were formatted making it. */
function makeToken(): { creationStack: string[]; formattedWhileMaking: number } {
  const before = formatted;
  const token = deep(30, () => Lazy.anyValue({ produce: () => 'x' }));
  return { creationStack: token.creationStack, formattedWhileMaking: formatted - before };
}

/** The message of a token that cannot be resolved (it holds the token's creation stack). */
function resolutionError(): string {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'probe');
  const bad = Lazy.stringValue({
    produce: () => {
      throw new Error('cannot produce');
    },
  });
  new TerraformOutput(stack, 'out', { value: bad });
  try {
    Testing.synth(stack);
  } catch (err) {
    return (err as Error).message;
  }
  return '';
}

/** A token's creation stack and the message of a resolution error, with how many stacks each step formatted. */
function sample() {
  const made = makeToken();
  const formattedBeforeRead = formatted;
  const isArray = Array.isArray(made.creationStack);
  const length = made.creationStack.length;
  const formattedAfterRead = formatted;
  const lines = [...made.creationStack];
  const joined = made.creationStack.join('\n');
  const formattedAtEnd = formatted;
  const error = resolutionError();
  return { lines, joined, isArray, length, formattedWhileMaking: made.formattedWhileMaking, formattedBeforeRead, formattedAfterRead, formattedAtEnd, error };
}

function probe() {
  limitStackTraceFormatting();
  const format = Error.prepareStackTrace!;
  Error.prepareStackTrace = (error, frames) => {
    formatted++;
    return format(error, frames);
  };
  const installs: boolean[] = [];
  // sample() is called from the same line both times, so the two differ only by how the stacks were captured.
  const [eager, deferred] = [false, true].map((install) => {
    if (install) installs.push(deferCreationStacks(), deferCreationStacks());
    return sample();
  });
  const [installed, installedAgain] = installs;
  return { installed, installedAgain, eager: eager!, deferred: deferred! };
}

export type CreationStackProbe = ReturnType<typeof probe>;

process.stdout.write(JSON.stringify(probe()));
