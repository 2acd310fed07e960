import { PrivateKey } from '@cdktf/provider-tls/lib/private-key';
import { TlsProvider } from '@cdktf/provider-tls/lib/provider';
import { Fn, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { DocumentObject, SecretDocument } from '../../core/document';
import { ObjectStore } from '../../core/object-store';
import { PostgresDatabase, postgresUrl } from '../../core/postgres';
import { ContainerRegistry, imageReference } from '../../core/registry';
import {
  ValidationError,
  checkDomain,
  checkInt,
  checkKubernetesName,
  checkNamespace,
  checkOneOf,
  checkPattern,
  isUnresolved,
} from '../../core/validation';
import { WorkloadIdentity } from '../../core/workload-identity';
import { GrpcBackendSettings, H2C_APP_PROTOCOL } from '../../kubernetes/ingress/types';
import { checkChartVersion } from '../../kubernetes/values';
import { AppRequirements, RenderedApp } from '../profile';
import { SPACELIFT_BUCKET_RETENTION_DAYS, bucketEnvName, spaceliftBuckets } from './buckets';
import { addProviderIfMissing } from '../../core/stack-providers';

/** Chart version of `spacelift-self-hosted` this library is tested with (its values schema is the contract). */
export const SPACELIFT_CHART_VERSION = '0.62.0';
/** Helm repository of the Spacelift chart. */
export const SPACELIFT_CHART_REPOSITORY = 'https://downloads.spacelift.io/helm';
/** PostgreSQL majors Spacelift supports (14-16 tested by Spacelift, 17 accepted by current releases). */
export const SPACELIFT_POSTGRES_MAJORS: readonly number[] = [14, 15, 16, 17];
/** The service account the chart creates and every Spacelift component runs as unless it has its own. */
export const SPACELIFT_SERVICE_ACCOUNT = 'spacelift-backend';
/**
 * One service account per component, for clouds where each component gets its own role (AWS IRSA): the server,
 * drain and scheduler then each hold only the access they need.
 */
export const SPACELIFT_COMPONENT_SERVICE_ACCOUNTS = {
  server: 'spacelift-server',
  drain: 'spacelift-drain',
  scheduler: 'spacelift-scheduler',
} as const;
/** A Spacelift component that may run as its own service account. */
export type SpaceliftComponent = keyof typeof SPACELIFT_COMPONENT_SERVICE_ACCOUNTS;
/** Secret names the chart's values point at. */
export const SPACELIFT_SECRETS = { shared: 'spacelift-shared', server: 'spacelift-server', drain: 'spacelift-drain' } as const;
/**
 * The Secret holding the database's CA bundle (key `ca.pem`), when the server is verified against a CA outside the
 * system trust store; mounted read-only into every component that talks to the database.
 */
export const SPACELIFT_DATABASE_CA = { secret: 'spacelift-database-ca', key: 'ca.pem', mountPath: '/etc/spacelift/database-ca' } as const;

/** Drain queues with their own concurrency setting. */
export const SPACELIFT_DRAIN_QUEUES = {
  asyncJobs: 'ASYNC_JOBS',
  asyncJobsFifo: 'ASYNC_JOBS_FIFO',
  cronjobs: 'CRONJOBS',
  dlq: 'DLQ',
  dlqFifo: 'DLQ_FIFO',
  events: 'EVENTS',
  iot: 'IOT',
  webhooks: 'WEBHOOKS',
} as const;
/** A Spacelift drain queue with its own concurrency setting. */
export type SpaceliftDrainQueue = keyof typeof SPACELIFT_DRAIN_QUEUES;

/** Terraform variables the profile declares (set them as `TF_VAR_<name>`). */
export const SPACELIFT_VARIABLES = {
  licenseToken: 'spacelift_license_token',
  adminPassword: 'spacelift_admin_password',
  encryptionRsaPrivateKey: 'spacelift_encryption_rsa_private_key',
} as const;

/** Options for {@link spaceliftRequirements}. */
export interface SpaceliftRequirementsOptions {
  /**
   * One service account (and cloud identity) per component instead of the shared `spacelift-backend`.
   * @default false
   */
  readonly perComponentIdentity?: boolean;
}

/** What Spacelift needs from any cloud. */
export function spaceliftRequirements(domain: string, opts: SpaceliftRequirementsOptions = {}): AppRequirements {
  const serviceAccounts = opts.perComponentIdentity
    ? Object.entries(SPACELIFT_COMPONENT_SERVICE_ACCOUNTS).map(([component, name]) => ({ name, id: `spacelift-${component}`, access: 'object-store' as const }))
    : [{ name: SPACELIFT_SERVICE_ACCOUNT, id: 'spacelift', access: 'object-store' as const }];
  return {
    buckets: spaceliftBuckets(domain),
    postgres: { supportedMajorVersions: SPACELIFT_POSTGRES_MAJORS, databaseName: 'spacelift' },
    serviceAccounts,
  };
}

/** Spacelift's `kms` encryption mode (AWS): data keys from one KMS key, JWTs signed with an asymmetric one. */
export interface SpaceliftKmsEncryption {
  /** ARN or id of the symmetric KMS key Spacelift encrypts with. */
  readonly encryptionKeyId: string;
  /** ARN or id of the asymmetric (RSA, SIGN_VERIFY) KMS key Spacelift signs with. */
  readonly signingKeyId: string;
}

/** The AWS account and region Spacelift runs in (its SDK reads them from the environment). */
export interface SpaceliftAwsAccount {
  /** 12-digit account id. */
  readonly accountId: string;
  /** Region, e.g. `eu-west-1`. */
  readonly region: string;
}

/** The Cloud SQL Auth Proxy sidecar the chart adds to every component (Google, IAM database authentication). */
export interface SpaceliftCloudSqlProxy {
  /** Instance connection name, `<project>:<region>:<instance>`. */
  readonly connectionName: string;
  /** Proxy image. @default the chart's own (gcr.io/cloud-sql-connectors/cloud-sql-proxy) */
  readonly image?: string;
}

/** How Spacelift is exposed through the ingress controller. */
export interface SpaceliftIngressProps {
  /** IngressClass of the controller. */
  readonly className: string;
  /** Controller-specific annotations for HTTPS. @default none */
  readonly annotations?: { readonly [key: string]: string };
  /** cert-manager ClusterIssuer that issues the TLS certificate. */
  readonly clusterIssuer: string;
  /**
   * How the controller reaches the VCS Gateway's gRPC listener (h2c behind TLS termination): annotations on its
   * Ingress and Service. Required with `vcsGatewayDomain`: without them the controller speaks HTTP/1.1 to a gRPC
   * server and every VCS agent call fails.
   * @default none
   */
  readonly grpcBackend?: GrpcBackendSettings;
}

/** Properties of {@link SpaceliftProfile}. */
export interface SpaceliftProfileProps {
  /** Host name users reach Spacelift at, e.g. `spacelift.example.com`. */
  readonly domain: string;
  /** Namespace of the release. */
  readonly namespace: string;
  /** Spacelift version, as in the release archive name (`v4.0.0`); the image tag of both images. */
  readonly version: string;
  /** Chart version. @default SPACELIFT_CHART_VERSION */
  readonly chartVersion?: string;
  /** Registry holding `spacelift-backend` and `spacelift-launcher`. */
  readonly registry: ContainerRegistry;
  /** The buckets Spacelift stores states, modules, logs and uploads in. */
  readonly objectStore: ObjectStore;
  /** The PostgreSQL database Spacelift uses. */
  readonly database: PostgresDatabase;
  /**
   * Cloud identity of the shared `spacelift-backend` service account every component runs as (object storage
   * access). Give either this or `componentIdentities`.
   * @default none
   */
  readonly identity?: WorkloadIdentity;
  /**
   * One cloud identity per component (service accounts `spacelift-server`, `spacelift-drain`,
   * `spacelift-scheduler`), as on AWS with one IAM role each. Give either this or `identity`.
   * @default none
   */
  readonly componentIdentities?: { readonly [component in SpaceliftComponent]: WorkloadIdentity };
  /**
   * Encrypt with KMS keys instead of an RSA key (`ENCRYPTION_TYPE=kms`); no RSA key is generated or read then.
   * @default none (RSA, see `encryptionKey`)
   */
  readonly kms?: SpaceliftKmsEncryption;
  /** The AWS account and region; required with an `s3` object store. @default none */
  readonly aws?: SpaceliftAwsAccount;
  /**
   * Run the Cloud SQL Auth Proxy next to every component; the database contract must then use `tlsMode: 'proxy'`.
   * @default none
   */
  readonly cloudSqlProxy?: SpaceliftCloudSqlProxy;
  /** How Spacelift is exposed through the ingress controller. */
  readonly ingress: SpaceliftIngressProps;
  /** Enable the `/admin-login` break-glass account. @default true */
  readonly adminLogin?: boolean;
  /** Admin user name (the password is the sensitive variable `spacelift_admin_password`). @default "admin" */
  readonly adminUsername?: string;
  /** Concurrency per drain queue (1-100). @default 1 each */
  readonly drainConcurrency?: { readonly [queue in SpaceliftDrainQueue]?: number };
  /** Share usage data with Spacelift's metrics endpoint, e.g. `https://app.spacelift.io`. @default "" (off) */
  readonly publicApi?: string;
  /**
   * Where the RSA encryption key comes from: `generate` (a 4096-bit `tls_private_key`, kept in Terraform state with
   * `prevent_destroy`) or `variable` (base64 PEM in the sensitive variable `spacelift_encryption_rsa_private_key`).
   * @default "generate"
   */
  readonly encryptionKey?: 'generate' | 'variable';
  /** Serve the VCS Gateway for VCS agents on this host name. @default off */
  readonly vcsGatewayDomain?: string;
  /** Let `terraform destroy` delete the generated encryption key. @default false */
  readonly allowDestroy?: boolean;
}

/**
 * Spacelift self-hosted as an app profile: declares the sensitive inputs (license token, admin password, optionally
 * the encryption key), generates the RSA encryption key, and turns the provisioned contracts into the three Secrets
 * (`spacelift-shared`, `spacelift-server`, `spacelift-drain`) and the chart's values.
 */
export class SpaceliftProfile extends Construct {
  /** Secrets, values, chart and shell variables of the app, built from the contracts. */
  public readonly rendered: RenderedApp;
  /** The sensitive Terraform variable holding the license token (`TF_VAR_spacelift_license_token`). */
  public readonly licenseToken: TerraformVariable;
  /** The sensitive Terraform variable holding the admin password, when the profile declares one. */
  public readonly adminPassword?: TerraformVariable;
  /** The sensitive Terraform variable holding an RSA key of your own, when encryption uses one. */
  public readonly encryptionKeyVariable?: TerraformVariable;
  /** The `tls_private_key` Spacelift encrypts with, when the key is generated by Terraform. */
  public readonly encryptionKey?: PrivateKey;

  public constructor(scope: Construct, id: string, props: SpaceliftProfileProps) {
    super(scope, id);
    const domain = checkDomain(this, 'domain', props.domain);
    const namespace = checkNamespace(this, 'namespace', props.namespace);
    const version = checkPattern(this, 'version', props.version, /^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'a Spacelift release such as "v4.0.0" (as in self-hosted-v4.0.0.tar.gz)');
    const chartVersion = checkChartVersion(this, 'chartVersion', props.chartVersion ?? SPACELIFT_CHART_VERSION);
    checkOneOf(this, 'database.majorVersion', props.database.majorVersion, SPACELIFT_POSTGRES_MAJORS);
    checkKubernetesName(this, 'ingress.className', props.ingress.className);
    checkKubernetesName(this, 'ingress.clusterIssuer', props.ingress.clusterIssuer);
    const adminLogin = props.adminLogin ?? true;
    const adminUsername = checkPattern(this, 'adminUsername', props.adminUsername ?? 'admin', /^[A-Za-z0-9._@-]{1,64}$/, '1-64 letters, digits, ".", "_", "@" or "-"');
    const publicApi = props.publicApi ?? '';
    if (publicApi !== '') checkPattern(this, 'publicApi', publicApi, /^https:\/\/[a-z0-9.-]+(:\d+)?(\/[^\s]*)?$/, 'an https:// URL such as "https://app.spacelift.io", or "" to share nothing');
    const encryption = checkOneOf(this, 'encryptionKey', props.encryptionKey ?? 'generate', ['generate', 'variable'] as const);
    if (props.kms !== undefined && props.encryptionKey !== undefined) {
      throw new ValidationError(this, 'encryptionKey', props.encryptionKey, 'nothing when kms is set: KMS keys replace the RSA encryption key');
    }
    const usesProxy = props.database.tlsMode === 'proxy';
    if (props.cloudSqlProxy !== undefined && !usesProxy) {
      throw new ValidationError(this, 'database.tlsMode', props.database.tlsMode, '"proxy" when cloudSqlProxy is set (the app reaches the database through the sidecar)');
    }
    if (props.cloudSqlProxy === undefined && usesProxy) {
      throw new ValidationError(this, 'cloudSqlProxy', undefined, 'the proxy sidecar settings, because the database is reached through a proxy (tlsMode "proxy")');
    }
    if (props.cloudSqlProxy !== undefined) {
      checkPattern(this, 'cloudSqlProxy.connectionName', props.cloudSqlProxy.connectionName, /^[a-z][a-z0-9:.-]*:[a-z0-9-]+:[a-z][a-z0-9-]*$/, 'an instance connection name "<project>:<region>:<instance>"');
    }
    const vcsDomain = props.vcsGatewayDomain;
    if (vcsDomain !== undefined) {
      checkDomain(this, 'vcsGatewayDomain', vcsDomain);
      if (vcsDomain === domain) throw new ValidationError(this, 'vcsGatewayDomain', vcsDomain, `a host name other than the Spacelift domain (${domain})`);
      if (props.ingress.grpcBackend === undefined) {
        throw new ValidationError(this, 'ingress.grpcBackend', undefined, "the ingress controller's gRPC (h2c) backend settings, which the VCS Gateway needs");
      }
    }
    const concurrency: Record<string, string> = {};
    for (const [key, queue] of Object.entries(SPACELIFT_DRAIN_QUEUES)) {
      const value = props.drainConcurrency?.[key as SpaceliftDrainQueue] ?? 1;
      concurrency[`DRAIN_CONCURRENCY_${queue}`] = String(checkInt(this, `drainConcurrency.${key}`, value, 1, 100));
    }
    for (const key of Object.keys(props.drainConcurrency ?? {})) {
      if (!(key in SPACELIFT_DRAIN_QUEUES)) {
        throw new ValidationError(this, `drainConcurrency.${key}`, key, `one of the drain queues ${Object.keys(SPACELIFT_DRAIN_QUEUES).join(', ')}`);
      }
    }

    this.licenseToken = sensitiveVariable(this, SPACELIFT_VARIABLES.licenseToken, 'Spacelift license token (JWT) issued for this installation');
    if (adminLogin) {
      this.adminPassword = sensitiveVariable(this, SPACELIFT_VARIABLES.adminPassword, 'Password of the Spacelift break-glass admin account (/admin-login)');
    }
    let encryptionEnv: Record<string, string>;
    if (props.kms !== undefined) {
      for (const [field, id] of Object.entries(props.kms)) {
        if (!isUnresolved(id) && !/^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+|[0-9a-f-]{36}|alias\/[A-Za-z0-9/_-]+)$/.test(id)) {
          throw new ValidationError(this, `kms.${field}`, id, 'a KMS key ARN, key id or alias/<name>');
        }
      }
      encryptionEnv = { ENCRYPTION_TYPE: 'kms', ENCRYPTION_KMS_ENCRYPTION_KEY_ID: props.kms.encryptionKeyId, ENCRYPTION_KMS_SIGNING_KEY_ID: props.kms.signingKeyId };
    } else if (encryption === 'variable') {
      this.encryptionKeyVariable = sensitiveVariable(this, SPACELIFT_VARIABLES.encryptionRsaPrivateKey, 'Base64 of the PEM RSA private key Spacelift encrypts its data with');
      encryptionEnv = { ENCRYPTION_TYPE: 'rsa', ENCRYPTION_RSA_PRIVATE_KEY: this.encryptionKeyVariable.stringValue };
    } else {
      // The tls provider generates the key: added to the stack unless it declares one.
      addProviderIfMissing(this, 'tls', (stack, id) => new TlsProvider(stack, id));
      // Losing this key makes every secret Spacelift stored unreadable: it is never destroyed by accident.
      this.encryptionKey = new PrivateKey(this, 'encryption-key', {
        algorithm: 'RSA',
        rsaBits: 4096,
        lifecycle: { preventDestroy: !(props.allowDestroy ?? false) },
      });
      encryptionEnv = { ENCRYPTION_TYPE: 'rsa', ENCRYPTION_RSA_PRIVATE_KEY: Fn.base64encode(this.encryptionKey.privateKeyPemPkcs8) };
    }

    const store = objectStoreEnv(this, props.objectStore, props.aws);
    // Verifying the server against a CA the image does not trust: the bundle is mounted and named in the URL.
    const databaseCa = props.database.caCertificatePem !== undefined && props.database.tlsMode.startsWith('verify-') ? props.database.caCertificatePem : undefined;
    const databaseUrl = postgresUrl(props.database, databaseCa === undefined ? {} : { sslRootCert: `${SPACELIFT_DATABASE_CA.mountPath}/${SPACELIFT_DATABASE_CA.key}` });
    const backendImage = imageReference(props.registry, 'spacelift-backend');
    const launcherImage = imageReference(props.registry, 'spacelift-launcher');

    const shared: SecretDocument = {
      name: SPACELIFT_SECRETS.shared,
      namespace,
      stringData: {
        ENVIRONMENT: 'prod',
        SERVER_DOMAIN: domain,
        MQTT_BROKER_TYPE: 'builtin',
        MQTT_BROKER_ENDPOINT: `tls://spacelift-mqtt.${namespace}.svc.cluster.local:1984`,
        ...encryptionEnv,
        MESSAGE_QUEUE_TYPE: 'postgres',
        ...store,
        DATABASE_URL: databaseUrl,
        DATABASE_READ_ONLY_URL: databaseUrl,
        LICENSE_TYPE: 'jwt',
        LICENSE_TOKEN: this.licenseToken.stringValue,
        OBSERVABILITY_VENDOR: 'Disabled',
        SPACELIFT_PUBLIC_API: publicApi,
        VCS_GATEWAY_ENDPOINT: vcsDomain === undefined ? '' : `${vcsDomain}:443`,
      },
    };
    const server: SecretDocument = {
      name: SPACELIFT_SECRETS.server,
      namespace,
      stringData: {
        ADMIN_USERNAME: adminLogin ? adminUsername : '',
        ADMIN_PASSWORD: this.adminPassword ? this.adminPassword.stringValue : '',
        WEBHOOKS_ENDPOINT: `https://${domain}/webhooks`,
      },
    };
    const drain: SecretDocument = {
      name: SPACELIFT_SECRETS.drain,
      namespace,
      stringData: {
        LAUNCHER_IMAGE: launcherImage,
        LAUNCHER_IMAGE_TAG: version,
        ...concurrency,
      },
    };

    const ingressAnnotations = { ...props.ingress.annotations, 'cert-manager.io/cluster-issuer': props.ingress.clusterIssuer };
    const identities = componentValues(this, namespace, props.identity, props.componentIdentities);
    const caMount: DocumentObject =
      databaseCa === undefined
        ? {}
        : {
            volumes: [{ name: 'database-ca', secret: { secretName: SPACELIFT_DATABASE_CA.secret } }],
            volumeMounts: [{ name: 'database-ca', mountPath: SPACELIFT_DATABASE_CA.mountPath, readOnly: true }],
          };
    const values: Record<string, DocumentObject> = {
      shared: { serverHostname: domain, image: `${backendImage}:${version}`, secretRef: SPACELIFT_SECRETS.shared },
      server: { secretRef: SPACELIFT_SECRETS.server, ...identities.server, ...caMount },
      drain: { secretRef: SPACELIFT_SECRETS.drain, ...identities.drain, ...caMount },
      scheduler: { ...identities.scheduler, ...caMount },
      serviceAccount: identities.shared,
      ingress: { enabled: true, ingressClassName: props.ingress.className, annotations: ingressAnnotations },
      // The clusters this library builds are IPv4-only.
      ingressV6: { enabled: false },
    };
    if (vcsDomain !== undefined) {
      // Agents speak gRPC to the gateway through the TLS-terminating controller, which must then dial it with HTTP/2
      // in clear text (h2c), as Spacelift's own modules configure their controllers to.
      const grpc = props.ingress.grpcBackend!;
      values.vcsGateway = {
        enabled: true,
        domain: vcsDomain,
        podLabels: identities.sharedPodLabels,
        service: { appProtocol: H2C_APP_PROTOCOL, annotations: { ...grpc.serviceAnnotations } },
        ingress: { enabled: true, ingressClassName: props.ingress.className, annotations: { ...ingressAnnotations, ...grpc.ingressAnnotations } },
      };
    }
    if (props.cloudSqlProxy !== undefined) {
      values.cloudSqlProxy = {
        enabled: true,
        dbConnectionName: props.cloudSqlProxy.connectionName,
        ...(props.cloudSqlProxy.image === undefined ? {} : { image: props.cloudSqlProxy.image }),
      };
    }

    this.rendered = {
      releaseName: 'spacelift',
      chart: { chart: 'spacelift-self-hosted', repository: SPACELIFT_CHART_REPOSITORY, version: chartVersion },
      secrets: databaseCa === undefined ? [shared, server, drain] : [shared, server, drain, { name: SPACELIFT_DATABASE_CA.secret, namespace, stringData: { [SPACELIFT_DATABASE_CA.key]: databaseCa } }],
      values,
      shell: {
        SPACELIFT_VERSION: version,
        SERVER_DOMAIN: domain,
        K8S_NAMESPACE: namespace,
        WEBHOOKS_ENDPOINT: `https://${domain}/webhooks`,
        BACKEND_IMAGE: backendImage,
        LAUNCHER_IMAGE: launcherImage,
      },
    };
  }
}

function sensitiveVariable(scope: Construct, name: string, description: string): TerraformVariable {
  const v = new TerraformVariable(scope, name, { type: 'string', sensitive: true, nullable: false, description });
  // A stable name users can set as TF_VAR_<name>, whatever the construct path.
  v.overrideLogicalId(name);
  return v;
}

/** The chart values of each component's identity (service account and pod labels). */
function componentValues(
  scope: Construct,
  namespace: string,
  shared: WorkloadIdentity | undefined,
  perComponent: { readonly [component in SpaceliftComponent]: WorkloadIdentity } | undefined,
): { shared: DocumentObject; sharedPodLabels: DocumentObject } & Record<SpaceliftComponent, DocumentObject> {
  if ((shared === undefined) === (perComponent === undefined)) {
    throw new ValidationError(scope, 'identity', shared === undefined ? 'neither identity nor componentIdentities' : 'both identity and componentIdentities', 'exactly one of identity (shared service account) or componentIdentities (one per component)');
  }
  if (shared !== undefined) {
    if (shared.serviceAccount.name !== SPACELIFT_SERVICE_ACCOUNT || shared.serviceAccount.namespace !== namespace) {
      throw new ValidationError(scope, 'identity.serviceAccount', shared.serviceAccount, `the service account ${namespace}/${SPACELIFT_SERVICE_ACCOUNT} the chart runs every component as`);
    }
    const podLabels = { ...shared.podLabels };
    return {
      shared: { create: true, name: SPACELIFT_SERVICE_ACCOUNT, annotations: { ...shared.serviceAccountAnnotations } },
      sharedPodLabels: podLabels,
      server: { podLabels },
      drain: { podLabels },
      scheduler: { podLabels },
    };
  }
  const out: Record<string, DocumentObject> = {};
  for (const [component, name] of Object.entries(SPACELIFT_COMPONENT_SERVICE_ACCOUNTS) as [SpaceliftComponent, string][]) {
    const identity = perComponent![component];
    if (identity === undefined) {
      throw new ValidationError(scope, `componentIdentities.${component}`, undefined, `an identity for the ${name} service account`);
    }
    if (identity.serviceAccount.name !== name || identity.serviceAccount.namespace !== namespace) {
      throw new ValidationError(scope, `componentIdentities.${component}.serviceAccount`, identity.serviceAccount, `the service account ${namespace}/${name}`);
    }
    out[component] = {
      podLabels: { ...identity.podLabels },
      serviceAccount: { create: true, name, annotations: { ...identity.serviceAccountAnnotations } },
    };
  }
  return {
    // The shared account stays for anything without its own (the VCS Gateway); it has no cloud access.
    shared: { create: true, name: SPACELIFT_SERVICE_ACCOUNT, annotations: {} },
    sharedPodLabels: {},
    server: out.server!,
    drain: out.drain!,
    scheduler: out.scheduler!,
  };
}

/** The object-storage part of `spacelift-shared` for the store's API. */
function objectStoreEnv(scope: Construct, store: ObjectStore, aws: SpaceliftAwsAccount | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  let uploadsUrl = store.endpoint;
  switch (store.kind) {
    case 'azure-blob':
      env.OBJECT_STORAGE_TYPE = 'azure';
      env.OBJECT_STORAGE_AZURE_ACCOUNT_URL = store.endpoint;
      break;
    case 'gcs':
      if (store.project === undefined || (!isUnresolved(store.project) && store.project === '')) {
        throw new ValidationError(scope, 'objectStore.project', store.project, 'the Google Cloud project of the buckets (Spacelift reads it as GCP_PROJECT)');
      }
      env.OBJECT_STORAGE_TYPE = 'gcp';
      env.GCP_PROJECT = store.project;
      break;
    case 's3': {
      if (aws === undefined) {
        throw new ValidationError(scope, 'aws', undefined, 'the AWS account id and region, which an s3 object store needs');
      }
      if (!isUnresolved(aws.accountId)) checkPattern(scope, 'aws.accountId', aws.accountId, /^\d{12}$/, 'a 12-digit AWS account id');
      if (!isUnresolved(aws.region)) checkPattern(scope, 'aws.region', aws.region, /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'an AWS region such as "eu-west-1"');
      const region = store.region ?? aws.region;
      env.AWS_ACCOUNT_ID = aws.accountId;
      env.AWS_REGION = aws.region;
      env.AWS_DEFAULT_REGION = aws.region;
      env.OBJECT_STORAGE_TYPE = 'aws';
      // Browsers upload to the bucket's virtual-hosted regional endpoint (presigned URLs).
      uploadsUrl = `https://${store.buckets.uploads ?? ''}.s3.${region}.amazonaws.com`;
      break;
    }
    default:
      throw new ValidationError(scope, 'objectStore.kind', store.kind, 'one of "azure-blob", "gcs", "s3"');
  }
  const required = Object.keys(SPACELIFT_BUCKET_RETENTION_DAYS);
  for (const purpose of required) {
    const bucket = store.buckets[purpose];
    if (bucket === undefined || (!isUnresolved(bucket) && bucket === '')) {
      throw new ValidationError(scope, `objectStore.buckets.${purpose}`, bucket, `a bucket for every Spacelift purpose: ${required.join(', ')}`);
    }
    env[bucketEnvName(purpose)] = bucket;
  }
  env.OBJECT_STORAGE_BUCKET_USAGE_ANALYTICS = '';
  env.OBJECT_STORAGE_BUCKET_UPLOADS_URL = uploadsUrl;
  return env;
}
