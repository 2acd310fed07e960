import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { DocumentObject, SecretDocument } from '../core/document';
import { PublicEntryPoint } from '../core/entry-point';
import { BrokerUser, MessageBroker } from '../core/message-broker';
import { BucketSpec, ObjectStore } from '../core/object-store';
import { PostgresDatabase } from '../core/postgres';
import { ContainerRegistry } from '../core/registry';
import { S3ApiStore } from '../core/s3-api';
import { WorkloadIdentity } from '../core/workload-identity';
import { HelmChartRef } from '../kubernetes/app-release';
import { PostgresDatabasePrivilege, PostgresRoleAttribute, PostgresSchemaPrivilege } from '../kubernetes/database-bootstrap-sql';
import { GrpcBackendSettings } from '../kubernetes/ingress/types';
import { AppNamespace } from '../kubernetes/namespace';
import { ValidationError } from '../core/validation';

/**
 * Which cloud a profile is built on. A profile may differ by cloud where the app itself does (Spacelift encrypts
 * with KMS keys on AWS and gives each component its own IAM role there).
 */
export type AppCloud = 'azure' | 'gcp' | 'aws';

/**
 * How the app reaches a bucket: `workload-identity` (the cloud identity of its service accounts, no key anywhere) or
 * `s3-static-keys` (an access key pair in a Secret, for apps that speak only S3 with keys; on Azure through an S3
 * gateway).
 */
export type BucketAccessMode = 'workload-identity' | 's3-static-keys';

/** One bucket the app needs, by purpose, with retention and how the app reaches it. */
export interface AppBucket extends BucketSpec {
  /** How the app reaches it. @default "workload-identity" */
  readonly access?: BucketAccessMode;
}

/**
 * Fine-grained access of one service account to one bucket, in S3's action names (`s3:GetObject`, `s3:ListBucket`).
 * Clouds whose storage roles are coarser (GCS, Azure Blob) grant their object role on the store instead.
 */
export interface AppBucketGrant {
  /** Actions on the bucket's objects. */
  readonly objectActions: readonly string[];
  /** Actions on the bucket itself (listing). @default none */
  readonly bucketActions?: readonly string[];
}

/** A key the app encrypts or signs with, from the cloud's key service (only where the app supports one). */
export interface AppKey {
  /** Name the render step and the grants know it by, e.g. `encryption`. */
  readonly name: string;
  /** Construct id of the key: forever once released. */
  readonly id: string;
  /** What it is for. */
  readonly usage: 'encrypt' | 'sign';
  /** Description, after the deployment's name. */
  readonly description: string;
  /** Alias, after `<deployment name>/`. */
  readonly alias: string;
}

/** A Kubernetes service account of the app that needs cloud access, and to what. */
export interface AppServiceAccount {
  /** Service account name. */
  readonly name: string;
  /**
   * Stem of the construct ids of its cloud identity (`<id>-identity`) and of grants made for it (`<id>`): forever
   * once released.
   */
  readonly id: string;
  /** What it reaches: the object store (its buckets). */
  readonly access: 'object-store';
  /** Short name of the cloud identity where names are short (Google service account ids). @default name */
  readonly shortName?: string;
  /** Per bucket purpose, what it may do; buckets not listed are out of its reach. @default every bucket, read and write */
  readonly buckets?: { readonly [purpose: string]: AppBucketGrant };
  /** The app's keys ({@link AppRequirements.keys}) it uses. @default every key */
  readonly keys?: readonly string[];
  /** It signs URLs for its buckets (Google: through the IAM API, without a key). @default false */
  readonly signsUrls?: boolean;
  /** The database login authenticates as this identity where the cloud offers IAM database logins. @default false */
  readonly databaseLogin?: boolean;
  /** Customer roles it may assume (AWS ARNs). @default none */
  readonly assumableRoleArns?: readonly string[];
}

/** A role the app needs in its database, created with SQL by a database bootstrap Job (password generated). */
export interface AppDatabaseRole {
  /** Role name. */
  readonly name: string;
  /** Attributes. @default none */
  readonly attributes?: readonly PostgresRoleAttribute[];
}

/** What the app's own login needs in its database when the cloud creates it without privileges (an IAM login). */
export interface AppLoginGrants {
  /** Role attributes. @default none */
  readonly attributes?: readonly PostgresRoleAttribute[];
  /** Privileges on the database. @default none */
  readonly databasePrivileges?: readonly PostgresDatabasePrivilege[];
  /** Privileges on schemas. @default none */
  readonly schemas?: readonly { readonly schema: string; readonly privileges: readonly PostgresSchemaPrivilege[] }[];
}

/** The PostgreSQL database the app needs. */
export interface AppDatabaseRequirement {
  /** Major versions the app supports (the cloud's own list is checked too). */
  readonly supportedMajorVersions: readonly number[];
  /** Name of the app's database. */
  readonly databaseName: string;
  /** Login the app connects as, where the cloud creates one with a password. @default databaseName */
  readonly login?: string;
  /** Who owns the database: the server's admin login or the app's login. @default "admin" */
  readonly owner?: 'admin' | 'app';
  /** LC_COLLATE the database must have. @default the server's */
  readonly collation?: string;
  /** Extensions the app needs (on Azure they must also be allow-listed on the server). @default none */
  readonly extensions?: readonly string[];
  /** Roles created with SQL by a database bootstrap before the release. @default none */
  readonly roles?: readonly AppDatabaseRole[];
  /** What an IAM login of the app needs, granted by a database bootstrap. @default nothing (no IAM login) */
  readonly loginGrants?: AppLoginGrants;
  /** Connections the server must allow at least. @default the cloud's default for the size */
  readonly minConnections?: number;
}

/** A user of the app's message bus with its AMQP permissions (regular expressions). */
export interface AppMessageBusUser {
  /** User name. */
  readonly name: string;
  /** Resources it may configure (declare, delete). */
  readonly configure: string;
  /** Resources it may write (publish to). */
  readonly write: string;
  /** Resources it may read (consume from, bind). */
  readonly read: string;
}

/** The message bus the app needs. */
export type AppMessageBus = { readonly kind: 'none' } | { readonly kind: 'rabbitmq'; readonly vhost: string; readonly users: readonly AppMessageBusUser[] };

/** A secret the app needs, generated by Terraform at apply time (never in the synthesized files). */
export interface AppGeneratedSecret {
  /** Name the render step finds it by (lower-case letters, digits and "-"); also the stem of its construct ids. */
  readonly name: string;
  /** `password`: random_password of `length` letters and digits; `bytes`: random_bytes of `length` (base64). */
  readonly kind: 'password' | 'bytes';
  /** Characters or bytes. */
  readonly length: number;
  /**
   * Keep a copy in the cloud's secret store (Key Vault, Secret Manager, Secrets Manager), protected from deletion:
   * for a secret whose loss loses the app's data (a key that decrypts what the app stores), so that losing the
   * cluster does not lose it. @default false
   */
  readonly escrow?: boolean;
  /** What it is, in the escrowed copy's description. @default the name */
  readonly description?: string;
}

/**
 * Backups of a database the app runs in the cluster (not the cloud's PostgreSQL) into a bucket of
 * {@link AppRequirements.buckets}. The database's pods reach the bucket as the Kubernetes service account
 * `serviceAccount` through workload identity (it must be one of {@link AppRequirements.serviceAccounts} on clouds
 * where the database supports it); where it does not (CockroachDB 22.2 on Azure Blob), the stack hands the storage
 * account's key to the backup Job instead ({@link AppDatabaseBackupContract.accountKey}).
 */
export interface AppDatabaseBackup {
  /** Purpose of the bucket the backups go to. */
  readonly bucket: string;
  /** Path of the backups in the bucket (no leading or trailing "/"). */
  readonly path: string;
  /** Kubernetes service account of the database's pods, which write the backups. */
  readonly serviceAccount: string;
  /** How the database authenticates to the bucket on this cloud. */
  readonly auth: 'workload-identity' | 'storage-key';
}

/** A StorageClass the app's in-cluster database claims its volumes from, created by the platform stack. */
export interface AppStorageClass {
  /** StorageClass name. */
  readonly name: string;
  /** What happens to a volume when its claim is deleted. */
  readonly reclaimPolicy: 'Delete' | 'Retain';
}

/** What an app needs from the infrastructure, declared by its profile and provisioned by a cloud stack. */
export interface AppRequirements {
  /** Buckets by purpose, with retention and how the app reaches them. */
  readonly buckets: readonly AppBucket[];
  /** PostgreSQL the app needs. @default none: the app keeps its data elsewhere (e.g. a database in the cluster) */
  readonly postgres?: AppDatabaseRequirement;
  /** Kubernetes service accounts that need cloud access, and to what. */
  readonly serviceAccounts: readonly AppServiceAccount[];
  /** Repositories of the app's images in the registry, where the cloud's registry has one per image (ECR). @default none */
  readonly images?: readonly string[];
  /** Keys from the cloud's key service. @default none */
  readonly keys?: readonly AppKey[];
  /** Providers the render step uses that the stack declares for it. @default none */
  readonly providers?: readonly 'tls'[];
  /** The message bus. @default { kind: 'none' } */
  readonly messageBus?: AppMessageBus;
  /** In-cluster components the app needs besides its release (e.g. `s3-gateway` on Azure). @default none */
  readonly components?: readonly string[];
  /** Secrets generated for the app at apply time. @default none */
  readonly generatedSecrets?: readonly AppGeneratedSecret[];
  /** Scheduled backups of a database the app runs in the cluster. @default none */
  readonly databaseBackup?: AppDatabaseBackup;
  /**
   * A StorageClass for the app's volumes: zone-bound block volumes bound when the first pod is scheduled (so the
   * replicas of a StatefulSet spread over zones), encrypted, expandable. @default none
   */
  readonly storageClass?: AppStorageClass;
}

/** How the app is exposed through the ingress controller. */
export interface AppIngressSettings {
  /** IngressClass of the controller. */
  readonly className: string;
  /** Controller-specific annotations for HTTPS. @default none */
  readonly annotations?: { readonly [key: string]: string };
  /** cert-manager ClusterIssuer that issues the TLS certificates. */
  readonly clusterIssuer: string;
  /** How the controller reaches a gRPC (h2c) backend. @default none */
  readonly grpcBackend?: GrpcBackendSettings;
}

/** What a cloud stack provisioned for the app: the render step's input. */
export interface AppContracts {
  /** Deployment name (`name` in the config). */
  readonly deploymentName: string;
  /** Namespace of the release. */
  readonly namespace: string;
  /** The app's requirements, as the stack provisioned them. */
  readonly requirements: AppRequirements;
  /** The registry holding the app's images. */
  readonly registry: ContainerRegistry;
  /** The buckets of {@link AppRequirements.buckets}. */
  readonly objectStore: ObjectStore;
  /** The app's database and login ({@link AppRequirements.postgres}). @default none: the app needs no PostgreSQL */
  readonly database?: PostgresDatabase;
  /** Cloud identity of each service account of {@link AppRequirements.serviceAccounts}, by name. */
  readonly identities: { readonly [serviceAccount: string]: WorkloadIdentity };
  /** Key ids (ARNs) of {@link AppRequirements.keys}, by name. */
  readonly keys: { readonly [name: string]: string };
  /** Where public traffic enters the cluster. */
  readonly entryPoint: PublicEntryPoint;
  /** How the app is exposed through the ingress controller. */
  readonly ingress: AppIngressSettings;
  /** The AWS account and region, on AWS. @default none */
  readonly aws?: { readonly accountId: string; readonly region: string };
  /** A database proxy sidecar the app must run (Cloud SQL Auth Proxy with IAM logins). @default none */
  readonly databaseProxy?: { readonly connectionName: string; readonly image?: string };
  /** Let `terraform destroy` delete what the app keeps (generated keys). */
  readonly allowDestroy: boolean;
  /**
   * The buckets reached with `s3-static-keys`, over the S3 API with one static key (AWS: an IAM user's key; Google: a
   * service account's HMAC key; Azure: the S3 gateway in the cluster). @default none (no bucket asks for static keys)
   */
  readonly s3Api?: S3ApiStore;
  /** The broker of {@link AppRequirements.messageBus} and each of its users with a generated password. @default none */
  readonly messageBus?: AppMessageBusContract;
  /** The generated password of each role of {@link AppDatabaseRequirement.roles}, by role name. @default none */
  readonly databaseRoles?: { readonly [role: string]: string };
  /** Each secret of {@link AppRequirements.generatedSecrets}, by name (a sensitive token). @default none */
  readonly generatedSecrets?: { readonly [name: string]: string };
  /** Where the escrowed copy of each escrowed generated secret is, by name. @default none */
  readonly escrowedSecrets?: { readonly [name: string]: AppEscrowedSecretContract };
  /** The bucket and credentials of {@link AppRequirements.databaseBackup}. @default none */
  readonly databaseBackup?: AppDatabaseBackupContract;
}

/** Where a cloud stack keeps the escrowed copy of a generated secret. */
export interface AppEscrowedSecretContract {
  /** The cloud's name of the secret (Key Vault secret id, Secret Manager secret, Secrets Manager ARN). */
  readonly id: string;
  /** A shell command (the cloud's CLI) that prints the value, for people who need it back. */
  readonly readCommand: string;
}

/** The bucket a cloud stack provides for {@link AppRequirements.databaseBackup}. */
export interface AppDatabaseBackupContract {
  /** The store's kind: the URL scheme follows from it (`gs://`, `s3://`, `azure://`). */
  readonly kind: 'gcs' | 's3' | 'azure-blob';
  /** Bucket (container on Azure) name. */
  readonly bucket: string;
  /** Path in the bucket. */
  readonly path: string;
  /** Region of the bucket (S3). @default none */
  readonly region?: string;
  /** Storage account name (Azure). @default none */
  readonly accountName?: string;
  /** Storage account key (Azure, with `auth: storage-key`): a sensitive token. @default none */
  readonly accountKey?: string;
}

/** The message bus a cloud stack provides for {@link AppRequirements.messageBus}. */
export interface AppMessageBusContract {
  /** Where the app dials it. */
  readonly broker: MessageBroker;
  /** Each user of the requirement, by name, with its password (a sensitive token). */
  readonly users: { readonly [name: string]: BrokerUser };
}

/** What an app profile hands to the stacks once the infrastructure contracts exist. */
export interface RenderedApp {
  /** Helm release name. */
  readonly releaseName: string;
  /** The app's chart: repository, name and pinned version. */
  readonly chart: HelmChartRef;
  /** Secrets the release reads, one document each. */
  readonly secrets: readonly SecretDocument[];
  /** The release's values. */
  readonly values: DocumentObject;
  /** Variables for the `shell` output that people who install by hand need. */
  readonly shell: { readonly [name: string]: string };
  /** Further Kubernetes objects the platform stack applies before the release. @default none */
  readonly objects?: readonly DocumentObject[];
  /** The values hold secrets (the chart takes them only as values): the `helm_values` output is sensitive. @default false */
  readonly valuesSensitive?: boolean;
  /**
   * The backup destination of {@link AppContracts.databaseBackup}, handed on to the profile's `afterRelease` hook (its
   * Job reaches a database the release runs). @default none
   */
  readonly databaseBackup?: AppDatabaseBackupContract;
}

/** What the platform stack gives the app's hook. */
export interface AppPlatformContext<C> {
  /** The app's config section. */
  readonly config: C;
  /** The app's namespace (created). */
  readonly namespace: AppNamespace;
  /** The rendered app (from the infra stack). */
  readonly rendered: RenderedApp;
  /** What the hook's resources must wait for (the cluster connection). */
  readonly dependsOn: readonly ITerraformDependable[];
  /**
   * The database as its admin login, when the stacks bootstrap the app's database (roles, extensions or collation
   * required): the connection of Jobs that change the schema (migrations). @default none
   */
  readonly adminDatabase?: PostgresDatabase;
  /**
   * What the stacks built for the app in the cluster before the hook runs: the database bootstrap Job, the message
   * bus. Jobs of the hook that need the database or the bus wait for these. @default none
   */
  readonly prerequisites: readonly ITerraformDependable[];
  /** How the app is exposed through the platform stack's ingress controller. @default none (the platform stack does not say) */
  readonly ingress?: AppIngressSettings;
  /** cert-manager and its ClusterIssuers: objects of cert-manager's kinds (Certificates) wait for them. @default none */
  readonly certManager?: readonly ITerraformDependable[];
}

/** What an app profile's `afterRelease` hook gets from the platform stack. */
export interface AppAfterReleaseContext<C> {
  /** The app's config section. */
  readonly config: C;
  /** The app's namespace (created). */
  readonly namespace: AppNamespace;
  /** The rendered app (from the infra stack). */
  readonly rendered: RenderedApp;
  /** What the hook's resources must wait for: the cluster connection and the app's release. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/** A host name the app is reached at: the stack points a DNS record at the entry point for it. */
export interface AppHostName {
  /** Construct id of the record: forever once released. */
  readonly id: string;
  /** Fully qualified name. */
  readonly fqdn: string;
  /**
   * The config field the name is set in (e.g. `estafette.baseHost`): a name outside the deployment's DNS zone is
   * reported against it. @default reported by the DNS record construct (its `fqdn` prop)
   */
  readonly field?: string;
}

/**
 * An app as the cloud stacks build it: what it needs (as data), its config section, its names, and the render step
 * that turns the provisioned contracts into its Secrets, Helm values, extra objects and `shell` variables.
 * `C` is the type of its config section.
 */
export interface AppProfile<C> {
  /** Short name: the `app` tag, the default deployment name and namespace, the construct id of the release. */
  readonly name: string;
  /** Display name, in descriptions and error messages. */
  readonly title: string;
  /** Key of the app's section in a deployment config (e.g. `spacelift`). */
  readonly configKey: string;
  /** Default names. */
  readonly defaults: { readonly deploymentName: string; readonly namespace: string };
  /** The field of the app's section holding its main host name (checked by the stack; `domain`). */
  readonly domainField: string;
  /** Host names the app is reached at, each with its DNS record's construct id; the first one is the main one. */
  hostNames(config: C): readonly AppHostName[];
  /**
   * Checks the app's config section before anything is built (errors name `<configKey>.<field>`), for checks the
   * requirements depend on. @default none (the render step checks)
   */
  check?(scope: Construct, config: C): void;
  /** What the app needs on `cloud`, for this config. */
  requirements(config: C, cloud: AppCloud, domain: string): AppRequirements;
  /**
   * Builds the app's constructs under `scope` (construct id: the profile's `name`) and renders it. Runs in the infra stack,
   * after every contract exists.
   */
  render(scope: Construct, config: C, cloud: AppCloud, contracts: AppContracts): RenderedApp;
  /**
   * In-cluster pieces that must exist before the release (in the platform stack, after the namespace and Secrets);
   * the release waits for what it returns. @default none
   */
  platform?(scope: Construct, context: AppPlatformContext<C>): readonly ITerraformDependable[];
  /**
   * The app's in-cluster pieces that need the release running (e.g. a Job that configures the database the chart
   * runs), in the platform stack after the release; returns what they create. @default none
   */
  afterRelease?(scope: Construct, context: AppAfterReleaseContext<C>): readonly ITerraformDependable[];
}

/**
 * The app's PostgreSQL contract, for render steps of apps that need one: fails naming the contract when the stack
 * provided none (the profile's requirements declare no `postgres`).
 */
export function requireDatabase(scope: Construct, contracts: AppContracts): PostgresDatabase {
  if (contracts.database === undefined) throw new ValidationError(scope, 'contracts.database', undefined, 'the PostgreSQL database the requirements declare');
  return contracts.database;
}

/** The app's section of a deployment config. */
export function appConfigOf<C>(profile: AppProfile<C>, config: object): C {
  return (config as { readonly [key: string]: unknown })[profile.configKey] as C;
}
