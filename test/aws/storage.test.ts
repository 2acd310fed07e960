import { Fn, Token } from 'cdktf';
import { AwsS3Storage, AwsS3StorageProps } from '../../lib/aws/storage';
import { BucketSpec } from '../../lib/core/object-store';
import { POLICY_EXCEPTION_METADATA } from '../../lib/core/policy-exceptions';
import { resources, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { KEY_ARN, REGION, awsStack, byId, dataById } from './fixtures';

const BUCKETS: BucketSpec[] = [
  { purpose: 'states', keepsState: true },
  { purpose: 'run-logs', keepsState: false, expirationDays: 60 },
  { purpose: 'uploads', keepsState: false, expirationDays: 1, cors: { allowedOrigins: ['https://sl.example.com'], allowedMethods: ['PUT', 'POST'] } },
];

function make(over: Partial<AwsS3StorageProps> = {}) {
  const stack = awsStack();
  const store = new AwsS3Storage(stack, 'storage', { region: REGION, bucketPrefix: 'sl', uniqueSuffix: 'abc123', buckets: BUCKETS, kmsKeyArn: KEY_ARN, ...over });
  return { stack, store, json: synth(stack) };
}

describe('AwsS3Storage', () => {
  test('one bucket per purpose, named <prefix>-<purpose>-<suffix>, force_destroy off; the contract', () => {
    const { json, store } = make();
    const names = (Object.values(resources(json, 'aws_s3_bucket')) as any[]).map((b) => [b.bucket, b.force_destroy]);
    expect(names.sort()).toEqual([['sl-run-logs-abc123', false], ['sl-states-abc123', false], ['sl-uploads-abc123', false]]);
    expect(store.kind).toBe('s3');
    expect(store.region).toBe(REGION);
    expect(store.endpoint).toBe('https://s3.eu-west-1.amazonaws.com');
    expect(Object.keys(store.buckets).sort()).toEqual(['run-logs', 'states', 'uploads']);
  });

  test('every bucket: public access blocked, owner enforced, SSE-KMS with bucket keys, TLS-only policy', () => {
    const { json } = make();
    for (const kind of ['aws_s3_bucket_public_access_block', 'aws_s3_bucket_ownership_controls', 'aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_policy']) {
      expect({ kind, n: Object.keys(resources(json, kind)).length }).toEqual({ kind, n: 3 });
    }
    expect(byId(json, 'aws_s3_bucket_public_access_block', 'states')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(byId(json, 'aws_s3_bucket_ownership_controls', 'states').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    expect(byId(json, 'aws_s3_bucket_server_side_encryption_configuration', 'states').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: KEY_ARN }, bucket_key_enabled: true },
    ]);
    const policy = dataById(json, 'aws_iam_policy_document', 'states-tls-only');
    expect(policy.statement.map((s: any) => [s.effect, s.condition[0].variable, s.condition[0].values])).toEqual([
      ['Deny', 'aws:SecureTransport', ['false']],
      ['Deny', 's3:TlsVersion', ['1.2']],
    ]);
  });

  test('versioning only where the app keeps state; state never expires, temporary data does', () => {
    const { json } = make({ stateVersionRetentionDays: 90 });
    const versioned = Object.keys(resources(json, 'aws_s3_bucket_versioning'));
    expect(versioned).toHaveLength(1);
    expect(versioned[0]).toContain('states');
    const states = byId(json, 'aws_s3_bucket_lifecycle_configuration', 'states').rule;
    expect(states).toHaveLength(1);
    expect(states[0].expiration).toBeUndefined();
    expect(states[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
    const logs = byId(json, 'aws_s3_bucket_lifecycle_configuration', 'run-logs').rule;
    expect(logs[0]).toMatchObject({ status: 'Enabled', expiration: [{ days: 60 }], abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }] });
  });

  test('state buckets are protected from destroy unless allowDestroy', () => {
    expect(byId(make().json, 'aws_s3_bucket', 'bucket-states').lifecycle.prevent_destroy).toBe(true);
    expect(byId(make().json, 'aws_s3_bucket', 'bucket-run-logs').lifecycle.prevent_destroy).toBe(false);
    expect(byId(make({ allowDestroy: true }).json, 'aws_s3_bucket', 'bucket-states').lifecycle.prevent_destroy).toBe(false);
  });

  test('allowDestroy turns force_destroy on for every bucket (the provider then deletes every version and delete marker), with the policy exception declared', () => {
    const { json, store } = make({ allowDestroy: true });
    const buckets = Object.values(resources(json, 'aws_s3_bucket')) as any[];
    expect(buckets.length).toBeGreaterThan(1);
    expect(buckets.every((b) => b.force_destroy === true)).toBe(true);
    const exceptions = (st: AwsS3Storage) => Object.values(st.s3Buckets).map((b) => b.node.metadata.filter((m) => m.type === POLICY_EXCEPTION_METADATA).map((m) => m.data.ruleId));
    expect(exceptions(store)).toEqual(buckets.map(() => ['AWS-S3-006']));
    const { json: kept, store: keptStore } = make();
    expect((Object.values(resources(kept, 'aws_s3_bucket')) as any[]).every((b) => b.force_destroy === false)).toBe(true);
    expect(exceptions(keptStore).flat()).toEqual([]);
  });

  test('CORS only on the bucket that asks for it, from the app origin', () => {
    const cors = Object.values(resources(make().json, 'aws_s3_bucket_cors_configuration')) as any[];
    expect(cors).toHaveLength(1);
    expect(cors[0].cors_rule).toEqual([{ allowed_origins: ['https://sl.example.com'], allowed_methods: ['PUT', 'POST'], allowed_headers: ['*'], expose_headers: ['ETag'], max_age_seconds: 3600 }]);
  });

  test('throws on prefixes S3 rejects or that would make names too long', () => {
    expectValidationError(() => make({ bucketPrefix: 'SL' }), 'bucketPrefix', 'SL');
    expectValidationError(() => make({ bucketPrefix: 'xn--sl' }), 'bucketPrefix', 'xn--sl');
    expectValidationError(() => make({ bucketPrefix: 'sl.data' }), 'bucketPrefix', 'sl.data');
    expectValidationError(() => make({ bucketPrefix: 'a'.repeat(50) }), 'bucketPrefix', 'a'.repeat(50));
  });

  test('throws on duplicate or malformed purposes, bad expiry, bad version retention and an unknown region', () => {
    expectValidationError(() => make({ buckets: [BUCKETS[0]!, { purpose: 'states', keepsState: false }] }), 'buckets', 'states');
    expectValidationError(() => make({ buckets: [{ purpose: 'Run_Logs', keepsState: false }] }), 'buckets[0].purpose', 'Run_Logs');
    expectValidationError(() => make({ buckets: [{ purpose: 'x', keepsState: false, expirationDays: 0 }] }), 'buckets[0].expirationDays', 0);
    expectValidationError(() => make({ stateVersionRetentionDays: 0 }), 'stateVersionRetentionDays', 0);
    expectValidationError(() => make({ region: 'eu-west-7' }), 'region', 'eu-west-7');
  });

  test('throws on a prefix only known at apply (names are checked at synth)', () => {
    const token = Token.asString(Fn.lower('X'));
    expectValidationError(() => make({ bucketPrefix: token }), 'bucketPrefix', token);
  });
});
