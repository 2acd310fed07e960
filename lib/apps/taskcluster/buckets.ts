import { BucketCors, BucketSpec } from '../../core/object-store';

/** Bucket purposes of a Taskcluster deployment. */
export const TASKCLUSTER_BUCKET_PURPOSES = {
  /** The queue's public artifacts (`public/...`), served to anyone with the URL. */
  publicArtifacts: 'public-artifacts',
  /** The queue's private artifacts, served only through signed URLs. */
  privateArtifacts: 'private-artifacts',
  /** The object service's default backend. */
  objectBackend: 'object-backend',
} as const;

/**
 * Taskcluster's buckets. None has a lifecycle expiry: every artifact and object carries its own `expires`, and the
 * queue's `expireArtifacts` and the object service's `expire` jobs delete them when it passes; a bucket rule shorter
 * than an artifact's lifetime would break its downloads, a longer one would never fire. All three keep data the
 * database points at (`keepsState`): versioned, so an object deleted or overwritten by mistake (or by a key that
 * leaked) can be restored for the stack's noncurrent-version retention, and protected from `terraform destroy`
 * unless `allowDestroy`. Taskcluster never overwrites an artifact; what its expiry jobs delete goes once that
 * retention has passed.
 *
 * The artifact buckets carry {@link TASKCLUSTER_ARTIFACT_CORS}, set by Terraform (bucket CORS on S3 and GCS, the
 * gateway's CORS on Azure): browsers fetch artifacts (task logs in the UI) through pre-signed URLs. The stores
 * built from static keys tell the queue to skip its own PutBucketCors (`skipCorsConfiguration`), so the key needs no
 * right to change bucket settings and Terraform's rule is the only one.
 */
export function taskclusterBuckets(): BucketSpec[] {
  return Object.values(TASKCLUSTER_BUCKET_PURPOSES).map((purpose) => ({
    purpose,
    expirationDays: undefined,
    keepsState: true,
    cors: purpose === TASKCLUSTER_BUCKET_PURPOSES.objectBackend ? undefined : TASKCLUSTER_ARTIFACT_CORS,
  }));
}

/**
 * The CORS rule the queue puts on its artifact buckets (services/queue/src/bucket.js at v106.0.0: any origin, these
 * methods, any request header, one hour), so browsers can fetch artifacts. For stores where Taskcluster cannot set it.
 */
export const TASKCLUSTER_ARTIFACT_CORS: BucketCors & { readonly allowedHeaders: readonly string[] } = {
  allowedOrigins: ['*'],
  allowedMethods: ['GET', 'PUT', 'HEAD', 'POST', 'DELETE'],
  allowedHeaders: ['*'],
  maxAgeSeconds: 3600,
};
