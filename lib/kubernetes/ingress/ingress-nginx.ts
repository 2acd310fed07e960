import { Release } from '@cdktf/provider-helm/lib/release';
import { Construct } from 'constructs';
import { dependablesInStack } from '../../core/dependencies';
import { DocumentObject } from '../../core/document';
import { checkInt, checkKubernetesName } from '../../core/validation';
import { AppNamespace } from '../namespace';
import { checkChartVersion, helmValues } from '../values';
import { INGRESS_CONTROLLER_DEFAULTS, IngressController, IngressControllerProps } from './types';

/** Last ingress-nginx chart version (controller v1.15.1). The project is retired: no further security fixes. */
export const INGRESS_NGINX_CHART_VERSION = '4.15.1';
export const INGRESS_NGINX_CHART_REPOSITORY = 'https://kubernetes.github.io/ingress-nginx';

/**
 * ingress-nginx, for parity with existing installs and Spacelift's own guide. Prefer Traefik for new installs: the
 * Kubernetes project retired ingress-nginx in March 2026.
 */
export class IngressNginxController extends Construct implements IngressController {
  public readonly className: string;
  public readonly ingressAnnotations: { readonly [key: string]: string };
  public readonly release: Release;
  public readonly values: DocumentObject;

  public constructor(scope: Construct, id: string, props: IngressControllerProps) {
    super(scope, id);
    this.className = checkKubernetesName(this, 'className', props.className ?? INGRESS_CONTROLLER_DEFAULTS['ingress-nginx'].className);
    const replicas = checkInt(this, 'replicas', props.replicas ?? 2, 1, 20);
    const version = checkChartVersion(this, 'chartVersion', props.chartVersion ?? INGRESS_NGINX_CHART_VERSION);
    const ns = new AppNamespace(this, 'namespace', { name: props.namespace ?? INGRESS_CONTROLLER_DEFAULTS['ingress-nginx'].namespace, dependsOn: props.dependsOn });

    const service: Record<string, unknown> = {
      annotations: { ...props.entryPoint.serviceAnnotations },
      // Keeps client addresses; on Azure it also makes the load balancer probe each node's /healthz itself.
      externalTrafficPolicy: 'Local',
    };
    if (props.entryPoint.loadBalancerIp !== undefined) service.loadBalancerIP = props.entryPoint.loadBalancerIp;
    this.values = {
      controller: {
        replicaCount: replicas,
        minAvailable: 1,
        ingressClass: this.className,
        ingressClassResource: { enabled: true, default: false, name: this.className },
        publishService: { enabled: true },
        service: service as DocumentObject,
      },
      rbac: { create: true },
    };
    this.release = new Release(this, 'release', {
      name: 'ingress-nginx',
      namespace: ns.name,
      repository: INGRESS_NGINX_CHART_REPOSITORY,
      chart: 'ingress-nginx',
      version,
      atomic: true,
      cleanupOnFail: true,
      wait: true,
      timeout: 600,
      maxHistory: 10,
      values: helmValues(this, 'values', this.values),
      dependsOn: [...props.dependsOn, ...dependablesInStack(this, props.entryPoint.dependables)],
    });
    this.ingressAnnotations = INGRESS_CONTROLLER_DEFAULTS['ingress-nginx'].appAnnotations;
  }
}
