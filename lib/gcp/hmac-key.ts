import './provider-package';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { StorageHmacKey } from '@cdktf/provider-google/lib/storage-hmac-key';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { GCP_NAMES, checkName } from '../core/naming';
import { S3ApiStore } from '../core/s3-api';
import { ValidationError, checkList, checkOneOf, checkPattern } from '../core/validation';
import { GCS_ENDPOINT, GcsBuckets } from './storage';

/**
 * The region a SigV4 client signs Cloud Storage XML API requests for. Cloud Storage takes `auto` in the credential
 * scope for a bucket in any location, as S3 clients pointed at other S3-compatible stores commonly send.
 */
export const GCS_SIGV4_REGION = 'auto';

/** Properties of {@link GcsHmacKey}. */
export interface GcsHmacKeyProps {
  /** Project id of the service account (and of the key). */
  readonly project: string;
  /** Id of the dedicated service account (the part of the e-mail before `@`), 6-30 characters. */
  readonly accountId: string;
  /** The buckets (from {@link GcsBuckets}). */
  readonly storage: GcsBuckets;
  /** Purposes of the buckets the key may use. @default every bucket of `storage` */
  readonly purposes?: readonly string[];
  /**
   * Role the account gets on each bucket. The default reads, writes and deletes objects and multipart uploads, and
   * cannot change the bucket (its CORS rules included: that needs storage.buckets.update, which this construct never
   * grants; set the rules on the bucket with BucketSpec `cors` instead). @default "roles/storage.objectAdmin"
   */
  readonly role?: string;
  /** Region clients sign requests for. @default {@link GCS_SIGV4_REGION} */
  readonly region?: string;
  /** Display name of the service account. @default "S3 API key <accountId>" */
  readonly displayName?: string;
  /** What the service account must be created after (the project's APIs). @default none */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * An HMAC key of a dedicated Google service account, for an app that speaks S3 with nothing but a static key: the
 * account has no other key and no project role, only a role on each of the named buckets; clients reach the buckets
 * through the Cloud Storage XML API (`https://storage.googleapis.com`, path-style).
 *
 * The key's secret is written to Terraform state (the google provider keeps it there; it cannot be read back after
 * creation): keep the state encrypted and access-controlled. The key never expires; rotate it with
 * `terraform apply -replace` (docs/s3-api-storage.md). It is replaced create-before-destroy, and the provider sets the
 * old key INACTIVE before it deletes it, as Cloud Storage requires.
 *
 * Apps are always told to skip CORS configuration: Cloud Storage's PutBucketCors needs storage.buckets.update, and
 * rules set by the app would fight the bucket's Terraform-managed `cors`.
 */
export class GcsHmacKey extends Construct implements S3ApiStore {
  public readonly endpoint = GCS_ENDPOINT;
  public readonly region: string;
  public readonly forcePathStyle = true;
  public readonly buckets: { readonly [purpose: string]: string };
  public readonly accessKeyId: string;
  public readonly secretAccessKey: string;
  public readonly skipCorsConfiguration = true;
  /** The dedicated service account. */
  public readonly account: ServiceAccount;
  /** The `google_storage_hmac_key` resource. */
  public readonly key: StorageHmacKey;
  /** The bucket role bindings: whatever uses the key should depend on these. */
  public readonly permissions: readonly ITerraformDependable[];

  public constructor(scope: Construct, id: string, props: GcsHmacKeyProps) {
    super(scope, id);
    checkName(this, 'project', props.project, GCP_NAMES.project);
    checkName(this, 'accountId', props.accountId, GCP_NAMES.serviceAccount);
    const role = checkPattern(this, 'role', props.role ?? 'roles/storage.objectAdmin', /^roles\/storage\.[A-Za-z]+$|^projects\/[a-z][-a-z0-9]{4,28}[a-z0-9]\/roles\/[A-Za-z0-9_.]{3,64}$/, 'a Cloud Storage role such as "roles/storage.objectAdmin", or a custom role "projects/<project>/roles/<id>"');
    if (/^roles\/storage\.(admin|legacy)/i.test(role) || role === 'roles/storage.bucketViewer') {
      throw new ValidationError(this, 'role', role, 'an object role such as "roles/storage.objectAdmin" or "roles/storage.objectUser" (no bucket admin or legacy role)');
    }
    const region = checkPattern(this, 'region', props.region ?? GCS_SIGV4_REGION, /^[a-z][a-z0-9-]*[a-z0-9]$/, 'a SigV4 region such as "auto" or a bucket location such as "europe-west1"');

    const available = Object.keys(props.storage.buckets);
    const purposes = props.purposes ?? available;
    checkList(this, 'purposes', purposes, (p, f) => checkOneOf(this, f, p, available), { minItems: 1 });

    this.account = new ServiceAccount(this, 'account', {
      project: props.project,
      accountId: props.accountId,
      displayName: props.displayName ?? `S3 API key ${props.accountId}`,
      description: `Holds the HMAC key of an app that reaches buckets ${purposes.join(', ')} over the S3 API`,
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
    this.permissions = purposes.map(
      (p) => new StorageBucketIamMember(this, `bucket-${p}`, { bucket: props.storage.resources[p]!.name, role, member: this.account.member }),
    );
    this.key = new StorageHmacKey(this, 'key', {
      project: props.project,
      serviceAccountEmail: this.account.email,
      state: 'ACTIVE',
      lifecycle: { createBeforeDestroy: true },
    });

    this.region = region;
    this.buckets = Object.fromEntries(purposes.map((p) => [p, props.storage.buckets[p]!]));
    this.accessKeyId = this.key.accessId;
    this.secretAccessKey = this.key.secret;
  }
}
