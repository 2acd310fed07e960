import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { App, Aspects, Lazy, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { PolicyPack, enforcePolicies } from '../../lib/policy/aspect';
import { collectResources, evaluatePolicies } from '../../lib/policy/engine';
import { suppressPolicy } from '../../lib/policy/suppression';
import { validationErrorOf } from '../support/validation-matchers';
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

  test('resolves a resource\'s arguments once, when they are first read, and spreading a resource reads them', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    let produced = 0;
    new S3Bucket(stack, 'bucket', { bucket: Lazy.stringValue({ produce: () => `bucket-${++produced}` }) });
    const [bucket] = collectResources(stack);
    expect(produced).toBe(0);
    expect(bucket!.attributes).toEqual({ bucket: 'bucket-1' });
    expect(bucket!.attributes.bucket).toBe('bucket-1');
    expect({ ...bucket! }.attributes).toEqual({ bucket: 'bucket-1' });
    expect(produced).toBe(1);
  });

  test('resolves one argument when a rule reads it, and all of them when its keys are listed', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const produced: string[] = [];
    const lazy = (v: string) => Lazy.stringValue({ produce: () => (produced.push(v), v) });
    new S3Bucket(stack, 'bucket', { bucket: lazy('name'), bucketPrefix: lazy('prefix') });
    const [bucket] = collectResources(stack);
    expect(bucket!.attributes.bucket).toBe('name');
    expect('force_destroy' in bucket!.attributes).toBe(false);
    expect(produced).toEqual(['name']);
    expect(Object.keys(bucket!.attributes)).toEqual(['bucket', 'bucket_prefix']);
    expect(JSON.stringify(bucket!.attributes)).toBe('{"bucket":"name","bucket_prefix":"prefix"}');
    expect(produced).toEqual(['name', 'prefix']);
  });

  test('builds a resource\'s arguments (toTerraform) only when a rule reads them', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    let built = 0;
    class CountingBucket extends S3Bucket {
      protected override synthesizeAttributes(): { [name: string]: any } {
        built++;
        return super.synthesizeAttributes();
      }
    }
    new CountingBucket(stack, 'bucket', { bucket: 'b' });
    const [bucket] = collectResources(stack);
    expect([bucket!.address, built]).toEqual(['aws_s3_bucket.bucket', 0]);
    expect(bucket!.attributes).toEqual({ bucket: 'b' });
    expect(built).toBe(1);
  });

  test('lists what cdktf synthesizes: not a resource moved away, and every body of an element with its own toTerraform()', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    new S3Bucket(stack, 'old', { bucket: 'kept' }).moveTo('renamed');
    new S3Bucket(stack, 'new', { bucket: 'kept' }).addMoveTarget('renamed');
    class TwoBuckets extends S3Bucket {
      public override toTerraform(): any {
        const tf = super.toTerraform();
        return { ...tf, resource: { aws_s3_bucket: { ...tf.resource.aws_s3_bucket, twin: { bucket: 'twin' } } } };
      }
    }
    new TwoBuckets(stack, 'pair', { bucket: 'first' });
    const synthesized = JSON.parse(Testing.synth(stack));
    const all = collectResources(stack);
    expect(all.map((r) => r.name).sort()).toEqual(Object.keys(synthesized.resource.aws_s3_bucket).sort());
    expect(all.map((r) => r.name).sort()).toEqual(['new', 'pair', 'twin']);
    expect(all.find((r) => r.name === 'twin')!.attributes).toEqual({ bucket: 'twin' });
  });

  test('a check resolves only the resources its rules read: a type no rule checks or looks at stays unresolved', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const produced: string[] = [];
    const lazyName = (name: string) => Lazy.stringValue({ produce: () => (produced.push(name), name) });
    new S3Bucket(stack, 'checked', { bucket: lazyName('checked') });
    new S3BucketPolicy(stack, 'unread', { bucket: lazyName('unread'), policy: '{}' });
    const report = evaluatePolicies(stack, [{ id: 'T-S3-001', title: 't', resourceTypes: ['aws_s3_bucket'], category: 'backups', severity: 'low', scanners: {}, fix: 'f', check: (r) => (r.attributes.bucket === 'checked' ? 'seen' : undefined) }]);
    expect(report.findings.map((f) => f.message)).toEqual(['seen']);
    expect(produced).toEqual(['checked']);
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

describe('issue 10: a scope or suppression on construct `a` never reaches its sibling `ab`', () => {
  const open: PolicyRule = {
    id: 'T-PFX-001',
    title: 'test rule: buckets are not force-destroyed',
    resourceTypes: ['aws_s3_bucket'],
    category: 'deletion protection',
    severity: 'low',
    scanners: {},
    fix: 'leave force_destroy off',
    check: (r) => (r.attributes.force_destroy === true ? 'force_destroy' : undefined),
  };
  const REASON = 'a scratch bucket that is emptied on purpose';

  /** `a` and `ab` are siblings whose paths share the prefix `s/a`; each holds one failing bucket. */
  function siblings() {
    const stack = new TerraformStack(Testing.app(), 's');
    const a = new Construct(stack, 'a');
    const ab = new Construct(stack, 'ab');
    new S3Bucket(a, 'bucket', { bucket: 'a', forceDestroy: true });
    new S3Bucket(ab, 'bucket', { bucket: 'ab', forceDestroy: true });
    return { stack, a, ab };
  }

  test('evaluating `a` checks the resources under `a` only', () => {
    const { a } = siblings();
    const report = evaluatePolicies(a, [open]);
    expect(report.checkedResources).toBe(1);
    expect(report.findings.map((f) => f.path)).toEqual(['s/a/bucket']);
  });

  test('suppressPolicy on `a` suppresses the finding under `a` and leaves the one under `ab`', () => {
    const { stack, a } = siblings();
    expect(suppressPolicy(a, 'T-PFX-001', REASON, [open]).map((r) => r.node.path)).toEqual(['s/a/bucket']);
    const report = evaluatePolicies(stack, [open]);
    expect(report.suppressed.map((f) => f.path)).toEqual(['s/a/bucket']);
    expect(report.findings.map((f) => f.path)).toEqual(['s/ab/bucket']);
  });

  test('a config suppression naming `s/a` does not match `s/ab`, and one naming a prefix of a path matches nothing', () => {
    const { stack } = siblings();
    enforcePolicies(stack, { rules: [open], suppressions: [{ rule: 'T-PFX-001', resource: 's/a', reason: REASON }] });
    const report = evaluatePolicies(stack, [open]);
    expect(report.suppressed.map((f) => f.path)).toEqual(['s/a/bucket']);
    expect(report.findings.map((f) => f.path)).toEqual(['s/ab/bucket']);

    const other = siblings();
    const err = validationErrorOf(
      () => enforcePolicies(other.stack, { rules: [open], suppressions: [{ rule: 'T-PFX-001', resource: 's/a/buck', reason: REASON }] }),
      'suppressions[0].resource',
      's/a/buck',
    );
    expect(err.path).toBe('s');
  });

  test('the pack added to `a` fails the synth for `a` only; added to both, it checks both', () => {
    const one = siblings();
    Aspects.of(one.a).add(new PolicyPack({ rules: [open] }));
    expect(validationMessages(one.stack)).toEqual([expect.stringContaining('failed at s/a/bucket')]);

    const both = siblings();
    enforcePolicies([both.a, both.ab], { rules: [open] });
    expect(validationMessages(both.stack).sort()).toEqual([expect.stringContaining('failed at s/a/bucket'), expect.stringContaining('failed at s/ab/bucket')]);
  });
});

/** What the stack's validations report once its aspects have run (as during `cdktf synth`). */
function validationMessages(stack: TerraformStack): string[] {
  const app = stack.node.scope as App;
  try {
    app.synth();
  } catch (err) {
    return (err as Error).message.split('\n').filter((l) => l.includes('policy '));
  }
  return [];
}
