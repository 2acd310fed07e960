import './provider-package';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamSessionContext } from '@cdktf/provider-aws/lib/data-aws-iam-session-context';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';

const ID = 'aws-account';

/**
 * The account, partition and principal Terraform runs as, read once per stack (data sources, known at plan time).
 * Every AWS construct of a stack shares the one instance: `AwsAccount.of(this)`.
 */
export class AwsAccount extends Construct {
  /** The 12-digit account id. */
  public readonly accountId: string;
  /** `aws` in the commercial partition. */
  public readonly partition: string;
  /** `amazonaws.com` in the commercial partition. */
  public readonly dnsSuffix: string;
  /**
   * ARN of the IAM role or user that runs Terraform. For an assumed-role session (`arn:aws:sts::...:assumed-role/R/s`)
   * this is the role itself (`arn:aws:iam::...:role/R`), which is what EKS access entries and key policies need.
   */
  public readonly principalArn: string;

  /** The stack's instance, created on first use. */
  public static of(scope: IConstruct): AwsAccount {
    const stack = TerraformStack.of(scope);
    const existing = stack.node.tryFindChild(ID);
    return existing instanceof AwsAccount ? existing : new AwsAccount(stack, ID);
  }

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const caller = new DataAwsCallerIdentity(this, 'caller');
    const partition = new DataAwsPartition(this, 'partition');
    const session = new DataAwsIamSessionContext(this, 'session', { arn: caller.arn });
    this.accountId = caller.accountId;
    this.partition = partition.partition;
    this.dnsSuffix = partition.dnsSuffix;
    this.principalArn = session.issuerArn;
  }

  /** `arn:<partition>:iam::aws:policy/<name>`: an AWS managed policy. */
  public managedPolicyArn(name: string): string {
    return `arn:${this.partition}:iam::aws:policy/${name}`;
  }

  /** `arn:<partition>:iam::<account>:root`: the account itself, as a principal in resource policies. */
  public get rootArn(): string {
    return `arn:${this.partition}:iam::${this.accountId}:root`;
  }
}
