import './provider-package';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import { checkInt, checkOneOf, checkPattern } from '../core/validation';
import { AwsAccount } from './account';

/** What a key is for: `encrypt` (symmetric AES-256, rotated yearly) or `sign` (asymmetric RSA, sign and verify). */
export type AwsKmsKeyUsage = 'encrypt' | 'sign';

/** Properties of {@link AwsKmsKey}. */
export interface AwsKmsKeyProps {
  /** What the key protects, shown in the console. */
  readonly description: string;
  /** Alias, without the `alias/` prefix, e.g. `spacelift/data`. */
  readonly alias: string;
  /** Symmetric encryption key or asymmetric signing key. @default "encrypt" */
  readonly usage?: AwsKmsKeyUsage;
  /** RSA key size of a signing key. @default "RSA_4096" */
  readonly signingKeySpec?: 'RSA_2048' | 'RSA_3072' | 'RSA_4096';
  /** Days a deleted key can still be recovered (7-30). @default 30 */
  readonly deletionWindowDays?: number;
  /** Let `terraform destroy` schedule the key for deletion (turns off `prevent_destroy`). @default false */
  readonly allowDestroy?: boolean;
  /** Tags. @default none */
  readonly tags?: { readonly [key: string]: string };
}

/**
 * A customer-managed KMS key with an alias. The key policy delegates to IAM (the account may grant use through IAM
 * policies, as least-privilege roles of this library do); nothing outside the account is named. Symmetric keys are
 * rotated every year. A key is never destroyed by accident: `prevent_destroy`, and a 30-day deletion window.
 */
export class AwsKmsKey extends Construct {
  /** The `aws_kms_key` resource. */
  public readonly key: KmsKey;
  /** Key ARN: what IAM policies and other resources refer to. */
  public readonly arn: string;
  /** Key id (a UUID). */
  public readonly keyId: string;
  /** `alias/<alias>`. */
  public readonly aliasName: string;

  public constructor(scope: Construct, id: string, props: AwsKmsKeyProps) {
    super(scope, id);
    checkPattern(this, 'alias', props.alias, /^(?!aws\/|alias\/)[a-zA-Z0-9/_-]{1,250}$/, 'letters, digits, "/", "_" and "-", without "alias/" and not starting with "aws/"');
    const usage = checkOneOf(this, 'usage', props.usage ?? 'encrypt', ['encrypt', 'sign'] as const);
    const spec = checkOneOf(this, 'signingKeySpec', props.signingKeySpec ?? 'RSA_4096', ['RSA_2048', 'RSA_3072', 'RSA_4096'] as const);
    const window = checkInt(this, 'deletionWindowDays', props.deletionWindowDays ?? 30, 7, 30);
    const account = AwsAccount.of(this);

    const policy = new DataAwsIamPolicyDocument(this, 'policy', {
      statement: [
        {
          sid: 'AccountAdministersKeyThroughIam',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [account.rootArn] }],
          actions: ['kms:*'],
          resources: ['*'],
        },
      ],
    });
    this.key = new KmsKey(this, 'key', {
      description: props.description,
      keyUsage: usage === 'sign' ? 'SIGN_VERIFY' : 'ENCRYPT_DECRYPT',
      customerMasterKeySpec: usage === 'sign' ? spec : 'SYMMETRIC_DEFAULT',
      // Automatic rotation exists only for symmetric keys.
      enableKeyRotation: usage === 'encrypt',
      deletionWindowInDays: window,
      policy: policy.json,
      tags: props.tags,
      lifecycle: { preventDestroy: !(props.allowDestroy ?? false) },
    });
    const alias = new KmsAlias(this, 'alias', { name: `alias/${props.alias}`, targetKeyId: this.key.keyId });
    this.arn = this.key.arn;
    this.keyId = this.key.keyId;
    this.aliasName = alias.name;
  }
}
