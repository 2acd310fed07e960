import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { TlsProvider } from '@cdktf/provider-tls/lib/provider';
import { TerraformLocal, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AppIngressSettings, AppProfile, AppRequirements, RenderedApp, appConfigOf } from '../../lib/apps/profile';
import { PublishedSecret } from '../../lib/core/document';
import { PostgresDatabase } from '../../lib/core/postgres';
import { GCP_NAMES, UNIQUE_SUFFIX_LENGTH, checkDeploymentName, checkName } from '../../lib/core/naming';
import { ValidationError, checkDomain, checkNamespace, isUnresolved } from '../../lib/core/validation';
import { GkeCluster } from '../../lib/gcp/cluster';
import { GcpDnsRecord } from '../../lib/gcp/dns';
import { GcsHmacKey } from '../../lib/gcp/hmac-key';
import { GcpWorkloadIdentity } from '../../lib/gcp/identity';
import { checkGcpLabels } from '../../lib/gcp/labels';
import { GcpNetwork } from '../../lib/gcp/network';
import { CloudSqlPostgres } from '../../lib/gcp/postgres';
import { checkGcpRegion } from '../../lib/gcp/regions';
import { ArtifactRegistry } from '../../lib/gcp/registry';
import { GKE_DEPLOYMENT_APIS, GcpProjectServices } from '../../lib/gcp/services';
import { GcpStaticIp } from '../../lib/gcp/static-ip';
import { GcsBuckets } from '../../lib/gcp/storage';
import { CLOUD_SQL_POSTGRES_MAJORS, GkeReleaseChannel } from '../../lib/gcp/versions';
import { INGRESS_CONTROLLER_DEFAULTS } from '../../lib/kubernetes/ingress/types';
import { AppInfraSecrets, appDatabaseBackup, escrowAppSecrets, needsEscrow, provisionAppSecrets } from '../app-infra';
import { GcpSecretEscrow } from '../../lib/gcp/secret-escrow';
import { publishAppOutputs } from '../app-outputs';
import { needsDatabaseBootstrap } from '../app-platform';
import { BuildableRequirement, checkBuildable, defaultPostgresMajor, checkHostsInZone } from '../app-requirements';
import { configureBackend } from './backend';
import { GkeCloudConfig } from './config';
import { readsNoOtherStack } from '../../lib/core/preparing-pass';

/**
 * `<name>-gke-infra`: every Google Cloud resource an app profile needs on GKE, and the three outputs for people who
 * install by hand: `shell` (export lines), `kubernetes_secrets` (YAML Secrets) and `helm_values` (YAML values).
 * Once the pair exists, `publishInstallCommands` (index.ts) adds `install_commands`, built from the platform stack.
 * The database server allows at least the connections the app declares (`minConnections`; Cloud SQL's default for the
 * default tier, 7.5 GiB, is 400, and smaller tiers get the flag raised). `C` is the type of the app's config section.
 *
 * Beyond the workload-identity buckets and the app's login, it builds what {@link GKE_BUILT_REQUIREMENTS} lists:
 * buckets reached with static S3 keys (one HMAC key of a dedicated service account, {@link GcsHmacKey}), database
 * roles, extensions and a collation (the passwords here, the roles by the platform stack's bootstrap Job, which
 * connects as the admin login, `adminDatabase`), and a message bus (the users' passwords here, RabbitMQ in the
 * platform stack).
 */
export class GkeInfraStack<C = unknown> extends TerraformStack {
  /** The app this stack provisions. */
  public readonly app: AppProfile<C>;
  /** The app's config section. */
  public readonly appConfig: C;
  /** What the app needs, as provisioned here. */
  public readonly requirements: AppRequirements;
  /** Namespace of the app's release. */
  public readonly appNamespace: string;
  /** Workload Identity of each of the app's service accounts, by service account name. */
  public readonly serviceAccountIdentities: { readonly [serviceAccount: string]: GcpWorkloadIdentity };
  /** The Google Cloud project. */
  public readonly project: string;
  /** The region. */
  public readonly region: string;
  /** The project services (APIs) the stack turns on. */
  public readonly services: GcpProjectServices;
  /** The network and subnetwork. */
  public readonly network: GcpNetwork;
  /** The GKE cluster. */
  public readonly cluster: GkeCluster;
  /** The regional address the ingress controller is reached at. */
  public readonly entryPoint: GcpStaticIp;
  /** The GCS buckets. */
  public readonly storage: GcsBuckets;
  /** The Cloud SQL instance, when the app needs PostgreSQL. @default none */
  public readonly postgres?: CloudSqlPostgres;
  /** The Artifact Registry repository for the app's images. */
  public readonly registry: ArtifactRegistry;
  /** The HMAC key over the buckets the app reaches with static S3 keys, when it has any. */
  public readonly s3Api?: GcsHmacKey;
  /** The passwords of the app's database roles and message bus users (random_password), and its broker. */
  public readonly appSecrets: AppInfraSecrets;
  /**
   * The database as its admin login, when the app's database needs a bootstrap (roles, extensions or a collation): the
   * password user Cloud SQL puts in `cloudsqlsuperuser` (with IAM authentication `pgadmin`, otherwise the app's own
   * login), over the private IP with the instance's TLS settings. @default none
   */
  public readonly adminDatabase?: PostgresDatabase;
  /** The app's Secrets, values and shell variables, which the platform stack installs. */
  public readonly rendered: RenderedApp;
  /** How the app is exposed through the ingress controller (what the render step and the platform hook get). */
  public readonly appIngress: AppIngressSettings;
  /** The Secret documents, published once: the platform stack's Secrets and the YAML output both read them. */
  public readonly secrets: readonly PublishedSecret[];
  /** The Helm values document, published once. */
  public readonly helmValues: TerraformLocal;

  public constructor(scope: Construct, id: string, config: GkeCloudConfig, app: AppProfile<C>) {
    super(scope, id);
    // It makes values for the platform stack and reads none of another stack's (cdktf's preparing pass can skip it).
    readsNoOtherStack(this);
    this.app = app;
    const appConfig = appConfigOf(app, config);
    this.appConfig = appConfig;
    const name = checkDeploymentName(this, 'name', config.name ?? app.defaults.deploymentName);
    configureBackend(this, config);
    // Fields used by several constructs are checked here first, so the error names the config field.
    const project = checkProjectId(this, 'google.project', config.google.project);
    const region = checkGcpRegion(this, 'google.region', config.google.region);
    const labels = checkGcpLabels(this, 'google.labels', { 'managed-by': 'cdktf', app: app.name, deployment: name, ...config.google.labels });
    const namespace = checkNamespace(this, 'kubernetes.namespace', config.kubernetes.namespace ?? app.defaults.namespace);
    this.appNamespace = namespace;
    app.check?.(this, appConfig);
    const hostNames = app.hostNames(appConfig);
    const domain = checkDomain(this, `${app.configKey}.${app.domainField}`, hostNames[0]!.fqdn);
    const allowDestroy = config.allowDestroy ?? false;
    const requirements = app.requirements(appConfig, 'gcp', domain);
    checkBuildable(this, requirements, 'GKE', GKE_BUILT_REQUIREMENTS);
    this.requirements = requirements;
    this.project = project;
    this.region = region;

    new GoogleProvider(this, 'google', { project, region });
    new RandomProvider(this, 'random');
    if (requirements.providers?.includes('tls')) new TlsProvider(this, 'tls');

    // One random suffix for every globally unique name. Its id never changes: a new suffix renames (replaces) the
    // buckets and the database instance.
    const suffix = new StringResource(this, 'name-suffix', { length: UNIQUE_SUFFIX_LENGTH, lower: true, numeric: true, upper: false, special: false });

    this.services = new GcpProjectServices(this, 'services', {
      project,
      services: [
        ...GKE_DEPLOYMENT_APIS,
        ...(config.dns ? ['dns.googleapis.com'] : []),
        ...(needsEscrow(requirements) ? ['secretmanager.googleapis.com'] : []),
      ],
    });
    const apis = (...names: string[]) => this.services.on(...names.map((n) => `${n}.googleapis.com`));

    this.network = new GcpNetwork(this, 'network', {
      project,
      region,
      name,
      ...config.network,
      labels,
      dependsOn: apis('compute', 'servicenetworking'),
    });

    this.cluster = new GkeCluster(this, 'cluster', {
      project,
      network: this.network,
      name: `${name}-gke`,
      ...config.cluster,
      // A string in the config; the construct checks it against the channels GKE offers.
      releaseChannel: config.cluster.releaseChannel as GkeReleaseChannel | undefined,
      allowDestroy,
      labels,
      dependsOn: apis('container', 'iam', 'cloudresourcemanager'),
    });

    this.storage = new GcsBuckets(this, 'storage', {
      project,
      location: region,
      namePrefix: name,
      suffix: suffix.result,
      buckets: requirements.buckets,
      ...config.storage,
      allowDestroy,
      labels,
      dependsOn: apis('storage'),
    });

    const identities: Record<string, GcpWorkloadIdentity> = {};
    for (const sa of requirements.serviceAccounts) {
      identities[sa.name] = new GcpWorkloadIdentity(this, `${sa.id}-identity`, {
        project,
        accountId: `${name}-${sa.shortName ?? sa.name}`,
        // Read from the cluster: the pool exists only once a cluster with Workload Identity does.
        workloadPool: this.cluster.workloadPool,
        serviceAccount: { namespace, name: sa.name },
        // Apps that hand out signed URLs (uploads, run workspaces) sign through the IAM API, without a key.
        signsUrls: sa.signsUrls,
        dependsOn: apis('iam', 'iamcredentials'),
      });
      // Object access on these buckets only: no bucket settings, no IAM, nothing project-wide.
      this.storage.grant(sa.id, identities[sa.name]!.member);
    }
    this.serviceAccountIdentities = identities;

    // Buckets the app reaches with static S3 keys: one HMAC key of a service account of their own, with an object
    // role on those buckets only. CORS stays the buckets' (BucketSpec cors, set by Terraform above).
    const keyed = requirements.buckets.filter((b) => b.access === 's3-static-keys').map((b) => b.purpose);
    if (keyed.length > 0) {
      this.s3Api = new GcsHmacKey(this, 's3-api-key', {
        project,
        accountId: `${name}-s3-api`,
        storage: this.storage,
        purposes: keyed,
        dependsOn: apis('iam', 'storage'),
      });
    }
    this.appSecrets = provisionAppSecrets(this, requirements, namespace);
    // Secrets whose loss loses the app's data: a copy in Secret Manager (deletion protection).
    const escrowedSecrets = escrowAppSecrets(requirements, this.appSecrets, (secret, value) =>
      new GcpSecretEscrow(this, `${secret.name}-escrow`, { project, secretId: `${name}-${secret.name}`, value, labels, allowDestroy, dependsOn: apis('secretmanager') }),
    );
    const loginAccount = requirements.serviceAccounts.find((sa) => sa.databaseLogin);
    const loginIdentity = loginAccount === undefined ? undefined : identities[loginAccount.name];

    const pgRequirement = requirements.postgres;
    const pg = config.postgres ?? {};
    const { iamAuth, cloudSqlProxyImage, ...pgProps } = pg;
    if (pgRequirement === undefined) {
      if (config.postgres !== undefined) throw new ValidationError(this, 'postgres', 'set', `nothing: ${app.title} needs no PostgreSQL server`);
    } else {
      const pgVersion = pg.version ?? defaultPostgresMajor(pgRequirement.supportedMajorVersions, CLOUD_SQL_POSTGRES_MAJORS);
      if (!pgRequirement.supportedMajorVersions.includes(pgVersion)) {
        throw new ValidationError(this, 'postgres.version', pgVersion, `a PostgreSQL major ${app.title} supports: ${pgRequirement.supportedMajorVersions.join(', ')}`);
      }
      if (pg.cloudSqlProxyImage !== undefined && !pg.iamAuth) {
        throw new ValidationError(this, 'postgres.cloudSqlProxyImage', pg.cloudSqlProxyImage, 'nothing unless postgres.iamAuth is on (the proxy only runs with IAM authentication)');
      }
      if (pg.tlsMode !== undefined && pg.iamAuth) {
        throw new ValidationError(this, 'postgres.tlsMode', pg.tlsMode, 'nothing with postgres.iamAuth (the Cloud SQL Auth Proxy holds the TLS connection)');
      }
      if (pg.iamAuth && (loginIdentity === undefined || pgRequirement.loginGrants === undefined)) {
        throw new ValidationError(this, 'postgres.iamAuth', pg.iamAuth, `false: ${app.title} declares no service account and grants for an IAM database login`);
      }
      const postgres = new CloudSqlPostgres(this, 'postgres', {
        project,
        network: this.network,
        instanceName: `${name}-pg-${suffix.result}`,
        databaseName: pgRequirement.databaseName,
        username: pgRequirement.login ?? pgRequirement.databaseName,
        collation: pgRequirement.collation,
        ...pgProps,
        version: pgVersion,
        minConnections: pgRequirement.minConnections,
        iamAuth: iamAuth ? { serviceAccountEmail: loginIdentity!.email, serviceAccountMember: loginIdentity!.member } : undefined,
        allowDestroy,
        labels,
        dependsOn: apis('sqladmin'),
      });
      this.postgres = postgres;
      // The bootstrap connects as a member of cloudsqlsuperuser, which owns the database Cloud SQL created (so, on
      // PostgreSQL 15, the schema public through pg_database_owner): it creates the roles and extensions, and the app's
      // migrations, run as the same login, create and grant in public.
      if (needsDatabaseBootstrap(requirements)) this.adminDatabase = postgres.adminConnection ?? postgres;
    }

    this.registry = new ArtifactRegistry(this, 'registry', {
      project,
      location: region,
      repositoryId: name,
      ...config.registry,
      // The nodes pull the images (and the launcher image for runs in the cluster); nobody else reads by default.
      readers: { nodes: this.cluster.nodeServiceAccountMember },
      labels,
      dependsOn: apis('artifactregistry'),
    });

    this.entryPoint = new GcpStaticIp(this, 'ingress-ip', { project, region, name: `${name}-ingress`, labels, dependsOn: apis('compute') });

    if (config.dns) {
      checkHostsInZone(this, hostNames, config.dns.zoneDnsName, 'dns.zoneDnsName');
      // Every host name points at the one ingress address.
      for (const host of hostNames) {
        new GcpDnsRecord(this, host.id, {
          managedZone: config.dns.managedZone,
          zoneDnsName: config.dns.zoneDnsName,
          project: config.dns.project,
          fqdn: host.fqdn,
          ipAddress: this.entryPoint.ipAddress,
          ttl: config.dns.ttl,
        });
      }
    }

    const ingressKind = config.kubernetes.ingress?.controller ?? 'traefik';
    this.appIngress = {
      className: config.kubernetes.ingress?.className ?? INGRESS_CONTROLLER_DEFAULTS[ingressKind].className,
      annotations: INGRESS_CONTROLLER_DEFAULTS[ingressKind].appAnnotations,
      grpcBackend: INGRESS_CONTROLLER_DEFAULTS[ingressKind].grpcBackend,
      clusterIssuer: config.kubernetes.certManager.issuer ?? 'letsencrypt-prod',
    };
    this.rendered = app.render(this, appConfig, 'gcp', {
      deploymentName: name,
      namespace,
      requirements,
      registry: this.registry,
      objectStore: this.storage,
      database: this.postgres,
      identities,
      keys: {},
      entryPoint: this.entryPoint,
      databaseProxy: iamAuth && this.postgres !== undefined ? { connectionName: this.postgres.connectionName, image: cloudSqlProxyImage } : undefined,
      ingress: this.appIngress,
      allowDestroy,
      s3Api: this.s3Api,
      messageBus: this.appSecrets.messageBus,
      databaseRoles: this.appSecrets.databaseRoles,
      generatedSecrets: this.appSecrets.generatedSecrets,
      escrowedSecrets,
      databaseBackup: appDatabaseBackup(this, requirements, this.storage),
    });

    // Published once: the platform stack's Secrets and release and the three outputs read the same locals.
    const serviceAccountEmails: Record<string, string> = {};
    for (const sa of requirements.serviceAccounts) {
      serviceAccountEmails[`${(sa.shortName ?? sa.name).toUpperCase().replace(/-/g, '_')}_SERVICE_ACCOUNT_EMAIL`] = identities[sa.name]!.email;
    }
    const published = publishAppOutputs(this, app, this.rendered, {
      GCP_PROJECT: project,
      GCP_REGION: region,
      GKE_CLUSTER_NAME: this.cluster.name,
      PUBLIC_IP_ADDRESS: this.entryPoint.ipAddress,
      PUBLIC_IP_NAME: this.entryPoint.name,
      ARTIFACT_REGISTRY_HOST: this.registry.host,
      ARTIFACT_REGISTRY_REPOSITORY: this.registry.loginServer,
      ...(this.postgres === undefined ? {} : { DATABASE_CONNECTION_NAME: this.postgres.connectionName, POSTGRES_PRIVATE_IP: this.postgres.privateIpAddress }),
      ...serviceAccountEmails,
    });
    this.secrets = published.secrets;
    this.helmValues = published.helmValues;
    new TerraformOutput(this, 'cluster_name', { value: this.cluster.name });
    new TerraformOutput(this, 'cluster_location', { value: this.cluster.location });
    new TerraformOutput(this, 'public_ip_address', { value: this.entryPoint.ipAddress });
    new TerraformOutput(this, 'registry_login_server', { value: this.registry.loginServer });
    if (this.postgres !== undefined) new TerraformOutput(this, 'database_connection_name', { value: this.postgres.connectionName });
    // With IAM authentication the pgadmin password reaches only the platform stack's database-bootstrap Job (through
    // a sensitive cross-stack reference); no output of its own exposes it.
  }
}

/** The requirement fields the GKE pair builds (see `checkBuildable` in stacks/app-requirements.ts). */
export const GKE_BUILT_REQUIREMENTS: readonly BuildableRequirement[] = [
  'buckets.access',
  'messageBus',
  'postgres.roles',
  'postgres.extensions',
  'postgres.collation',
  'generatedSecrets',
  'generatedSecrets.escrow',
  'databaseBackup',
  'storageClass',
];


/** A project id: Google's format, and none of the words Google reserves ("google", "ssl"). */
function checkProjectId(scope: Construct, field: string, value: string): string {
  checkName(scope, field, value, GCP_NAMES.project);
  if (!isUnresolved(value) && /google|ssl/.test(value)) {
    throw new ValidationError(scope, field, value, 'a project id without "google" or "ssl" (Google reserves them), 6-30 lower-case letters, digits and "-"');
  }
  return value;
}
