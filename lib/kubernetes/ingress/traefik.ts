import { Release } from '@cdktf/provider-helm/lib/release';
import { Construct } from 'constructs';
import { dependablesInStack } from '../../core/dependencies';
import { DocumentObject } from '../../core/document';
import { checkInt, checkKubernetesName } from '../../core/validation';
import { AppNamespace } from '../namespace';
import { checkChartVersion, helmValues } from '../values';
import { INGRESS_CONTROLLER_DEFAULTS, IngressController, IngressControllerProps } from './types';

/** Traefik chart version this library is tested with (Traefik proxy v3.7). */
export const TRAEFIK_CHART_VERSION = '41.5.0';
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
  public readonly values: DocumentObject;

  public constructor(scope: Construct, id: string, props: IngressControllerProps) {
    super(scope, id);
    this.className = checkKubernetesName(this, 'className', props.className ?? INGRESS_CONTROLLER_DEFAULTS['traefik'].className);
    const replicas = checkInt(this, 'replicas', props.replicas ?? 2, 1, 20);
    const version = checkChartVersion(this, 'chartVersion', props.chartVersion ?? TRAEFIK_CHART_VERSION);
    const ns = new AppNamespace(this, 'namespace', { name: props.namespace ?? INGRESS_CONTROLLER_DEFAULTS['traefik'].namespace, dependsOn: props.dependsOn });

    const spec: Record<string, string> = { externalTrafficPolicy: 'Local' };
    if (props.entryPoint.loadBalancerIp !== undefined) spec.loadBalancerIP = props.entryPoint.loadBalancerIp;
    this.values = {
      deployment: { replicas },
      podDisruptionBudget: { enabled: replicas > 1, maxUnavailable: 1 },
      ingressClass: { enabled: true, isDefaultClass: false, name: this.className },
      providers: {
        kubernetesIngress: {
          enabled: true,
          ingressClass: this.className,
          publishedService: { enabled: true },
        },
      },
      ports: {
        web: { http: { redirections: { entryPoint: { to: 'websecure', scheme: 'https', permanent: true } } } },
      },
      service: {
        annotations: { ...props.entryPoint.serviceAnnotations },
        spec,
      },
    };
    this.release = new Release(this, 'release', {
      name: 'traefik',
      namespace: ns.name,
      repository: TRAEFIK_CHART_REPOSITORY,
      chart: 'traefik',
      version,
      atomic: true,
      cleanupOnFail: true,
      wait: true,
      timeout: 600,
      maxHistory: 10,
      values: helmValues(this, 'values', this.values),
      dependsOn: [...props.dependsOn, ...dependablesInStack(this, props.entryPoint.dependables)],
    });
    this.ingressAnnotations = INGRESS_CONTROLLER_DEFAULTS['traefik'].appAnnotations;
  }
}
