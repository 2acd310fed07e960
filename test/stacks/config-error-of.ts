import { stringify } from 'yaml';
import { ConfigError } from '../../stacks/config-errors';
import { thrown } from '../support/synth';

/**
 * Asserts that `fn` throws one ConfigError naming the config field as written in the file (`cluster.kubernetesVersion`)
 * and the value as typed, at a `file:line:column` its message starts with; returns it. Every config-file case of the
 * bad-input tables goes through here, so all of them check the same message contract.
 */
export function configErrorOf(fn: () => unknown, field: string, typed: string): ConfigError {
  const err = thrown(fn);
  if (!(err instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${err.name}: ${err.message}`);
  expect({ field: err.field, typed: err.typed }).toEqual({ field, typed });
  // The file, line and column, then the field and the value as typed (or, for a field that does not exist, its name).
  expect(err.message.startsWith(`${err.path}: `)).toBe(true);
  expect(err.path).toMatch(/:\d+:\d+$/);
  expect(err.message).toMatch(new RegExp(`^\\S+:\\d+:\\d+: (invalid ${escape(field)} ${escape(typed)}; allowed: |no such field ${escape(field)}[;( ])`));
  return err;
}

/** A value as the test configs hold it (written by `yaml.stringify`), as the error shows it: scalars as typed, lists and blocks as JSON. */
export function typedOf(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return stringify(value).trim();
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
