import { checkGcpLabels } from '../../lib/gcp/labels';
import { expectValidationError, validationErrorOf } from '../support/validation-matchers';

describe('checkGcpLabels', () => {
  test('accepts lower-case keys and values, and empty values', () => {
    const labels = { team: 'platform', 'cost-center': 'cc_42', empty: '' };
    expect(checkGcpLabels('config', 'labels', labels)).toBe(labels);
  });
  test('rejects an upper-case key', () => expectValidationError(() => checkGcpLabels('config', 'labels', { Team: 'x' }), 'labels.Team', 'Team'));
  test('rejects a key starting with a digit', () => expectValidationError(() => checkGcpLabels('config', 'labels', { '1team': 'x' }), 'labels.1team', '1team'));
  test('rejects a value with a space or upper case', () => {
    const err = validationErrorOf(() => checkGcpLabels('config', 'labels', { team: 'Platform Team' }), 'labels.team', 'Platform Team');
    expect(err.allowed).toContain('label value');
  });
  test('rejects a value longer than 63 characters', () => expectValidationError(() => checkGcpLabels('config', 'labels', { team: 'a'.repeat(64) }), 'labels.team', 'a'.repeat(64)));
  test('rejects more than 64 labels', () => {
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v']));
    expectValidationError(() => checkGcpLabels('config', 'labels', many), 'labels', '65 labels');
  });
});
