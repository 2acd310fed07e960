import { IConstruct } from 'constructs';
import { ValidationError, isUnresolved } from '../core/validation';

/**
 * Google Cloud regions, kept here so a typo (or a zone) in `region` fails at synth rather than minutes into an apply.
 * Every one of them has at least three zones, which a regional GKE cluster and a regional Cloud SQL instance need.
 * Add a region here when Google opens one.
 */
export const GCP_REGIONS: readonly string[] = [
  'africa-south1',
  'asia-east1', 'asia-east2', 'asia-northeast1', 'asia-northeast2', 'asia-northeast3', 'asia-south1', 'asia-south2',
  'asia-southeast1', 'asia-southeast2',
  'australia-southeast1', 'australia-southeast2',
  'europe-central2', 'europe-north1', 'europe-north2', 'europe-southwest1', 'europe-west1', 'europe-west2',
  'europe-west3', 'europe-west4', 'europe-west6', 'europe-west8', 'europe-west9', 'europe-west10', 'europe-west12',
  'me-central1', 'me-central2', 'me-west1',
  'northamerica-northeast1', 'northamerica-northeast2', 'northamerica-south1',
  'southamerica-east1', 'southamerica-west1',
  'us-central1', 'us-east1', 'us-east4', 'us-east5', 'us-south1', 'us-west1', 'us-west2', 'us-west3', 'us-west4',
];

const ZONE = /^([a-z]+-[a-z]+\d+)-[a-z]$/;

/**
 * A Google Cloud region such as `europe-west1`. A zone (`europe-west1-b`) is the most common mistake and gets its own
 * message, naming the region it belongs to.
 */
export function checkGcpRegion(scope: IConstruct | string, field: string, value: string): string {
  if (isUnresolved(value)) return value;
  if (typeof value === 'string' && GCP_REGIONS.includes(value)) return value;
  const zone = typeof value === 'string' ? ZONE.exec(value) : null;
  if (zone && GCP_REGIONS.includes(zone[1]!)) {
    throw new ValidationError(
      scope,
      field,
      value,
      `a region, not a zone: "${value}" is a zone of ${zone[1]}; give "${zone[1]}" (regional resources spread over its zones)`,
    );
  }
  throw new ValidationError(scope, field, value, `a Google Cloud region such as "europe-west1": ${GCP_REGIONS.join(', ')}`);
}
