import { SpaceliftComponent } from '../../lib/apps/spacelift/profile';
import { SPACELIFT_COMPONENT_BUCKET_ACCESS } from '../../lib/apps/spacelift/access';
import { KmsAction } from '../../lib/aws/identity';
import { BucketAccess, KMS_KEY_ACCESS } from './access';

export type { BucketAccess } from './access';
export { SPACELIFT_ROLE_ASSUMERS } from '../../lib/apps/spacelift/access';

/**
 * Bucket access per Spacelift component, mirrored from Spacelift's own IAM module for self-hosted (server, drain and
 * scheduler policies): {@link SPACELIFT_COMPONENT_BUCKET_ACCESS} as IAM actions.
 */
export const SPACELIFT_BUCKET_ACCESS = SPACELIFT_COMPONENT_BUCKET_ACCESS as { readonly [component in SpaceliftComponent]: { readonly [purpose: string]: BucketAccess } };

/**
 * KMS use per key, the same for every component, as Spacelift's IAM module grants it to the server, drain and
 * scheduler ({@link KMS_KEY_ACCESS}). Spacelift's module grants its data key more widely (encrypt, every data-key
 * operation, to the scheduler too, not limited to S3) because that key also encrypts its SQS queues; this stack uses
 * the PostgreSQL message queue, and Spacelift is not told the bucket key's id, so S3 is its only use.
 */
export const SPACELIFT_KMS_ACCESS: { readonly encryption: readonly KmsAction[]; readonly signing: readonly KmsAction[]; readonly storage: readonly KmsAction[] } = {
  encryption: KMS_KEY_ACCESS.encrypt,
  signing: KMS_KEY_ACCESS.sign,
  storage: KMS_KEY_ACCESS.storage,
};
