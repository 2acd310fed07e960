/** CORS rule for a bucket that browsers upload to directly. */
export interface BucketCors {
  /** Origins allowed to send requests, e.g. `https://spacelift.example.com`. */
  readonly allowedOrigins: readonly string[];
  /** HTTP methods allowed. */
  readonly allowedMethods: readonly ('GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE')[];
  /** Seconds browsers may cache the preflight answer. @default 3600 */
  readonly maxAgeSeconds?: number;
}

/** One bucket (container on Azure) an app needs, by purpose. */
export interface BucketSpec {
  /** What the bucket holds, lower-case with hyphens (e.g. `states`); also the bucket name's suffix. */
  readonly purpose: string;
  /** Objects are deleted this many days after creation. Undefined: kept forever. */
  readonly expirationDays?: number;
  /** The app keeps state here: old versions are kept so overwrites and deletes can be undone. */
  readonly keepsState: boolean;
  /** CORS for direct browser uploads. @default none */
  readonly cors?: BucketCors;
}

/** Which API an object store speaks. */
export type ObjectStoreKind = 'azure-blob' | 'gcs' | 's3';

/** Object storage an app reads and writes. */
export interface ObjectStore {
  /** Which cloud storage service holds the buckets; apps build their settings from it. */
  readonly kind: ObjectStoreKind;
  /** Service endpoint: the blob account URL on Azure, the S3/GCS API endpoint elsewhere. */
  readonly endpoint: string;
  /** Region of the buckets, where the API needs it (S3). @default none */
  readonly region?: string;
  /** Google Cloud project that owns the buckets (GCS). @default none */
  readonly project?: string;
  /** Bucket (container) name by purpose. */
  readonly buckets: { readonly [purpose: string]: string };
}
