import './provider-package';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { EscrowedSecret, shellCommand } from '../core/secret-escrow';
import { ValidationError, checkInt, checkPattern } from '../core/validation';
import { AwsKmsKey } from './kms';
import { checkAwsRegion } from './regions';

/** Properties of {@link AwsSecretEscrow}. */
export interface AwsSecretEscrowProps {
  /** Region the secret lives in (the provider's region): part of the read-back command. */
  readonly region: string;
  /** Secret name: 1-512 letters, digits and `/_+=.@-`, e.g. `estafette/secret-decryption-key`. */
  readonly name: string;
  /** The value to escrow: a sensitive Terraform token (a `random_password` result), never a literal. */
  readonly value: string;
  /** What the secret is for, shown in the console. @default "Escrowed by Terraform: losing the cluster must not lose this value" */
  readonly description?: string;
  /**
   * ARN of a customer-managed KMS key that encrypts the secret. Whoever reads it back needs `kms:Decrypt` on the key.
   * @default a new key of its own ({@link AwsKmsKey}, rotated yearly, `prevent_destroy`), alias `kmsKeyAlias`
   */
  readonly kmsKeyArn?: string;
  /** Alias (without `alias/`) of the key created when no `kmsKeyArn` is given. @default the secret's name */
  readonly kmsKeyAlias?: string;
  /** Days a deleted secret can still be restored (7-30). @default 30 */
  readonly recoveryWindowDays?: number;
  /**
   * Let `terraform destroy` schedule the secret (and the key created here) for deletion; both stay recoverable for
   * their windows. Turns off `prevent_destroy`. @default false
   */
  readonly allowDestroy?: boolean;
  /** Tags of the secret (and the key created here). @default none */
  readonly tags?: { readonly [key: string]: string };
}

/**
 * One generated secret escrowed in AWS Secrets Manager, encrypted with a customer-managed KMS key (given, or created
 * here in the library's key pattern), with a 30-day recovery window and `prevent_destroy` unless `allowDestroy`. No
 * rotation: the value is a key the app encrypts with, which rotating would make useless. A changed value becomes
 * the current version (`AWSCURRENT`); the one before stays readable as `AWSPREVIOUS`.
 */
export class AwsSecretEscrow extends Construct implements EscrowedSecret {
  public readonly cloud = 'aws' as const;
  public readonly name: string;
  public readonly readBackCommand: string;
  /** The `aws_secretsmanager_secret` resource. */
  public readonly secret: SecretsmanagerSecret;
  /** The `aws_secretsmanager_secret_version` resource holding the value. */
  public readonly version: SecretsmanagerSecretVersion;
  /** ARN of the secret. */
  public readonly arn: string;
  /** ARN of the KMS key that encrypts it. */
  public readonly kmsKeyArn: string;
  /** The key created here, when no `kmsKeyArn` was given. */
  public readonly kmsKey?: AwsKmsKey;

  public constructor(scope: Construct, id: string, props: AwsSecretEscrowProps) {
    super(scope, id);
    const region = checkAwsRegion(this, 'region', props.region);
    checkPattern(this, 'name', props.name, /^[A-Za-z0-9/_+=.@-]{1,512}$/, 'a Secrets Manager name of 1-512 letters, digits and "/_+=.@-"');
    if (!Token.isUnresolved(props.value)) {
      throw new ValidationError(this, 'value', '***', 'a sensitive token such as a random_password result, never a literal (it would be written into cdktf.out)');
    }
    const window = checkInt(this, 'recoveryWindowDays', props.recoveryWindowDays ?? 30, 7, 30);
    if (props.kmsKeyArn !== undefined) {
      checkPattern(this, 'kmsKeyArn', props.kmsKeyArn, /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, 'a KMS key ARN such as "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-..." (an alias or an AWS-managed key is not accepted)');
      if (props.kmsKeyAlias !== undefined) throw new ValidationError(this, 'kmsKeyAlias', props.kmsKeyAlias, 'no alias with kmsKeyArn (the alias names a key created here)');
    }
    const allowDestroy = props.allowDestroy ?? false;

    if (props.kmsKeyArn === undefined) {
      this.kmsKey = new AwsKmsKey(this, 'key', {
        description: `Encrypts the escrowed secret ${props.name}`,
        alias: props.kmsKeyAlias ?? props.name,
        allowDestroy,
        tags: props.tags,
      });
    }
    this.kmsKeyArn = props.kmsKeyArn ?? this.kmsKey!.arn;
    this.secret = new SecretsmanagerSecret(this, 'secret', {
      name: props.name,
      description: props.description ?? 'Escrowed by Terraform: losing the cluster must not lose this value',
      kmsKeyId: this.kmsKeyArn,
      recoveryWindowInDays: window,
      tags: props.tags,
      lifecycle: { preventDestroy: !allowDestroy },
    });
    this.version = new SecretsmanagerSecretVersion(this, 'version', {
      secretId: this.secret.id,
      secretString: props.value,
    });

    this.name = props.name;
    this.arn = this.secret.arn;
    this.readBackCommand = shellCommand(this, 'read-back', [
      'aws', 'secretsmanager', 'get-secret-value', '--secret-id', props.name, '--region', region, '--query', 'SecretString', '--output', 'text',
    ]);
  }
}
