import { ITerraformDependable, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EbsStorageClass } from '../../lib/aws/ebs-storage-class';
import { DatabaseBootstrap } from '../../lib/kubernetes/database-bootstrap';
import { AppRelease } from '../../lib/kubernetes/app-release';
import { CertManager } from '../../lib/kubernetes/cert-manager';
import { IngressController, createIngressController } from '../../lib/kubernetes/ingress';
import { AppNamespace } from '../../lib/kubernetes/namespace';
import { KubernetesProviders } from '../../lib/kubernetes/providers';
import { RabbitMqApiUsers } from '../../lib/kubernetes/rabbitmq/api-users';
import { RabbitMqCluster } from '../../lib/kubernetes/rabbitmq/cluster';
import { AppSecrets } from '../../lib/kubernetes/secrets';
import { configureBackend } from './backend';
import { buildAfterRelease, buildAppPlatform } from '../app-platform';
import { EksCloudConfig } from './config';
import { EksInfraStack, awsProvider, needsBlockStorage } from './infra-stack';

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
  /** What the app's profile built after its release (e.g. a database backup schedule Job). @default none */
  public readonly afterRelease: readonly ITerraformDependable[];
  /** The default StorageClass (encrypted gp3 EBS), when the app runs something with persistent volumes (a message bus). */
  public readonly storageClass?: EbsStorageClass;
  /** The database bootstrap Job, when the app's database needs roles, extensions or a collation. */
  public readonly databaseBootstrap?: DatabaseBootstrap;
  /** The in-cluster message bus, when the app needs one (and it is not on Amazon MQ). */
  public readonly messageBus?: RabbitMqCluster;
  /** The Job that creates the app's users on Amazon MQ, with `messageBus.provider: amazon-mq`. */
  public readonly messageBusUsers?: RabbitMqApiUsers;

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

    this.namespace = new AppNamespace(this, 'namespace', { name: infra.appNamespace, dependsOn: onCluster });
    this.secrets = new AppSecrets(this, 'secrets', { namespace: this.namespace, secrets: infra.secrets, dependsOn: onCluster });
    // The message bus's volumes claim the default class: it exists before them and goes after them.
    let inCluster: readonly ITerraformDependable[] = onCluster;
    if (needsBlockStorage(infra.requirements, infra.amazonMq !== undefined)) {
      // The app's own class when it asks for one (its name, a retained database), otherwise the default gp3 class.
      const wanted = infra.requirements.storageClass;
      this.storageClass = new EbsStorageClass(this, 'storage-class', { kmsKeyArn: infra.dataKey.arn, name: wanted?.name, reclaimPolicy: wanted?.reclaimPolicy, dependsOn: onCluster });
      inCluster = [...onCluster, this.storageClass.storageClass];
    }
    const appPlatform = buildAppPlatform(this, infra, this.namespace, inCluster, infra.appIngress, [this.certManager.release, this.certManager.issuersRelease]);
    this.databaseBootstrap = appPlatform.databaseBootstrap;
    this.messageBus = appPlatform.messageBus;
    this.messageBusUsers = appPlatform.messageBusUsers;
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
        ...appPlatform.releaseDependencies,
      ],
    });
    this.afterRelease = buildAfterRelease(this, infra, this.namespace, this.app.release, onCluster);
  }
}
