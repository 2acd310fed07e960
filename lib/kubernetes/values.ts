import { Construct } from 'constructs';
import { DocumentObject, publishDocument } from '../core/document';
import { yamlDocument } from '../core/encoders';
import { ValidationError, isUnresolved } from '../core/validation';

/**
 * The `values` list of a helm_release from a values document: the document is published as a local value and
 * encoded by Terraform's `yamlencode`, so no token is ever pasted into YAML text.
 */
export function helmValues(scope: Construct, id: string, document: DocumentObject): string[] {
  return [yamlDocument(publishDocument(scope, id, document))];
}

/** A pinned chart version: exact semantic version, optionally with a leading "v"; no ranges. */
export function checkChartVersion(scope: Construct, field: string, value: string): string {
  if (isUnresolved(value)) return value;
  if (typeof value !== 'string' || !/^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(value)) {
    throw new ValidationError(scope, field, value, 'an exact chart version such as "1.2.3" or "v1.2.3" (no ranges, no "latest")');
  }
  return value;
}
