import './provider-package';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketCorsConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';
import { S3BucketLifecycleConfiguration, S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { AWS_NAMES, UNIQUE_SUFFIX_LENGTH, checkName } from '../core/naming';
import { BucketSpec, ObjectStore } from '../core/object-store';
import { ValidationError, checkInt, checkList, checkPattern, isUnresolved } from '../core/validation';
import { declarePolicyException } from '../core/policy-exceptions';
import { checkAwsRegion } from './regions';

/** Properties of {@link AwsS3Storage}. */
export interface AwsS3StorageProps {
  /** Region of the buckets. */
  readonly region: string;
  /** Literal start of every bucket name: `<bucketPrefix>-<purpose>-<uniqueSuffix>`. */
  readonly bucketPrefix: string;
  /** Makes the names globally unique, e.g. a `random_string` (6 characters counted when it is a token). */
  readonly uniqueSuffix: string;
  /** The buckets, by purpose. */
  readonly buckets: readonly BucketSpec[];
  /** KMS key of the default encryption (SSE-KMS with S3 Bucket Keys). */
  readonly kmsKeyArn: string;
  /** Days old versions in state-keeping buckets are kept after an overwrite or delete. @default kept forever */
  readonly stateVersionRetentionDays?: number;
  /**
   * Let `terraform destroy` delete every bucket with its content: lifts `prevent_destroy` on the state-keeping buckets
   * and turns `force_destroy` on, with which the aws provider deletes every object version and delete marker before it
   * deletes a bucket. Takes effect once applied (the flag lives in Terraform state), so apply it before the destroy.
   * @default false
   */
  readonly allowDestroy?: boolean;
  /** Tags for every bucket. @default none */
  readonly tags?: { readonly [key: string]: string };
}

/**
 * One private S3 bucket per purpose: every public access blocked, object ownership enforced (no ACLs), default
 * encryption with a customer KMS key, a bucket policy that refuses plain HTTP and TLS below 1.2, versioning where the
 * app keeps state, lifecycle rules from the app's retention (state never expires; incomplete uploads are cleaned up),
 * CORS for direct browser uploads where the app asks for it, and `force_destroy` off (on only with `allowDestroy`).
 */
export class AwsS3Storage extends Construct implements ObjectStore {
  public readonly kind = 's3' as const;
  public readonly endpoint: string;
  public readonly region: string;
  public readonly buckets: { readonly [purpose: string]: string };
  /** Bucket ARNs by purpose, for IAM policies. */
  public readonly bucketArns: { readonly [purpose: string]: string };
  /** The `aws_s3_bucket` resources, by purpose. */
  public readonly s3Buckets: { readonly [purpose: string]: S3Bucket };

  public constructor(scope: Construct, id: string, props: AwsS3StorageProps) {
    super(scope, id);
    const region = checkAwsRegion(this, 'region', props.region);
    if (isUnresolved(props.bucketPrefix)) {
      throw new ValidationError(this, 'bucketPrefix', props.bucketPrefix, 'a literal prefix (bucket names are checked at synth)');
    }
    const suffixLength = isUnresolved(props.uniqueSuffix) ? UNIQUE_SUFFIX_LENGTH : props.uniqueSuffix.length;
    const stateVersionDays =
      props.stateVersionRetentionDays === undefined ? undefined : checkInt(this, 'stateVersionRetentionDays', props.stateVersionRetentionDays, 1, 36500);
    checkList(this, 'buckets', props.buckets, (b, f) => {
      checkPattern(this, `${f}.purpose`, b.purpose, /^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters and digits in hyphen-separated words');
      if (b.expirationDays !== undefined) checkInt(this, `${f}.expirationDays`, b.expirationDays, 1, 36500);
    }, { minItems: 1 });
    const purposes = props.buckets.map((b) => b.purpose);
    const dup = purposes.find((p, i) => purposes.indexOf(p) !== i);
    if (dup) throw new ValidationError(this, 'buckets', dup, 'each purpose once');
    // The longest name decides whether the prefix fits.
    const longest = [...purposes].sort((a, b) => b.length - a.length)[0]!;
    try {
      checkName(this, 'bucketPrefix', `${props.bucketPrefix}-${longest}`, AWS_NAMES.s3Bucket, suffixLength + 1);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      throw new ValidationError(this, 'bucketPrefix', props.bucketPrefix, `${err.allowed}, for every name "<bucketPrefix>-<purpose>-<${suffixLength}-character suffix>" (the longest purpose is "${longest}")`);
    }

    const buckets: Record<string, S3Bucket> = {};
    const names: Record<string, string> = {};
    const arns: Record<string, string> = {};
    const allowDestroy = props.allowDestroy ?? false;
    for (const b of props.buckets) {
      const bid = `bucket-${b.purpose}`;
      const bucket = new S3Bucket(this, bid, {
        bucket: `${props.bucketPrefix}-${b.purpose}-${props.uniqueSuffix}`,
        // Only a teardown empties a bucket, versions and delete markers included; otherwise a destroy stops at one
        // that holds data.
        forceDestroy: allowDestroy,
        tags: { ...props.tags, purpose: b.purpose },
        // State is never destroyed by accident; temporary data may go (the bucket must still be empty).
        lifecycle: { preventDestroy: b.keepsState && !allowDestroy },
      });
      if (allowDestroy) declarePolicyException(bucket, 'AWS-S3-006', 'allowDestroy is set: the deployment is being torn down on purpose, so terraform destroy empties and deletes the bucket');
      const pab = new S3BucketPublicAccessBlock(this, `${bid}-public-access-block`, {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
      new S3BucketOwnershipControls(this, `${bid}-ownership`, { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
      new S3BucketServerSideEncryptionConfigurationA(this, `${bid}-encryption`, {
        bucket: bucket.id,
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }],
      });
      const tlsOnly = new DataAwsIamPolicyDocument(this, `${bid}-tls-only`, {
        statement: [
          {
            sid: 'DenyPlainHttp',
            effect: 'Deny',
            principals: [{ type: '*', identifiers: ['*'] }],
            actions: ['s3:*'],
            resources: [bucket.arn, `${bucket.arn}/*`],
            condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
          },
          {
            sid: 'DenyOldTls',
            effect: 'Deny',
            principals: [{ type: '*', identifiers: ['*'] }],
            actions: ['s3:*'],
            resources: [bucket.arn, `${bucket.arn}/*`],
            condition: [{ test: 'NumericLessThan', variable: 's3:TlsVersion', values: ['1.2'] }],
          },
        ],
      });
      new S3BucketPolicy(this, `${bid}-policy`, { bucket: bucket.id, policy: tlsOnly.json, dependsOn: [pab] });
      if (b.keepsState) {
        new S3BucketVersioningA(this, `${bid}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
      }
      const rules: S3BucketLifecycleConfigurationRule[] = [];
      if (b.expirationDays !== undefined) {
        rules.push({
          id: 'expire',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: b.expirationDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
        });
      } else {
        rules.push({
          id: 'abort-incomplete-uploads',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
          noncurrentVersionExpiration: b.keepsState && stateVersionDays !== undefined ? [{ noncurrentDays: stateVersionDays }] : undefined,
        });
      }
      new S3BucketLifecycleConfiguration(this, `${bid}-lifecycle`, { bucket: bucket.id, rule: rules });
      if (b.cors) {
        new S3BucketCorsConfiguration(this, `${bid}-cors`, {
          bucket: bucket.id,
          corsRule: [{ allowedOrigins: [...b.cors.allowedOrigins], allowedMethods: [...b.cors.allowedMethods], allowedHeaders: ['*'], exposeHeaders: ['ETag'], maxAgeSeconds: b.cors.maxAgeSeconds ?? 3600 }],
        });
      }
      buckets[b.purpose] = bucket;
      names[b.purpose] = bucket.bucket;
      arns[b.purpose] = bucket.arn;
    }
    this.s3Buckets = buckets;
    this.buckets = names;
    this.bucketArns = arns;
    this.region = region;
    this.endpoint = `https://s3.${region}.amazonaws.com`;
  }
}
