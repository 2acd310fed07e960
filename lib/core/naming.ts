import { IConstruct } from 'constructs';
import { ValidationError, isUnresolved } from './validation';

/** A cloud's rule for one kind of resource name. */
export interface NamingRule {
  /** What the rule is for, e.g. "Azure storage account". */
  readonly resource: string;
  /** Fewest characters a name may have. */
  readonly minLength: number;
  /** Most characters a name may have. */
  readonly maxLength: number;
  /** Characters allowed, as a whole-string pattern. */
  readonly pattern: RegExp;
  /** Characters allowed, in words. */
  readonly charset: string;
  /** True when the name must be unique across the whole cloud (DNS-visible), so a random suffix is added. */
  readonly globallyUnique: boolean;
}

/** Length of the random suffix (`random_string`, lower-case letters and digits) added to globally unique names. */
export const UNIQUE_SUFFIX_LENGTH = 6;

/** Naming rules of the Azure resources this library creates. */
export const AZURE_NAMES = {
  resourceGroup: {
    resource: 'Azure resource group',
    minLength: 1,
    maxLength: 90,
    pattern: /^[-\w.()]*[-\w()]$/,
    charset: 'letters, digits, "-", "_", ".", "(" and ")", not ending with "."',
    globallyUnique: false,
  },
  storageAccount: {
    resource: 'Azure storage account',
    minLength: 3,
    maxLength: 24,
    pattern: /^[a-z0-9]+$/,
    charset: 'lower-case letters and digits',
    globallyUnique: true,
  },
  containerRegistry: {
    resource: 'Azure container registry',
    minLength: 5,
    maxLength: 50,
    pattern: /^[a-zA-Z0-9]+$/,
    charset: 'letters and digits',
    globallyUnique: true,
  },
  postgresServer: {
    resource: 'Azure Database for PostgreSQL flexible server',
    minLength: 3,
    maxLength: 63,
    pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
    charset: 'lower-case letters, digits and "-", not starting or ending with "-"',
    globallyUnique: true,
  },
  storageContainer: {
    resource: 'Azure storage container',
    minLength: 3,
    maxLength: 63,
    pattern: /^[a-z0-9](?!.*--)[a-z0-9-]*[a-z0-9]$/,
    charset: 'lower-case letters, digits and single "-", starting and ending with a letter or digit',
    globallyUnique: false,
  },
  keyVault: {
    resource: 'Azure Key Vault',
    minLength: 3,
    maxLength: 24,
    pattern: /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]*[a-zA-Z0-9]$/,
    charset: 'letters, digits and single "-", starting with a letter and ending with a letter or digit',
    globallyUnique: true,
  },
  keyVaultSecret: {
    resource: 'Azure Key Vault secret',
    minLength: 1,
    maxLength: 127,
    pattern: /^[a-zA-Z0-9-]+$/,
    charset: 'letters, digits and "-"',
    globallyUnique: false,
  },
  kubernetesCluster: {
    resource: 'Azure Kubernetes Service cluster',
    minLength: 1,
    maxLength: 63,
    pattern: /^[a-zA-Z0-9]([a-zA-Z0-9_-]*[a-zA-Z0-9])?$/,
    charset: 'letters, digits, "-" and "_", starting and ending with a letter or digit',
    globallyUnique: false,
  },
  generic: {
    resource: 'Azure resource',
    minLength: 1,
    maxLength: 80,
    pattern: /^[a-zA-Z0-9]([a-zA-Z0-9_.-]*[a-zA-Z0-9_])?$/,
    charset: 'letters, digits, "-", "_" and ".", starting with a letter or digit',
    globallyUnique: false,
  },
} as const satisfies Record<string, NamingRule>;

/** Naming rules of the Google Cloud resources this library creates (and the project id it is given). */
export const GCP_NAMES = {
  project: {
    resource: 'Google Cloud project id',
    minLength: 6,
    maxLength: 30,
    pattern: /^[a-z][a-z0-9-]*[a-z0-9]$/,
    charset: 'lower-case letters, digits and "-", starting with a letter and not ending with "-"',
    globallyUnique: true,
  },
  bucket: {
    resource: 'Cloud Storage bucket',
    minLength: 3,
    maxLength: 63,
    // Google also allows dots (domain-named buckets need a verified domain) and "_"; names that start with "goog"
    // or contain "google" are refused by Google and checked separately (see lib/gcp/storage.ts).
    pattern: /^[a-z0-9][a-z0-9_-]*[a-z0-9]$/,
    charset: 'lower-case letters, digits, "-" and "_", starting and ending with a letter or digit',
    globallyUnique: true,
  },
  serviceAccount: {
    resource: 'Google service account id',
    minLength: 6,
    maxLength: 30,
    pattern: /^[a-z]([-a-z0-9]*[a-z0-9])$/,
    charset: 'lower-case letters, digits and "-", starting with a letter and ending with a letter or digit',
    globallyUnique: false,
  },
  cluster: {
    resource: 'GKE cluster',
    minLength: 1,
    maxLength: 40,
    pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    charset: 'lower-case letters, digits and "-", starting with a letter and ending with a letter or digit',
    globallyUnique: false,
  },
  sqlInstance: {
    resource: 'Cloud SQL instance',
    minLength: 1,
    maxLength: 63,
    pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    charset: 'lower-case letters, digits and "-", starting with a letter and ending with a letter or digit',
    globallyUnique: false,
  },
  artifactRepository: {
    resource: 'Artifact Registry repository',
    minLength: 1,
    maxLength: 63,
    pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    charset: 'lower-case letters, digits and "-", starting with a letter and ending with a letter or digit',
    globallyUnique: false,
  },
  generic: {
    resource: 'Google Cloud resource (RFC 1035 label)',
    minLength: 1,
    maxLength: 63,
    pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    charset: 'lower-case letters, digits and "-", starting with a letter and ending with a letter or digit',
    globallyUnique: false,
  },
} as const satisfies Record<string, NamingRule>;

/** Naming rules of the AWS resources this library creates. */
export const AWS_NAMES = {
  s3Bucket: {
    resource: 'Amazon S3 bucket',
    minLength: 3,
    maxLength: 63,
    // AWS also allows dots, but a dot breaks the TLS certificate of virtual-hosted URLs (https://<bucket>.s3...),
    // which browsers use for uploads; names starting "xn--"/"sthree-"/"amzn-s3-demo-" or ending "-s3alias",
    // "--ol-s3", "--x-s3" or "--table-s3" are reserved by AWS.
    pattern: /^(?!xn--|sthree-|amzn-s3-demo-)(?!.*(-s3alias|--ol-s3|--x-s3|--table-s3)$)[a-z0-9][a-z0-9-]*[a-z0-9]$/,
    charset:
      'lower-case letters, digits and "-", starting and ending with a letter or digit, no dots (they break TLS for virtual-hosted URLs), not starting with "xn--", "sthree-" or "amzn-s3-demo-", not ending with "-s3alias", "--ol-s3", "--x-s3" or "--table-s3"',
    globallyUnique: true,
  },
  iamRole: {
    resource: 'AWS IAM role',
    minLength: 1,
    maxLength: 64,
    pattern: /^[\w+=,.@-]+$/,
    charset: 'letters, digits and "+", "=", ",", ".", "@", "_", "-"',
    globallyUnique: false,
  },
  eksCluster: {
    resource: 'Amazon EKS cluster',
    minLength: 1,
    maxLength: 100,
    pattern: /^[0-9A-Za-z][A-Za-z0-9_-]*$/,
    charset: 'letters, digits, "-" and "_", starting with a letter or digit',
    globallyUnique: false,
  },
  rdsIdentifier: {
    resource: 'Amazon RDS DB instance or cluster identifier',
    minLength: 1,
    maxLength: 63,
    pattern: /^[a-z](?!.*--)([a-z0-9-]*[a-z0-9])?$/,
    charset: 'lower-case letters, digits and single "-", starting with a letter, not ending with "-"',
    globallyUnique: false,
  },
  ecrRepository: {
    resource: 'Amazon ECR repository',
    minLength: 2,
    maxLength: 256,
    pattern: /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
    charset: 'lower-case letters and digits in words separated by ".", "_" or "-", optionally in "/"-separated namespaces',
    globallyUnique: false,
  },
  generic: {
    resource: 'AWS resource',
    minLength: 1,
    maxLength: 255,
    pattern: /^[a-zA-Z0-9]([a-zA-Z0-9_.-]*[a-zA-Z0-9])?$/,
    charset: 'letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
    globallyUnique: false,
  },
} as const satisfies Record<string, NamingRule>;

/**
 * The deployment name every resource name is derived from: 2-16 characters, lower-case letters, digits and single
 * hyphens, starting with a letter. Short enough that `<name><6-character suffix>` fits the tightest rule (24
 * characters for an Azure storage account, hyphens removed).
 */
export const DEPLOYMENT_NAME = /^[a-z](?!.*--)[a-z0-9-]{0,14}[a-z0-9]$/;

/** Checks the deployment name. */
export function checkDeploymentName(scope: IConstruct | string, field: string, value: string): string {
  if (isUnresolved(value)) return value;
  if (typeof value !== 'string' || !DEPLOYMENT_NAME.test(value)) {
    throw new ValidationError(
      scope,
      field,
      value,
      '2 to 16 lower-case letters, digits and single hyphens, starting with a letter and ending with a letter or digit',
    );
  }
  return value;
}

/** Checks a literal name against a rule; `suffixLength` counts a token suffix that will be appended. */
export function checkName(scope: IConstruct | string, field: string, value: string, rule: NamingRule, suffixLength = 0): string {
  if (isUnresolved(value)) return value;
  const length = typeof value === 'string' ? value.length + suffixLength : -1;
  if (typeof value !== 'string' || length < rule.minLength || length > rule.maxLength || !rule.pattern.test(value)) {
    const suffixNote = suffixLength > 0 ? ` (including a ${suffixLength}-character unique suffix)` : '';
    throw new ValidationError(
      scope,
      field,
      value,
      `a ${rule.resource} name of ${rule.minLength} to ${rule.maxLength} characters${suffixNote}: ${rule.charset}`,
    );
  }
  return value;
}

/** A deployment name reduced to the characters an alphanumeric-only rule accepts. */
export function alphanumeric(name: string): string {
  return name.replace(/[^a-zA-Z0-9]/g, '');
}
