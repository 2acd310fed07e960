import { BucketSpec } from '../../core/object-store';

/**
 * Spacelift's object-storage buckets and the retention Spacelift documents for each: states and modules are kept
 * forever (and versioned); run logs about 60 days; the rest are short-lived working data.
 */
export const SPACELIFT_BUCKET_RETENTION_DAYS: { readonly [purpose: string]: number | undefined } = {
  deliveries: 1,
  'large-queue-messages': 2,
  metadata: 2,
  modules: undefined,
  'policy-inputs': 7,
  'run-logs': 60,
  states: undefined,
  uploads: 1,
  'user-uploaded-workspaces': 1,
  workspace: 7,
};

/** Purposes whose data Spacelift keeps as state (never expire, old versions kept). */
export const SPACELIFT_STATE_BUCKETS: readonly string[] = ['states', 'modules'];

/** The bucket specs for a Spacelift install on `domain` (the uploads bucket accepts browser uploads from it). */
export function spaceliftBuckets(domain: string): BucketSpec[] {
  return Object.entries(SPACELIFT_BUCKET_RETENTION_DAYS).map(([purpose, days]) => ({
    purpose,
    expirationDays: days,
    keepsState: SPACELIFT_STATE_BUCKETS.includes(purpose),
    cors: purpose === 'uploads' ? { allowedOrigins: [`https://${domain}`], allowedMethods: ['PUT', 'POST'], maxAgeSeconds: 3600 } : undefined,
  }));
}

/** `OBJECT_STORAGE_BUCKET_<PURPOSE>`: the environment variable Spacelift reads a bucket name from. */
export function bucketEnvName(purpose: string): string {
  return `OBJECT_STORAGE_BUCKET_${purpose.toUpperCase().replace(/-/g, '_')}`;
}
