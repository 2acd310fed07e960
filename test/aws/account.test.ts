import { AwsAccount } from '../../lib/aws/account';
import { synth } from '../support/synth';
import { awsStack } from './fixtures';
import { Construct } from 'constructs';

describe('AwsAccount', () => {
  test('one set of data sources per stack, however many constructs ask', () => {
    const stack = awsStack();
    const a = AwsAccount.of(new Construct(stack, 'one'));
    const b = AwsAccount.of(new Construct(stack, 'two'));
    expect(a).toBe(b);
    const json = synth(stack);
    expect(Object.keys(json.data!.aws_caller_identity!)).toHaveLength(1);
    expect(Object.keys(json.data!.aws_partition!)).toHaveLength(1);
  });

  test('the deploying principal is the issuer of the session (an assumed role becomes its role)', () => {
    const stack = awsStack();
    AwsAccount.of(stack);
    const json = synth(stack);
    const [session] = Object.values(json.data!.aws_iam_session_context!) as any[];
    expect(session.arn).toMatch(/^\$\{data\.aws_caller_identity\.[^.]+\.arn\}$/);
  });

  test('ARN helpers use the partition and the account', () => {
    const stack = awsStack();
    const account = AwsAccount.of(stack);
    expect(account.managedPolicyArn('AmazonEKSClusterPolicy')).toMatch(/^arn:\$\{TfToken\[TOKEN\.\d+\]\}:iam::aws:policy\/AmazonEKSClusterPolicy$/);
    expect(account.rootArn).toMatch(/:root$/);
  });
});
