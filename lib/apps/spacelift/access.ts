import { AppBucketGrant } from '../profile';
import { SpaceliftComponent } from './profile';

const READ_WRITE_DELETE: AppBucketGrant = { objectActions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'] };

/** Access both the server and the drain need (Spacelift's IAM module, "drain and server" policy). */
const SHARED: { readonly [purpose: string]: AppBucketGrant } = {
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
 * bucket. Buckets not listed for a component are out of its reach. Used where each component has its own cloud
 * identity (AWS).
 */
export const SPACELIFT_COMPONENT_BUCKET_ACCESS: { readonly [component in SpaceliftComponent]: { readonly [purpose: string]: AppBucketGrant } } = {
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
