import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AppRelease } from '../../lib/kubernetes/app-release';
import { CertManager } from '../../lib/kubernetes/cert-manager';
import { IngressController, createIngressController } from '../../lib/kubernetes/ingress';
import { AppNamespace } from '../../lib/kubernetes/namespace';
import { KubernetesProviders } from '../../lib/kubernetes/providers';
import { AppSecrets } from '../../lib/kubernetes/secrets';
import { configureBackend } from './backend';
import { appReleaseDependencies } from '../app-platform';
import { EksCloudConfig } from './config';
import { EksInfraStack, awsProvider } from './infra-stack';

/**
 * `<name>-eks-platform`: everything inside the cluster for the infra stack's app, applied after the infra stack and destroyed before it. The
 * kubernetes and helm providers read the cluster's address from a data source in this stack and get short-lived tokens
 * from `aws eks get-token` when Terraform runs; the Secrets and values come from the infra stack's published documents.
 */
export class EksPlatformStack<C = unknown> extends TerraformStack {
  /** The ingress controller. */
  public readonly ingress: IngressController;
  /** cert-manager and its ClusterIssuers. */
  public readonly certManager: CertManager;
  /** The namespace the app runs in. */
  public readonly namespace: AppNamespace;
  /** The app's Kubernetes Secrets. */
  public readonly secrets: AppSecrets;
  /** The app's Helm release. */
  public readonly app: AppRelease;

  public constructor(scope: Construct, id: string, config: EksCloudConfig, infra: EksInfraStack<C>) {
    super(scope, id);
    configureBackend(this, config);
    awsProvider(this, config);
    const connection = infra.cluster.connect(this, 'cluster');
    new KubernetesProviders(this, 'providers', { connection });
    const onCluster = connection.dependsOn;

    const ingressConfig = config.kubernetes.ingress ?? {};
    this.ingress = createIngressController(this, 'ingress', ingressConfig.controller ?? 'traefik', {
      entryPoint: infra.entryPoint,
      dependsOn: onCluster,
      className: ingressConfig.className,
      namespace: ingressConfig.namespace,
      chartVersion: ingressConfig.chartVersion,
      replicas: ingressConfig.replicas,
    });

    this.certManager = new CertManager(this, 'cert-manager', {
      email: config.kubernetes.certManager.email,
      ingressClassName: this.ingress.className,
      namespace: config.kubernetes.certManager.namespace,
      chartVersion: config.kubernetes.certManager.chartVersion,
      dependsOn: onCluster,
    });

    this.namespace = new AppNamespace(this, 'namespace', { name: infra.rendered.secrets[0]!.namespace, dependsOn: onCluster });
    this.secrets = new AppSecrets(this, 'secrets', { namespace: this.namespace, secrets: infra.secrets, dependsOn: onCluster });
    this.app = new AppRelease(this, infra.app.name, {
      name: infra.rendered.releaseName,
      chart: infra.rendered.chart,
      namespace: this.namespace,
      values: infra.helmValues,
      dependsOn: [
        ...onCluster,
        ...this.secrets.secrets,
        this.ingress.release,
        this.certManager.issuersRelease,
        ...appReleaseDependencies(this, infra, this.namespace, onCluster),
      ],
    });
  }
}
