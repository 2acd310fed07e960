import { Construct } from 'constructs';
import { AppCloud, AppContracts, AppHostName, AppKey, AppLoginGrants, AppProfile, AppRequirements, AppServiceAccount, RenderedApp, requireDatabase } from '../profile';
import { SPACELIFT_COMPONENT_BUCKET_ACCESS, SPACELIFT_ROLE_ASSUMERS } from './access';
import { spaceliftBuckets } from './buckets';
import {
  SPACELIFT_COMPONENT_SERVICE_ACCOUNTS,
  SPACELIFT_POSTGRES_MAJORS,
  SPACELIFT_SERVICE_ACCOUNT,
  SpaceliftComponent,
  SpaceliftDrainQueue,
  SpaceliftProfile,
} from './profile';

/** The `spacelift` section of a deployment config (docs/aks.md, docs/gke.md, docs/eks.md). */
export interface SpaceliftAppConfig {
  /** Host name users reach Spacelift at. */
  readonly domain: string;
  /** Spacelift version (`v4.0.0`). */
  readonly version: string;
  /** Chart version. @default SPACELIFT_CHART_VERSION */
  readonly chartVersion?: string;
  /** The `/admin-login` break-glass account. @default true */
  readonly adminLogin?: boolean;
  /** Admin user name. @default "admin" */
  readonly adminUsername?: string;
  /** Concurrency per drain queue. @default 1 each */
  readonly drainConcurrency?: { readonly [queue in SpaceliftDrainQueue]?: number };
  /** Usage data endpoint. @default "" (off) */
  readonly publicApi?: string;
  /** Where the encryption key comes from; `kms` on AWS only. @default "kms" on AWS, else "generate" */
  readonly encryptionKey?: 'kms' | 'generate' | 'variable';
  /** Host name of the VCS Gateway. @default off */
  readonly vcsGatewayDomain?: string;
  /** Customer roles the server and drain may assume (AWS). @default none */
  readonly assumableRoleArns?: readonly string[];
}

/** Database connections Spacelift's pods open with the chart's defaults (Spacelift's own Azure module sizes 200). */
export const SPACELIFT_DATABASE_CONNECTIONS = 200;

/**
 * What Spacelift's migrations need from an IAM database login (Cloud SQL creates it with no privileges; Spacelift's
 * GKE guide, "Configure database"): CREATEROLE and every privilege on its database, plus USAGE and CREATE on the
 * `public` schema, which PostgreSQL 15 and later no longer give to every role.
 */
export const SPACELIFT_IAM_LOGIN_GRANTS: AppLoginGrants = {
  attributes: ['CREATEROLE'],
  databasePrivileges: ['ALL'],
  schemas: [{ schema: 'public', privileges: ['USAGE', 'CREATE'] }],
};

/** Spacelift's own KMS keys (`kms` encryption on AWS): one to encrypt with, one to sign tokens with. */
export const SPACELIFT_KMS_KEYS: readonly AppKey[] = [
  { name: 'encryption', id: 'spacelift-encryption-key', usage: 'encrypt', description: 'Spacelift in-app encryption', alias: 'spacelift-encryption' },
  { name: 'signing', id: 'spacelift-signing-key', usage: 'sign', description: 'Spacelift token signing', alias: 'spacelift-signing' },
];

/** The encryption mode on `cloud`: KMS keys are the default on AWS, a generated RSA key elsewhere. */
function encryptionOf(config: SpaceliftAppConfig, cloud: AppCloud): 'kms' | 'generate' | 'variable' {
  return config.encryptionKey ?? (cloud === 'aws' ? 'kms' : 'generate');
}

/** The service accounts with cloud access: one per component on AWS (one IAM role each), else the shared one. */
function serviceAccounts(config: SpaceliftAppConfig, cloud: AppCloud): AppServiceAccount[] {
  if (cloud !== 'aws') {
    return [{ name: SPACELIFT_SERVICE_ACCOUNT, id: 'spacelift', shortName: 'backend', access: 'object-store', signsUrls: true, databaseLogin: true }];
  }
  return (Object.entries(SPACELIFT_COMPONENT_SERVICE_ACCOUNTS) as [SpaceliftComponent, string][]).map(([component, name]) => ({
    name,
    id: `spacelift-${component}`,
    access: 'object-store' as const,
    buckets: SPACELIFT_COMPONENT_BUCKET_ACCESS[component],
    assumableRoleArns: SPACELIFT_ROLE_ASSUMERS.includes(component) ? config.assumableRoleArns : undefined,
  }));
}

/**
 * Spacelift self-hosted as an {@link AppProfile}: its buckets and database, its service accounts (one per component
 * on AWS), its KMS keys on AWS, and the render step, which builds {@link SpaceliftProfile} from the contracts.
 */
export const spaceliftApp: AppProfile<SpaceliftAppConfig> = {
  name: 'spacelift',
  title: 'Spacelift',
  configKey: 'spacelift',
  defaults: { deploymentName: 'spacelift', namespace: 'spacelift' },
  domainField: 'domain',

  hostNames(config: SpaceliftAppConfig): AppHostName[] {
    const names: AppHostName[] = [{ id: 'dns', fqdn: config.domain }];
    if (config.vcsGatewayDomain !== undefined) names.push({ id: 'vcs-gateway-dns', fqdn: config.vcsGatewayDomain });
    return names;
  },

  requirements(config: SpaceliftAppConfig, cloud: AppCloud, domain: string): AppRequirements {
    const encryption = encryptionOf(config, cloud);
    return {
      buckets: spaceliftBuckets(domain),
      postgres: {
        supportedMajorVersions: SPACELIFT_POSTGRES_MAJORS,
        databaseName: 'spacelift',
        minConnections: SPACELIFT_DATABASE_CONNECTIONS,
        loginGrants: SPACELIFT_IAM_LOGIN_GRANTS,
      },
      serviceAccounts: serviceAccounts(config, cloud),
      images: ['spacelift-backend', 'spacelift-launcher'],
      keys: cloud === 'aws' && encryption === 'kms' ? SPACELIFT_KMS_KEYS : [],
      // The generated RSA key needs the tls provider; the AKS and GKE stacks have always declared it.
      providers: cloud !== 'aws' || encryption === 'generate' ? ['tls'] : [],
    };
  },

  render(scope: Construct, config: SpaceliftAppConfig, cloud: AppCloud, contracts: AppContracts): RenderedApp {
    const encryption = encryptionOf(config, cloud);
    const ids = contracts.identities;
    const components = cloud === 'aws'
      ? (Object.fromEntries(Object.entries(SPACELIFT_COMPONENT_SERVICE_ACCOUNTS).map(([component, name]) => [component, ids[name]!])) as Record<SpaceliftComponent, NonNullable<(typeof ids)[string]>>)
      : undefined;
    const keys = contracts.keys;
    const profile = new SpaceliftProfile(scope, 'spacelift', {
      domain: config.domain,
      namespace: contracts.namespace,
      version: config.version,
      chartVersion: config.chartVersion,
      registry: contracts.registry,
      objectStore: contracts.objectStore,
      database: requireDatabase(scope, contracts),
      identity: components === undefined ? ids[SPACELIFT_SERVICE_ACCOUNT] : undefined,
      componentIdentities: components,
      kms: keys.encryption !== undefined && keys.signing !== undefined ? { encryptionKeyId: keys.encryption, signingKeyId: keys.signing } : undefined,
      aws: contracts.aws,
      cloudSqlProxy: contracts.databaseProxy,
      ingress: contracts.ingress,
      adminLogin: config.adminLogin,
      adminUsername: config.adminUsername,
      drainConcurrency: config.drainConcurrency,
      publicApi: config.publicApi,
      // On AWS `kms` is a mode of its own (no RSA key); elsewhere the field is passed as given.
      encryptionKey: cloud === 'aws' ? (encryption === 'kms' ? undefined : encryption) : (config.encryptionKey as 'generate' | 'variable' | undefined),
      vcsGatewayDomain: config.vcsGatewayDomain,
      allowDestroy: contracts.allowDestroy,
    });
    return profile.rendered;
  },
};
