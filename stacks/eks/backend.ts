import { S3Backend, TerraformStack } from 'cdktf';
import { AWS_NAMES, checkName } from '../../lib/core/naming';
import { checkPattern } from '../../lib/core/validation';
import { checkAwsRegion } from '../../lib/aws/regions';
import { EksCloudConfig } from './config';

/**
 * Remote state in an S3 bucket, one state file per stack (`<keyPrefix>/<stack>.tfstate`), encrypted at rest (SSE-KMS
 * with `kmsKeyId`, else S3's default), locked with S3 lock files (`use_lockfile`, Terraform 1.10+: no DynamoDB table).
 * Without `backend` in the config, cdktf's local backend writes `terraform.<stack>.tfstate` in the project folder. The
 * platform stack reads the infra stack's outputs through the same backend.
 */
export function configureBackend(stack: TerraformStack, config: EksCloudConfig): void {
  const b = config.backend;
  if (!b) return;
  checkName(stack, 'backend.bucket', b.bucket, { ...AWS_NAMES.s3Bucket, pattern: /^(?!xn--|sthree-)(?!.*\.\.)[a-z0-9][a-z0-9.-]*[a-z0-9]$/, charset: 'lower-case letters, digits, "." and "-", starting and ending with a letter or digit' });
  const region = checkAwsRegion(stack, 'backend.region', b.region ?? config.aws.region);
  const prefix = checkPattern(stack, 'backend.keyPrefix', b.keyPrefix ?? 'cdktf', /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'path segments of letters, digits, ".", "_" and "-" separated by "/"');
  if (b.kmsKeyId !== undefined) {
    checkPattern(stack, 'backend.kmsKeyId', b.kmsKeyId, /^arn:aws:kms:[a-z0-9-]+:\d{12}:(key\/[0-9a-f-]{36}|alias\/[A-Za-z0-9/_-]+)$/, 'a KMS key or alias ARN such as "arn:aws:kms:eu-west-1:123456789012:alias/terraform-state"');
  }
  new S3Backend(stack, {
    bucket: b.bucket,
    key: `${prefix}/${stack.node.id}.tfstate`,
    region,
    encrypt: true,
    kmsKeyId: b.kmsKeyId,
  });
  // cdktf 0.21 predates S3-native locking; the setting is written as is.
  stack.addOverride('terraform.backend.s3.use_lockfile', true);
}
