import { Release } from '@cdktf/provider-helm/lib/release';
import { Construct } from 'constructs';
import { DocumentObject } from '../../core/document';
import { AppNamespace } from '../namespace';
import { installIngressController } from './install';
import { IngressController, IngressControllerProps } from './types';

/** Traefik chart version this library is tested with (Traefik proxy v3.7). */
export const TRAEFIK_CHART_VERSION = '41.3.0';
/** Helm repository of the Traefik chart. */
export const TRAEFIK_CHART_REPOSITORY = 'https://traefik.github.io/charts';

/**
 * Traefik as the ingress controller (the default): a maintained controller for the `networking.k8s.io/v1` Ingress
 * API. Its LoadBalancer Service takes the static address through the cloud's annotations and keeps client source
 * addresses (`externalTrafficPolicy: Local`); plain HTTP is redirected to HTTPS at the entry point.
 */
export class TraefikIngressController extends Construct implements IngressController {
  public readonly className: string;
  public readonly ingressAnnotations: { readonly [key: string]: string };
  public readonly release: Release;
  /** The namespace the release goes to, created first. */
  public readonly namespace: AppNamespace;
  /** Values of the release, as a document. */
  public readonly values: DocumentObject;

  public constructor(scope: Construct, id: string, props: IngressControllerProps) {
    super(scope, id);
    const chart = { releaseName: 'traefik', chart: 'traefik', repository: TRAEFIK_CHART_REPOSITORY, defaultVersion: TRAEFIK_CHART_VERSION };
    const installed = installIngressController(this, 'traefik', props, chart, ({ className, replicas }) => {
      const spec: Record<string, string> = { externalTrafficPolicy: 'Local' };
      if (props.entryPoint.loadBalancerIp !== undefined) spec.loadBalancerIP = props.entryPoint.loadBalancerIp;
      return {
        deployment: { replicas },
        podDisruptionBudget: { enabled: replicas > 1, maxUnavailable: 1 },
        ingressClass: { enabled: true, isDefaultClass: false, name: className },
        providers: { kubernetesIngress: { enabled: true, ingressClass: className, publishedService: { enabled: true } } },
        ports: { web: { http: { redirections: { entryPoint: { to: 'websecure', scheme: 'https', permanent: true } } } } },
        service: { annotations: { ...props.entryPoint.serviceAnnotations }, spec },
      };
    });
    this.className = installed.className;
    this.values = installed.values;
    this.release = installed.release;
    this.namespace = installed.namespace;
    this.ingressAnnotations = installed.ingressAnnotations;
  }
}
