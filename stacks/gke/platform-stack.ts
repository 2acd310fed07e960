import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ITerraformDependable, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AppRelease } from '../../lib/kubernetes/app-release';
import { CertManager } from '../../lib/kubernetes/cert-manager';
import { DatabaseBootstrap } from '../../lib/kubernetes/database-bootstrap';
import { DatabaseBootstrapSpec } from '../../lib/kubernetes/database-bootstrap-sql';
import { IngressController, createIngressController } from '../../lib/kubernetes/ingress';
import { AppNamespace } from '../../lib/kubernetes/namespace';
import { KubernetesProviders } from '../../lib/kubernetes/providers';
import { RabbitMqCluster } from '../../lib/kubernetes/rabbitmq/cluster';
import { AppSecrets } from '../../lib/kubernetes/secrets';
import { ZonalStorageClass } from '../../lib/kubernetes/storage-class';
import { configureBackend } from './backend';
import { AppLoginGrants } from '../../lib/apps/profile';
import { buildAfterRelease, buildAppPlatform } from '../app-platform';
import { GkeCloudConfig } from './config';
import { GkeInfraStack } from './infra-stack';

/**
 * `<name>-gke-platform`: everything inside the cluster, applied after the infra stack and destroyed before it. The
 * kubernetes and helm providers read the cluster's endpoint and CA when Terraform runs (a data source in this stack)
 * and use the access token of the application-default credentials the google provider runs with
 * (`data.google_client_config`); the Secrets and values come from the infra stack's published documents.
 */
export class GkePlatformStack<C = unknown> extends TerraformStack {
  /** The ingress controller. */
  public readonly ingress: IngressController;
  /** cert-manager and its ClusterIssuers. */
  public readonly certManager: CertManager;
  /** The namespace the app runs in. */
  public readonly namespace: AppNamespace;
  /** The app's Kubernetes Secrets. */
  public readonly secrets: AppSecrets;
  /**
   * The database-bootstrap Job install_commands runs: with `postgres.iamAuth`, the one that grants the IAM database user
   * what the app declares it needs; otherwise the app's own (`appDatabaseBootstrap`), when it has one.
   */
  public readonly databaseBootstrap?: DatabaseBootstrap;
  /** The Job that creates the app's database roles and extensions and checks its collation, when the app needs them. */
  public readonly appDatabaseBootstrap?: DatabaseBootstrap;
  /** The in-cluster RabbitMQ in the app's namespace, when the app needs a message bus. */
  public readonly messageBus?: RabbitMqCluster;
  /** The app's Helm release. */
  public readonly app: AppRelease;
  /** What the app's profile built after its release (e.g. a database backup schedule Job). @default none */
  public readonly afterRelease: readonly ITerraformDependable[];
  /** The StorageClass of the app's requirements (persistent disks, retained), when it asks for one. @default none */
  public readonly storageClass?: ZonalStorageClass;

  public constructor(scope: Construct, id: string, config: GkeCloudConfig, infra: GkeInfraStack<C>) {
    super(scope, id);
    configureBackend(this, config);
    new GoogleProvider(this, 'google', { project: infra.project, region: infra.region });
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
    const postgres = infra.postgres;
    const admin = postgres?.adminConnection;
    let iamBootstrap: DatabaseBootstrap | undefined;
    if (postgres !== undefined && admin !== undefined) {
      // Runs as pgadmin over the instance's private IP with TLS. The instance, the database and both users are in the
      // infra stack, which cdktf applies first; the cluster and the namespace are waited for here.
      iamBootstrap = new DatabaseBootstrap(this, 'database-bootstrap', {
        admin,
        namespace: this.namespace,
        spec: iamLoginGrants(postgres.username, postgres.database, infra.requirements.postgres?.loginGrants ?? {}),
        dependsOn: onCluster,
      });
    }
    // The app's database bootstrap (as the admin login), its RabbitMQ, then the profile's own hook; the release waits
    // for all of them. The cluster's network policy enforcement (Dataplane V2 or Calico) applies the broker's policy.
    // The app's database claims its volumes from this class: it exists before them and goes after them.
    let inCluster: readonly ITerraformDependable[] = onCluster;
    const storageClass = infra.requirements.storageClass;
    if (storageClass !== undefined) {
      // Balanced persistent disks, zonal: in the zone of the node the pod was scheduled on.
      this.storageClass = new ZonalStorageClass(this, 'storage-class', {
        name: storageClass.name,
        provisioner: 'pd.csi.storage.gke.io',
        parameters: { type: 'pd-balanced' },
        reclaimPolicy: storageClass.reclaimPolicy,
        dependsOn: onCluster,
      });
      inCluster = [...onCluster, this.storageClass.storageClass];
    }
    const appPlatform = buildAppPlatform(this, infra, this.namespace, inCluster, infra.appIngress, [this.certManager.release, this.certManager.issuersRelease]);
    this.appDatabaseBootstrap = appPlatform.databaseBootstrap;
    this.messageBus = appPlatform.messageBus;
    this.databaseBootstrap = iamBootstrap ?? appPlatform.databaseBootstrap;
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
        ...(iamBootstrap ? [iamBootstrap.job] : []),
        ...appPlatform.releaseDependencies,
      ],
    });
    this.afterRelease = buildAfterRelease(this, infra, this.namespace, this.app.release, onCluster);
  }
}

/**
 * What an app's Cloud SQL IAM user needs, which Cloud SQL creates with no privileges: the attributes and the privileges
 * on its database and schemas the app declares ({@link AppLoginGrants}; PostgreSQL 15 and later no longer give every
 * role USAGE and CREATE on `public`). The IAM user is an existing role: nothing of it is taken away (it stays in Cloud
 * SQL's `cloudsqliamserviceaccount` role).
 */
export function iamLoginGrants(iamUser: string, database: string, grants: AppLoginGrants): DatabaseBootstrapSpec {
  return {
    roles: [{ name: iamUser, existing: true, attributes: grants.attributes }],
    databases: [{ name: database }],
    grants: [
      {
        role: iamUser,
        database,
        databasePrivileges: grants.databasePrivileges,
        schemas: grants.schemas?.map((s) => ({ schema: s.schema, privileges: s.privileges })),
      },
    ],
  };
}
