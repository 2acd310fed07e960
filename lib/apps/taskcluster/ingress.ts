import type { IngressV1 } from '@cdktf/provider-kubernetes/lib/ingress-v1';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { lazyModule } from '../../core/lazy-module';
import { checkDomain, checkKubernetesName } from '../../core/validation';
import { AppNamespace } from '../../kubernetes/namespace';
import { AppIngressSettings } from '../profile';
import { TASKCLUSTER_INGRESS_ROUTES } from './chart';
import { TASKCLUSTER_TLS_SECRET } from './profile';

const ingressV1 = lazyModule(() => require('@cdktf/provider-kubernetes/lib/ingress-v1') as typeof import('@cdktf/provider-kubernetes/lib/ingress-v1'));

/** Properties of {@link TaskclusterIngress}. */
export interface TaskclusterRoutesProps {
  /** The host of the deployment's root URL. */
  readonly host: string;
  /** Namespace of the release. */
  readonly namespace: AppNamespace;
  /** The ingress controller's class and annotations, and the ClusterIssuer of the certificate. */
  readonly ingress: AppIngressSettings;
  /** What it must wait for (the release's services need not exist; the cluster and the namespace must). */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * Taskcluster's routes under its root URL, through the chosen ingress controller with a cert-manager certificate.
 * The chart's own Ingress names its class only by the legacy nginx annotation (or renders GCE's `/*` paths), so the
 * profile skips it and this one routes the same paths (`TASKCLUSTER_INGRESS_ROUTES`, read from the chart) to the
 * same Services, with `Prefix` paths any controller understands. `/subscription` carries GraphQL websockets, which
 * Traefik and ingress-nginx pass through without settings.
 */
export class TaskclusterIngress extends Construct {
  /** The Ingress. */
  public readonly ingress: IngressV1;

  public constructor(scope: Construct, id: string, props: TaskclusterRoutesProps) {
    super(scope, id);
    const host = checkDomain(this, 'host', props.host);
    checkKubernetesName(this, 'ingress.className', props.ingress.className);
    checkKubernetesName(this, 'ingress.clusterIssuer', props.ingress.clusterIssuer);
    this.ingress = new (ingressV1().IngressV1)(this, 'ingress', {
      metadata: {
        name: 'taskcluster',
        namespace: props.namespace.name,
        labels: { 'app.kubernetes.io/name': 'taskcluster', 'app.kubernetes.io/managed-by': 'cdktf' },
        annotations: { ...props.ingress.annotations, 'cert-manager.io/cluster-issuer': props.ingress.clusterIssuer },
      },
      spec: {
        ingressClassName: props.ingress.className,
        tls: [{ hosts: [host], secretName: TASKCLUSTER_TLS_SECRET }],
        rule: [
          {
            host,
            http: {
              path: TASKCLUSTER_INGRESS_ROUTES.map((r) => ({ path: r.path, pathType: 'Prefix', backend: { service: { name: r.service, port: { number: 80 } } } })),
            },
          },
        ],
      },
      // The Services come with the release, which waits for this: the controller routes once they exist.
      waitForLoadBalancer: false,
      dependsOn: [...props.dependsOn],
    });
  }
}
