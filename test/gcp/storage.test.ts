import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { spaceliftBuckets } from '../../lib/apps/spacelift/buckets';
import { BucketSpec } from '../../lib/core/object-store';
import { POLICY_EXCEPTION_METADATA } from '../../lib/core/policy-exceptions';
import { GCS_ENDPOINT, GcsBuckets, GcsBucketsProps, checkBucketName } from '../../lib/gcp/storage';
import { resources, synth } from '../support/synth';
import { expectValidationError, validationErrorOf } from '../support/validation-matchers';
import { PROJECT, REGION, byId, expressions, googleStack } from './fixtures';

const SPECS: BucketSpec[] = [
  { purpose: 'states', keepsState: true },
  { purpose: 'run-logs', keepsState: false, expirationDays: 60 },
  { purpose: 'uploads', keepsState: false, expirationDays: 1, cors: { allowedOrigins: ['https://spacelift.example.com'], allowedMethods: ['PUT', 'POST'] } },
];

function make(over: Partial<GcsBucketsProps> = {}) {
  const stack = googleStack();
  const store = new GcsBuckets(stack, 'store', { project: PROJECT, location: REGION, namePrefix: 'sl', buckets: SPECS, ...over });
  return { stack, store };
}

describe('GcsBuckets', () => {
  test('one private bucket per purpose: uniform access, public access prevention, soft delete, never force-destroyed', () => {
    const json = synth(make({ labels: { team: 'platform' } }).stack);
    const buckets = Object.values(resources(json, 'google_storage_bucket')) as any[];
    expect(buckets.map((b) => b.name).sort()).toEqual(['sl-run-logs', 'sl-states', 'sl-uploads']);
    for (const b of buckets) {
      expect(b).toMatchObject({
        project: PROJECT,
        location: 'EUROPE-WEST1',
        storage_class: 'STANDARD',
        uniform_bucket_level_access: true,
        public_access_prevention: 'enforced',
        force_destroy: false,
        soft_delete_policy: { retention_duration_seconds: 7 * 86400 },
        labels: { team: 'platform' },
      });
    }
  });

  test('allowDestroy: force_destroy on every bucket (all objects and all versions go), with the teardown policy exception', () => {
    const { stack, store } = make({ allowDestroy: true });
    const buckets = Object.values(resources(synth(stack), 'google_storage_bucket')) as any[];
    expect(buckets).toHaveLength(3);
    for (const b of buckets) expect(b.force_destroy).toBe(true);
    for (const bucket of Object.values(store.resources)) {
      const declared = bucket.node.metadata.filter((m) => m.type === POLICY_EXCEPTION_METADATA).map((m) => m.data);
      expect(declared).toEqual([expect.objectContaining({ ruleId: 'GCP-GCS-003', by: 'library', reason: expect.stringMatching(/^allowDestroy is set/) })]);
    }
    // Without it: no exception declared.
    for (const bucket of Object.values(make().store.resources)) expect(bucket.node.metadata.filter((m) => m.type === POLICY_EXCEPTION_METADATA)).toEqual([]);
  });

  test('state is versioned and never expires; temporary data expires after its retention, unversioned', () => {
    const json = synth(make().stack);
    const states = byId(json, 'google_storage_bucket', 'bucket-states');
    expect(states.versioning).toEqual({ enabled: true });
    expect(states.lifecycle_rule).toEqual([{ action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 1 } }]);
    const logs = byId(json, 'google_storage_bucket', 'bucket-run-logs');
    expect(logs.versioning).toEqual({ enabled: false });
    expect(logs.lifecycle_rule).toContainEqual({ action: { type: 'Delete' }, condition: { age: 60 } });
  });

  test('old versions in state buckets expire only when asked', () => {
    const states = byId(synth(make({ stateVersionRetentionDays: 90 }).stack), 'google_storage_bucket', 'bucket-states');
    expect(states.lifecycle_rule).toContainEqual({ action: { type: 'Delete' }, condition: { days_since_noncurrent_time: 90, with_state: 'ARCHIVED' } });
    expect(states.lifecycle_rule.some((r: any) => r.condition.age !== undefined && r.action.type === 'Delete')).toBe(false);
  });

  test('CORS only on the bucket browsers upload to, from the app origin only', () => {
    const json = synth(make().stack);
    expect(byId(json, 'google_storage_bucket', 'bucket-uploads').cors).toEqual([
      { origin: ['https://spacelift.example.com'], method: ['PUT', 'POST'], response_header: ['*'], max_age_seconds: 3600 },
    ]);
    expect(byId(json, 'google_storage_bucket', 'bucket-states').cors).toBeUndefined();
  });

  test('CORS from any origin ("*" alone) for buckets read through signed URLs from anywhere', () => {
    const json = synth(make({ buckets: [{ purpose: 'artifacts', keepsState: false, cors: { allowedOrigins: ['*'], allowedMethods: ['GET', 'HEAD'], maxAgeSeconds: 600 } }] }).stack);
    expect(byId(json, 'google_storage_bucket', 'bucket-artifacts').cors).toEqual([{ origin: ['*'], method: ['GET', 'HEAD'], response_header: ['*'], max_age_seconds: 600 }]);
  });

  test('a unique suffix is appended; the contract exposes names, project, region and the GCS endpoint', () => {
    const stack = googleStack();
    const suffix = new StringResource(stack, 'suffix', { length: 6, special: false, upper: false });
    const store = new GcsBuckets(stack, 'store', { project: PROJECT, location: REGION, namePrefix: 'spacelift', suffix: suffix.result, buckets: spaceliftBuckets('spacelift.example.com') });
    const json = synth(stack);
    expect(Object.keys(resources(json, 'google_storage_bucket'))).toHaveLength(10);
    expect(byId(json, 'google_storage_bucket', 'bucket-user-uploaded-workspaces').name).toBe('spacelift-user-uploaded-workspaces-${random_string.suffix.result}');
    expect(store).toMatchObject({ kind: 'gcs', endpoint: GCS_ENDPOINT, project: PROJECT, region: REGION });
    expect(GCS_ENDPOINT).toBe('https://storage.googleapis.com');
    const e = expressions(stack, { states: store.buckets.states });
    expect(e.states).toMatch(/^\$\{google_storage_bucket\.[^.]+\.name\}$/);
  });

  test('grant: objectAdmin on each bucket, one additive binding per bucket', () => {
    const { stack, store } = make();
    store.grant('app', 'serviceAccount:sl@my-project-123.iam.gserviceaccount.com');
    const members = Object.values(resources(synth(stack), 'google_storage_bucket_iam_member')) as any[];
    expect(members).toHaveLength(3);
    for (const m of members) {
      expect(m).toMatchObject({ role: 'roles/storage.objectAdmin', member: 'serviceAccount:sl@my-project-123.iam.gserviceaccount.com' });
      expect(m.bucket).toMatch(/^\$\{google_storage_bucket\.[^.]+\.name\}$/);
    }
    expect(new Set(members.map((m) => m.bucket)).size).toBe(3);
  });

  test('rejects a role that is not a storage role', () => {
    const { store } = make();
    expectValidationError(() => store.grant('app', 'user:x@example.com', 'roles/owner'), 'grant.app.role', 'roles/owner');
  });
  test('rejects a zone as location', () => expectValidationError(() => make({ location: 'europe-west1-b' }), 'location', 'europe-west1-b'));
  test('rejects a prefix with capitals', () => expectValidationError(() => make({ namePrefix: 'SL' }), 'namePrefix', 'SL'));
  test('rejects a prefix that makes names start with "goog"', () => {
    const err = validationErrorOf(() => make({ namePrefix: 'googly' }), 'buckets[0].purpose', 'googly-states');
    expect(err.allowed).toContain('goog');
  });
  test('rejects names containing "google" or a look-alike', () => {
    expectValidationError(() => make({ namePrefix: 'my-google' }), 'buckets[0].purpose', 'my-google-states');
    expectValidationError(() => make({ namePrefix: 'my-g00gle' }), 'buckets[0].purpose', 'my-g00gle-states');
  });
  test('rejects names that grow past 63 characters with the suffix', () => {
    const stack = googleStack();
    const suffix = new StringResource(stack, 'suffix', { length: 6 });
    const prefix = 'a'.repeat(40);
    const err = validationErrorOf(
      () => new GcsBuckets(stack, 's', { project: PROJECT, location: REGION, namePrefix: prefix, suffix: suffix.result, buckets: [{ purpose: 'user-uploaded-workspaces', keepsState: false }] }),
      'buckets[0].purpose',
      `${prefix}-user-uploaded-workspaces`,
    );
    expect(err.allowed).toContain('7-character unique suffix');
  });
  test('rejects a purpose with capitals', () => expectValidationError(() => make({ buckets: [{ purpose: 'States', keepsState: true }] }), 'buckets[0].purpose', 'States'));
  test('rejects a purpose given twice', () => expectValidationError(() => make({ buckets: [SPECS[0]!, SPECS[0]!] }), 'buckets[1]', SPECS[0]));
  test('rejects an expiry of 0 days', () => expectValidationError(() => make({ buckets: [{ purpose: 'tmp', keepsState: false, expirationDays: 0 }] }), 'buckets[0].expirationDays', 0));
  test('rejects a CORS origin that is not an https origin', () =>
    expectValidationError(() => make({ buckets: [{ purpose: 'uploads', keepsState: false, cors: { allowedOrigins: ['http://example.com'], allowedMethods: ['PUT'] } }] }), 'buckets[0].cors.allowedOrigins[0]', 'http://example.com'));
  test('rejects "*" among other CORS origins', () =>
    expectValidationError(() => make({ buckets: [{ purpose: 'uploads', keepsState: false, cors: { allowedOrigins: ['https://a.example.com', '*'], allowedMethods: ['PUT'] } }] }), 'buckets[0].cors.allowedOrigins[1]', '*'));
  test('rejects soft delete shorter than Google allows', () => expectValidationError(() => make({ softDeleteDays: 3 }), 'softDeleteDays', 3));
  test('rejects a state version retention of 0 days', () => expectValidationError(() => make({ stateVersionRetentionDays: 0 }), 'stateVersionRetentionDays', 0));
});

describe('checkBucketName', () => {
  test.each(['spacelift-states', 'abc', 'a_b-1'])('accepts %s', (n) => expect(checkBucketName('config', 'bucket', n)).toBe(n));
  test.each(['ab', 'goog-state', 'state-google', 'my.bucket', 'Bucket', '-bucket'])('rejects %s', (n) => expectValidationError(() => checkBucketName('config', 'bucket', n), 'bucket', n));
});
