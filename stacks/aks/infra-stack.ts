import { AZURE_POSTGRES_MAJORS } from '../../lib/azure/versions';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { TlsProvider } from '@cdktf/provider-tls/lib/provider';
import { Fn, TerraformLocal, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AppIngressSettings, AppProfile, AppRequirements, RenderedApp, appConfigOf } from '../../lib/apps/profile';
import { AksCluster } from '../../lib/azure/cluster';
import { AzureDnsRecord } from '../../lib/azure/dns';
import { AzureWorkloadIdentity } from '../../lib/azure/identity';
import { AzureNetwork } from '../../lib/azure/network';
import { AzurePostgres } from '../../lib/azure/postgres';
import { AzureContainerRegistry } from '../../lib/azure/registry';
import { AzureResourceGroup } from '../../lib/azure/resource-group';
import { AzureSecretEscrow } from '../../lib/azure/secret-escrow';
import { AzureStaticIp } from '../../lib/azure/static-ip';
import { AzureBlobStorage } from '../../lib/azure/storage';
import { PublishedSecret } from '../../lib/core/document';
import { declarePolicyException } from '../../lib/core/policy-exceptions';
import { PostgresDatabase } from '../../lib/core/postgres';
import { PublicEntryPoint } from '../../lib/core/entry-point';
import { UNIQUE_SUFFIX_LENGTH, alphanumeric, checkDeploymentName } from '../../lib/core/naming';
import { ValidationError, checkDomain, checkNamespace } from '../../lib/core/validation';
import { INGRESS_CONTROLLER_DEFAULTS } from '../../lib/kubernetes/ingress/types';
import { AppInfraSecrets, appDatabaseBackup, escrowAppSecrets, provisionAppSecrets } from '../app-infra';
import { publishAppOutputs } from '../app-outputs';
import { BuildableRequirement, checkBuildable, defaultPostgresMajor, checkHostsInZone } from '../app-requirements';
import { configureBackend } from './backend';
import { AksCloudConfig } from './config';
import { AksS3GatewayPlan, planS3Gateway } from './s3-gateway';
import { subscriptionIdFor } from './subscription';
import { readsNoOtherStack } from '../../lib/core/preparing-pass';

/**
 * `<name>-aks-infra`: every cloud resource an app profile needs on AKS, and the three outputs for people who install
 * by hand: `shell` (export lines), `kubernetes_secrets` (YAML Secrets) and `helm_values` (YAML values).
 * Once the pair exists, `publishInstallCommands` (index.ts) adds `install_commands`, built from the platform stack.
 * `C` is the type of the app's config section.
 */
export class AksInfraStack<C = unknown> extends TerraformStack {
  /** The app this stack provisions. */
  public readonly app: AppProfile<C>;
  /** The app's config section. */
  public readonly appConfig: C;
  /** What the app needs, as provisioned here. */
  public readonly requirements: AppRequirements;
  /** Namespace of the app's release. */
  public readonly appNamespace: string;
  /** Cloud identity of each of the app's service accounts, by service account name. */
  public readonly serviceAccountIdentities: { readonly [serviceAccount: string]: AzureWorkloadIdentity };
  /** The AKS cluster. */
  public readonly cluster: AksCluster;
  /** The static IP the ingress controller is reached at. */
  public readonly entryPoint: PublicEntryPoint;
  /** The app's Secrets, values and shell variables, which the platform stack installs. */
  public readonly rendered: RenderedApp;
  /** The Secret documents, published once: the platform stack's Secrets and the YAML output both read them. */
  public readonly secrets: readonly PublishedSecret[];
  /** The Helm values document, published once. */
  public readonly helmValues: TerraformLocal;
  /** The resource group everything is created in. */
  public readonly resourceGroup: AzureResourceGroup;
  /** The container registry for the app's images. */
  public readonly registry: AzureContainerRegistry;
  /** The PostgreSQL flexible server, when the app needs one. @default none */
  public readonly postgres?: AzurePostgres;
  /** The storage account with the app's containers. */
  public readonly storage: AzureBlobStorage;
  /** The passwords of the app's database roles and message bus users, and the broker (stacks/app-infra.ts). */
  public readonly appSecrets: AppInfraSecrets;
  /** How the app is exposed through the ingress controller: what its render step and platform hook get. */
  public readonly appIngress: AppIngressSettings;
  /** The database as its administrator login (the server's admin, verify-full): the database bootstrap's connection. @default none (no PostgreSQL) */
  public readonly adminDatabase?: PostgresDatabase;
  /**
   * The S3 gateway's identity, key pair, host and DNS record, when a bucket of the app is reached with static S3 keys;
   * the platform stack runs the gateway (./s3-gateway.ts). @default none
   */
  public readonly s3Gateway?: AksS3GatewayPlan;

  public constructor(scope: Construct, id: string, config: AksCloudConfig, app: AppProfile<C>) {
    super(scope, id);
    // It makes values for the platform stack and reads none of another stack's (cdktf's preparing pass can skip it).
    readsNoOtherStack(this);
    this.app = app;
    const appConfig = appConfigOf(app, config);
    this.appConfig = appConfig;
    const name = checkDeploymentName(this, 'name', config.name ?? app.defaults.deploymentName);
    const subscriptionId = subscriptionIdFor(this, config);
    configureBackend(this, config);
    new AzurermProvider(this, 'azurerm', {
      features: [{ resourceGroup: [{ preventDeletionIfContainsResources: true }], storage: [{ dataPlaneAvailable: false }] }],
      subscriptionId,
      // Shared keys are off on the storage account: whatever the provider does on the data plane, it does with Entra ID.
      storageUseAzuread: true,
    });
    new RandomProvider(this, 'random');
    app.check?.(this, appConfig);
    const hostNames = app.hostNames(appConfig);
    // Fields used by several constructs are checked here first, so the error names the config field.
    const domainField = `${app.configKey}.${app.domainField}`;
    const requirements = app.requirements(appConfig, 'azure', hostNames[0]!.fqdn);
    this.requirements = requirements;
    if (requirements.providers?.includes('tls')) new TlsProvider(this, 'tls');

    const allowDestroy = config.allowDestroy ?? false;
    const namespace = checkNamespace(this, 'kubernetes.namespace', config.kubernetes.namespace ?? app.defaults.namespace);
    this.appNamespace = namespace;
    const tags = { 'managed-by': 'cdktf', app: app.name, deployment: name, ...config.azure.tags };
    checkDomain(this, domainField, hostNames[0]!.fqdn);
    checkBuildable(this, requirements, 'AKS', AKS_BUILT_REQUIREMENTS);

    // One random suffix for every globally unique name. Its id never changes: a new suffix renames (replaces) the
    // storage account, registry and database server.
    const suffix = new StringResource(this, 'name-suffix', { length: UNIQUE_SUFFIX_LENGTH, lower: true, numeric: true, upper: false, special: false });

    this.resourceGroup = new AzureResourceGroup(this, 'resource-group', {
      name: config.azure.resourceGroup ?? name,
      location: config.azure.location,
      existing: config.azure.existingResourceGroup,
      tags,
    });
    const rg = this.resourceGroup;
    const network = new AzureNetwork(this, 'network', { resourceGroup: rg, name, ...config.network, tags });

    this.cluster = new AksCluster(this, 'cluster', {
      resourceGroup: rg,
      network,
      name: `${name}-aks`,
      ...config.cluster,
      tags,
    });

    const { s3Gateway: s3GatewayConfig, ...storageConfig } = config.storage ?? {};
    // CockroachDB 22.2 reaches Azure Blob only with the account key: the account then accepts shared keys.
    const backupByKey = requirements.databaseBackup?.auth === 'storage-key';
    if (backupByKey && storageConfig.allowSharedKeyAccess === false) {
      throw new ValidationError(this, 'storage.allowSharedKeyAccess', false, `true or unset: ${app.title}'s database backups authenticate with the storage account's key`);
    }
    this.storage = new AzureBlobStorage(this, 'storage', {
      resourceGroup: rg,
      accountName: `${alphanumeric(name)}${suffix.result}`,
      containerPrefix: app.name,
      buckets: requirements.buckets,
      ...storageConfig,
      ...(backupByKey ? { allowSharedKeyAccess: true } : {}),
      allowDestroy,
      tags,
    });
    if (backupByKey) {
      declarePolicyException(
        this.storage.account,
        'AZ-ST-004',
        `${app.title}'s database (CockroachDB 22.2) writes its backups to Azure Blob only with the account key (no Entra ID or workload identity before 23.1); the account holds only the backup container and SAS tokens expire after a day`,
      );
    }

    const pgRequirement = requirements.postgres;
    if (pgRequirement === undefined) {
      if (config.postgres !== undefined) throw new ValidationError(this, 'postgres', 'set', `nothing: ${app.title} needs no PostgreSQL server`);
    } else {
      const pgVersion = config.postgres?.version ?? defaultPostgresMajor(pgRequirement.supportedMajorVersions, AZURE_POSTGRES_MAJORS);
      if (!pgRequirement.supportedMajorVersions.includes(pgVersion)) {
        throw new ValidationError(this, 'postgres.version', pgVersion, `a PostgreSQL major ${app.title} supports: ${pgRequirement.supportedMajorVersions.join(', ')}`);
      }
      this.postgres = new AzurePostgres(this, 'postgres', {
        resourceGroup: rg,
        network,
        serverName: `${name}-pg-${suffix.result}`,
        databaseName: pgRequirement.databaseName,
        collation: pgRequirement.collation,
        extensions: pgRequirement.extensions,
        ...config.postgres,
        version: pgVersion,
        allowDestroy,
        tags,
      });
    }

    this.registry = new AzureContainerRegistry(this, 'registry', {
      resourceGroup: rg,
      name: `${alphanumeric(name)}${suffix.result}`,
      ...config.registry,
      pullers: { kubelet: this.cluster.kubeletObjectId },
      tags,
    });

    const identities: Record<string, AzureWorkloadIdentity> = {};
    for (const sa of requirements.serviceAccounts) {
      identities[sa.name] = new AzureWorkloadIdentity(this, `${sa.id}-identity`, {
        resourceGroup: rg,
        name: `${name}-${sa.name}`,
        oidcIssuerUrl: this.cluster.oidcIssuerUrl,
        serviceAccount: { namespace, name: sa.name },
        // Blob data access on this one account only; the nodes get nothing.
        grants: { blob: { role: 'Storage Blob Data Contributor', scope: this.storage.accountId } },
        tags,
      });
    }
    this.serviceAccountIdentities = identities;

    const ip = new AzureStaticIp(this, 'ingress-ip', {
      resourceGroup: rg,
      name: `${name}-ingress`,
      clusterPrincipalId: this.cluster.controlPlaneIdentity.principalId,
      // The grants are needed only once the cluster runs; waiting for it gives the custom roles time to replicate.
      grantAfter: [this.cluster.cluster],
      tags,
    });
    this.entryPoint = ip;

    if (config.dns) {
      checkHostsInZone(this, hostNames, config.dns.zoneName, 'dns.zoneName');
      // Every host name points at the one ingress address; the construct ids stay as first released.
      for (const host of hostNames) {
        new AzureDnsRecord(this, host.id, { zoneName: config.dns.zoneName, zoneResourceGroupName: config.dns.zoneResourceGroup, fqdn: host.fqdn, targetResourceId: ip.id, ttl: config.dns.ttl });
      }
    }

    const ingressKind = config.kubernetes.ingress?.controller ?? 'traefik';
    const clusterIssuer = config.kubernetes.certManager.issuer ?? 'letsencrypt-prod';
    this.s3Gateway = planS3Gateway(this, {
      requirements,
      config: s3GatewayConfig,
      appTitle: app.title,
      appHosts: hostNames.map((h) => h.fqdn),
      deploymentName: name,
      namespace,
      resourceGroup: rg,
      oidcIssuerUrl: this.cluster.oidcIssuerUrl,
      storage: this.storage,
      dns: config.dns,
      entryPointId: ip.id,
      clusterIssuer,
      tags,
    });
    this.appSecrets = provisionAppSecrets(this, requirements, namespace);
    // Secrets whose loss loses the app's data: a copy in a Key Vault of their own (purge protection, soft delete).
    const escrowedSecrets = escrowAppSecrets(requirements, this.appSecrets, (secret, value) =>
      new AzureSecretEscrow(this, `${secret.name}-escrow`, {
        resourceGroup: rg,
        // One token (not a template around one): the read-back command quotes it in a Terraform function call.
        vaultName: Fn.format('%s-kv-%s', [alphanumeric(name).slice(0, 24 - 4 - UNIQUE_SUFFIX_LENGTH), suffix.result]),
        secretName: secret.name,
        value,
        allowDestroy,
        tags,
      }),
    );
    this.adminDatabase = this.postgres;
    this.appIngress = {
      className: config.kubernetes.ingress?.className ?? INGRESS_CONTROLLER_DEFAULTS[ingressKind].className,
      annotations: INGRESS_CONTROLLER_DEFAULTS[ingressKind].appAnnotations,
      grpcBackend: INGRESS_CONTROLLER_DEFAULTS[ingressKind].grpcBackend,
      clusterIssuer,
    };
    this.rendered = app.render(this, appConfig, 'azure', {
      deploymentName: name,
      namespace,
      requirements,
      registry: this.registry,
      objectStore: this.storage,
      database: this.postgres,
      identities,
      keys: {},
      entryPoint: ip,
      ingress: this.appIngress,
      allowDestroy,
      s3Api: this.s3Gateway?.store,
      databaseRoles: this.appSecrets.databaseRoles,
      messageBus: this.appSecrets.messageBus,
      generatedSecrets: this.appSecrets.generatedSecrets,
      escrowedSecrets,
      databaseBackup: appDatabaseBackup(this, requirements, this.storage, backupByKey ? { accountName: this.storage.account.name, accountKey: this.storage.account.primaryAccessKey } : undefined),
    });

    // Published once: the platform stack's Secrets and release and the three outputs read the same locals.
    const published = publishAppOutputs(this, app, this.rendered, {
      AZURE_LOCATION: rg.location,
      AZURE_RESOURCE_GROUP_NAME: rg.name,
      AKS_CLUSTER_NAME: this.cluster.name,
      PUBLIC_IP_ADDRESS: ip.ipAddress,
      PUBLIC_IP_NAME: ip.publicIp.name,
      CONTAINER_REGISTRY_NAME: this.registry.name,
      CONTAINER_REGISTRY_LOGIN_SERVER: this.registry.loginServer,
      STORAGE_ACCOUNT_URL: this.storage.endpoint,
      ...(this.postgres === undefined ? {} : { POSTGRES_HOST: this.postgres.host }),
    });
    this.secrets = published.secrets;
    this.helmValues = published.helmValues;
    new TerraformOutput(this, 'cluster_name', { value: this.cluster.name });
    new TerraformOutput(this, 'resource_group_name', { value: rg.name });
    new TerraformOutput(this, 'public_ip_address', { value: ip.ipAddress });
    new TerraformOutput(this, 'registry_login_server', { value: this.registry.loginServer });
  }
}

/** The requirement fields the AKS pair builds (see `checkBuildable` in stacks/app-requirements.ts). */
export const AKS_BUILT_REQUIREMENTS: readonly BuildableRequirement[] = [
  'messageBus',
  'components',
  'buckets.access',
  'postgres.roles',
  'postgres.extensions',
  'postgres.collation',
  'generatedSecrets',
  'generatedSecrets.escrow',
  'databaseBackup',
  'storageClass',
];
