import { TerraformStack } from 'cdktf';

/**
 * The stack's configuration (`stack.toTerraform()`), made now and kept for the stack's next `toTerraform()` call,
 * which then returns it instead of making it again.
 *
 * cdktf's synth of a stack runs its validations and then, with nothing in between that changes the construct tree
 * (custom `onSynthesize` hooks and the collection of annotations), calls `toTerraform()` to write the file. The policy
 * pack's validation needs that same configuration, resolved: made here, it serves both. Only the very next call is
 * served from it (and only while the stack is unchanged since: a construct added in between drops it), so a later
 * synth, or a caller that changes the stack and asks again, gets a fresh one.
 */
export function synthesizeForNextWrite(stack: TerraformStack): unknown {
  const own = stack as unknown as Record<symbol, OnceState | undefined> & { toTerraform(): unknown };
  let state = own[ONCE];
  if (state === undefined) {
    const make = own.toTerraform.bind(stack);
    const created: OnceState = { make, pending: undefined };
    state = created;
    Object.defineProperty(stack, ONCE, { value: created });
    own.toTerraform = function toTerraform(): unknown {
      const kept = created.pending;
      created.pending = undefined;
      if (kept !== undefined && kept.size === stack.node.findAll().length) return kept.json;
      return created.make();
    };
  }
  const json = state.make();
  state.pending = { json, size: stack.node.findAll().length };
  return json;
}

const ONCE = Symbol('cdktf-selfhosted-platforms.synthesizeForNextWrite');

interface OnceState {
  readonly make: () => unknown;
  pending: { readonly json: unknown; readonly size: number } | undefined;
}
