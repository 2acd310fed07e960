import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ITerraformDependable, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AppPlatform, buildAfterRelease, buildAppPlatform } from '../app-platform';
import { CertManager } from '../../lib/kubernetes/cert-manager';
import { DatabaseBootstrap } from '../../lib/kubernetes/database-bootstrap';
import { AppRelease } from '../../lib/kubernetes/app-release';
import { IngressController, createIngressController } from '../../lib/kubernetes/ingress';
import { KubernetesProviders } from '../../lib/kubernetes/providers';
import { AppNamespace } from '../../lib/kubernetes/namespace';
import { RabbitMqCluster } from '../../lib/kubernetes/rabbitmq/cluster';
import { S3Gateway } from '../../lib/kubernetes/s3-gateway/s3proxy';
import { AppSecrets } from '../../lib/kubernetes/secrets';
import { ZonalStorageClass } from '../../lib/kubernetes/storage-class';
import { configureBackend } from './backend';
import { AksCloudConfig } from './config';
import { AksInfraStack } from './infra-stack';
import { buildS3Gateway } from './s3-gateway';
import { subscriptionIdFor } from './subscription';

/**
 * `<name>-aks-platform`: everything inside the cluster for the infra stack's app, applied after the infra stack and destroyed before it. The
 * kubernetes and helm providers read the cluster's credentials when Terraform runs (a data source in this stack, or
 * kubelogin with Entra ID); the Secrets and values come from the infra stack's published documents.
 */
export class AksPlatformStack<C = unknown> extends TerraformStack {
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
  /** What the app's profile built after its release (e.g. a database backup schedule Job). @default none */
  public readonly afterRelease: readonly ITerraformDependable[];
  /**
   * What the platform built for the app before its release: the database bootstrap Job and the message bus, when
   * the app needs them (stacks/app-platform.ts).
   */
  public readonly appPlatform: AppPlatform;
  /** The app's database bootstrap Job, when its database needs one (install_commands runs it too). @default none */
  public readonly databaseBootstrap?: DatabaseBootstrap;
  /** The app's in-cluster RabbitMQ, when it needs a message bus. @default none */
  public readonly messageBus?: RabbitMqCluster;
  /** The S3 gateway in the app's namespace, when a bucket of the app is reached with static S3 keys. @default none */
  public readonly s3Gateway?: S3Gateway;
  /** The StorageClass of the app's requirements (Azure managed disks, retained), when it asks for one. @default none */
  public readonly storageClass?: ZonalStorageClass;

  public constructor(scope: Construct, id: string, config: AksCloudConfig, infra: AksInfraStack<C>) {
    super(scope, id);
    const subscriptionId = subscriptionIdFor(this, config);
    configureBackend(this, config);
    new AzurermProvider(this, 'azurerm', { features: [{}], subscriptionId });
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

    this.namespace = new AppNamespace(this, 'namespace', { name: infra.appNamespace, dependsOn: onCluster });
    this.secrets = new AppSecrets(this, 'secrets', { namespace: this.namespace, secrets: infra.secrets, dependsOn: onCluster });
    if (infra.s3Gateway !== undefined) {
      this.s3Gateway = buildS3Gateway(this, infra.s3Gateway, {
        namespace: this.namespace,
        ingress: this.ingress,
        controllerKind: ingressConfig.controller ?? 'traefik',
        // The Ingress needs the controller's class and cert-manager's issuers; the identity's role is in the infra stack.
        dependsOn: [...onCluster, this.namespace.namespace, this.ingress.release, this.certManager.issuersRelease],
      });
    }
    // The app's database claims its volumes from this class: it exists before them and goes after them.
    let inCluster: readonly ITerraformDependable[] = onCluster;
    const storageClass = infra.requirements.storageClass;
    if (storageClass !== undefined) {
      // Premium SSD, locally redundant in the zone of the node the pod was scheduled on.
      this.storageClass = new ZonalStorageClass(this, 'storage-class', {
        name: storageClass.name,
        provisioner: 'disk.csi.azure.com',
        parameters: { skuName: 'Premium_LRS', cachingMode: 'ReadOnly' },
        reclaimPolicy: storageClass.reclaimPolicy,
        dependsOn: onCluster,
      });
      inCluster = [...onCluster, this.storageClass.storageClass];
    }
    this.appPlatform = buildAppPlatform(this, infra, this.namespace, inCluster, infra.appIngress, [this.certManager.release, this.certManager.issuersRelease]);
    this.databaseBootstrap = this.appPlatform.databaseBootstrap;
    this.messageBus = this.appPlatform.messageBus;
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
        ...this.appPlatform.releaseDependencies,
        // The app reaches its static-key buckets through the gateway: it is rolled out first.
        ...(this.s3Gateway === undefined ? [] : [this.s3Gateway.deployment]),
      ],
    });
    this.afterRelease = buildAfterRelease(this, infra, this.namespace, this.app.release, onCluster);
  }
}
