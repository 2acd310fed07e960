import { GCS_SIGV4_REGION, GcsHmacKey, GcsHmacKeyProps } from '../../lib/gcp/hmac-key';
import { GCS_ENDPOINT, GcsBuckets } from '../../lib/gcp/storage';
import { checkPolicies } from '../../lib/policy/aspect';
import { only, resources, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { PROJECT, REGION, expressions, googleStack } from './fixtures';

function make(over: Partial<GcsHmacKeyProps> = {}) {
  const stack = googleStack();
  const storage = new GcsBuckets(stack, 'store', {
    project: PROJECT,
    location: REGION,
    namePrefix: 'tc',
    buckets: [
      { purpose: 'public-artifacts', keepsState: true },
      { purpose: 'private-artifacts', keepsState: true },
      { purpose: 'objects', keepsState: true },
    ],
  });
  const key = new GcsHmacKey(stack, 'hmac', { project: PROJECT, accountId: 'tc-object-storage', storage, ...over });
  return { stack, storage, key };
}

describe('GcsHmacKey', () => {
  const { stack, key } = make();
  const exprs = expressions(stack, { id: key.accessKeyId, secret: key.secretAccessKey });
  const json = synth(stack);

  test('a dedicated service account with an active HMAC key, replaced create-before-destroy', () => {
    expect(only(json, 'google_service_account')).toMatchObject({ project: PROJECT, account_id: 'tc-object-storage' });
    const hmac = only(json, 'google_storage_hmac_key');
    expect(hmac).toMatchObject({ project: PROJECT, state: 'ACTIVE', lifecycle: { create_before_destroy: true } });
    expect(hmac.service_account_email).toMatch(/^\$\{google_service_account\.[^.]+\.email\}$/);
    expect(resources(json, 'google_service_account_key')).toEqual({});
  });

  test('objectAdmin on each bucket, nothing on the project', () => {
    const bindings = Object.values(resources(json, 'google_storage_bucket_iam_member')) as any[];
    expect(bindings).toHaveLength(3);
    for (const b of bindings) {
      expect(b.role).toBe('roles/storage.objectAdmin');
      expect(b.member).toMatch(/^\$\{google_service_account\.[^.]+\.member\}$/);
    }
    expect(bindings.map((b) => b.bucket).sort()).toEqual(
      ['objects', 'private-artifacts', 'public-artifacts'].map((p) => expect.stringMatching(new RegExp(`^\\$\\{google_storage_bucket\\.store_bucket-${p}_[^.]+\\.name\\}$`))),
    );
    expect(resources(json, 'google_project_iam_member')).toEqual({});
  });

  test('the S3ApiStore: the XML API endpoint, path style, auto region, CORS never by the app', () => {
    expect(key.endpoint).toBe(GCS_ENDPOINT);
    expect(key.endpoint).toBe('https://storage.googleapis.com');
    expect(key.region).toBe(GCS_SIGV4_REGION);
    expect(key.forcePathStyle).toBe(true);
    expect(key.skipCorsConfiguration).toBe(true);
    expect(Object.keys(key.buckets).sort()).toEqual(['objects', 'private-artifacts', 'public-artifacts']);
    expect(exprs.id).toMatch(/^\$\{google_storage_hmac_key\.[^.]+\.access_id\}$/);
    expect(exprs.secret).toMatch(/^\$\{google_storage_hmac_key\.[^.]+\.secret\}$/);
  });

  test('the policy pack passes', () => {
    expect(checkPolicies(stack).findings).toEqual([]);
  });

  test('a narrower role and fewer buckets', () => {
    const { stack: s2, key: k2 } = make({ role: 'roles/storage.objectUser', purposes: ['objects'], region: 'europe-west1' });
    const j2 = synth(s2);
    expect((Object.values(resources(j2, 'google_storage_bucket_iam_member')) as any[]).map((b) => b.role)).toEqual(['roles/storage.objectUser']);
    expect(Object.keys(k2.buckets)).toEqual(['objects']);
    expect(k2.region).toBe('europe-west1');
  });

  test('validation', () => {
    expectValidationError(() => make({ accountId: 'tc' }), 'accountId', 'tc');
    expectValidationError(() => make({ role: 'roles/storage.admin' }), 'role', 'roles/storage.admin');
    expectValidationError(() => make({ role: 'roles/owner' }), 'role', 'roles/owner');
    expectValidationError(() => make({ purposes: ['logs'] }), 'purposes[0]', 'logs');
    expectValidationError(() => make({ region: 'Auto' }), 'region', 'Auto');
  });
});
