import { AWS_NAMES, checkName } from '../../lib/core/naming';
import { expectValidationError } from '../support/validation-matchers';

describe('AWS naming rules (lib/core/naming.ts AWS_NAMES)', () => {
  const bucket = (v: string) => () => checkName('x', 'bucket', v, AWS_NAMES.s3Bucket);

  test('ordinary bucket names pass', () => {
    for (const ok of ['spacelift-states-abc123', 'abc', 'a'.repeat(63)]) expect(bucket(ok)()).toBe(ok);
  });

  test.each([
    ['too short', 'ab'],
    ['too long', 'a'.repeat(64)],
    ['capitals', 'Spacelift-states'],
    ['underscore', 'spacelift_states'],
    ['dots (break TLS of virtual-hosted URLs)', 'spacelift.states'],
    ['an IP address', '192.168.0.1'],
    ['reserved "xn--" prefix', 'xn--spacelift'],
    ['reserved "sthree-" prefix', 'sthree-spacelift'],
    ['reserved "-s3alias" suffix', 'spacelift-s3alias'],
    ['reserved "--ol-s3" suffix', 'spacelift--ol-s3'],
    ['ends with a hyphen', 'spacelift-'],
    ['starts with a hyphen', '-spacelift'],
  ])('bucket name refused: %s', (_why, value) => {
    expectValidationError(bucket(value), 'bucket', value);
  });

  test('the unique suffix counts against the length', () => {
    expectValidationError(() => checkName('x', 'bucket', 'a'.repeat(57), AWS_NAMES.s3Bucket, 7), 'bucket', 'a'.repeat(57));
    expect(checkName('x', 'bucket', 'a'.repeat(56), AWS_NAMES.s3Bucket, 7)).toBe('a'.repeat(56));
  });

  test('IAM role names: 64 characters at most, IAM charset', () => {
    expect(checkName('x', 'role', 'spacelift-spacelift-server', AWS_NAMES.iamRole)).toBe('spacelift-spacelift-server');
    expectValidationError(() => checkName('x', 'role', 'r'.repeat(65), AWS_NAMES.iamRole), 'role', 'r'.repeat(65));
    expectValidationError(() => checkName('x', 'role', 'has space', AWS_NAMES.iamRole), 'role', 'has space');
  });

  test('RDS identifiers start with a letter, no double or trailing hyphen', () => {
    expect(checkName('x', 'id', 'spacelift-postgres', AWS_NAMES.rdsIdentifier)).toBe('spacelift-postgres');
    for (const bad of ['1db', 'db--x', 'db-', 'DB']) expectValidationError(() => checkName('x', 'id', bad, AWS_NAMES.rdsIdentifier), 'id', bad);
  });

  test('ECR repository names: lower-case words, optional namespaces', () => {
    expect(checkName('x', 'repo', 'spacelift/spacelift-backend', AWS_NAMES.ecrRepository)).toBe('spacelift/spacelift-backend');
    for (const bad of ['Spacelift/backend', 'spacelift//backend', 'spacelift/-backend']) expectValidationError(() => checkName('x', 'repo', bad, AWS_NAMES.ecrRepository), 'repo', bad);
  });

  test('EKS cluster names: letters, digits, "-" and "_", starting with a letter or digit', () => {
    expect(checkName('x', 'c', 'spacelift-eks', AWS_NAMES.eksCluster)).toBe('spacelift-eks');
    expectValidationError(() => checkName('x', 'c', '-eks', AWS_NAMES.eksCluster), 'c', '-eks');
  });
});
