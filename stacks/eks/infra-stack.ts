import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { HttpProvider } from '@cdktf/provider-http/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { TlsProvider } from '@cdktf/provider-tls/lib/provider';
import { Fn, TerraformLocal, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { RenderedApp } from '../../lib/apps/profile';
import {
  SPACELIFT_COMPONENT_SERVICE_ACCOUNTS,
  SpaceliftComponent,
  SpaceliftProfile,
  spaceliftRequirements,
} from '../../lib/apps/spacelift/profile';
import { AwsAccount } from '../../lib/aws/account';
import { EksCluster } from '../../lib/aws/cluster';
import { AwsDnsRecord } from '../../lib/aws/dns';
import { AwsIrsaRole, KmsGrant, S3Grant } from '../../lib/aws/identity';
import { AwsKmsKey } from '../../lib/aws/kms';
import { AwsVpc } from '../../lib/aws/network';
import { AwsPostgres } from '../../lib/aws/postgres';
import { checkAwsRegion } from '../../lib/aws/regions';
import { AwsContainerRegistry } from '../../lib/aws/registry';
import { AwsNlbAddresses } from '../../lib/aws/static-ip';
import { AwsS3Storage } from '../../lib/aws/storage';
import { PublishedSecret } from '../../lib/core/document';
import { UNIQUE_SUFFIX_LENGTH, checkDeploymentName } from '../../lib/core/naming';
import { ValidationError, checkDomain, checkList, checkNamespace, checkPattern } from '../../lib/core/validation';
import { INGRESS_CONTROLLER_DEFAULTS } from '../../lib/kubernetes/ingress/types';
import { publishAppOutputs } from '../app-outputs';
import { configureBackend } from './backend';
import { SpaceliftEksConfig } from './config';
import { SPACELIFT_BUCKET_ACCESS, SPACELIFT_KMS_ACCESS, SPACELIFT_ROLE_ASSUMERS } from './spacelift-access';

/** The AWS provider of both stacks, limited to the configured accounts when given. */
export function awsProvider(stack: TerraformStack, config: SpaceliftEksConfig): AwsProvider {
  const region = checkAwsRegion(stack, 'aws.region', config.aws.region);
  const accounts = config.aws.allowedAccountIds;
  if (accounts !== undefined) {
    checkList(stack, 'aws.allowedAccountIds', accounts, (a, f) => checkPattern(stack, f, a, /^\d{12}$/, 'a 12-digit AWS account id'), { minItems: 1 });
  }
  return new AwsProvider(stack, 'aws', { region, allowedAccountIds: accounts ? [...accounts] : undefined });
}

/**
 * `<name>-eks-infra`: every cloud resource of Spacelift on EKS, and the three outputs for people who install by hand:
 * `shell` (export lines), `kubernetes_secrets` (YAML Secrets) and `helm_values` (YAML values).
 * Once the pair exists, `publishInstallCommands` (index.ts) adds `install_commands`, built from the platform stack.
 */
export class SpaceliftEksInfraStack extends TerraformStack {
  /** The VPC. */
  public readonly network: AwsVpc;
  /** The EKS cluster. */
  public readonly cluster: EksCluster;
  /** The Elastic IPs the Network Load Balancer is reached at. */
  public readonly entryPoint: AwsNlbAddresses;
  /** Spacelift's Secrets, values and shell variables, which the platform stack installs. */
  public readonly rendered: RenderedApp;
  /** The Secret documents, published once: the platform stack's Secrets and the YAML output both read them. */
  public readonly secrets: readonly PublishedSecret[];
  /** The Helm values document, published once. */
  public readonly helmValues: TerraformLocal;
  /** The ECR repositories for the Spacelift images. */
  public readonly registry: AwsContainerRegistry;
  /** The RDS (or Aurora) database. */
  public readonly postgres: AwsPostgres;
  /** The S3 buckets. */
  public readonly storage: AwsS3Storage;
  /** KMS key of the data at rest (S3, RDS, ECR, Performance Insights). */
  public readonly dataKey: AwsKmsKey;
  /** KMS key that envelope-encrypts the cluster's Kubernetes Secrets. */
  public readonly clusterKey: AwsKmsKey;
  /** Spacelift's own KMS keys (`kms` encryption), when used. */
  public readonly spaceliftKeys?: { readonly encryption: AwsKmsKey; readonly signing: AwsKmsKey };
  /** IRSA role of each Spacelift component. */
  public readonly identities: { readonly [component in SpaceliftComponent]: AwsIrsaRole };
  /** The AWS region. */
  public readonly region: string;

  public constructor(scope: Construct, id: string, config: SpaceliftEksConfig) {
    super(scope, id);
    const name = checkDeploymentName(this, 'name', config.name ?? 'spacelift');
    configureBackend(this, config);
    awsProvider(this, config);
    new RandomProvider(this, 'random');
    const encryption = config.spacelift.encryptionKey ?? 'kms';
    if (encryption === 'generate') new TlsProvider(this, 'tls');

    const region = config.aws.region;
    this.region = region;
    const allowDestroy = config.allowDestroy ?? false;
    // Fields used by several constructs are checked here first, so the error names the config field.
    const namespace = checkNamespace(this, 'kubernetes.namespace', config.kubernetes.namespace ?? 'spacelift');
    const tags = { 'managed-by': 'cdktf', app: 'spacelift', deployment: name, ...config.aws.tags };
    const domain = checkDomain(this, 'spacelift.domain', config.spacelift.domain);
    const requirements = spaceliftRequirements(domain, { perComponentIdentity: true });
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

    this.dataKey = new AwsKmsKey(this, 'data-key', { description: `${name}: Spacelift data at rest (S3, RDS, ECR)`, alias: `${name}/data`, allowDestroy, tags });
    this.clusterKey = new AwsKmsKey(this, 'cluster-key', { description: `${name}: Kubernetes Secrets of ${clusterName}`, alias: `${name}/eks-secrets`, allowDestroy, tags });
    if (encryption === 'kms') {
      this.spaceliftKeys = {
        encryption: new AwsKmsKey(this, 'spacelift-encryption-key', { description: `${name}: Spacelift in-app encryption`, alias: `${name}/spacelift-encryption`, allowDestroy, tags }),
        signing: new AwsKmsKey(this, 'spacelift-signing-key', { description: `${name}: Spacelift token signing`, alias: `${name}/spacelift-signing`, usage: 'sign', allowDestroy, tags }),
      };
    }

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

    const pgVersion = config.postgres?.version ?? 16;
    if (!requirements.postgres.supportedMajorVersions.includes(pgVersion)) {
      throw new ValidationError(this, 'postgres.version', pgVersion, `a PostgreSQL major Spacelift supports: ${requirements.postgres.supportedMajorVersions.join(', ')}`);
    }
    this.postgres = new AwsPostgres(this, 'postgres', {
      ...config.postgres,
      identifier: `${name}-postgres`,
      region,
      network: this.network,
      version: pgVersion,
      databaseName: requirements.postgres.databaseName,
      // Pods use the node's network interface, which carries the cluster security group.
      allowedSecurityGroups: { cluster: this.cluster.clusterSecurityGroupId },
      kmsKeyArn: this.dataKey.arn,
      finalSnapshotSuffix: suffix.result,
      allowDestroy,
      tags,
    });
    // Terraform reads the RDS CA bundle over HTTPS when the database is verified against it.
    if (this.postgres.caBundle) new HttpProvider(this, 'http');

    this.registry = new AwsContainerRegistry(this, 'registry', {
      region,
      namespace: name,
      repositories: ['spacelift-backend', 'spacelift-launcher'],
      kmsKeyArn: this.dataKey.arn,
      untaggedRetentionDays: config.registry?.untaggedRetentionDays,
      allowDestroy,
      tags,
    });

    // One IRSA role per component, each with only the buckets and keys it uses.
    const identities: Partial<Record<SpaceliftComponent, AwsIrsaRole>> = {};
    for (const [component, serviceAccount] of Object.entries(SPACELIFT_COMPONENT_SERVICE_ACCOUNTS) as [SpaceliftComponent, string][]) {
      const s3: Record<string, S3Grant> = {};
      for (const [purpose, access] of Object.entries(SPACELIFT_BUCKET_ACCESS[component])) {
        const arn = this.storage.bucketArns[purpose];
        if (arn !== undefined) s3[purpose] = { bucketArn: arn, objectActions: access.objectActions, bucketActions: access.bucketActions };
      }
      const kms: Record<string, KmsGrant> = {};
      if (Object.keys(s3).length > 0) {
        // SSE-KMS: reads decrypt, writes generate a data key; only through S3.
        kms.storage = { keyArn: this.dataKey.arn, actions: SPACELIFT_KMS_ACCESS.storage, viaService: `s3.${region}.amazonaws.com` };
      }
      if (this.spaceliftKeys) {
        kms.encryption = { keyArn: this.spaceliftKeys.encryption.arn, actions: SPACELIFT_KMS_ACCESS.encryption };
        kms.signing = { keyArn: this.spaceliftKeys.signing.arn, actions: SPACELIFT_KMS_ACCESS.signing };
      }
      identities[component] = new AwsIrsaRole(this, `spacelift-${component}-identity`, {
        oidcProvider: this.cluster.oidcProvider,
        serviceAccount: { namespace, name: serviceAccount },
        roleName: `${name}-${serviceAccount}`,
        s3,
        kms,
        assumableRoleArns: SPACELIFT_ROLE_ASSUMERS.includes(component) ? config.spacelift.assumableRoleArns : undefined,
        tags,
      });
    }
    this.identities = identities as Record<SpaceliftComponent, AwsIrsaRole>;

    this.entryPoint = new AwsNlbAddresses(this, 'ingress-addresses', { name, network: this.network, tags });

    if (config.dns) {
      // Both host names point at the ingress addresses; the construct ids stay as first released.
      const names: Array<[string, string | undefined]> = [['dns', domain], ['vcs-gateway-dns', config.spacelift.vcsGatewayDomain]];
      for (const [recordId, fqdn] of names) {
        if (fqdn === undefined) continue;
        new AwsDnsRecord(this, recordId, { zoneName: config.dns.zoneName, zoneId: config.dns.zoneId, fqdn, addresses: this.entryPoint.ipAddresses, ttl: config.dns.ttl });
      }
    }

    const ingressKind = config.kubernetes.ingress?.controller ?? 'traefik';
    const profile = new SpaceliftProfile(this, 'spacelift', {
      domain,
      namespace,
      version: config.spacelift.version,
      chartVersion: config.spacelift.chartVersion,
      registry: this.registry,
      objectStore: this.storage,
      database: this.postgres,
      componentIdentities: this.identities,
      kms: this.spaceliftKeys ? { encryptionKeyId: this.spaceliftKeys.encryption.arn, signingKeyId: this.spaceliftKeys.signing.arn } : undefined,
      aws: { accountId: account.accountId, region },
      ingress: {
        className: config.kubernetes.ingress?.className ?? INGRESS_CONTROLLER_DEFAULTS[ingressKind].className,
        annotations: INGRESS_CONTROLLER_DEFAULTS[ingressKind].appAnnotations,
        grpcBackend: INGRESS_CONTROLLER_DEFAULTS[ingressKind].grpcBackend,
        clusterIssuer: config.kubernetes.certManager.issuer ?? 'letsencrypt-prod',
      },
      adminLogin: config.spacelift.adminLogin,
      adminUsername: config.spacelift.adminUsername,
      drainConcurrency: config.spacelift.drainConcurrency,
      publicApi: config.spacelift.publicApi,
      encryptionKey: encryption === 'kms' ? undefined : encryption,
      vcsGatewayDomain: config.spacelift.vcsGatewayDomain,
      allowDestroy,
    });
    this.rendered = profile.rendered;

    // Published once: the platform stack's Secrets and release and the three outputs read the same locals.
    const published = publishAppOutputs(this, this.rendered, {
      AWS_REGION: region,
      AWS_ACCOUNT_ID: account.accountId,
      EKS_CLUSTER_NAME: this.cluster.name,
      INGRESS_IP_ADDRESSES: Fn.join(' ', [...this.entryPoint.ipAddresses]),
      INGRESS_EIP_ALLOCATIONS: Fn.join(',', [...this.entryPoint.allocationIds]),
      ECR_REGISTRY: this.registry.registryHost,
      POSTGRES_HOST: this.postgres.host,
    });
    this.secrets = published.secrets;
    this.helmValues = published.helmValues;
    new TerraformOutput(this, 'cluster_name', { value: this.cluster.name });
    new TerraformOutput(this, 'region', { value: region });
    new TerraformOutput(this, 'ingress_ip_addresses', { value: [...this.entryPoint.ipAddresses] });
    new TerraformOutput(this, 'registry_login_server', { value: this.registry.loginServer });
  }
}
