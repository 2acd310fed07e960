import { PrivateKey } from '@cdktf/provider-tls/lib/private-key';
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
import { checkChartVersion } from '../../kubernetes/values';
import { AppRequirements, RenderedApp } from '../profile';
import { SPACELIFT_BUCKET_RETENTION_DAYS, bucketEnvName, spaceliftBuckets } from './buckets';

/** Chart version of `spacelift-self-hosted` this library is tested with (its values schema is the contract). */
export const SPACELIFT_CHART_VERSION = '0.66.0';
export const SPACELIFT_CHART_REPOSITORY = 'https://downloads.spacelift.io/helm';
/** PostgreSQL majors Spacelift supports (14-16 tested by Spacelift, 17 accepted by current releases). */
export const SPACELIFT_POSTGRES_MAJORS: readonly number[] = [14, 15, 16, 17];
/** The service account the chart creates and every Spacelift component runs as. */
export const SPACELIFT_SERVICE_ACCOUNT = 'spacelift-backend';
/** Secret names the chart's values point at. */
export const SPACELIFT_SECRETS = { shared: 'spacelift-shared', server: 'spacelift-server', drain: 'spacelift-drain' } as const;

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
export type SpaceliftDrainQueue = keyof typeof SPACELIFT_DRAIN_QUEUES;

/** Terraform variables the profile declares (set them as `TF_VAR_<name>`). */
export const SPACELIFT_VARIABLES = {
  licenseToken: 'spacelift_license_token',
  adminPassword: 'spacelift_admin_password',
  encryptionRsaPrivateKey: 'spacelift_encryption_rsa_private_key',
} as const;

/** What Spacelift needs from any cloud. */
export function spaceliftRequirements(domain: string): AppRequirements {
  return {
    buckets: spaceliftBuckets(domain),
    postgres: { supportedMajorVersions: SPACELIFT_POSTGRES_MAJORS, databaseName: 'spacelift' },
    serviceAccounts: [{ name: SPACELIFT_SERVICE_ACCOUNT, access: 'object-store' }],
  };
}

export interface SpaceliftIngressProps {
  /** IngressClass of the controller. */
  readonly className: string;
  /** Controller-specific annotations for HTTPS. @default none */
  readonly annotations?: { readonly [key: string]: string };
  /** cert-manager ClusterIssuer that issues the TLS certificate. */
  readonly clusterIssuer: string;
}

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
  readonly objectStore: ObjectStore;
  readonly database: PostgresDatabase;
  /** Cloud identity of the `spacelift-backend` service account (object storage access). */
  readonly identity: WorkloadIdentity;
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
  public readonly rendered: RenderedApp;
  public readonly licenseToken: TerraformVariable;
  public readonly adminPassword?: TerraformVariable;
  public readonly encryptionKeyVariable?: TerraformVariable;
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
    const vcsDomain = props.vcsGatewayDomain;
    if (vcsDomain !== undefined) {
      checkDomain(this, 'vcsGatewayDomain', vcsDomain);
      if (vcsDomain === domain) throw new ValidationError(this, 'vcsGatewayDomain', vcsDomain, `a host name other than the Spacelift domain (${domain})`);
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
    let rsaKeyBase64: string;
    if (encryption === 'variable') {
      this.encryptionKeyVariable = sensitiveVariable(this, SPACELIFT_VARIABLES.encryptionRsaPrivateKey, 'Base64 of the PEM RSA private key Spacelift encrypts its data with');
      rsaKeyBase64 = this.encryptionKeyVariable.stringValue;
    } else {
      // Losing this key makes every secret Spacelift stored unreadable: it is never destroyed by accident.
      this.encryptionKey = new PrivateKey(this, 'encryption-key', {
        algorithm: 'RSA',
        rsaBits: 4096,
        lifecycle: { preventDestroy: !(props.allowDestroy ?? false) },
      });
      rsaKeyBase64 = Fn.base64encode(this.encryptionKey.privateKeyPem);
    }

    const store = objectStoreEnv(this, props.objectStore);
    const databaseUrl = postgresUrl(props.database);
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
        ENCRYPTION_TYPE: 'rsa',
        ENCRYPTION_RSA_PRIVATE_KEY: rsaKeyBase64,
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

    const podLabels = { ...props.identity.podLabels };
    const ingressAnnotations = { ...props.ingress.annotations, 'cert-manager.io/cluster-issuer': props.ingress.clusterIssuer };
    if (props.identity.serviceAccount.name !== SPACELIFT_SERVICE_ACCOUNT || props.identity.serviceAccount.namespace !== namespace) {
      throw new ValidationError(this, 'identity.serviceAccount', props.identity.serviceAccount, `the service account ${namespace}/${SPACELIFT_SERVICE_ACCOUNT} the chart runs every component as`);
    }
    const values: Record<string, DocumentObject> = {
      shared: { serverHostname: domain, image: `${backendImage}:${version}`, secretRef: SPACELIFT_SECRETS.shared },
      server: { secretRef: SPACELIFT_SECRETS.server, podLabels },
      drain: { secretRef: SPACELIFT_SECRETS.drain, podLabels },
      scheduler: { podLabels },
      serviceAccount: { create: true, name: SPACELIFT_SERVICE_ACCOUNT, annotations: { ...props.identity.serviceAccountAnnotations } },
      ingress: { enabled: true, ingressClassName: props.ingress.className, annotations: ingressAnnotations },
      // The clusters this library builds are IPv4-only.
      ingressV6: { enabled: false },
    };
    if (vcsDomain !== undefined) {
      values.vcsGateway = {
        enabled: true,
        domain: vcsDomain,
        podLabels,
        ingress: { enabled: true, ingressClassName: props.ingress.className, annotations: ingressAnnotations },
      };
    }

    this.rendered = {
      releaseName: 'spacelift',
      chart: { chart: 'spacelift-self-hosted', repository: SPACELIFT_CHART_REPOSITORY, version: chartVersion },
      secrets: [shared, server, drain],
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

/** The object-storage part of `spacelift-shared` for the store's API. */
function objectStoreEnv(scope: Construct, store: ObjectStore): Record<string, string> {
  const env: Record<string, string> = {};
  switch (store.kind) {
    case 'azure-blob':
      env.OBJECT_STORAGE_TYPE = 'azure';
      env.OBJECT_STORAGE_AZURE_ACCOUNT_URL = store.endpoint;
      break;
    default:
      throw new ValidationError(scope, 'objectStore.kind', store.kind, 'an object store this profile supports so far: "azure-blob"');
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
  env.OBJECT_STORAGE_BUCKET_UPLOADS_URL = store.endpoint;
  return env;
}
