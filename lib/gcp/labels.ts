import { IConstruct } from 'constructs';
import { ValidationError, isUnresolved } from '../core/validation';

/**
 * Google Cloud labels: at most 64, keys 1-63 lower-case letters, digits, "_" and "-" starting with a letter, values
 * up to 63 of the same characters.
 */
export function checkGcpLabels(scope: IConstruct | string, field: string, labels: { readonly [key: string]: string }): { readonly [key: string]: string } {
  const entries = Object.entries(labels);
  if (entries.length > 64) throw new ValidationError(scope, field, `${entries.length} labels`, 'at most 64 labels');
  for (const [key, value] of entries) {
    if (!isUnresolved(key) && !/^[a-z][a-z0-9_-]{0,62}$/.test(key)) {
      throw new ValidationError(scope, `${field}.${key}`, key, 'a label key of 1-63 lower-case letters, digits, "_" and "-", starting with a letter');
    }
    if (!isUnresolved(value) && (typeof value !== 'string' || !/^[a-z0-9_-]{0,63}$/.test(value))) {
      throw new ValidationError(scope, `${field}.${key}`, value, 'a label value of at most 63 lower-case letters, digits, "_" and "-"');
    }
  }
  return labels;
}
