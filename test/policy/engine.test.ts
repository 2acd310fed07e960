import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { collectResources, evaluatePolicies } from '../../lib/policy/engine';
import { PolicyRule } from '../../lib/policy/types';

describe('collectResources', () => {
  test('returns resources and data sources with synthesized, snake_case arguments and tokens as Terraform expressions', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const name = new TerraformVariable(stack, 'bucket_name', { type: 'string' });
    const bucket = new S3Bucket(stack, 'bucket', { bucket: name.stringValue, forceDestroy: false });
    const doc = new DataAwsIamPolicyDocument(stack, 'doc', { statement: [{ actions: ['s3:GetObject'], resources: [`${bucket.arn}/*`] }] });
    new S3BucketPolicy(stack, 'policy', { bucket: bucket.id, policy: doc.json });
    const all = collectResources(stack);
    expect(all.map((r) => [r.kind, r.address, r.path])).toEqual([
      ['resource', 'aws_s3_bucket.bucket', 's/bucket'],
      ['data', 'data.aws_iam_policy_document.doc', 's/doc'],
      ['resource', 'aws_s3_bucket_policy.policy', 's/policy'],
    ]);
    expect(all[0]!.attributes).toEqual({ bucket: '${var.bucket_name}', force_destroy: false });
    expect(all[2]!.attributes).toEqual({ bucket: '${aws_s3_bucket.bucket.id}', policy: '${data.aws_iam_policy_document.doc.json}' });
    expect(all[0]!.attributes).not.toHaveProperty('//');
  });
});

describe('evaluatePolicies', () => {
  const rule: PolicyRule = {
    id: 'T-VPC-001',
    title: 'test rule for buckets',
    resourceTypes: ['aws_s3_bucket'],
    category: 'backups',
    severity: 'low',
    scanners: {},
    fix: 'do the right thing',
    check: (r, ctx) => [
      ...(ctx.referring(r, 'aws_s3_bucket_policy').length === 0 ? ['no policy refers to it'] : []),
      ...(r.attributes.force_destroy === true ? ['force_destroy'] : []),
    ],
  };

  test('runs each rule on the resources of its types, one finding per message, with the context of the whole stack', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const a = new S3Bucket(stack, 'a', { bucket: 'a', forceDestroy: true });
    new S3Bucket(stack, 'b', { bucket: 'b' });
    new S3BucketPolicy(stack, 'policy', { bucket: a.id, policy: '{}' });
    const report = evaluatePolicies(stack, [rule]);
    expect(report.checkedResources).toBe(3);
    expect(report.findings.map((f) => [f.address, f.message])).toEqual([
      ['aws_s3_bucket.a', 'force_destroy'],
      ['aws_s3_bucket.b', 'no policy refers to it'],
    ]);
  });
});

test('a rule that throws is reported as an error of that rule and resource, not a crash', () => {
  const stack = new TerraformStack(Testing.app(), 's');
  new S3Bucket(stack, 'a', { bucket: 'a' });
  const broken: PolicyRule = { id: 'T-BAD-001', title: 'a rule with a bug', resourceTypes: ['aws_s3_bucket'], category: 'backups', severity: 'low', scanners: {}, fix: 'fix the rule', check: () => { throw new Error('boom'); } };
  expect(evaluatePolicies(stack, [broken]).errors).toEqual(['s/a: rule T-BAD-001 could not check aws_s3_bucket.a: boom']);
});
