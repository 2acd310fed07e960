import { Release } from '@cdktf/provider-helm/lib/release';
import { Construct } from 'constructs';
import { DocumentObject } from '../../core/document';
import { AppNamespace } from '../namespace';
import { installIngressController } from './install';
import { IngressController, IngressControllerProps } from './types';

/** Last ingress-nginx chart version (controller v1.15.1). The project is retired: no further security fixes. */
export const INGRESS_NGINX_CHART_VERSION = '4.15.1';
/** Helm repository of the ingress-nginx chart. */
export const INGRESS_NGINX_CHART_REPOSITORY = 'https://kubernetes.github.io/ingress-nginx';
/**
 * Port of the controller's validating admission webhook inside its pod (the chart's default is 8443). On private GKE
 * clusters the control plane may reach the nodes' pods only on 443 and 10250 (GKE's own firewall rule), so a webhook on
 * 8443 times out and every Ingress is rejected (`failurePolicy: Fail`). 10250 is what cert-manager's webhook uses for
 * the same reason; the pod has its own network namespace (no `hostNetwork`), so the kubelet's port is not taken.
 */
export const INGRESS_NGINX_WEBHOOK_PORT = 10250;

/**
 * ingress-nginx, for parity with existing installs and Spacelift's own guide. Prefer Traefik for new installs: the
 * Kubernetes project retired ingress-nginx in March 2026.
 */
export class IngressNginxController extends Construct implements IngressController {
  public readonly className: string;
  public readonly ingressAnnotations: { readonly [key: string]: string };
  public readonly release: Release;
  /** The namespace the release goes to, created first. */
  public readonly namespace: AppNamespace;
  /** Values of the release, as a document. */
  public readonly values: DocumentObject;

  public constructor(scope: Construct, id: string, props: IngressControllerProps) {
    super(scope, id);
    const chart = { releaseName: 'ingress-nginx', chart: 'ingress-nginx', repository: INGRESS_NGINX_CHART_REPOSITORY, defaultVersion: INGRESS_NGINX_CHART_VERSION };
    const installed = installIngressController(this, 'ingress-nginx', props, chart, ({ className, replicas }) => {
      const service: Record<string, DocumentObject | string> = {
        annotations: { ...props.entryPoint.serviceAnnotations },
        // Keeps client addresses; on Azure it also makes the load balancer probe each node's /healthz itself.
        externalTrafficPolicy: 'Local',
      };
      if (props.entryPoint.loadBalancerIp !== undefined) service.loadBalancerIP = props.entryPoint.loadBalancerIp;
      return {
        controller: {
          replicaCount: replicas,
          minAvailable: 1,
          ingressClass: className,
          ingressClassResource: { enabled: true, default: false, name: className },
          publishService: { enabled: true },
          service,
          admissionWebhooks: { port: INGRESS_NGINX_WEBHOOK_PORT },
        },
        rbac: { create: true },
      };
    });
    this.className = installed.className;
    this.values = installed.values;
    this.release = installed.release;
    this.namespace = installed.namespace;
    this.ingressAnnotations = installed.ingressAnnotations;
  }
}
