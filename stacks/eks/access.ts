import { IConstruct } from 'constructs';
import { AppBucketGrant } from '../../lib/apps/profile';
import { KMS_GENERATE_DATA_KEY_ACTIONS, KmsAction, S3BucketAction, S3ObjectAction, S3_BUCKET_ACTIONS, S3_OBJECT_ACTIONS } from '../../lib/aws/identity';
import { ValidationError } from '../../lib/core/validation';

/** What one service account may do in one bucket. */
export interface BucketAccess {
  /** Actions on the bucket's objects. */
  readonly objectActions: readonly S3ObjectAction[];
  /** Actions on the bucket itself (listing). @default none */
  readonly bucketActions?: readonly S3BucketAction[];
}

/** A bucket's access for a service account whose app lists no bucket of its own: read, write, delete and list. */
export const DEFAULT_BUCKET_ACCESS: BucketAccess = {
  objectActions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
  bucketActions: ['s3:ListBucket'],
};

/**
 * KMS use per kind of key: an app's encryption key for encrypt, decrypt and every data-key operation
 * (`kms:GenerateDataKey*`, written out), its signing key for signing, verifying and reading its public key.
 *
 * The bucket key (`storage`) goes only to service accounts that reach a bucket, only through S3 (`kms:ViaService`),
 * and only for the two calls S3 makes on a caller's behalf with SSE-KMS: GenerateDataKey to write, Decrypt to read
 * (multipart uploads and copies included). The key encrypts nothing else the apps are told about, so S3 is its only
 * use.
 */
export const KMS_KEY_ACCESS: { readonly encrypt: readonly KmsAction[]; readonly sign: readonly KmsAction[]; readonly storage: readonly KmsAction[] } = {
  encrypt: ['kms:Encrypt', 'kms:Decrypt', ...KMS_GENERATE_DATA_KEY_ACTIONS],
  sign: ['kms:Sign', 'kms:Verify', 'kms:GetPublicKey'],
  storage: ['kms:Decrypt', 'kms:GenerateDataKey'],
};

/** An app's bucket grant as IAM actions, each checked against the actions an IRSA role may be granted. */
export function bucketAccess(scope: IConstruct, field: string, grant: AppBucketGrant): BucketAccess {
  for (const a of grant.objectActions) {
    if (!(S3_OBJECT_ACTIONS as readonly string[]).includes(a)) throw new ValidationError(scope, `${field}.objectActions`, a, `one of ${S3_OBJECT_ACTIONS.join(', ')}`);
  }
  for (const a of grant.bucketActions ?? []) {
    if (!(S3_BUCKET_ACTIONS as readonly string[]).includes(a)) throw new ValidationError(scope, `${field}.bucketActions`, a, `one of ${S3_BUCKET_ACTIONS.join(', ')}`);
  }
  return grant as BucketAccess;
}
