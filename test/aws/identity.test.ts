import { TerraformResource } from 'cdktf';
import { AwsIrsaRole, AwsIrsaRoleProps, KMS_GENERATE_DATA_KEY_ACTIONS } from '../../lib/aws/identity';
import { only, resources, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { KEY_ARN, awsStack, statements } from './fixtures';

const OIDC = { arn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC', issuerHostPath: 'oidc.eks.eu-west-1.amazonaws.com/id/ABC' };
const BUCKET = 'arn:aws:s3:::sl-states-abc123';

function make(over: Partial<AwsIrsaRoleProps> = {}) {
  const stack = awsStack();
  const role = new AwsIrsaRole(stack, 'server', {
    oidcProvider: OIDC,
    serviceAccount: { namespace: 'spacelift', name: 'spacelift-server' },
    roleName: 'sl-spacelift-server',
    ...over,
  });
  return { stack, role, json: synth(stack) };
}

describe('AwsIrsaRole', () => {
  test('only tokens of this one service account, for STS, from this cluster may assume the role', () => {
    const { json } = make();
    const [trust] = statements(json, 'trust');
    expect(trust).toMatchObject({
      effect: 'Allow',
      actions: ['sts:AssumeRoleWithWebIdentity'],
      principals: [{ type: 'Federated', identifiers: [OIDC.arn] }],
    });
    expect(trust.condition).toEqual([
      { test: 'StringEquals', variable: `${OIDC.issuerHostPath}:sub`, values: ['system:serviceaccount:spacelift:spacelift-server'] },
      { test: 'StringEquals', variable: `${OIDC.issuerHostPath}:aud`, values: ['sts.amazonaws.com'] },
    ]);
    expect(only(json, 'aws_iam_role')).toMatchObject({ name: 'sl-spacelift-server' });
  });

  test('the service account annotation names the role; no pod labels are needed', () => {
    const { role } = make();
    expect(Object.keys(role.serviceAccountAnnotations).sort()).toEqual(['eks.amazonaws.com/role-arn', 'eks.amazonaws.com/sts-regional-endpoints']);
    expect(role.podLabels).toEqual({});
    expect(role.serviceAccount).toEqual({ namespace: 'spacelift', name: 'spacelift-server' });
  });

  test('bucket grants: object actions on <bucket>/*, listing on the bucket, nothing else', () => {
    const { json } = make({ s3: { states: { bucketArn: BUCKET, objectActions: ['s3:GetObject', 's3:PutObject'], bucketActions: ['s3:ListBucket'] } } });
    const s = statements(json, 'permissions');
    expect(s).toEqual([
      { sid: 'Objectsstates', effect: 'Allow', actions: ['s3:GetObject', 's3:PutObject'], resources: [`${BUCKET}/*`] },
      { sid: 'Bucketstates', effect: 'Allow', actions: ['s3:ListBucket'], resources: [BUCKET] },
    ]);
    expect(JSON.stringify(s)).not.toContain('"*"');
  });

  test('key grants name the key, optionally only through a service', () => {
    const { json } = make({ kms: { storage: { keyArn: KEY_ARN, actions: ['kms:Decrypt', 'kms:GenerateDataKey'], viaService: 's3.eu-west-1.amazonaws.com' } } });
    const [s] = statements(json, 'permissions');
    expect(s).toEqual({
      sid: 'Keystorage',
      effect: 'Allow',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [KEY_ARN],
      condition: [{ test: 'StringEquals', variable: 'kms:ViaService', values: ['s3.eu-west-1.amazonaws.com'] }],
    });
  });

  test('assumable roles are listed explicitly; managed policies are attached by ARN', () => {
    const { json } = make({
      assumableRoleArns: ['arn:aws:iam::123456789012:role/spacelift-*'],
      managedPolicyArns: { AmazonEKS_CNI_Policy: 'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy' },
    });
    expect(statements(json, 'permissions')).toEqual([
      { sid: 'AssumeListedRoles', effect: 'Allow', actions: ['sts:AssumeRole', 'sts:TagSession'], resources: ['arn:aws:iam::123456789012:role/spacelift-*'] },
    ]);
    expect(only(json, 'aws_iam_role_policy_attachment').policy_arn).toBe('arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy');
  });

  test('no grants, no inline policy', () => {
    expect(resources(make().json, 'aws_iam_role_policy')).toEqual({});
    expect(make().role.permissions).toEqual([]);
  });

  test('the data-key actions kms:GenerateDataKey* stands for are grantable one by one, never as a wildcard', () => {
    expect([...KMS_GENERATE_DATA_KEY_ACTIONS].sort()).toEqual(['kms:GenerateDataKey', 'kms:GenerateDataKeyPair', 'kms:GenerateDataKeyPairWithoutPlaintext', 'kms:GenerateDataKeyWithoutPlaintext']);
    const { json } = make({ kms: { encryption: { keyArn: KEY_ARN, actions: ['kms:Encrypt', 'kms:Decrypt', ...KMS_GENERATE_DATA_KEY_ACTIONS] } } });
    expect(statements(json, 'permissions')[0].actions).toEqual(['kms:Encrypt', 'kms:Decrypt', ...KMS_GENERATE_DATA_KEY_ACTIONS]);
    expectValidationError(() => make({ kms: { x: { keyArn: KEY_ARN, actions: ['kms:GenerateDataKey*' as any] } } }), 'kms.x.actions[0]', 'kms:GenerateDataKey*');
  });

  test('permissions: the inline policy and every attachment, for whatever runs with the role to depend on', () => {
    const { role } = make({ kms: { k: { keyArn: KEY_ARN, actions: ['kms:Decrypt'] } }, managedPolicyArns: { AmazonEKS_CNI_Policy: 'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy' } });
    const kinds = role.permissions.map((p) => `${(p as TerraformResource).terraformResourceType} ${(p as TerraformResource).node.id}`);
    expect(kinds).toEqual(['aws_iam_role_policy policy', 'aws_iam_role_policy_attachment managed-AmazonEKS_CNI_Policy']);
  });

  test('throws on an action outside the allowed lists (no wildcards)', () => {
    expectValidationError(() => make({ s3: { x: { bucketArn: BUCKET, objectActions: ['s3:*' as any] } } }), 's3.x.objectActions[0]', 's3:*');
    expectValidationError(() => make({ kms: { x: { keyArn: KEY_ARN, actions: ['kms:*' as any] } } }), 'kms.x.actions[0]', 'kms:*');
  });

  test('throws on a bucket grant without actions and a key grant without actions', () => {
    expectValidationError(() => make({ s3: { x: { bucketArn: BUCKET } } }), 's3.x', 'x');
    expectValidationError(() => make({ kms: { x: { keyArn: KEY_ARN, actions: [] } } }), 'kms.x.actions', []);
  });

  test('throws on a role name IAM rejects and on an assumable ARN that is not a role', () => {
    expectValidationError(() => make({ roleName: 'r'.repeat(65) }), 'roleName', 'r'.repeat(65));
    expectValidationError(() => make({ assumableRoleArns: ['*'] }), 'assumableRoleArns[0]', '*');
  });

  test('throws on a service account name that is not a Kubernetes name', () => {
    expectValidationError(() => make({ serviceAccount: { namespace: 'spacelift', name: 'Server' } }), 'serviceAccount.name', 'Server');
    expectValidationError(() => make({ serviceAccount: { namespace: 'Spacelift', name: 'server' } }), 'serviceAccount.namespace', 'Spacelift');
  });

  test('throws on a bucket action outside the allowed list', () => {
    expectValidationError(() => make({ s3: { x: { bucketArn: BUCKET, bucketActions: ['s3:PutBucketPolicy' as any] } } }), 's3.x.bucketActions[0]', 's3:PutBucketPolicy');
  });
});
