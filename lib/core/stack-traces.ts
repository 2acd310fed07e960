/**
 * Stack traces formatted up to `Error.stackTraceLimit` frames, for an app's entry point.
 *
 * cdktf records where every token was created: each reference, function call, Lazy and nested-block object captures
 * the whole stack (it raises `Error.stackTraceLimit` to the maximum around `Error.captureStackTrace` and reads the
 * trace as text after setting the limit back). A synth of the shipped examples captures about 2,500 of them, 30 to 200
 * frames deep, and turning every frame into text (Node's `CallSite` formatting, which looks up each method's name on
 * classes with hundreds of members) is most of their cost. The trace is only ever shown in the message of a token that
 * cannot be resolved.
 *
 * With this installed, a trace keeps its innermost `Error.stackTraceLimit` frames (10 by default;
 * `node --stack-trace-limit=50 ...` keeps more) and is then formatted by the formatter that was in place: Node's own
 * (with `--enable-source-maps`, mapped as before) or one a tool installed. An ordinary error never has more frames
 * than the limit, so its stack reads exactly as before; only cdktf's creation stacks get shorter. A process-wide
 * setting: call it from an app's entry point, not from a library. Calling it again changes nothing.
 *
 * @returns whether it was installed (false when it already was)
 */
export function limitStackTraceFormatting(): boolean {
  const current = Error.prepareStackTrace as StackFormatter | undefined;
  if (current !== undefined && LIMITED in current) return false;
  // Node 20.12 and later expose their default formatter here; older ones leave it undefined.
  const format: StackFormatter = current ?? formatLikeNode;
  const limited: StackFormatter = (error, frames) => format(error, withinLimit(frames));
  Object.defineProperty(limited, LIMITED, { value: true });
  Error.prepareStackTrace = limited;
  return true;
}

/** V8's stack trace formatter: the error and its frames, innermost first. */
export type StackFormatter = (error: Error, frames: NodeJS.CallSite[]) => unknown;

const LIMITED = Symbol('cdktf-selfhosted-platforms.limitStackTraceFormatting');

/** The innermost `Error.stackTraceLimit` frames (all of them when the limit is not a number). */
function withinLimit(frames: NodeJS.CallSite[]): NodeJS.CallSite[] {
  const limit = Error.stackTraceLimit;
  return typeof limit === 'number' && limit >= 0 && limit < frames.length ? frames.slice(0, limit) : frames;
}

/**
 * Node's default formatting, for Node versions that do not expose it: `Name: message` (`Name [CODE]: message` for
 * Node's own errors) and one `    at ...` line per frame.
 */
export function formatLikeNode(error: Error, frames: NodeJS.CallSite[]): string {
  const header = headerOf(error);
  return frames.length === 0 ? header : `${header}\n    at ${frames.join('\n    at ')}`;
}

function headerOf(error: Error): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    // Node's own errors show their code, and their toString() says so; user errors are written without it, as Node does.
    const withCode = `${error.name} [${code}]: ${error.message}`;
    try {
      if (String(error) === withCode) return withCode;
    } catch {
      // a toString() that throws: the plain form
    }
  }
  return Error.prototype.toString.call(error);
}
