import { AwsS3AccessKey, AwsS3AccessKeyProps, S3_ACCESS_KEY_BUCKET_ACTIONS, S3_CORS_ACTIONS } from '../../lib/aws/s3-access-key';
import { S3_OBJECT_ACTIONS } from '../../lib/aws/identity';
import { AwsS3Storage } from '../../lib/aws/storage';
import { checkPolicies } from '../../lib/policy/aspect';
import { Synthesized, only, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { KEY_ARN, REGION, awsStack, expressionOf, statements } from './fixtures';

function make(over: Partial<AwsS3AccessKeyProps> = {}) {
  const stack = awsStack();
  const storage = new AwsS3Storage(stack, 'storage', {
    region: REGION,
    bucketPrefix: 'tc',
    uniqueSuffix: 'abc123',
    kmsKeyArn: KEY_ARN,
    buckets: [
      { purpose: 'public-artifacts', keepsState: true },
      { purpose: 'private-artifacts', keepsState: true },
      { purpose: 'objects', keepsState: true },
    ],
  });
  const key = new AwsS3AccessKey(stack, 'key', { userName: 'tc-object-storage', storage, kmsKeyArn: KEY_ARN, ...over });
  return { stack, storage, key };
}

/** The ARN expression of a bucket, as the policy document renders it. */
function arnOf(json: Synthesized, bucketName: string): string {
  const [logicalId] = Object.entries(json.resource!.aws_s3_bucket!).find(([, b]) => b.bucket === bucketName)!;
  return `\${aws_s3_bucket.${logicalId}.arn}`;
}

describe('AwsS3AccessKey', () => {
  const { stack, key } = make();
  const json = synth(stack);

  test('an IAM user under /s3-api/ with one active access key, replaced create-before-destroy', () => {
    expect(only(json, 'aws_iam_user')).toMatchObject({ name: 'tc-object-storage', path: '/s3-api/', force_destroy: false });
    const accessKey = only(json, 'aws_iam_access_key');
    expect(accessKey).toMatchObject({ status: 'Active', lifecycle: { create_before_destroy: true } });
    expect(accessKey.user).toMatch(/^\$\{aws_iam_user\.[^.]+\.name\}$/);
    // No PGP key: Terraform has to hand the plain secret to the app.
    expect(accessKey.pgp_key).toBeUndefined();
  });

  test('the policy names each bucket: object actions on <bucket>/*, listing and location on the bucket, the key only through S3', () => {
    const arns = ['public-artifacts', 'private-artifacts', 'objects'].map((p) => arnOf(json, `tc-${p}-abc123`));
    expect(statements(json, 'permissions')).toEqual([
      { sid: 'Objects', effect: 'Allow', actions: [...S3_OBJECT_ACTIONS], resources: arns.map((a) => `${a}/*`) },
      { sid: 'Buckets', effect: 'Allow', actions: ['s3:ListBucket', 's3:ListBucketMultipartUploads', 's3:GetBucketLocation'], resources: arns },
      {
        sid: 'BucketKey',
        effect: 'Allow',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [KEY_ARN],
        condition: [{ test: 'StringEquals', variable: 'kms:ViaService', values: [`s3.${REGION}.amazonaws.com`] }],
      },
    ]);
    expect(JSON.stringify(statements(json, 'permissions'))).not.toMatch(/"\*"|s3:\*|CORS/);
    expect(only(json, 'aws_iam_user_policy').name).toBe('buckets');
  });

  test('the S3ApiStore: AWS regional endpoint, virtual-host style, the buckets, the key; CORS left to the buckets', () => {
    expect(key.endpoint).toBeUndefined();
    expect(key.region).toBe(REGION);
    expect(key.forcePathStyle).toBe(false);
    expect(key.skipCorsConfiguration).toBe(true);
    expect(Object.keys(key.buckets).sort()).toEqual(['objects', 'private-artifacts', 'public-artifacts']);
    expect(expressionOf(stack, key.accessKeyId)).toMatch(/^\$\{aws_iam_access_key\.[^.]+\.id\}$/);
    expect(expressionOf(stack, key.secretAccessKey)).toMatch(/^\$\{aws_iam_access_key\.[^.]+\.secret\}$/);
  });

  test('no secret in the synthesized JSON: the secret is only a reference to the key resource', () => {
    const text = JSON.stringify(json);
    const refs = text.match(/aws_iam_access_key\.[^.]+\.secret/g) ?? [];
    expect(refs).toEqual([]); // nothing in this stack reads it (the app would, through a sensitive value)
    expect(text).not.toMatch(/"secret"\s*:/);
  });

  test('the policy pack passes (no rule covers IAM users yet; see docs/s3-api-storage.md)', () => {
    const findings = checkPolicies(stack).findings;
    expect(findings).toEqual([]);
  });

  test('an app that manages CORS gets GetBucketCORS and PutBucketCORS and is told so; purposes narrow the buckets', () => {
    const { stack: s2, key: k2 } = make({ appManagesCors: true, purposes: ['objects'], kmsKeyArn: undefined });
    const j2 = synth(s2);
    const [objects, buckets, ...rest] = statements(j2, 'permissions');
    expect(rest).toEqual([]); // no key statement without a key
    expect(buckets.actions).toEqual([...S3_ACCESS_KEY_BUCKET_ACTIONS, ...S3_CORS_ACTIONS]);
    expect(buckets.resources).toEqual([arnOf(j2, 'tc-objects-abc123')]);
    expect(objects.resources).toEqual([`${arnOf(j2, 'tc-objects-abc123')}/*`]);
    expect(k2.skipCorsConfiguration).toBe(false);
    expect(Object.keys(k2.buckets)).toEqual(['objects']);
  });

  test('validation', () => {
    expectValidationError(() => make({ userName: 'bad name' }), 'userName', 'bad name');
    expectValidationError(() => make({ path: 's3-api' }), 'path', 's3-api');
    expectValidationError(() => make({ purposes: ['logs'] }), 'purposes[0]', 'logs');
    expectValidationError(() => make({ purposes: ['objects', 'objects'] }), 'purposes[1]', 'objects');
    expectValidationError(() => make({ purposes: [] }), 'purposes', []);
    expectValidationError(() => make({ objectActions: ['s3:*' as never] }), 'objectActions[0]', 's3:*');
  });
});
