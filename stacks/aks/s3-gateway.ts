import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { AppRequirements } from '../../lib/apps/profile';
import { AzureDnsRecord } from '../../lib/azure/dns';
import { AzureWorkloadIdentity } from '../../lib/azure/identity';
import { AzureResourceGroupRef } from '../../lib/azure/resource-group';
import { AzureBlobStorage } from '../../lib/azure/storage';
import { BucketCors, ObjectStore } from '../../lib/core/object-store';
import { S3ApiStore } from '../../lib/core/s3-api';
import { ValidationError, checkDomain, checkInt, isUnresolved } from '../../lib/core/validation';
import { IngressController, IngressControllerKind } from '../../lib/kubernetes/ingress/types';
import { AppNamespace } from '../../lib/kubernetes/namespace';
import { S3Gateway, S3GatewayCredentials, S3PROXY_REGION, generateS3GatewayCredentials } from '../../lib/kubernetes/s3-gateway/s3proxy';

/** The in-cluster component an app profile names to ask for the S3 gateway (optional on AKS: static-key buckets imply it). */
export const S3_GATEWAY_COMPONENT = 's3-gateway';

/** Components the AKS stacks build. */
export const AKS_COMPONENTS: readonly string[] = [S3_GATEWAY_COMPONENT];

/** Name of the gateway's Kubernetes objects and of its service account, in the app's namespace. */
export const AKS_S3_GATEWAY_NAME = 's3proxy';

/**
 * Upload settings the gateway's Ingress needs with ingress-nginx: no request body limit (its default refuses bodies
 * over 1 MiB, i.e. most artifacts) and no buffering of request bodies on the controller's disk. Traefik has neither.
 */
export const NGINX_S3_UPLOAD_ANNOTATIONS: { readonly [key: string]: string } = {
  'nginx.ingress.kubernetes.io/proxy-body-size': '0',
  'nginx.ingress.kubernetes.io/proxy-request-buffering': 'off',
};

/** The `storage.s3Gateway` section of an AKS config. */
export interface AksS3GatewayConfig {
  /** Host name of the gateway. @default `s3.<the app's main host name>` */
  readonly host?: string;
  /** Replicas. @default 2 */
  readonly replicas?: number;
}

/** What the infra stack provisions for the S3 gateway, and what the platform stack builds it from. */
export interface AksS3GatewayPlan {
  /** Host name: the endpoint is `https://<host>`. */
  readonly host: string;
  /** The gateway's workload identity (Storage Blob Data Contributor on the storage account). */
  readonly identity: AzureWorkloadIdentity;
  /** The storage account, with only the containers of the buckets reached with static keys. */
  readonly backend: ObjectStore;
  /** The client key pair, generated in the infra stack. */
  readonly credentials: S3GatewayCredentials;
  /** Replicas. @default the gateway's default (2) */
  readonly replicas?: number;
  /** cert-manager ClusterIssuer of the host's certificate. */
  readonly clusterIssuer: string;
  /** CORS the gateway answers: the rules of the static-key buckets (S3Proxy's CORS is gateway-wide). @default none */
  readonly cors?: BucketCors;
  /** What the app's render step gets as `s3Api`. */
  readonly store: S3ApiStore;
}

/** Properties of {@link planS3Gateway}. */
export interface PlanS3GatewayProps {
  /** The app's requirements. */
  readonly requirements: AppRequirements;
  /** The `storage.s3Gateway` section. @default none */
  readonly config?: AksS3GatewayConfig;
  /** The app's title, for messages. */
  readonly appTitle: string;
  /** The app's host names; the first is the main one. */
  readonly appHosts: readonly string[];
  /** Deployment name (prefix of the identity's name). */
  readonly deploymentName: string;
  /** The app's namespace, where the gateway runs. */
  readonly namespace: string;
  /** Resource group of the identity. */
  readonly resourceGroup: AzureResourceGroupRef;
  /** OIDC issuer of the cluster. */
  readonly oidcIssuerUrl: string;
  /** The storage account with every bucket's container. */
  readonly storage: AzureBlobStorage;
  /** The DNS zone of the config, when it has one: the host gets an A record there. @default none */
  readonly dns?: { readonly zoneName: string; readonly zoneResourceGroup: string; readonly ttl?: number };
  /** Resource id of the ingress controller's public IP (the record's alias target). */
  readonly entryPointId: string;
  /** cert-manager ClusterIssuer of the host's certificate. */
  readonly clusterIssuer: string;
  /** Tags of the identity. @default none */
  readonly tags?: { readonly [key: string]: string };
}

/**
 * The infra stack's half of the S3 gateway (docs/aks.md, "Apps that need static S3 keys"): on AKS, buckets an app
 * reaches with `s3-static-keys` are containers of the storage account served over the S3 API by an S3Proxy gateway
 * in the app's namespace. Here: the checks, the gateway's workload identity (Storage Blob Data Contributor on the
 * account, a federated credential for its service account), the client key pair (generated here so the render step
 * can hand it to the app, while the gateway itself runs in the platform stack) and the DNS record of its host.
 * Undefined when no bucket asks for static keys.
 */
export function planS3Gateway(scope: Construct, props: PlanS3GatewayProps): AksS3GatewayPlan | undefined {
  const req = props.requirements;
  const components = req.components ?? [];
  components.forEach((c, i) => {
    if (!AKS_COMPONENTS.includes(c)) throw new ValidationError(scope, `requirements.components[${i}]`, c, `a component the AKS stacks build: ${AKS_COMPONENTS.join(', ')}`);
  });
  const keyed = req.buckets.filter((b) => b.access === 's3-static-keys').map((b) => b.purpose);
  if (keyed.length === 0) {
    if (components.includes(S3_GATEWAY_COMPONENT)) {
      throw new ValidationError(scope, 'requirements.components', S3_GATEWAY_COMPONENT, 'no "s3-gateway" without a bucket whose access is "s3-static-keys" (the gateway serves only those)');
    }
    if (props.config !== undefined) {
      throw new ValidationError(scope, 'storage.s3Gateway', props.config, `no s3Gateway section: no bucket of ${props.appTitle} is reached with static S3 keys, so there is no gateway`);
    }
    return undefined;
  }
  const reserved = req.serviceAccounts.find((sa) => sa.name === AKS_S3_GATEWAY_NAME);
  if (reserved !== undefined) {
    throw new ValidationError(scope, 'requirements.serviceAccounts', reserved.name, `service account names other than "${AKS_S3_GATEWAY_NAME}" (the S3 gateway's)`);
  }

  const host = checkDomain(scope, 'storage.s3Gateway.host', props.config?.host ?? `s3.${props.appHosts[0]}`);
  if (!isUnresolved(host)) {
    if (props.appHosts.includes(host)) throw new ValidationError(scope, 'storage.s3Gateway.host', host, `a host name of its own, not one of ${props.appTitle}'s (${props.appHosts.join(', ')})`);
    if (props.dns !== undefined && !isUnresolved(props.dns.zoneName) && !host.endsWith(`.${props.dns.zoneName}`) && host !== props.dns.zoneName) {
      throw new ValidationError(scope, 'storage.s3Gateway.host', host, `a name inside the DNS zone ${props.dns.zoneName} (dns.zoneName)`);
    }
  }
  const replicas = props.config?.replicas === undefined ? undefined : checkInt(scope, 'storage.s3Gateway.replicas', props.config.replicas, 2, 20);

  const identity = new AzureWorkloadIdentity(scope, 's3-gateway-identity', {
    resourceGroup: props.resourceGroup,
    name: `${props.deploymentName}-${AKS_S3_GATEWAY_NAME}`,
    oidcIssuerUrl: props.oidcIssuerUrl,
    serviceAccount: { namespace: props.namespace, name: AKS_S3_GATEWAY_NAME },
    // Blob data on this one account only; no management-plane role, no account key.
    grants: { blob: { role: 'Storage Blob Data Contributor', scope: props.storage.accountId } },
    tags: props.tags,
  });
  // The ids are forever: new ones would be a new key pair, which the app and the gateway would both have to take up.
  const credentials = generateS3GatewayCredentials(new Construct(scope, 's3-gateway-keys'));
  if (props.dns !== undefined) {
    new AzureDnsRecord(scope, 's3-gateway-dns', { zoneName: props.dns.zoneName, zoneResourceGroupName: props.dns.zoneResourceGroup, fqdn: host, targetResourceId: props.entryPointId, ttl: props.dns.ttl });
  }

  const buckets = Object.fromEntries(keyed.map((p) => [p, props.storage.buckets[p]!]));
  // S3Proxy's CORS is one rule for the whole gateway: the union of the static-key buckets' rules.
  const rules = req.buckets.filter((b) => b.access === 's3-static-keys' && b.cors !== undefined).map((b) => b.cors!);
  const cors: BucketCors | undefined =
    rules.length === 0
      ? undefined
      : {
          allowedOrigins: [...new Set(rules.flatMap((r) => r.allowedOrigins))],
          allowedMethods: [...new Set(rules.flatMap((r) => r.allowedMethods))],
          maxAgeSeconds: Math.max(...rules.map((r) => r.maxAgeSeconds ?? 3600)),
        };
  return {
    host,
    identity,
    backend: { kind: props.storage.kind, endpoint: props.storage.endpoint, buckets },
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
    replicas,
    clusterIssuer: props.clusterIssuer,
    cors,
    store: {
      endpoint: `https://${host}`,
      region: S3PROXY_REGION,
      forcePathStyle: true,
      buckets,
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      // S3Proxy answers PutBucketCors with NotImplemented.
      skipCorsConfiguration: true,
    },
  };
}

/** Properties of {@link buildS3Gateway}. */
export interface BuildS3GatewayProps {
  /** The app's namespace (created). */
  readonly namespace: AppNamespace;
  /** The ingress controller. */
  readonly ingress: IngressController;
  /** Which controller it is. */
  readonly controllerKind: IngressControllerKind;
  /** What the gateway's objects wait for: the cluster, the namespace, the controller and cert-manager's issuers. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * The platform stack's half: the S3Proxy gateway in the app's namespace, with the infra stack's identity and key pair,
 * behind the ingress controller with a cert-manager certificate for its host.
 */
export function buildS3Gateway(scope: Construct, plan: AksS3GatewayPlan, props: BuildS3GatewayProps): S3Gateway {
  return new S3Gateway(scope, 's3-gateway', {
    namespace: props.namespace,
    backend: plan.backend,
    identity: plan.identity,
    credentials: plan.credentials,
    cors: plan.cors,
    replicas: plan.replicas,
    name: AKS_S3_GATEWAY_NAME,
    ingress: {
      host: plan.host,
      className: props.ingress.className,
      clusterIssuer: plan.clusterIssuer,
      annotations: { ...props.ingress.ingressAnnotations, ...(props.controllerKind === 'ingress-nginx' ? NGINX_S3_UPLOAD_ANNOTATIONS : {}) },
    },
    dependsOn: props.dependsOn,
  });
}
