import './provider-package';
import { StorageBucket, StorageBucketLifecycleRule } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { GCP_NAMES, UNIQUE_SUFFIX_LENGTH } from '../core/naming';
import { BucketSpec, ObjectStore } from '../core/object-store';
import { ValidationError, checkInt, checkList, checkPattern, isUnresolved } from '../core/validation';
import { declarePolicyException } from '../core/policy-exceptions';
import { checkGcpRegion } from './regions';

/** The Cloud Storage JSON/XML API endpoint: what signed upload URLs point at. */
export const GCS_ENDPOINT = 'https://storage.googleapis.com';

/** Properties of {@link GcsBuckets}. */
export interface GcsBucketsProps {
  /** Project id that owns the buckets. */
  readonly project: string;
  /** Region the buckets live in (next to the cluster). */
  readonly location: string;
  /** Prefix of every bucket name: `<prefix>-<purpose>-<suffix>`. */
  readonly namePrefix: string;
  /**
   * Unique suffix (bucket names are global), e.g. a `random_string` result of UNIQUE_SUFFIX_LENGTH characters.
   * @default none (the names must then be unique as they are)
   */
  readonly suffix?: string;
  /** The buckets to create, by purpose. */
  readonly buckets: readonly BucketSpec[];
  /** Days deleted objects can be restored (soft delete), 7-90. @default 7 */
  readonly softDeleteDays?: number;
  /**
   * Days old versions of objects in state-keeping buckets are kept after being overwritten or deleted. Current
   * versions never expire. @default kept forever
   */
  readonly stateVersionRetentionDays?: number;
  /**
   * Let `terraform destroy` delete the buckets with everything in them (`force_destroy`: every object, every noncurrent
   * version). Off, a destroy stops at the first bucket that still holds an object or an old version. @default false
   */
  readonly allowDestroy?: boolean;
  /** Labels of every bucket. @default none */
  readonly labels?: { readonly [key: string]: string };
  /** What the buckets must be created after (the project's APIs). @default none */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * One Cloud Storage bucket per purpose: uniform bucket-level access (no object ACLs), public access prevention
 * enforced, soft delete, versioning where the app keeps state, `force_destroy` off unless `allowDestroy` (a destroy
 * never empties a bucket by accident), lifecycle rules from the app's documented retention (state-keeping buckets never expire) and CORS where
 * browsers upload or download directly (set here, in Terraform: an app's HMAC key never gets to change its bucket). Access is granted per bucket with `grant`, never project-wide.
 */
export class GcsBuckets extends Construct implements ObjectStore {
  public readonly kind = 'gcs' as const;
  public readonly endpoint = GCS_ENDPOINT;
  public readonly project: string;
  public readonly region: string;
  public readonly buckets: { readonly [purpose: string]: string };
  /** The bucket resources by purpose. */
  public readonly resources: { readonly [purpose: string]: StorageBucket };

  public constructor(scope: Construct, id: string, props: GcsBucketsProps) {
    super(scope, id);
    const location = checkGcpRegion(this, 'location', props.location);
    if (isUnresolved(props.namePrefix)) {
      throw new ValidationError(this, 'namePrefix', props.namePrefix, 'a literal prefix (bucket names are checked at synth)');
    }
    checkPattern(this, 'namePrefix', props.namePrefix, /^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters and digits in hyphen-separated words');
    const softDeleteDays = checkInt(this, 'softDeleteDays', props.softDeleteDays ?? 7, 7, 90);
    const stateVersionDays =
      props.stateVersionRetentionDays === undefined ? undefined : checkInt(this, 'stateVersionRetentionDays', props.stateVersionRetentionDays, 1, 36500);
    // A token suffix (a random_string of UNIQUE_SUFFIX_LENGTH characters) is counted, a literal one checked as written.
    const tokenSuffix = props.suffix !== undefined && isUnresolved(props.suffix);
    const literalSuffix = props.suffix !== undefined && !tokenSuffix ? `-${props.suffix}` : '';

    checkList(this, 'buckets', props.buckets, (b, f) => {
      checkPattern(this, `${f}.purpose`, b.purpose, /^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters and digits in hyphen-separated words');
      checkBucketName(this, `${f}.purpose`, `${props.namePrefix}-${b.purpose}${literalSuffix}`, tokenSuffix ? UNIQUE_SUFFIX_LENGTH + 1 : 0);
      if (b.expirationDays !== undefined) checkInt(this, `${f}.expirationDays`, b.expirationDays, 1, 36500);
      const origins = b.cors?.allowedOrigins ?? [];
      for (const [i, origin] of origins.entries()) {
        // "*" (any origin) only on its own: for buckets read through signed URLs from anywhere (Taskcluster's artifacts).
        if (origin === '*' && origins.length === 1) continue;
        checkPattern(this, `${f}.cors.allowedOrigins[${i}]`, origin, /^https:\/\/[a-z0-9.-]+(:\d+)?$/, 'an https:// origin such as "https://spacelift.example.com", or "*" alone');
      }
    }, { minItems: 1 });
    const purposes = props.buckets.map((b) => b.purpose);
    const dup = purposes.find((p, i) => purposes.indexOf(p) !== i);
    if (dup) throw new ValidationError(this, 'buckets', dup, 'each purpose once');

    const allowDestroy = props.allowDestroy ?? false;
    const resources: Record<string, StorageBucket> = {};
    const names: Record<string, string> = {};
    for (const b of props.buckets) {
      const name = props.suffix === undefined ? `${props.namePrefix}-${b.purpose}` : `${props.namePrefix}-${b.purpose}-${props.suffix}`;
      const rules: StorageBucketLifecycleRule[] = [
        // Multipart uploads that never finished are never billed for long.
        { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 1 } },
      ];
      if (b.expirationDays !== undefined) {
        rules.push({ action: { type: 'Delete' }, condition: { age: b.expirationDays } });
      }
      if (b.keepsState && stateVersionDays !== undefined) {
        rules.push({ action: { type: 'Delete' }, condition: { daysSinceNoncurrentTime: stateVersionDays, withState: 'ARCHIVED' } });
      }
      resources[b.purpose] = new StorageBucket(this, `bucket-${b.purpose}`, {
        project: props.project,
        name,
        location: location.toUpperCase(),
        storageClass: 'STANDARD',
        uniformBucketLevelAccess: true,
        publicAccessPrevention: 'enforced',
        forceDestroy: allowDestroy,
        versioning: { enabled: b.keepsState },
        softDeletePolicy: { retentionDurationSeconds: softDeleteDays * 86400 },
        lifecycleRule: rules,
        cors: b.cors
          ? [
              {
                origin: [...b.cors.allowedOrigins],
                method: [...b.cors.allowedMethods],
                responseHeader: ['*'],
                maxAgeSeconds: b.cors.maxAgeSeconds ?? 3600,
              },
            ]
          : undefined,
        labels: props.labels,
        dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
      });
      if (allowDestroy) {
        declarePolicyException(resources[b.purpose]!, 'GCP-GCS-003', 'allowDestroy is set: the deployment is being torn down on purpose, so terraform destroy may delete the bucket with its objects');
      }
      names[b.purpose] = resources[b.purpose]!.name;
    }
    this.resources = resources;
    this.buckets = names;
    this.project = props.project;
    this.region = location;
  }

  /**
   * Grants `member` a role on every bucket, one binding per bucket (additive: other members stay).
   * @param role @default "roles/storage.objectAdmin" (objects only: no bucket settings, no IAM)
   */
  public grant(id: string, member: string, role = 'roles/storage.objectAdmin'): StorageBucketIamMember[] {
    checkPattern(this, `grant.${id}.role`, role, /^roles\/storage\.[A-Za-z]+$/, 'a Cloud Storage role such as "roles/storage.objectAdmin"');
    return Object.entries(this.resources).map(
      ([purpose, bucket]) => new StorageBucketIamMember(this, `${id}-${purpose}`, { bucket: bucket.name, role, member }),
    );
  }
}

/**
 * A bucket name (`literal` plus a unique suffix of `suffixLength` characters): Google's length and character rules,
 * and its reserved words: no name may start with "goog" or contain "google" (or look-alikes such as "g00gle").
 */
export function checkBucketName(scope: Construct | string, field: string, literal: string, suffixLength = 0): string {
  if (isUnresolved(literal)) return literal;
  const rule = GCP_NAMES.bucket;
  const length = literal.length + suffixLength;
  const suffixNote = suffixLength > 0 ? ` (including a ${suffixLength}-character unique suffix)` : '';
  if (length < rule.minLength || length > rule.maxLength || !rule.pattern.test(literal)) {
    throw new ValidationError(scope, field, literal, `a ${rule.resource} name of ${rule.minLength} to ${rule.maxLength} characters${suffixNote}: ${rule.charset}`);
  }
  if (literal.startsWith('goog') || /g[o0]{2}gle/.test(literal)) {
    throw new ValidationError(scope, field, literal, 'a bucket name that neither starts with "goog" nor contains "google" or a look-alike such as "g00gle" (Google reserves them)');
  }
  return literal;
}
