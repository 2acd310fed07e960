import { Release } from '@cdktf/provider-helm/lib/release';
import { ITerraformDependable } from 'cdktf';
import { DocumentObject } from '../../core/document';
import { PublicEntryPoint } from '../../core/entry-point';
import { AppNamespace } from '../namespace';

/** An ingress controller installed in the cluster, as the apps behind it see it. */
export interface IngressController {
  /** IngressClass apps put in `spec.ingressClassName`, and cert-manager's HTTP-01 solver uses. */
  readonly className: string;
  /** Annotations an app's Ingress needs with this controller (HTTPS only, redirects). */
  readonly ingressAnnotations: { readonly [key: string]: string };
  /** The controller's Helm release: app releases depend on it. */
  readonly release: Release;
  /** The namespace the release goes to, created first. */
  readonly namespace: AppNamespace;
  /** The values document the release is installed with (leaves may be tokens of the entry point). */
  readonly values: DocumentObject;
}

/** Settings every ingress controller takes. */
export interface IngressControllerProps {
  /** The static address and Service annotations of the cloud load balancer. */
  readonly entryPoint: PublicEntryPoint;
  /** What the release must be created after and destroyed before (the cluster). */
  readonly dependsOn: readonly ITerraformDependable[];
  /** Namespace of the controller. @default the controller's conventional one ("traefik", "ingress-nginx") */
  readonly namespace?: string;
  /** IngressClass name. @default "traefik" / "nginx" */
  readonly className?: string;
  /** Chart version, pinned. @default the version this library release was tested with */
  readonly chartVersion?: string;
  /** Controller replicas, spread by a PodDisruptionBudget. @default 2 */
  readonly replicas?: number;
}

/** Which controller to install. Traefik is maintained; ingress-nginx is retired (no security fixes since March 2026). */
export type IngressControllerKind = 'traefik' | 'ingress-nginx';

/**
 * How a controller reaches a backend that speaks gRPC over cleartext HTTP/2 (h2c) behind a TLS-terminating Ingress:
 * annotations on the app's Ingress and on the backend Service. The Service port should also carry the standard
 * `appProtocol: kubernetes.io/h2c` ({@link H2C_APP_PROTOCOL}).
 */
export interface GrpcBackendSettings {
  /** Added to the Ingress that routes to the gRPC backend. */
  readonly ingressAnnotations: { readonly [key: string]: string };
  /** Added to the backend's Service. */
  readonly serviceAnnotations: { readonly [key: string]: string };
}

/** The Service port `appProtocol` for HTTP/2 over cleartext (Kubernetes-defined, KEP-3726). */
export const H2C_APP_PROTOCOL = 'kubernetes.io/h2c';

/** Conventional names and the annotations an app's Ingress needs, per controller. */
export const INGRESS_CONTROLLER_DEFAULTS: {
  readonly [kind in IngressControllerKind]: {
    readonly className: string;
    readonly namespace: string;
    readonly appAnnotations: { readonly [key: string]: string };
    readonly grpcBackend: GrpcBackendSettings;
  };
} = {
  traefik: {
    className: 'traefik',
    namespace: 'traefik',
    // HTTPS only: the router sits on the TLS entry point (plain HTTP is redirected there).
    appAnnotations: {
      'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure',
      'traefik.ingress.kubernetes.io/router.tls': 'true',
    },
    // Traefik picks the scheme it dials a backend with from this Service annotation (default http, i.e. HTTP/1.1).
    grpcBackend: { ingressAnnotations: {}, serviceAnnotations: { 'traefik.ingress.kubernetes.io/service.serversscheme': 'h2c' } },
  },
  'ingress-nginx': {
    className: 'nginx',
    namespace: 'ingress-nginx',
    appAnnotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' },
    // nginx proxies with grpc_pass (HTTP/2 to the backend) only when told so on the Ingress.
    grpcBackend: { ingressAnnotations: { 'nginx.ingress.kubernetes.io/backend-protocol': 'GRPC' }, serviceAnnotations: {} },
  },
};
