import { RDS_POSTGRES_MAJORS } from '../../lib/aws/versions';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { HttpProvider } from '@cdktf/provider-http/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { TlsProvider } from '@cdktf/provider-tls/lib/provider';
import { Fn, TerraformLocal, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AppIngressSettings, AppProfile, AppRequirements, RenderedApp, appConfigOf } from '../../lib/apps/profile';
import { AwsAccount } from '../../lib/aws/account';
import { AwsAmazonMq } from '../../lib/aws/amazon-mq';
import { EksCluster } from '../../lib/aws/cluster';
import { AwsDnsRecord } from '../../lib/aws/dns';
import { AwsIrsaRole, KmsGrant, S3Grant } from '../../lib/aws/identity';
import { AwsKmsKey } from '../../lib/aws/kms';
import { AwsVpc } from '../../lib/aws/network';
import { AwsPostgres } from '../../lib/aws/postgres';
import { AwsS3AccessKey } from '../../lib/aws/s3-access-key';
import { checkAwsRegion } from '../../lib/aws/regions';
import { AwsContainerRegistry } from '../../lib/aws/registry';
import { AwsNlbAddresses } from '../../lib/aws/static-ip';
import { AwsS3Storage } from '../../lib/aws/storage';
import { PublishedSecret } from '../../lib/core/document';
import { PostgresDatabase } from '../../lib/core/postgres';
import { UNIQUE_SUFFIX_LENGTH, checkDeploymentName } from '../../lib/core/naming';
import { ValidationError, checkDomain, checkList, checkNamespace, checkPattern, isUnresolved } from '../../lib/core/validation';
import { INGRESS_CONTROLLER_DEFAULTS } from '../../lib/kubernetes/ingress/types';
import { AppInfraSecrets, appDatabaseBackup, escrowAppSecrets, provisionAppSecrets } from '../app-infra';
import { AwsSecretEscrow } from '../../lib/aws/secret-escrow';
import { publishAppOutputs } from '../app-outputs';
import { ExternalMessageBus, needsDatabaseBootstrap } from '../app-platform';
import { BuildableRequirement, checkBuildable, defaultPostgresMajor, checkHostsInZone } from '../app-requirements';
import { configureBackend } from './backend';
import { DEFAULT_BUCKET_ACCESS, KMS_KEY_ACCESS, bucketAccess } from './access';
import { EksCloudConfig } from './config';
import { readsNoOtherStack } from '../../lib/core/preparing-pass';

/**
 * What the EKS stacks build of an app's requirements besides the basics (checkBuildable). The database's owner is
 * either way the RDS master login, which is also the app's login: `owner: 'app'` and `owner: 'admin'` both hold.
 * The database exists with the server's locale (en_US.UTF-8), which the bootstrap checks against `collation`.
 */
export const EKS_BUILDABLE: readonly BuildableRequirement[] = [
  'buckets.access',
  'messageBus',
  'postgres.roles',
  'postgres.extensions',
  'postgres.collation',
  'postgres.owner',
  'generatedSecrets',
  'generatedSecrets.escrow',
  'databaseBackup',
  'storageClass',
];

/** True when the app needs a message bus and it runs in the cluster (not on Amazon MQ: `amazonMq`). */
export function needsInClusterMessageBus(requirements: AppRequirements, amazonMq = false): boolean {
  return requirements.messageBus !== undefined && requirements.messageBus.kind !== 'none' && !amazonMq;
}

/**
 * True when the app runs something in the cluster that keeps data on persistent volumes (the in-cluster message bus,
 * or a database that asks for a StorageClass): the cluster then gets the EBS CSI driver and the platform stack a
 * default StorageClass. A message bus on Amazon MQ (`amazonMq`) needs neither.
 */
export function needsBlockStorage(requirements: AppRequirements, amazonMq = false): boolean {
  return needsInClusterMessageBus(requirements, amazonMq) || requirements.storageClass !== undefined;
}

/**
 * True when the stacks create NetworkPolicies the cluster must enforce (the in-cluster message bus admits only the
 * app's namespace): the VPC CNI's network policy agent is then on.
 */
export function needsNetworkPolicy(requirements: AppRequirements, amazonMq = false): boolean {
  return needsInClusterMessageBus(requirements, amazonMq);
}

/** Construct id of the Amazon MQ broker (forever once released: a new id is a new, empty broker). */
export const AMAZON_MQ_ID = 'message-bus';

/** The locale (LC_COLLATE, LC_CTYPE) RDS and Aurora PostgreSQL create databases with. */
export const RDS_DATABASE_LOCALE = 'en_US.UTF-8';

/** Construct id of the IAM user and access key of the static-key buckets (forever once released). */
export const S3_API_KEY_ID = 's3-api-key';

/** The AWS provider of both stacks, limited to the configured accounts when given. */
export function awsProvider(stack: TerraformStack, config: EksCloudConfig): AwsProvider {
  const region = checkAwsRegion(stack, 'aws.region', config.aws.region);
  const accounts = config.aws.allowedAccountIds;
  if (accounts !== undefined) {
    checkList(stack, 'aws.allowedAccountIds', accounts, (a, f) => checkPattern(stack, f, a, /^\d{12}$/, 'a 12-digit AWS account id'), { minItems: 1 });
  }
  return new AwsProvider(stack, 'aws', { region, allowedAccountIds: accounts ? [...accounts] : undefined });
}

/**
 * `<name>-eks-infra`: every cloud resource an app profile needs on EKS, and the three outputs for people who install
 * by hand: `shell` (export lines), `kubernetes_secrets` (YAML Secrets) and `helm_values` (YAML values).
 * Once the pair exists, `publishInstallCommands` (index.ts) adds `install_commands`, built from the platform stack.
 * `C` is the type of the app's config section.
 */
export class EksInfraStack<C = unknown> extends TerraformStack {
  /** The app this stack provisions. */
  public readonly app: AppProfile<C>;
  /** The app's config section. */
  public readonly appConfig: C;
  /** What the app needs, as provisioned here. */
  public readonly requirements: AppRequirements;
  /** Namespace of the app's release. */
  public readonly appNamespace: string;
  /** IRSA role of each of the app's service accounts, by service account name. */
  public readonly serviceAccountIdentities: { readonly [serviceAccount: string]: AwsIrsaRole };
  /** The app's own KMS keys ({@link AppRequirements.keys}), by name. */
  public readonly appKeys: { readonly [name: string]: AwsKmsKey };
  /** The VPC. */
  public readonly network: AwsVpc;
  /** The EKS cluster. */
  public readonly cluster: EksCluster;
  /** The Elastic IPs the Network Load Balancer is reached at. */
  public readonly entryPoint: AwsNlbAddresses;
  /** The app's Secrets, values and shell variables, which the platform stack installs. */
  public readonly rendered: RenderedApp;
  /** The Secret documents, published once: the platform stack's Secrets and the YAML output both read them. */
  public readonly secrets: readonly PublishedSecret[];
  /** The Helm values document, published once. */
  public readonly helmValues: TerraformLocal;
  /** The ECR repositories for the app's images. */
  public readonly registry: AwsContainerRegistry;
  /** The RDS (or Aurora) database, when the app needs PostgreSQL. @default none */
  public readonly postgres?: AwsPostgres;
  /** The S3 buckets. */
  public readonly storage: AwsS3Storage;
  /** KMS key of the data at rest (S3, RDS, ECR, Performance Insights). */
  public readonly dataKey: AwsKmsKey;
  /** KMS key that envelope-encrypts the cluster's Kubernetes Secrets. */
  public readonly clusterKey: AwsKmsKey;
  /** The AWS region. */
  public readonly region: string;
  /** The role and message bus passwords generated for the app (none when it declares neither). */
  public readonly appSecrets: AppInfraSecrets;
  /**
   * The database as the RDS master login (verify-full against the RDS CA bundle), when the app's database needs a
   * bootstrap (roles, extensions or a collation): the bootstrap Job connects with it.
   */
  public readonly adminDatabase?: PostgresDatabase;
  /** How the app is exposed through the ingress controller (the render step and the platform hook get the same). */
  public readonly appIngress: AppIngressSettings;
  /** The IAM user's access key over the buckets the app reaches with static keys, when it has any. */
  public readonly s3ApiKey?: AwsS3AccessKey;
  /** The Amazon MQ for RabbitMQ broker, with `messageBus.provider: amazon-mq`. @default none (in-cluster RabbitMQ) */
  public readonly amazonMq?: AwsAmazonMq;
  /** The broker the platform stack's users Job configures, with `messageBus.provider: amazon-mq`. @default none */
  public readonly externalMessageBus?: ExternalMessageBus;

  public constructor(scope: Construct, id: string, config: EksCloudConfig, app: AppProfile<C>) {
    super(scope, id);
    // It makes values for the platform stack and reads none of another stack's (cdktf's preparing pass can skip it).
    readsNoOtherStack(this);
    this.app = app;
    const appConfig = appConfigOf(app, config);
    this.appConfig = appConfig;
    const name = checkDeploymentName(this, 'name', config.name ?? app.defaults.deploymentName);
    configureBackend(this, config);
    awsProvider(this, config);
    new RandomProvider(this, 'random');
    app.check?.(this, appConfig);
    const hostNames = app.hostNames(appConfig);
    const requirements = app.requirements(appConfig, 'aws', hostNames[0]!.fqdn);
    this.requirements = requirements;
    if (requirements.providers?.includes('tls')) new TlsProvider(this, 'tls');

    const region = config.aws.region;
    this.region = region;
    const allowDestroy = config.allowDestroy ?? false;
    // Fields used by several constructs are checked here first, so the error names the config field.
    const namespace = checkNamespace(this, 'kubernetes.namespace', config.kubernetes.namespace ?? app.defaults.namespace);
    this.appNamespace = namespace;
    const tags = { 'managed-by': 'cdktf', app: app.name, deployment: name, ...config.aws.tags };
    checkDomain(this, `${app.configKey}.${app.domainField}`, hostNames[0]!.fqdn);
    checkBuildable(this, requirements, 'EKS', EKS_BUILDABLE);
    const amazonMqWanted = checkMessageBusConfig(this, config, requirements, app.title);
    const account = AwsAccount.of(this);

    // One random suffix for every globally unique name. Its id never changes: a new suffix renames (replaces) the
    // buckets.
    const suffix = new StringResource(this, 'name-suffix', { length: UNIQUE_SUFFIX_LENGTH, lower: true, numeric: true, upper: false, special: false });
    const clusterName = `${name}-eks`;

    const net = config.network ?? {};
    this.network = new AwsVpc(this, 'network', {
      name,
      region,
      availabilityZones: config.aws.availabilityZones,
      vpcCidr: net.vpcCidr,
      privateSubnetPrefixLength: net.privateSubnetPrefixLength,
      publicSubnetPrefixLength: net.publicSubnetPrefixLength,
      privateSubnetCidrs: net.privateSubnetCidrs,
      publicSubnetCidrs: net.publicSubnetCidrs,
      singleNatGateway: net.singleNatGateway,
      flowLogRetentionDays: net.flowLogRetentionDays,
      clusterName,
      tags,
    });

    this.dataKey = new AwsKmsKey(this, 'data-key', { description: `${name}: ${app.title} data at rest (S3, RDS, ECR)`, alias: `${name}/data`, allowDestroy, tags });
    this.clusterKey = new AwsKmsKey(this, 'cluster-key', { description: `${name}: Kubernetes Secrets of ${clusterName}`, alias: `${name}/eks-secrets`, allowDestroy, tags });
    const appKeys: Record<string, AwsKmsKey> = {};
    for (const key of requirements.keys ?? []) {
      appKeys[key.name] = new AwsKmsKey(this, key.id, { description: `${name}: ${key.description}`, alias: `${name}/${key.alias}`, usage: key.usage, allowDestroy, tags });
    }
    this.appKeys = appKeys;

    const c = config.cluster;
    this.cluster = new EksCluster(this, 'cluster', {
      name: clusterName,
      region,
      network: this.network,
      kubernetesVersion: c.kubernetesVersion,
      endpointPublicAccessCidrs: c.endpointPublicAccessCidrs,
      privateEndpoint: c.privateEndpoint,
      serviceCidr: c.serviceCidr,
      logRetentionDays: c.logRetentionDays,
      nodeGroup: c.nodeGroup,
      adminPrincipalArns: c.adminPrincipalArns,
      addonVersions: c.addonVersions,
      blockStorage: needsBlockStorage(requirements, amazonMqWanted) ? { kmsKeyArn: this.dataKey.arn } : undefined,
      networkPolicy: needsNetworkPolicy(requirements, amazonMqWanted) ? true : undefined,
      secretsKeyArn: this.clusterKey.arn,
      allowDestroy,
      tags,
    });

    this.storage = new AwsS3Storage(this, 'storage', {
      region,
      bucketPrefix: config.storage?.bucketPrefix ?? name,
      uniqueSuffix: suffix.result,
      buckets: requirements.buckets,
      kmsKeyArn: this.dataKey.arn,
      stateVersionRetentionDays: config.storage?.stateVersionRetentionDays,
      allowDestroy,
      tags,
    });

    const pgRequirement = requirements.postgres;
    if (pgRequirement === undefined) {
      if (config.postgres !== undefined) throw new ValidationError(this, 'postgres', 'set', `nothing: ${app.title} needs no PostgreSQL server`);
    } else {
      const pgVersion = config.postgres?.version ?? defaultPostgresMajor(pgRequirement.supportedMajorVersions, RDS_POSTGRES_MAJORS);
      if (!pgRequirement.supportedMajorVersions.includes(pgVersion)) {
        throw new ValidationError(this, 'postgres.version', pgVersion, `a PostgreSQL major ${app.title} supports: ${pgRequirement.supportedMajorVersions.join(', ')}`);
      }
      const postgres = new AwsPostgres(this, 'postgres', {
        ...config.postgres,
        identifier: `${name}-postgres`,
        region,
        network: this.network,
        version: pgVersion,
        databaseName: pgRequirement.databaseName,
        username: config.postgres?.username ?? pgRequirement.login ?? pgRequirement.databaseName,
        // Pods use the node's network interface, which carries the cluster security group.
        allowedSecurityGroups: { cluster: this.cluster.clusterSecurityGroupId },
        kmsKeyArn: this.dataKey.arn,
        finalSnapshotSuffix: suffix.result,
        allowDestroy,
        tags,
      });
      this.postgres = postgres;
      // Terraform reads the RDS CA bundle over HTTPS when the database is verified against it.
      if (postgres.caBundle) new HttpProvider(this, 'http');
      // RDS creates the database (db_name) with the server's locale; the bootstrap cannot change it afterwards.
      const collation = pgRequirement.collation;
      if (collation !== undefined && !isUnresolved(collation) && collation.toLowerCase().replace(/-/g, '') !== RDS_DATABASE_LOCALE.toLowerCase().replace(/-/g, '')) {
        throw new ValidationError(this, 'requirements.postgres.collation', collation, `${RDS_DATABASE_LOCALE}: RDS creates the database with the server's locale`);
      }
      // The master login owns the database RDS created and may create roles and extensions (rds_superuser).
      if (needsDatabaseBootstrap(requirements)) this.adminDatabase = postgres;
    }
    if (amazonMqWanted) {
      const bus = config.messageBus!;
      const amazonMq = new AwsAmazonMq(this, AMAZON_MQ_ID, {
        brokerName: `${name}-rabbitmq`,
        network: this.network,
        // Pods use the node's network interface, which carries the cluster security group.
        allowedSecurityGroups: { cluster: this.cluster.clusterSecurityGroupId },
        engineVersion: bus.engineVersion,
        deploymentMode: bus.deploymentMode,
        instanceType: bus.instanceType,
        maintenanceWindow: bus.maintenanceWindow,
        applyImmediately: bus.applyImmediately,
        allowDestroy,
        tags,
      });
      this.amazonMq = amazonMq;
      this.externalMessageBus = { apiUrl: amazonMq.managementUrl, adminUsername: amazonMq.adminUsername, adminPassword: amazonMq.adminPassword };
    }
    const amazonMq = this.amazonMq;
    this.appSecrets = provisionAppSecrets(this, requirements, namespace, amazonMq === undefined ? undefined : (vhost) => amazonMq.messageBroker(vhost));
    // Secrets whose loss loses the app's data: a copy in Secrets Manager under a KMS key of its own (recovery window).
    const escrowedSecrets = escrowAppSecrets(requirements, this.appSecrets, (secret, value) =>
      new AwsSecretEscrow(this, `${secret.name}-escrow`, { region, name: `${name}/${secret.name}`, description: secret.description, value, allowDestroy, tags }),
    );

    // Buckets the app reaches with a static key: one IAM user over exactly those, with the data key through S3 only.
    const keyed = requirements.buckets.filter((b) => b.access === 's3-static-keys').map((b) => b.purpose);
    if (keyed.length > 0) {
      this.s3ApiKey = new AwsS3AccessKey(this, S3_API_KEY_ID, {
        userName: `${name}-s3-api`,
        storage: this.storage,
        purposes: keyed,
        kmsKeyArn: this.dataKey.arn,
        tags,
      });
    }

    this.registry = new AwsContainerRegistry(this, 'registry', {
      region,
      namespace: name,
      repositories: requirements.images ?? [],
      kmsKeyArn: this.dataKey.arn,
      untaggedRetentionDays: config.registry?.untaggedRetentionDays,
      allowDestroy,
      tags,
    });

    // One IRSA role per service account, each with only the buckets and keys it uses.
    const identities: Record<string, AwsIrsaRole> = {};
    for (const sa of requirements.serviceAccounts) {
      const s3: Record<string, S3Grant> = {};
      // By default every bucket the app reaches by workload identity (static-key buckets go through the key only).
      const identityBuckets = requirements.buckets.filter((bucket) => (bucket.access ?? 'workload-identity') === 'workload-identity');
      const grants = sa.buckets ?? Object.fromEntries(identityBuckets.map((bucket) => [bucket.purpose, DEFAULT_BUCKET_ACCESS]));
      for (const [purpose, grant] of Object.entries(grants)) {
        const arn = this.storage.bucketArns[purpose];
        const access = bucketAccess(this, `${sa.name}.buckets.${purpose}`, grant);
        if (arn !== undefined) s3[purpose] = { bucketArn: arn, objectActions: access.objectActions, bucketActions: access.bucketActions };
      }
      const kms: Record<string, KmsGrant> = {};
      if (Object.keys(s3).length > 0) {
        // SSE-KMS: reads decrypt, writes generate a data key; only through S3.
        kms.storage = { keyArn: this.dataKey.arn, actions: KMS_KEY_ACCESS.storage, viaService: `s3.${region}.amazonaws.com` };
      }
      for (const key of requirements.keys ?? []) {
        if (sa.keys === undefined || sa.keys.includes(key.name)) kms[key.name] = { keyArn: appKeys[key.name]!.arn, actions: KMS_KEY_ACCESS[key.usage] };
      }
      identities[sa.name] = new AwsIrsaRole(this, `${sa.id}-identity`, {
        oidcProvider: this.cluster.oidcProvider,
        serviceAccount: { namespace, name: sa.name },
        roleName: `${name}-${sa.name}`,
        s3,
        kms,
        assumableRoleArns: sa.assumableRoleArns,
        tags,
      });
    }
    this.serviceAccountIdentities = identities;

    this.entryPoint = new AwsNlbAddresses(this, 'ingress-addresses', { name, network: this.network, tags });

    if (config.dns) {
      checkHostsInZone(this, hostNames, config.dns.zoneName, 'dns.zoneName');
      // Every host name points at the ingress addresses; the construct ids stay as first released.
      for (const host of hostNames) {
        new AwsDnsRecord(this, host.id, { zoneName: config.dns.zoneName, zoneId: config.dns.zoneId, fqdn: host.fqdn, addresses: this.entryPoint.ipAddresses, ttl: config.dns.ttl });
      }
    }

    const ingressKind = config.kubernetes.ingress?.controller ?? 'traefik';
    this.appIngress = {
      className: config.kubernetes.ingress?.className ?? INGRESS_CONTROLLER_DEFAULTS[ingressKind].className,
      annotations: INGRESS_CONTROLLER_DEFAULTS[ingressKind].appAnnotations,
      grpcBackend: INGRESS_CONTROLLER_DEFAULTS[ingressKind].grpcBackend,
      clusterIssuer: config.kubernetes.certManager.issuer ?? 'letsencrypt-prod',
    };
    this.rendered = app.render(this, appConfig, 'aws', {
      deploymentName: name,
      namespace,
      requirements,
      registry: this.registry,
      objectStore: this.storage,
      database: this.postgres,
      identities,
      keys: Object.fromEntries(Object.entries(appKeys).map(([keyName, key]) => [keyName, key.arn])),
      entryPoint: this.entryPoint,
      aws: { accountId: account.accountId, region },
      ingress: this.appIngress,
      allowDestroy,
      s3Api: this.s3ApiKey,
      messageBus: this.appSecrets.messageBus,
      databaseRoles: this.appSecrets.databaseRoles,
      generatedSecrets: this.appSecrets.generatedSecrets,
      escrowedSecrets,
      databaseBackup: appDatabaseBackup(this, requirements, this.storage),
    });

    // Published once: the platform stack's Secrets and release and the three outputs read the same locals.
    const published = publishAppOutputs(this, app, this.rendered, {
      AWS_REGION: region,
      AWS_ACCOUNT_ID: account.accountId,
      EKS_CLUSTER_NAME: this.cluster.name,
      INGRESS_IP_ADDRESSES: Fn.join(' ', [...this.entryPoint.ipAddresses]),
      INGRESS_EIP_ALLOCATIONS: Fn.join(',', [...this.entryPoint.allocationIds]),
      ECR_REGISTRY: this.registry.registryHost,
      ...(this.postgres === undefined ? {} : { POSTGRES_HOST: this.postgres.host }),
    });
    this.secrets = published.secrets;
    this.helmValues = published.helmValues;
    new TerraformOutput(this, 'cluster_name', { value: this.cluster.name });
    new TerraformOutput(this, 'region', { value: region });
    new TerraformOutput(this, 'ingress_ip_addresses', { value: [...this.entryPoint.ipAddresses] });
    new TerraformOutput(this, 'registry_login_server', { value: this.registry.loginServer });
  }
}

/**
 * Checks the `messageBus` section against the app: it needs a message bus for the section to mean anything, and the
 * Amazon MQ settings go with `provider: amazon-mq` only. True when the bus goes on Amazon MQ.
 */
function checkMessageBusConfig(scope: Construct, config: EksCloudConfig, requirements: AppRequirements, title: string): boolean {
  const bus = config.messageBus;
  if (bus === undefined) return false;
  if (requirements.messageBus === undefined || requirements.messageBus.kind === 'none') {
    throw new ValidationError(scope, 'messageBus.provider', bus.provider, `no messageBus section: ${title} needs no message bus`);
  }
  if (bus.provider === 'amazon-mq') return true;
  for (const field of ['engineVersion', 'deploymentMode', 'instanceType', 'maintenanceWindow', 'applyImmediately'] as const) {
    if (bus[field] !== undefined) throw new ValidationError(scope, `messageBus.${field}`, bus[field], 'unset unless messageBus.provider is "amazon-mq" (the in-cluster RabbitMQ has no such setting)');
  }
  return false;
}
