import { SpaceliftComponent } from '../../lib/apps/spacelift/profile';
import { KMS_GENERATE_DATA_KEY_ACTIONS, KmsAction, S3BucketAction, S3ObjectAction } from '../../lib/aws/identity';

/** What one component may do in one bucket. */
export interface BucketAccess {
  /** Actions on the bucket's objects. */
  readonly objectActions: readonly S3ObjectAction[];
  /** Actions on the bucket itself (listing). @default none */
  readonly bucketActions?: readonly S3BucketAction[];
}

const READ_WRITE_DELETE: BucketAccess = { objectActions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'] };

/** Access both the server and the drain need (Spacelift's IAM module, "drain and server" policy). */
const SHARED: { readonly [purpose: string]: BucketAccess } = {
  deliveries: { objectActions: ['s3:GetObject', 's3:PutObject'], bucketActions: ['s3:ListBucket'] },
  'policy-inputs': { objectActions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'], bucketActions: ['s3:ListBucket'] },
  'user-uploaded-workspaces': READ_WRITE_DELETE,
  workspace: READ_WRITE_DELETE,
  metadata: READ_WRITE_DELETE,
  modules: { objectActions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'], bucketActions: ['s3:ListBucket'] },
};

/**
 * Bucket access per Spacelift component, mirrored from Spacelift's own IAM module for self-hosted (server, drain and
 * scheduler policies), with object actions on `<bucket>/*` and listing on the bucket only. The scheduler touches no
 * bucket. Buckets not listed for a component are out of its reach.
 */
export const SPACELIFT_BUCKET_ACCESS: { readonly [component in SpaceliftComponent]: { readonly [purpose: string]: BucketAccess } } = {
  server: {
    ...SHARED,
    'run-logs': { objectActions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'], bucketActions: ['s3:ListBucket'] },
    // The server writes large queue messages; the drain reads them.
    'large-queue-messages': { objectActions: ['s3:PutObject', 's3:AbortMultipartUpload'] },
    states: {
      objectActions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:PutObjectTagging', 's3:DeleteObject', 's3:AbortMultipartUpload'],
      bucketActions: ['s3:ListBucket', 's3:ListBucketVersions'],
    },
    uploads: READ_WRITE_DELETE,
  },
  drain: {
    ...SHARED,
    'run-logs': { objectActions: ['s3:GetObject', 's3:PutObject', 's3:PutObjectTagging', 's3:AbortMultipartUpload'], bucketActions: ['s3:ListBucket'] },
    'large-queue-messages': { objectActions: ['s3:GetObject'] },
    states: { objectActions: ['s3:DeleteObject'], bucketActions: ['s3:ListBucket'] },
  },
  scheduler: {},
};

/** Components that assume customer roles for Spacelift's AWS integrations. */
export const SPACELIFT_ROLE_ASSUMERS: readonly SpaceliftComponent[] = ['server', 'drain'];

/**
 * KMS use per key, the same for every component, as Spacelift's IAM module grants it to the server, drain and
 * scheduler: the in-app encryption key for encrypt, decrypt and every data-key operation (`kms:GenerateDataKey*`,
 * written out), the signing key for signing, verifying and reading its public key.
 *
 * The bucket key (`storage`) goes only to components that reach a bucket, only through S3 (`kms:ViaService`), and only
 * for the two calls S3 makes on a caller's behalf with SSE-KMS: GenerateDataKey to write, Decrypt to read (multipart
 * uploads and copies included). Spacelift's module grants its data key more widely (encrypt, every data-key
 * operation, to the scheduler too, not limited to S3) because that key also encrypts its SQS queues; this stack uses
 * the PostgreSQL message queue, and Spacelift is not told the bucket key's id, so S3 is its only use.
 */
export const SPACELIFT_KMS_ACCESS: { readonly encryption: readonly KmsAction[]; readonly signing: readonly KmsAction[]; readonly storage: readonly KmsAction[] } = {
  encryption: ['kms:Encrypt', 'kms:Decrypt', ...KMS_GENERATE_DATA_KEY_ACTIONS],
  signing: ['kms:Sign', 'kms:Verify', 'kms:GetPublicKey'],
  storage: ['kms:Decrypt', 'kms:GenerateDataKey'],
};
