import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AppRelease } from '../../lib/kubernetes/app-release';
import { CertManager } from '../../lib/kubernetes/cert-manager';
import { DatabaseBootstrap } from '../../lib/kubernetes/database-bootstrap';
import { DatabaseBootstrapSpec } from '../../lib/kubernetes/database-bootstrap-sql';
import { IngressController, createIngressController } from '../../lib/kubernetes/ingress';
import { AppNamespace } from '../../lib/kubernetes/namespace';
import { KubernetesProviders } from '../../lib/kubernetes/providers';
import { AppSecrets } from '../../lib/kubernetes/secrets';
import { configureBackend } from './backend';
import { SpaceliftGkeConfig } from './config';
import { SpaceliftGkeInfraStack } from './infra-stack';

/**
 * `<name>-gke-platform`: everything inside the cluster, applied after the infra stack and destroyed before it. The
 * kubernetes and helm providers read the cluster's endpoint and CA when Terraform runs (a data source in this stack)
 * and use the access token of the application-default credentials the google provider runs with
 * (`data.google_client_config`); the Secrets and values come from the infra stack's published documents.
 */
export class SpaceliftGkePlatformStack extends TerraformStack {
  /** The ingress controller. */
  public readonly ingress: IngressController;
  /** cert-manager and its ClusterIssuers. */
  public readonly certManager: CertManager;
  /** The namespace Spacelift runs in. */
  public readonly namespace: AppNamespace;
  /** Spacelift's Kubernetes Secrets. */
  public readonly secrets: AppSecrets;
  /** With `postgres.iamAuth`: the Job that grants the IAM database user what Spacelift's migrations need. */
  public readonly databaseBootstrap?: DatabaseBootstrap;
  /** The Spacelift Helm release. */
  public readonly app: AppRelease;

  public constructor(scope: Construct, id: string, config: SpaceliftGkeConfig, infra: SpaceliftGkeInfraStack) {
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

    this.namespace = new AppNamespace(this, 'namespace', { name: infra.rendered.secrets[0]!.namespace, dependsOn: onCluster });
    this.secrets = new AppSecrets(this, 'secrets', { namespace: this.namespace, secrets: infra.secrets, dependsOn: onCluster });
    const admin = infra.postgres.adminConnection;
    if (admin !== undefined) {
      // Runs as pgadmin over the instance's private IP with TLS. The instance, the database and both users are in the
      // infra stack, which cdktf applies first; the cluster and the namespace are waited for here.
      this.databaseBootstrap = new DatabaseBootstrap(this, 'database-bootstrap', {
        admin,
        namespace: this.namespace,
        spec: spaceliftIamUserGrants(infra.postgres.username, infra.postgres.database),
        dependsOn: onCluster,
      });
    }
    this.app = new AppRelease(this, 'spacelift', {
      name: infra.rendered.releaseName,
      chart: infra.rendered.chart,
      namespace: this.namespace,
      values: infra.helmValues,
      dependsOn: [
        ...onCluster,
        ...this.secrets.secrets,
        this.ingress.release,
        this.certManager.issuersRelease,
        ...(this.databaseBootstrap ? [this.databaseBootstrap.job] : []),
      ],
    });
  }
}

/**
 * What Spacelift's migrations need from the Cloud SQL IAM user it logs in as, which Cloud SQL creates with no
 * privileges: CREATEROLE and every privilege on its database (Spacelift's GKE guide, "Configure database"), plus
 * USAGE and CREATE on the `public` schema, which PostgreSQL 15 and later no longer give to every role. The IAM user is
 * an existing role: nothing of it is taken away (it stays in Cloud SQL's `cloudsqliamserviceaccount` role).
 */
export function spaceliftIamUserGrants(iamUser: string, database: string): DatabaseBootstrapSpec {
  return {
    roles: [{ name: iamUser, existing: true, attributes: ['CREATEROLE'] }],
    databases: [{ name: database }],
    grants: [{ role: iamUser, database, databasePrivileges: ['ALL'], schemas: [{ schema: 'public', privileges: ['USAGE', 'CREATE'] }] }],
  };
}
