import * as path from 'path';
import type { TerraformStack } from 'cdktf';

/**
 * Declares that a stack reads no value of another stack (no attribute, output or token made in another stack ends
 * up in its configuration), so cdktf's preparing pass has nothing to find in it. Changes nothing by itself; with
 * {@link skipUnneededPreparingPasses} in place, cdktf skips that pass for the stack.
 *
 * cdktf resolves every value of every stack twice per synth: a preparing pass whose only effect is to find
 * references to another stack's values and turn each into an output there and a remote-state read here, then the
 * synth itself. A stack that reads no other stack's values gets nothing from the first pass. The infra stacks of
 * this repository are such stacks (the platform stacks read the infra stacks' values, never the other way round).
 */
export function readsNoOtherStack(stack: TerraformStack): void {
  Object.defineProperty(stack, READS_NO_OTHER_STACK, { value: true });
}

/** Whether {@link readsNoOtherStack} was declared for the stack. */
export function declaredToReadNoOtherStack(stack: TerraformStack): boolean {
  return (stack as unknown as Record<symbol, unknown>)[READS_NO_OTHER_STACK] === true;
}

/**
 * Skips cdktf's preparing pass for the stacks declared with {@link readsNoOtherStack}, for an app's entry point.
 *
 * It replaces `TerraformStack.prototype.prepareStack` (the stack still gets its default backend, the pass's other
 * step) and guards the declaration: cdktf's reference token (`Reference` in `lib/tfExpression.js`), when the synth
 * resolves a value of another stack in such a stack, throws an error naming both stacks instead of writing a
 * reference Terraform could not resolve, so a wrong declaration cannot go unnoticed. A process-wide setting: call it
 * from an app's entry point, not from a library (cdktf 0.21 has no setting for this). Calling it again changes
 * nothing; on a cdktf without those internals it does nothing. The synthesized output is the same byte for byte
 * (test/stacks/process-settings.test.ts).
 *
 * @returns whether it was installed
 */
export function skipUnneededPreparingPasses(): boolean {
  // Loaded here, not with this file: the entry point makes its settings before anything loads cdktf.
  const { TerraformStack } = require('cdktf') as typeof import('cdktf');
  const reference = referencePrototype();
  const stackPrototype = TerraformStack.prototype as unknown as { prepareStack(): void; ensureBackendExists?: () => unknown };
  if (reference === undefined || typeof stackPrototype.ensureBackendExists !== 'function' || SKIPS in stackPrototype.prepareStack) return false;

  const prepare = stackPrototype.prepareStack;
  const skipping = function prepareStack(this: TerraformStack & { ensureBackendExists(): unknown }): void {
    if (!declaredToReadNoOtherStack(this)) return prepare.call(this);
    this.ensureBackendExists();
  };
  Object.defineProperty(skipping, SKIPS, { value: true });
  stackPrototype.prepareStack = skipping;

  const resolve = reference.resolve;
  reference.resolve = function (this: ReferenceToken, context: { preparing: boolean; scope: import('constructs').IConstruct }): unknown {
    if (!context.preparing && this.originStack !== undefined) {
      const stack = TerraformStack.of(context.scope);
      if (stack !== this.originStack && declaredToReadNoOtherStack(stack) && this.crossStackIdentifier?.[stack.toString()] === undefined) {
        throw new Error(
          `${stack.node.path} reads ${this.identifier} of the stack ${this.originStack.node.path}, but was declared to read no other stack's values (readsNoOtherStack): ` +
            'pass the value another way, or drop the declaration so that cdktf makes the cross-stack reference',
        );
      }
    }
    return resolve.call(this, context);
  };
  return true;
}

const READS_NO_OTHER_STACK = Symbol('cdktf-selfhosted-platforms.readsNoOtherStack');
const SKIPS = Symbol('cdktf-selfhosted-platforms.skipUnneededPreparingPasses');

/** What the guard reads of cdktf's reference token. */
interface ReferenceToken {
  readonly identifier: string;
  readonly originStack?: TerraformStack;
  readonly crossStackIdentifier?: { readonly [stack: string]: string };
  resolve(context: unknown): unknown;
}

/** The prototype of cdktf's `Reference` token (from its internal `ref` function), or undefined when it has none. */
function referencePrototype(): ReferenceToken | undefined {
  try {
    const lib = path.dirname(require.resolve('cdktf'));
    const tf = require(path.join(lib, 'tfExpression.js')) as { ref?: (identifier: string) => object };
    if (typeof tf.ref !== 'function') return undefined;
    const proto = Object.getPrototypeOf(tf.ref('probe')) as ReferenceToken;
    return typeof proto.resolve === 'function' && Object.prototype.hasOwnProperty.call(proto, 'resolve') ? proto : undefined;
  } catch {
    return undefined;
  }
}
