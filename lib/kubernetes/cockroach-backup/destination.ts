import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { ValidationError, checkPattern } from '../../core/validation';

/**
 * Google Cloud Storage, reached as the CockroachDB nodes' own identity (`AUTH=implicit`: GKE Workload Identity on the
 * nodes' Kubernetes service account). The Job itself holds no credential.
 */
export interface CockroachGcsDestination {
  /** Google Cloud Storage. */
  readonly kind: 'gcs';
  /** Bucket name. */
  readonly bucket: string;
  /** Folder in the bucket the backups go under (no leading or trailing "/"). @default "cockroach" */
  readonly path?: string;
}

/**
 * Amazon S3, reached as the CockroachDB nodes' own identity (`AUTH=implicit`: IRSA on the nodes' Kubernetes service
 * account). The Job itself holds no credential.
 */
export interface CockroachS3Destination {
  /** Amazon S3. */
  readonly kind: 's3';
  /** Bucket name. */
  readonly bucket: string;
  /**
   * The bucket's region, passed as `AWS_REGION` (CockroachDB v22.2's S3 URL parameter). Without it CockroachDB looks
   * the region up with `GetBucketLocation`, one more permission the nodes' role would need; given, nothing is looked up.
   */
  readonly region: string;
  /** Folder in the bucket the backups go under (no leading or trailing "/"). @default "cockroach" */
  readonly path?: string;
}

/**
 * Azure Blob Storage with the storage account's key: the only Azure authentication CockroachDB v22.2 has (implicit
 * authentication arrived in v23.1). The key goes only into the Job's Secret; the Job builds the URL inside its
 * container, so the key is never in a pod spec, a ConfigMap, Helm values or an output. CockroachDB itself stores the
 * URL, key included, in the schedule (`system.scheduled_jobs`), as it does for every URL with credentials.
 */
export interface CockroachAzureDestination {
  /** Azure Blob Storage. */
  readonly kind: 'azure';
  /** Storage account name. */
  readonly accountName: string;
  /** Storage account key: a sensitive Terraform token (e.g. the account's `primary_access_key`), never a literal. */
  readonly accountKey: string;
  /** Container name. */
  readonly container: string;
  /** Folder in the container the backups go under (no leading or trailing "/"). @default "cockroach" */
  readonly path?: string;
}

/** Where the scheduled backups go. */
export type CockroachBackupDestination = CockroachGcsDestination | CockroachS3Destination | CockroachAzureDestination;

/** What the Job's Secret holds for a destination: the location without credentials, and the Azure account and key. */
export interface CockroachBackupLocation {
  /** `gs://bucket/path?AUTH=implicit`, `s3://bucket/path?AUTH=implicit&AWS_REGION=...` or `azure://container/path`. */
  readonly location: string;
  /** Storage account name (Azure only). */
  readonly azureAccountName?: string;
  /** Storage account key (Azure only): a sensitive token. */
  readonly azureAccountKey?: string;
}

/**
 * Characters the backup URL may hold, checked again inside the container before the URL goes into SQL: none of them
 * ends a SQL string literal, so the URL needs no escaping between single quotes.
 */
export const BACKUP_URL_CHARACTERS = 'A-Za-z0-9._~:/?&=%+-';

const BUCKET = /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/;
const PATH = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
const ACCOUNT = /^[a-z0-9]{3,24}$/;
const CONTAINER = /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** Checks a destination at synth time (literal parts only) and returns what the Job's Secret holds. */
export function backupLocation(scope: IConstruct, field: string, d: CockroachBackupDestination): CockroachBackupLocation {
  const path = checkPattern(scope, `${field}.path`, d.path ?? 'cockroach', PATH, 'a folder path of letters, digits, ".", "_" and "-" in "/"-separated parts, without a leading or trailing "/"');
  switch (d.kind) {
    case 'gcs':
      checkPattern(scope, `${field}.bucket`, d.bucket, BUCKET, 'a bucket name of lower-case letters, digits, ".", "_" and "-"');
      return { location: `gs://${d.bucket}/${path}?AUTH=implicit` };
    case 's3':
      checkPattern(scope, `${field}.bucket`, d.bucket, BUCKET, 'a bucket name of lower-case letters, digits, ".", "_" and "-"');
      checkPattern(scope, `${field}.region`, d.region, REGION, 'an AWS region code such as "eu-west-1"');
      return { location: `s3://${d.bucket}/${path}?AUTH=implicit&AWS_REGION=${d.region}` };
    case 'azure':
      checkPattern(scope, `${field}.accountName`, d.accountName, ACCOUNT, 'a storage account name of 3-24 lower-case letters and digits');
      checkPattern(scope, `${field}.container`, d.container, CONTAINER, 'a container name of 3-63 lower-case letters, digits and single "-"');
      if (!Token.isUnresolved(d.accountKey)) {
        throw new ValidationError(scope, `${field}.accountKey`, '***', 'a sensitive token such as the storage account\'s primary_access_key, never a literal (it would be written into cdktf.out)');
      }
      return { location: `azure://${d.container}/${path}`, azureAccountName: d.accountName, azureAccountKey: d.accountKey };
    default:
      throw new ValidationError(scope, `${field}.kind`, (d as { kind?: unknown }).kind, 'one of "gcs", "s3", "azure"');
  }
}
