import { ValidationError } from '../../lib/core/validation';
import { thrown } from './synth';

/**
 * Asserts that `fn` throws one ValidationError naming `field` and showing `value` in its message; returns it.
 * Every throw test in the suite goes through here, so all of them check the same message contract.
 */
export function expectValidationError(fn: () => unknown, field: string, value: unknown): void {
  validationErrorOf(fn, field, value);
}

/** Like {@link expectValidationError}, returning the error for further checks. */
export function validationErrorOf(fn: () => unknown, field: string, value: unknown): ValidationError {
  const err = thrown(fn);
  if (!(err instanceof ValidationError)) {
    throw new Error(`expected a ValidationError, got ${err.name}: ${err.message}`);
  }
  expect(err.field).toBe(field);
  expect(err.message).toContain(field);
  expect(err.message).toContain(value === undefined ? '(missing)' : JSON.stringify(value));
  expect(err.message).toContain('allowed:');
  expect(err.path.length).toBeGreaterThan(0);
  expect(err.message.startsWith(err.path)).toBe(true);
  return err;
}
