import type { IngressV1 } from '@cdktf/provider-kubernetes/lib/ingress-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import type { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import type { Password } from '@cdktf/provider-random/lib/password';
import { Fn, ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { lazyModule } from '../../core/lazy-module';
import { BucketCors, ObjectStore } from '../../core/object-store';
import { S3ApiStore } from '../../core/s3-api';
import { addProviderIfMissing } from '../../core/stack-providers';
import { ValidationError, checkDomain, checkInt, checkKubernetesName, checkPattern, isUnresolved } from '../../core/validation';
import { WorkloadIdentity } from '../../core/workload-identity';
import { AppNamespace } from '../namespace';
import { KubernetesDeployment } from '../resources/deployment';

// Only a config with an S3 gateway creates these objects: load their bindings
// when the first gateway is built, not with this file.
const ingressV1 = lazyModule(() => require('@cdktf/provider-kubernetes/lib/ingress-v1') as typeof import('@cdktf/provider-kubernetes/lib/ingress-v1'));
const pdbV1 = lazyModule(() => require('@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1') as typeof import('@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1'));
const serviceAccountV1 = lazyModule(() => require('@cdktf/provider-kubernetes/lib/service-account-v1') as typeof import('@cdktf/provider-kubernetes/lib/service-account-v1'));
const serviceV1 = lazyModule(() => require('@cdktf/provider-kubernetes/lib/service-v1') as typeof import('@cdktf/provider-kubernetes/lib/service-v1'));
const randomPassword = lazyModule(() => require('@cdktf/provider-random/lib/password') as typeof import('@cdktf/provider-random/lib/password'));
const randomProvider = lazyModule(() => require('@cdktf/provider-random/lib/provider') as typeof import('@cdktf/provider-random/lib/provider'));

/**
 * The S3Proxy image (gaul/s3proxy, Apache-2.0), release 4.0.0 (2026-08-04). The project's CI publishes each release
 * tag `s3proxy-<version>` as `andrewgaul/s3proxy:<version>` on Docker Hub and `ghcr.io/gaul/s3proxy/container:<version>`.
 */
export const S3PROXY_IMAGE = 'andrewgaul/s3proxy:4.0.0';

/**
 * The UID (and GID) the gateway runs as. The image declares no user (it runs as root unless told otherwise) and
 * needs no root: it listens on {@link S3PROXY_PORT}, and its files are world-readable. 1000 is the `ubuntu` user of
 * its Ubuntu base.
 */
export const S3PROXY_UID = 1000;

/** Port the gateway listens on inside the pod (unprivileged, so no NET_BIND_SERVICE capability is needed). */
export const S3PROXY_PORT = 8080;

/** Region clients sign for: S3Proxy checks SigV4 signatures with whatever region the request's scope names. */
export const S3PROXY_REGION = 'us-east-1';

/** Where the client key pair is mounted (the image's `*_FILE` variables read it there). */
const CREDENTIALS_MOUNT = '/run/secrets/s3proxy';

/** Ingress settings of the gateway: clients follow pre-signed URLs, so it must be reachable where they run. */
export interface S3GatewayIngress {
  /** Host name, e.g. `s3.taskcluster.example.com`: the endpoint is `https://<host>`. */
  readonly host: string;
  /** IngressClass of the controller (IngressController `className`). */
  readonly className: string;
  /** cert-manager ClusterIssuer that issues the host's certificate. */
  readonly clusterIssuer: string;
  /**
   * Annotations the controller needs (IngressController `ingressAnnotations`), plus what uploads need: with
   * ingress-nginx, `nginx.ingress.kubernetes.io/proxy-body-size: "0"` (its default refuses bodies over 1 MiB) and
   * `nginx.ingress.kubernetes.io/proxy-request-buffering: "off"`. @default none
   */
  readonly annotations?: { readonly [key: string]: string };
}

/** The client key pair of a gateway: what clients sign their requests with. */
export interface S3GatewayCredentials {
  /** Access key id (letters and digits; a token such as a random_password result). */
  readonly accessKeyId: string;
  /** Secret access key: a sensitive token (a random_password result), never a literal. */
  readonly secretAccessKey: string;
}

/** A generated client key pair: the two random_password resources (replace both to rotate it). */
export interface GeneratedS3GatewayCredentials extends S3GatewayCredentials {
  /** The access key id's random_password. */
  readonly accessKeyIdPassword: Password;
  /** The secret access key's random_password. */
  readonly secretAccessKeyPassword: Password;
}

/**
 * Generates a gateway's client key pair under `scope`: two random_password resources with the construct ids
 * `access-key-id` (20 upper-case letters and digits) and `secret-access-key` (40 letters and digits), no special
 * characters, so no client or URL encoding can mangle them. {@link S3Gateway} calls it itself unless it is given a
 * pair; call it where the pair must exist before the gateway does (in an infra stack whose render step hands the pair
 * to the app, while the gateway runs in the platform stack).
 */
export function generateS3GatewayCredentials(scope: Construct): GeneratedS3GatewayCredentials {
  addProviderIfMissing(scope, 'random', (stack, pid) => new (randomProvider().RandomProvider)(stack, pid));
  const accessKeyIdPassword = new (randomPassword().Password)(scope, 'access-key-id', { length: 20, special: false, lower: false, minUpper: 4, minNumeric: 4 });
  const secretAccessKeyPassword = new (randomPassword().Password)(scope, 'secret-access-key', { length: 40, special: false, minUpper: 4, minLower: 4, minNumeric: 4 });
  return { accessKeyId: accessKeyIdPassword.result, secretAccessKey: secretAccessKeyPassword.result, accessKeyIdPassword, secretAccessKeyPassword };
}

/** Properties of {@link S3Gateway}. */
export interface S3GatewayProps {
  /** Namespace of every object of the gateway. */
  readonly namespace: AppNamespace;
  /**
   * The Azure Blob Storage account behind the gateway (AzureBlobStorage): its endpoint is the backend, its containers
   * are the buckets clients see.
   */
  readonly backend: ObjectStore;
  /**
   * The workload identity the gateway reaches Blob Storage with (AzureWorkloadIdentity, with the role "Storage Blob
   * Data Contributor" on the account or on each container). Its service account is created here, in `namespace`.
   */
  readonly identity: WorkloadIdentity;
  /** The public entry point. */
  readonly ingress: S3GatewayIngress;
  /**
   * The client key pair, when it is generated elsewhere (see {@link generateS3GatewayCredentials}): both values must
   * be tokens, the secret a sensitive one. @default a pair generated under this construct (two random_password)
   */
  readonly credentials?: S3GatewayCredentials;
  /** Base name of the objects. @default "s3proxy" */
  readonly name?: string;
  /** Image. @default {@link S3PROXY_IMAGE} */
  readonly image?: string;
  /**
   * CORS the gateway answers for every bucket (S3Proxy's CORS is gateway-wide and the bucket CORS API is not
   * implemented), e.g. for browsers that fetch objects through pre-signed URLs. Request headers: any.
   * @default none: no cross-origin request is allowed
   */
  readonly cors?: BucketCors;
  /** Replicas (at least 2; a PodDisruptionBudget keeps one up). @default 2 */
  readonly replicas?: number;
  /**
   * Container resources. The JVM sizes its heap from the memory limit (75 %), so requests and limits of memory are
   * equal. @default requests 250m CPU / 1Gi, limits 1 CPU / 1Gi
   */
  readonly resources?: { readonly cpuRequest?: string; readonly cpuLimit?: string; readonly memory?: string };
  /** What the objects must be created after and destroyed before (the cluster, the namespace, cert-manager, the controller, the identity's role). */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * An S3 API in front of Azure Blob Storage for apps that speak nothing but S3 with a static key: S3Proxy with its
 * `azureblob-sdk` backend, which signs in to Blob Storage with the pod's workload identity (no account key: the
 * image's default backend identity and credential are blanked, so it uses DefaultAzureCredential). Clients sign with
 * a key pair that Terraform generates (random_password, here or wherever `credentials` come from) and keeps in a
 * Secret mounted as files.
 *
 * Two or more replicas spread over zones and nodes, a PodDisruptionBudget, probes on `/healthz`, a restricted security
 * context (non-root, read-only root filesystem, no capabilities), and an Ingress with a cert-manager certificate on
 * the given host, since clients follow pre-signed URLs from outside the cluster. Path-style requests only.
 *
 * Limits (S3Proxy 4.0.0 on Azure): no public-read or other ACLs, no bucket CORS API (answered NotImplemented, so the
 * app must skip its CORS setup), no object tagging (the gateway ignores `x-amz-tagging` and other unknown headers),
 * ETags are not MD5 digests.
 */
export class S3Gateway extends Construct implements S3ApiStore {
  public readonly endpoint: string;
  public readonly region = S3PROXY_REGION;
  public readonly forcePathStyle = true;
  public readonly buckets: { readonly [purpose: string]: string };
  public readonly accessKeyId: string;
  public readonly secretAccessKey: string;
  public readonly skipCorsConfiguration = true;
  /** The Secret with the client key pair. */
  public readonly secret: SecretV1;
  /** The Deployment. */
  public readonly deployment: KubernetesDeployment;
  /** The Service (port 80) in front of the pods. */
  public readonly service: ServiceV1;
  /** The Ingress on the public host. */
  public readonly ingress: IngressV1;
  /**
   * The access key id, a random_password (replace it to rotate the key pair); undefined when the pair was given
   * (`credentials`).
   */
  public readonly accessKeyIdPassword?: Password;
  /**
   * The secret access key, a random_password (replace it to rotate the key pair); undefined when the pair was given
   * (`credentials`).
   */
  public readonly secretAccessKeyPassword?: Password;

  public constructor(scope: Construct, id: string, props: S3GatewayProps) {
    super(scope, id);
    const name = checkPattern(this, 'name', props.name ?? 's3proxy', /^[a-z]([a-z0-9-]{0,40}[a-z0-9])?$/, 'a Kubernetes name of 1-42 lower-case letters, digits and "-", starting with a letter');
    const image = checkPattern(this, 'image', props.image ?? S3PROXY_IMAGE, /^[^\s:@]+(:[A-Za-z0-9_.-]+)?(@sha256:[a-f0-9]{64})?$/, 'an image reference with a tag or digest, such as "andrewgaul/s3proxy:4.0.0"');
    if (!isUnresolved(image) && /:latest$/.test(image)) throw new ValidationError(this, 'image', image, 'a pinned tag or digest, not "latest"');
    const replicas = checkInt(this, 'replicas', props.replicas ?? 2, 2, 20);
    const host = checkDomain(this, 'ingress.host', props.ingress.host);
    checkKubernetesName(this, 'ingress.className', props.ingress.className);
    checkKubernetesName(this, 'ingress.clusterIssuer', props.ingress.clusterIssuer);
    if (props.backend.kind !== 'azure-blob') {
      throw new ValidationError(this, 'backend.kind', props.backend.kind, '"azure-blob" (S3 and Cloud Storage speak the S3 API themselves: use AwsS3AccessKey or GcsHmacKey)');
    }
    if (!isUnresolved(props.backend.endpoint)) {
      checkPattern(this, 'backend.endpoint', props.backend.endpoint, /^https:\/\/[a-z0-9.-]+\/?$/, 'the https:// blob service URL of the storage account');
    }
    if (Object.keys(props.backend.buckets).length === 0) throw new ValidationError(this, 'backend.buckets', '{}', 'at least one container');
    const sa = props.identity.serviceAccount;
    if (sa.namespace !== props.namespace.literalName) {
      throw new ValidationError(this, 'identity.serviceAccount.namespace', sa.namespace, `the gateway's namespace "${props.namespace.literalName}"`);
    }
    checkKubernetesName(this, 'identity.serviceAccount.name', sa.name);
    const memory = checkPattern(this, 'resources.memory', props.resources?.memory ?? '1Gi', /^[1-9][0-9]*(Mi|Gi)$/, 'a memory quantity in Mi or Gi, such as "1Gi"');
    const cpuRequest = checkPattern(this, 'resources.cpuRequest', props.resources?.cpuRequest ?? '250m', /^([1-9][0-9]*m|[0-9]+(\.[0-9]+)?)$/, 'a CPU quantity such as "250m" or "1"');
    const cpuLimit = checkPattern(this, 'resources.cpuLimit', props.resources?.cpuLimit ?? '1', /^([1-9][0-9]*m|[0-9]+(\.[0-9]+)?)$/, 'a CPU quantity such as "250m" or "1"');

    const ns = props.namespace.name;
    const dependsOn = [...props.dependsOn];
    const selector = { 'app.kubernetes.io/name': 's3proxy', 'app.kubernetes.io/instance': name };
    const labels = { ...selector, 'app.kubernetes.io/component': 's3-gateway', 'app.kubernetes.io/managed-by': 'terraform' };

    // The client key pair: given, or generated here (letters and digits only, so no client or URL encoding can mangle it).
    let credentials: S3GatewayCredentials;
    if (props.credentials === undefined) {
      const generated = generateS3GatewayCredentials(this);
      this.accessKeyIdPassword = generated.accessKeyIdPassword;
      this.secretAccessKeyPassword = generated.secretAccessKeyPassword;
      credentials = generated;
    } else {
      credentials = props.credentials;
      for (const field of ['accessKeyId', 'secretAccessKey'] as const) {
        if (!Token.isUnresolved(credentials[field])) {
          throw new ValidationError(this, `credentials.${field}`, field === 'accessKeyId' ? credentials[field] : '***', 'a token such as a random_password result, never a literal (it would be written into cdktf.out)');
        }
      }
    }

    this.secret = new SecretV1(this, 'credentials', {
      metadata: { name: `${name}-credentials`, namespace: ns, labels },
      type: 'Opaque',
      data: { 'access-key-id': credentials.accessKeyId, 'secret-access-key': credentials.secretAccessKey },
      dependsOn,
    });
    const serviceAccount = new (serviceAccountV1().ServiceAccountV1)(this, 'service-account', {
      metadata: { name: sa.name, namespace: ns, labels, annotations: { ...props.identity.serviceAccountAnnotations } },
      automountServiceAccountToken: false,
      dependsOn,
    });

    const env: Record<string, string> = {
      LOG_LEVEL: 'info',
      S3PROXY_ENDPOINT: `http://0.0.0.0:${S3PROXY_PORT}`,
      S3PROXY_AUTHORIZATION: 'aws-v2-or-v4',
      // Path-style only: the Ingress and its certificate cover the one host, not `<bucket>.<host>`.
      S3PROXY_VIRTUALHOST: '',
      // Taskcluster sends x-amz-tagging (and clients other x-amz-* headers) that the Azure backend cannot honour.
      S3PROXY_IGNORE_UNKNOWN_HEADERS: 'true',
      S3PROXY_CORS_ALLOW_ALL: 'false',
      // Space-separated lists, as S3Proxy reads them; empty: no CORS.
      S3PROXY_CORS_ALLOW_ORIGINS: corsList(this, 'cors.allowedOrigins', props.cors?.allowedOrigins ?? []),
      S3PROXY_CORS_ALLOW_METHODS: corsList(this, 'cors.allowedMethods', props.cors?.allowedMethods ?? []),
      S3PROXY_CORS_ALLOW_HEADERS: props.cors === undefined ? '' : '*',
      S3PROXY_IDENTITY_FILE: `${CREDENTIALS_MOUNT}/access-key-id`,
      S3PROXY_CREDENTIAL_FILE: `${CREDENTIALS_MOUNT}/secret-access-key`,
      JCLOUDS_PROVIDER: 'azureblob-sdk',
      JCLOUDS_ENDPOINT: props.backend.endpoint,
      // Blank: the azureblob-sdk backend then signs in with DefaultAzureCredential (the workload identity's token).
      JCLOUDS_IDENTITY: '',
      JCLOUDS_CREDENTIAL: '',
      // The start script creates this folder even for cloud backends; on the writable /tmp it can.
      JCLOUDS_FILESYSTEM_BASEDIR: '/tmp/data',
    };
    const probe = { httpGet: { path: '/healthz', port: String(S3PROXY_PORT) } };
    const uid = String(S3PROXY_UID);

    this.deployment = new KubernetesDeployment(this, 'deployment', {
      metadata: { name, namespace: ns, labels },
      spec: {
        replicas: String(replicas),
        selector: { matchLabels: selector },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '0', maxSurge: '1' } },
        template: {
          metadata: {
            labels: { ...labels, ...props.identity.podLabels },
            // A new key pair restarts the pods (the files are read once, at start).
            annotations: { 'checksum/credentials': Fn.sha256(Fn.join(':', [credentials.accessKeyId, credentials.secretAccessKey])) },
          },
          spec: {
            serviceAccountName: serviceAccount.metadata.name,
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            // preStop (5 s) plus S3Proxy's 30-second drain of requests in flight.
            terminationGracePeriodSeconds: 40,
            securityContext: { runAsNonRoot: true, runAsUser: uid, runAsGroup: uid, fsGroup: uid, seccompProfile: { type: 'RuntimeDefault' } },
            topologySpreadConstraint: [
              { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: [{ matchLabels: selector }] },
              { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: [{ matchLabels: selector }] },
            ],
            container: [
              {
                name: 's3proxy',
                image,
                imagePullPolicy: 'IfNotPresent',
                port: [{ name: 'http', containerPort: S3PROXY_PORT, protocol: 'TCP' }],
                env: Object.entries(env).map(([k, value]) => ({ name: k, value })),
                startupProbe: { ...probe, periodSeconds: 2, failureThreshold: 60 },
                readinessProbe: { ...probe, periodSeconds: 5 },
                livenessProbe: { ...probe, periodSeconds: 10, failureThreshold: 3 },
                lifecycle: { preStop: [{ exec: { command: ['sleep', '5'] } }] },
                resources: { requests: { cpu: cpuRequest, memory }, limits: { cpu: cpuLimit, memory } },
                securityContext: {
                  runAsNonRoot: true,
                  runAsUser: uid,
                  runAsGroup: uid,
                  allowPrivilegeEscalation: false,
                  privileged: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                  seccompProfile: { type: 'RuntimeDefault' },
                },
                volumeMount: [
                  { name: 'credentials', mountPath: CREDENTIALS_MOUNT, readOnly: true },
                  { name: 'tmp', mountPath: '/tmp' },
                ],
              },
            ],
            volume: [
              { name: 'credentials', secret: { secretName: this.secret.metadata.name, defaultMode: '0440' } },
              { name: 'tmp', emptyDir: { sizeLimit: '256Mi' } },
            ],
          },
        },
      },
      waitForRollout: true,
      dependsOn: [...dependsOn, serviceAccount],
    });

    new (pdbV1().PodDisruptionBudgetV1)(this, 'disruption-budget', {
      metadata: { name, namespace: ns, labels },
      spec: { maxUnavailable: '1', selector: { matchLabels: selector } },
      dependsOn,
    });

    this.service = new (serviceV1().ServiceV1)(this, 'service', {
      metadata: { name, namespace: ns, labels },
      spec: { type: 'ClusterIP', selector, port: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', appProtocol: 'http' }] },
      dependsOn,
    });

    this.ingress = new (ingressV1().IngressV1)(this, 'ingress', {
      metadata: {
        name,
        namespace: ns,
        labels,
        annotations: { ...props.ingress.annotations, 'cert-manager.io/cluster-issuer': props.ingress.clusterIssuer },
      },
      spec: {
        ingressClassName: props.ingress.className,
        tls: [{ hosts: [host], secretName: `${name}-tls` }],
        rule: [
          {
            host,
            http: { path: [{ path: '/', pathType: 'Prefix', backend: { service: { name: this.service.metadata.name, port: { name: 'http' } } } }] },
          },
        ],
      },
      dependsOn: [...dependsOn, this.deployment],
    });

    this.endpoint = `https://${host}`;
    this.buckets = { ...props.backend.buckets };
    this.accessKeyId = credentials.accessKeyId;
    this.secretAccessKey = credentials.secretAccessKey;
  }
}

/** A CORS list as S3Proxy reads it: entries separated by spaces, so no entry may hold one. */
function corsList(scope: Construct, field: string, values: readonly string[]): string {
  for (const v of values) {
    if (!isUnresolved(v) && (v === '' || /\s/.test(v))) throw new ValidationError(scope, field, v, 'entries without spaces (S3Proxy separates them by spaces)');
  }
  return values.join(' ');
}
