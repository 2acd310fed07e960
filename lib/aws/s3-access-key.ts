import './provider-package';
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamAccessKey } from '@cdktf/provider-aws/lib/iam-access-key';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { IamUserPolicy } from '@cdktf/provider-aws/lib/iam-user-policy';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { S3ApiStore } from '../core/s3-api';
import { ValidationError, checkList, checkOneOf, checkPattern, isUnresolved } from '../core/validation';
import { S3ObjectAction, S3_OBJECT_ACTIONS } from './identity';
import { AwsS3Storage } from './storage';

/** Bucket-level actions the key always gets on each of its buckets: listing and the bucket's region. */
export const S3_ACCESS_KEY_BUCKET_ACTIONS = ['s3:ListBucket', 's3:ListBucketMultipartUploads', 's3:GetBucketLocation'] as const;

/** What an app that sets the CORS rules of its buckets itself (Taskcluster's queue at startup) also needs. */
export const S3_CORS_ACTIONS = ['s3:GetBucketCORS', 's3:PutBucketCORS'] as const;

/** KMS actions SSE-KMS reads and writes need: decrypting data keys and generating them. */
export const S3_ACCESS_KEY_KMS_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'] as const;

/** Properties of {@link AwsS3AccessKey}. */
export interface AwsS3AccessKeyProps {
  /** IAM user name: 1-64 letters, digits and `+=,.@_-`; unique in the account. */
  readonly userName: string;
  /** IAM path of the user, so every such user is easy to find: `/` or `/<segments>/`. @default "/s3-api/" */
  readonly path?: string;
  /** The buckets (from {@link AwsS3Storage}). */
  readonly storage: AwsS3Storage;
  /** Purposes of the buckets the key may use. @default every bucket of `storage` */
  readonly purposes?: readonly string[];
  /** Object actions on `<bucket>/*`. @default every action of S3_OBJECT_ACTIONS (read, write, tag, delete, multipart) */
  readonly objectActions?: readonly S3ObjectAction[];
  /**
   * The KMS key the buckets are encrypted with (AwsS3Storage's `kmsKeyArn`): the user may decrypt and generate data
   * keys with it only through S3 in the buckets' region (`kms:ViaService`). Without it, reads and writes of SSE-KMS
   * objects fail. @default no key access
   */
  readonly kmsKeyArn?: string;
  /**
   * The app sets the buckets' CORS rules itself (PutBucketCORS): grants s3:GetBucketCORS and s3:PutBucketCORS and
   * reports `skipCorsConfiguration: false`. Off, the app is told to leave CORS alone; set the rules on the buckets
   * instead (BucketSpec `cors`). @default false
   */
  readonly appManagesCors?: boolean;
  /** Tags of the user. @default none */
  readonly tags?: { readonly [key: string]: string };
}

/**
 * An IAM user with one access key, for an app that speaks S3 with nothing but a static key (no IRSA): an inline
 * policy that names each bucket and grants object actions on `<bucket>/*`, listing and location on the bucket, CORS
 * only when the app manages it, and the buckets' KMS key only through S3. Nothing else: no console password, no
 * other service.
 *
 * The secret access key is written to Terraform state (the aws provider stores `secret` unless `pgp_key` is set, and
 * with `pgp_key` Terraform could no longer hand the key to the app): keep the state encrypted and access-controlled.
 * The key never expires; rotate it with `terraform apply -replace` (docs/s3-api-storage.md). The key is replaced
 * create-before-destroy: the new key exists, and everything that depends on it is updated, before the old one is deleted.
 */
export class AwsS3AccessKey extends Construct implements S3ApiStore {
  public readonly endpoint = undefined;
  public readonly region: string;
  public readonly forcePathStyle = false;
  public readonly buckets: { readonly [purpose: string]: string };
  public readonly accessKeyId: string;
  public readonly secretAccessKey: string;
  public readonly skipCorsConfiguration: boolean;
  /** The `aws_iam_user` resource. */
  public readonly user: IamUser;
  /** The `aws_iam_access_key` resource. */
  public readonly accessKey: IamAccessKey;
  /** The user's permissions: whatever uses the key should depend on these. */
  public readonly permissions: readonly ITerraformDependable[];

  public constructor(scope: Construct, id: string, props: AwsS3AccessKeyProps) {
    super(scope, id);
    checkPattern(this, 'userName', props.userName, /^[\w+=,.@-]{1,64}$/, 'an IAM user name of 1 to 64 letters, digits and "+", "=", ",", ".", "@", "_", "-"');
    const path = checkPattern(this, 'path', props.path ?? '/s3-api/', /^\/([\x21-\x2e\x30-\x7e]+\/)*$/, 'an IAM path: "/" or "/<segments>/" of printable ASCII characters');
    if (!isUnresolved(path) && path.length > 512) throw new ValidationError(this, 'path', path, 'an IAM path of at most 512 characters');

    const available = Object.keys(props.storage.buckets);
    const purposes = props.purposes ?? available;
    checkList(this, 'purposes', purposes, (p, f) => checkOneOf(this, f, p, available), { minItems: 1 });
    const objectActions = props.objectActions ?? S3_OBJECT_ACTIONS;
    checkList(this, 'objectActions', objectActions, (a, f) => checkOneOf(this, f, a, S3_OBJECT_ACTIONS), { minItems: 1 });
    const appManagesCors = props.appManagesCors ?? false;

    this.user = new IamUser(this, 'user', {
      name: props.userName,
      path,
      // Keys, certificates or a password added outside Terraform make the destroy fail instead of vanishing with it.
      forceDestroy: false,
      tags: props.tags,
    });

    const bucketArns = purposes.map((p) => props.storage.bucketArns[p]!);
    const statements: DataAwsIamPolicyDocumentStatement[] = [
      { sid: 'Objects', effect: 'Allow', actions: [...objectActions], resources: bucketArns.map((arn) => `${arn}/*`) },
      {
        sid: 'Buckets',
        effect: 'Allow',
        actions: [...S3_ACCESS_KEY_BUCKET_ACTIONS, ...(appManagesCors ? S3_CORS_ACTIONS : [])],
        resources: bucketArns,
      },
    ];
    if (props.kmsKeyArn !== undefined) {
      statements.push({
        sid: 'BucketKey',
        effect: 'Allow',
        actions: [...S3_ACCESS_KEY_KMS_ACTIONS],
        resources: [props.kmsKeyArn],
        condition: [{ test: 'StringEquals', variable: 'kms:ViaService', values: [`s3.${props.storage.region}.amazonaws.com`] }],
      });
    }
    const document = new DataAwsIamPolicyDocument(this, 'permissions', { statement: statements });
    const policy = new IamUserPolicy(this, 'policy', { user: this.user.name, name: 'buckets', policy: document.json });
    this.permissions = [policy];

    this.accessKey = new IamAccessKey(this, 'access-key', {
      user: this.user.name,
      status: 'Active',
      // `terraform apply -replace` makes the new key (an IAM user may hold two) and updates what uses it first.
      lifecycle: { createBeforeDestroy: true },
    });

    this.region = props.storage.region;
    this.buckets = Object.fromEntries(purposes.map((p) => [p, props.storage.buckets[p]!]));
    this.accessKeyId = this.accessKey.id;
    this.secretAccessKey = this.accessKey.secret;
    this.skipCorsConfiguration = !appManagesCors;
  }
}
