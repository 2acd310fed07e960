import { AwsKmsKey, AwsKmsKeyProps } from '../../lib/aws/kms';
import { only, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { awsStack, statements } from './fixtures';

function make(over: Partial<AwsKmsKeyProps> = {}) {
  const stack = awsStack();
  const key = new AwsKmsKey(stack, 'key', { description: 'test key', alias: 'spacelift/data', ...over });
  return { stack, key, json: synth(stack) };
}

describe('AwsKmsKey', () => {
  test('symmetric by default, rotated yearly, 30-day deletion window, never destroyed by accident', () => {
    const { json } = make({ tags: { team: 'platform' } });
    expect(only(json, 'aws_kms_key')).toMatchObject({
      key_usage: 'ENCRYPT_DECRYPT',
      customer_master_key_spec: 'SYMMETRIC_DEFAULT',
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      tags: { team: 'platform' },
      lifecycle: { prevent_destroy: true },
    });
    expect(only(json, 'aws_kms_alias')).toMatchObject({ name: 'alias/spacelift/data' });
  });

  test('a signing key is asymmetric RSA-4096 for sign and verify, without rotation', () => {
    const { json } = make({ usage: 'sign' });
    expect(only(json, 'aws_kms_key')).toMatchObject({ key_usage: 'SIGN_VERIFY', customer_master_key_spec: 'RSA_4096', enable_key_rotation: false });
  });

  test('the key policy only names the account (IAM policies grant use), built from a policy document', () => {
    const { json } = make();
    const key = only(json, 'aws_kms_key');
    expect(key.policy).toMatch(/^\$\{data\.aws_iam_policy_document\.[^.]+\.json\}$/);
    const [s] = statements(json, 'key_policy');
    expect(s.principals).toEqual([{ type: 'AWS', identifiers: [expect.stringMatching(/:root$/)] }]);
    expect(s.actions).toEqual(['kms:*']);
  });

  test('allowDestroy lifts prevent_destroy', () => {
    expect(only(make({ allowDestroy: true }).json, 'aws_kms_key').lifecycle.prevent_destroy).toBe(false);
  });

  test('throws on a deletion window outside 7-30 days', () => {
    expectValidationError(() => make({ deletionWindowDays: 3 }), 'deletionWindowDays', 3);
  });

  test('throws on an alias with the alias/ prefix or in the aws/ namespace', () => {
    expectValidationError(() => make({ alias: 'alias/x' }), 'alias', 'alias/x');
    expectValidationError(() => make({ alias: 'aws/x' }), 'alias', 'aws/x');
  });

  test('throws on an unknown usage or signing key size', () => {
    expectValidationError(() => make({ usage: 'hmac' as any }), 'usage', 'hmac');
    expectValidationError(() => make({ usage: 'sign', signingKeySpec: 'ECC_NIST_P256' as any }), 'signingKeySpec', 'ECC_NIST_P256');
  });
});
