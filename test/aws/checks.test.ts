import { checkDbInstanceClass, checkEc2InstanceType, checkIamPrincipalArn, checkIamRoleArnPattern, checkSameArchitecture, instanceArchitecture } from '../../lib/aws/checks';
import { expectValidationError } from '../support/validation-matchers';

describe('AWS value checks', () => {
  test('IAM role and user ARNs pass, with paths', () => {
    for (const arn of ['arn:aws:iam::123456789012:role/admins', 'arn:aws:iam::123456789012:role/team/ops/admins', 'arn:aws:iam::123456789012:user/alice']) {
      expect(checkIamPrincipalArn('x', 'arn', arn)).toBe(arn);
    }
  });

  test('an assumed-role session ARN is refused with a hint to use the role', () => {
    const session = 'arn:aws:sts::123456789012:assumed-role/admins/alice';
    expectValidationError(() => checkIamPrincipalArn('x', 'arn', session), 'arn', session);
  });

  test('an account id of the wrong length is refused', () => {
    expectValidationError(() => checkIamPrincipalArn('x', 'arn', 'arn:aws:iam::12345:role/admins'), 'arn', 'arn:aws:iam::12345:role/admins');
  });

  test('role ARN patterns may hold "*" but must be role ARNs', () => {
    expect(checkIamRoleArnPattern('x', 'r', 'arn:aws:iam::123456789012:role/spacelift-*')).toBe('arn:aws:iam::123456789012:role/spacelift-*');
    expectValidationError(() => checkIamRoleArnPattern('x', 'r', '*'), 'r', '*');
  });

  test('EC2 instance types: family and size', () => {
    for (const t of ['m6i.xlarge', 'm7g.large', 'c6a.2xlarge', 'r8g.metal', 'm7i-flex.large', 't3.medium']) expect(checkEc2InstanceType('x', 't', t)).toBe(t);
    for (const bad of ['m6i', 'large', 'M6i.xlarge', 'db.m6g.large', 'm6i.huge']) expectValidationError(() => checkEc2InstanceType('x', 't', bad), 't', bad);
  });

  test('Graviton families are arm64, the rest x86_64; a node group cannot mix them', () => {
    expect(['m7g.large', 'c7gn.xlarge', 't4g.small', 'im4gn.large'].map(instanceArchitecture)).toEqual(['arm64', 'arm64', 'arm64', 'arm64']);
    expect(['m6i.large', 'g5.xlarge', 'c6a.large'].map(instanceArchitecture)).toEqual(['x86_64', 'x86_64', 'x86_64']);
    expect(checkSameArchitecture('x', 'types', ['m7g.large', 'r7g.large'])).toBe('arm64');
    expectValidationError(() => checkSameArchitecture('x', 'types', ['m6i.large', 'm7g.large']), 'types', ['m6i.large', 'm7g.large']);
  });

  test('RDS instance classes start with "db."; db.serverless only where allowed', () => {
    for (const c of ['db.m6g.large', 'db.r7g.2xlarge', 'db.t4g.medium']) expect(checkDbInstanceClass('x', 'c', c)).toBe(c);
    expectValidationError(() => checkDbInstanceClass('x', 'c', 'm6g.large'), 'c', 'm6g.large');
    expectValidationError(() => checkDbInstanceClass('x', 'c', 'db.serverless'), 'c', 'db.serverless');
    expect(checkDbInstanceClass('x', 'c', 'db.serverless', true)).toBe('db.serverless');
  });
});
