import { GcsBackend, TerraformStack } from 'cdktf';
import { checkPattern } from '../../lib/core/validation';
import { checkBucketName } from '../../lib/gcp/storage';
import { GkeCloudConfig } from './config';

/**
 * Remote state in a Cloud Storage bucket, one state per stack under `<prefix>/<stack>/` (the gcs backend writes
 * `default.tfstate` there and locks it). Without `backend` in the config, cdktf's local backend writes
 * `terraform.<stack>.tfstate` in the project folder. The platform stack reads the infra stack's outputs through the
 * same backend.
 */
export function configureBackend(stack: TerraformStack, config: GkeCloudConfig): void {
  const b = config.backend;
  if (!b) return;
  checkBucketName(stack, 'backend.bucket', b.bucket);
  const prefix = checkPattern(stack, 'backend.prefix', b.prefix ?? 'cdktf', /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'path segments of letters, digits, ".", "_" and "-" separated by "/"');
  new GcsBackend(stack, { bucket: b.bucket, prefix: `${prefix}/${stack.node.id}` });
}
