import { Password } from '@cdktf/provider-random/lib/password';
import { TerraformStack } from 'cdktf';
import { AwsSecretEscrow, AwsSecretEscrowProps } from '../../lib/aws/secret-escrow';
import { checkPolicies } from '../../lib/policy/aspect';
import { Synthesized, only, resources, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { REGION, awsStack } from './fixtures';

const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function make(over: Partial<AwsSecretEscrowProps> = {}): { stack: TerraformStack; escrow: AwsSecretEscrow } {
  const stack = awsStack();
  const value = new Password(stack, 'key', { length: 32, special: false }).result;
  const escrow = new AwsSecretEscrow(stack, 'escrow', { region: REGION, name: 'estafette/secret-decryption-key', value, ...over });
  return { stack, escrow };
}

describe('AwsSecretEscrow', () => {
  let json: Synthesized;
  let escrow: AwsSecretEscrow;
  let stack: TerraformStack;
  beforeAll(() => {
    ({ stack, escrow } = make({ tags: { app: 'estafette' } }));
    json = synth(stack);
  });

  test('encrypted with a customer-managed key of its own, 30-day recovery window, never destroyed by accident', () => {
    const secret = only(json, 'aws_secretsmanager_secret');
    expect(secret).toMatchObject({ name: 'estafette/secret-decryption-key', recovery_window_in_days: 30, tags: { app: 'estafette' }, lifecycle: { prevent_destroy: true } });
    expect(secret.kms_key_id).toMatch(/^\$\{aws_kms_key\.[^.]+\.arn\}$/);
    expect(only(json, 'aws_kms_key')).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
    expect(only(json, 'aws_kms_alias').name).toBe('alias/estafette/secret-decryption-key');
  });

  test('the value is the secret version; no rotation is configured', () => {
    const v = only(json, 'aws_secretsmanager_secret_version');
    expect(v.secret_id).toMatch(/^\$\{aws_secretsmanager_secret\.[^.]+\.id\}$/);
    expect(v.secret_string).toMatch(/^\$\{random_password\.[^.]+\.result\}$/);
    expect(resources(json, 'aws_secretsmanager_secret_rotation')).toEqual({});
  });

  test('the read-back command names the secret and the region, never the value', () => {
    expect(escrow.cloud).toBe('aws');
    expect(escrow.readBackCommand).toBe(`aws secretsmanager get-secret-value --secret-id estafette/secret-decryption-key --region ${REGION} --query SecretString --output text`);
  });

  test('passes the policy pack', () => {
    expect(checkPolicies(stack).findings.filter((f) => f.ruleId.startsWith('AWS-SM') || f.ruleId.startsWith('AWS-KMS'))).toEqual([]);
  });

  test('a given key is used and no key is created; allowDestroy lifts prevent_destroy', () => {
    const j = synth(make({ kmsKeyArn: KEY_ARN, allowDestroy: true, recoveryWindowDays: 7 }).stack);
    expect(only(j, 'aws_secretsmanager_secret')).toMatchObject({ kms_key_id: KEY_ARN, recovery_window_in_days: 7, lifecycle: { prevent_destroy: false } });
    expect(resources(j, 'aws_kms_key')).toEqual({});
  });

  test.each([
    ['region', 'eu-west-1a'],
    ['name', 'has space'],
    ['name', ''],
    ['recoveryWindowDays', 0],
    ['recoveryWindowDays', 31],
    ['kmsKeyArn', 'alias/aws/secretsmanager'],
  ] as const)('rejects %s %p', (field, value) => {
    expectValidationError(() => make({ [field]: value } as Partial<AwsSecretEscrowProps>), field, value);
  });

  test('rejects an alias together with a key ARN, and a literal value', () => {
    expectValidationError(() => make({ kmsKeyArn: KEY_ARN, kmsKeyAlias: 'x' }), 'kmsKeyAlias', 'x');
    expectValidationError(() => make({ value: 'hunter2' }), 'value', '***');
  });
});
