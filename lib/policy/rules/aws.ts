import { PolicyContext, PolicyResource, PolicyRule } from '../types';
import { at, block, blocks, bool, has, isWorldCidr, knownStrings, num, portInRange, str, strList } from '../values';

const EKS = 'aws_eks_cluster';
const EKS_NODES = 'aws_eks_node_group';
const EKS_ADDON = 'aws_eks_addon';
const DB = 'aws_db_instance';
const RDS = 'aws_rds_cluster';
const RDS_INSTANCE = 'aws_rds_cluster_instance';
const DB_PARAMS = 'aws_db_parameter_group';
const RDS_PARAMS = 'aws_rds_cluster_parameter_group';
const S3 = 'aws_s3_bucket';
const ECR = 'aws_ecr_repository';
const KMS = 'aws_kms_key';
const SECRET = 'aws_secretsmanager_secret';
const SG = 'aws_security_group';
const SG_RULE = 'aws_security_group_rule';
const SG_INGRESS = 'aws_vpc_security_group_ingress_rule';
const VPC = 'aws_vpc';
const SUBNET = 'aws_subnet';
const LAUNCH_TEMPLATE = 'aws_launch_template';
const LOG_GROUP = 'aws_cloudwatch_log_group';
const IAM_ROLE = 'aws_iam_role';
const IAM_ROLE_POLICY = 'aws_iam_role_policy';
const IAM_POLICY = 'aws_iam_policy';
const IAM_ATTACHMENT = 'aws_iam_role_policy_attachment';
const MQ = 'aws_mq_broker';

const CONTROL_PLANE_LOGS = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

/** RDS CA certificates that are current (rds-ca-2019 expired in August 2024; rds-ca-2015 long before). */
const CURRENT_RDS_CAS = ['rds-ca-rsa2048-g1', 'rds-ca-rsa4096-g1', 'rds-ca-ecc384-g1'];

/** Days of logs an investigation needs at the least. */
const MIN_LOG_RETENTION_DAYS = 90;

/** AWS managed policies that amount to administrator access (or to the means of getting it). */
const ADMIN_MANAGED_POLICIES = ['AdministratorAccess', 'IAMFullAccess'];

/** Actions that grant everything, every IAM permission (and so any other), or every S3 permission. */
const ADMIN_ACTIONS = ['*', '*:*', 'iam:*', 's3:*'];

/**
 * The companions of an S3 bucket (public access block, encryption, versioning, lifecycle, ownership, ACL, policy) are
 * separate resources: those that refer to the bucket, or name it by the same literal bucket name.
 */
function bucketCompanions(bucket: PolicyResource, ctx: PolicyContext, type: string): PolicyResource[] {
  const name = str(bucket.attributes.bucket);
  const byName = typeof name === 'string' && name !== 'unknown' ? ctx.ofType(type).filter((c) => str(c.attributes.bucket) === name) : [];
  return [...new Set([...ctx.referring(bucket, type), ...byName])];
}

function repositoryCompanions(repo: PolicyResource, ctx: PolicyContext, type: string): PolicyResource[] {
  const name = str(repo.attributes.name);
  const byName = typeof name === 'string' && name !== 'unknown' ? ctx.ofType(type).filter((c) => str(c.attributes.repository) === name) : [];
  return [...new Set([...ctx.referring(repo, type), ...byName])];
}

/** A bucket whose every object expires (a lifecycle rule with expiration for the whole bucket) holds temporary data. */
function bucketExpires(bucket: PolicyResource, ctx: PolicyContext): boolean {
  return bucketCompanions(bucket, ctx, 'aws_s3_bucket_lifecycle_configuration').some((lc) =>
    blocks(lc.attributes.rule).some((rule) => {
      if (str(rule.status) !== 'Enabled') return false;
      const days = num(at(rule, 'expiration.days'));
      if (typeof days !== 'number') return false;
      const filter = block(rule.filter);
      const prefixes = [str(filter?.prefix), str(rule.prefix)];
      const narrowed = prefixes.some((p) => p !== undefined && p !== '') || has(filter, 'tag') || has(filter, 'and') || has(filter, 'object_size_greater_than');
      return !narrowed;
    }),
  );
}

/** Statements of an IAM policy: a literal JSON document, or the aws_iam_policy_document data source it refers to. */
interface Statement {
  readonly effect: string;
  readonly principals: string[];
  readonly actions: string[];
  readonly conditions: { readonly test: string; readonly variable: string; readonly values: string[] }[];
}

function policyStatements(policy: unknown, ctx: PolicyContext): Statement[] | 'unknown' {
  const source = ctx.referenced(policy);
  if (source?.type === 'aws_iam_policy_document') {
    return blocks(source.attributes.statement).map((s) => ({
      effect: str(s.effect) === 'Deny' ? 'Deny' : 'Allow',
      principals: blocks(s.principals).flatMap((p) => (str(p.type) === '*' ? ['*'] : knownStrings(p.identifiers))),
      actions: knownStrings(s.actions),
      conditions: blocks(s.condition).map((c) => ({ test: String(c.test), variable: String(c.variable), values: knownStrings(c.values) })),
    }));
  }
  const text = str(policy);
  if (text === undefined) return [];
  if (text === 'unknown') return 'unknown';
  try {
    const doc = JSON.parse(text) as { Statement?: unknown };
    const list = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
    return list.map((s: Record<string, unknown>) => {
      const principal = s.Principal;
      const principals =
        principal === '*'
          ? ['*']
          : principal && typeof principal === 'object'
            ? Object.values(principal as Record<string, unknown>).flatMap((v) => (Array.isArray(v) ? v.map(String) : [String(v)]))
            : [];
      const conditions = Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>).flatMap(([test, byVar]) =>
        Object.entries(byVar ?? {}).map(([variable, values]) => ({ test, variable, values: (Array.isArray(values) ? values : [values]).map(String) })),
      );
      const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : v !== undefined && v !== null ? [String(v)] : []);
      return { effect: s.Effect === 'Deny' ? 'Deny' : 'Allow', principals, actions: list(s.Action), conditions };
    });
  } catch {
    return 'unknown';
  }
}

/** Every ingress permission of a security group or rule resource: protocol, port range and open CIDRs. */
interface Ingress {
  readonly protocol: string;
  readonly from: unknown;
  readonly to: unknown;
  readonly cidrs: string[];
}

function ingressOf(r: PolicyResource): Ingress[] {
  if (r.type === SG) {
    return blocks(r.attributes.ingress).map((i) => ({
      protocol: String(i.protocol ?? ''),
      from: i.from_port,
      to: i.to_port,
      cidrs: [...knownStrings(i.cidr_blocks), ...knownStrings(i.ipv6_cidr_blocks)],
    }));
  }
  if (r.type === SG_RULE) {
    if (str(r.attributes.type) !== 'ingress') return [];
    return [{ protocol: String(r.attributes.protocol ?? ''), from: r.attributes.from_port, to: r.attributes.to_port, cidrs: [...knownStrings(r.attributes.cidr_blocks), ...knownStrings(r.attributes.ipv6_cidr_blocks)] }];
  }
  return [{ protocol: String(r.attributes.ip_protocol ?? ''), from: r.attributes.from_port, to: r.attributes.to_port, cidrs: [...knownStrings(r.attributes.cidr_ipv4), ...knownStrings(r.attributes.cidr_ipv6)] }];
}

function allPorts(i: Ingress): boolean {
  return i.protocol === '-1' || i.protocol.toLowerCase() === 'all';
}

/** Public web entry points (80 and 443) are what load balancers are for; every other port open to the world is a finding. */
function exposedPorts(i: Ingress): string {
  if (allPorts(i)) return 'all ports';
  const from = num(i.from);
  const to = num(i.to ?? i.from);
  if (typeof from !== 'number' || typeof to !== 'number') return '';
  if ((from === 80 || from === 443) && to === from) return '';
  return from === to ? `port ${from}` : `ports ${from}-${to}`;
}

function major(version: unknown): number | undefined {
  const v = str(version);
  if (typeof v !== 'string' || v === 'unknown') return undefined;
  const m = /^(\d+)/.exec(v);
  return m ? Number(m[1]) : undefined;
}

/**
 * Values of `rds.force_ssl` set by the parameter group a database uses; `'outside'` when it names a group that is not
 * in the stack (and not one of RDS's `default.*` groups, which keep every parameter at its default).
 */
function forceSslSettings(r: PolicyResource, ctx: PolicyContext): string[] | 'outside' {
  const attr = r.type === RDS ? r.attributes.db_cluster_parameter_group_name : r.attributes.parameter_group_name;
  if (attr === undefined || attr === null) return [];
  const groupType = r.type === RDS ? RDS_PARAMS : DB_PARAMS;
  const referenced = ctx.referenced(attr);
  const literal = str(attr);
  const groups = [
    ...(referenced?.type === groupType ? [referenced] : []),
    ...(typeof literal === 'string' && literal !== 'unknown' ? ctx.ofType(groupType).filter((g) => str(g.attributes.name) === literal) : []),
  ];
  if (groups.length === 0) return typeof literal === 'string' && literal.startsWith('default.') ? [] : 'outside';
  return groups.flatMap((g) => blocks(g.attributes.parameter).filter((p) => str(p.name) === 'rds.force_ssl').flatMap((p) => knownStrings(String(p.value))));
}

function isPostgres(r: PolicyResource): boolean {
  const engine = str(r.attributes.engine);
  return typeof engine === 'string' && engine !== 'unknown' && engine.includes('postgres');
}

/** An Allow statement for Principal "*" (or AWS "*") without any condition: anyone, in any account. */
function allowsEveryone(statements: Statement[]): boolean {
  return statements.some((s) => s.effect === 'Allow' && s.principals.includes('*') && s.conditions.length === 0);
}

/** The managed policy name at the end of an ARN (`arn:aws:iam::aws:policy/AdministratorAccess`). */
function managedPolicyName(arn: unknown): string | undefined {
  const v = str(arn);
  if (typeof v !== 'string' || v === 'unknown') return undefined;
  const m = /:iam::aws:policy\/(?:.*\/)?([A-Za-z0-9+=,.@_-]+)$/.exec(v);
  return m ? m[1] : undefined;
}

/** The policy rules for AWS resources. */
export const AWS_RULES: readonly PolicyRule[] = [
  {
    id: 'AWS-EKS-001',
    title: 'EKS API endpoint is private or restricted to known CIDRs',
    resourceTypes: [EKS],
    category: 'network exposure',
    severity: 'high',
    scanners: {
      checkov: ['CKV_AWS_38'],
      trivy: ['AVD-AWS-0041'],
      note: 'checkov CKV_AWS_39 and trivy AVD-AWS-0040 are stricter: they flag any public endpoint',
    },
    fix: 'Set vpc_config.public_access_cidrs to the CIDRs of your offices and CI, or endpoint_public_access to false (then Terraform must run inside the VPC).',
    check(r) {
      const vpc = block(r.attributes.vpc_config);
      if (bool(vpc?.endpoint_public_access) === false) return undefined;
      const cidrs = strList(vpc?.public_access_cidrs);
      if (cidrs === 'unknown') return undefined;
      if (cidrs === undefined || cidrs.length === 0) return 'the public endpoint accepts connections from 0.0.0.0/0 (no public_access_cidrs)';
      const open = cidrs.filter(isWorldCidr);
      return open.length > 0 ? `public_access_cidrs include ${open.join(', ')}` : undefined;
    },
  },
  {
    id: 'AWS-EKS-002',
    title: 'EKS encrypts Kubernetes Secrets with a KMS key',
    resourceTypes: [EKS],
    category: 'encryption',
    severity: 'high',
    scanners: { checkov: ['CKV_AWS_58'], trivy: ['AVD-AWS-0039'] },
    fix: 'Add encryption_config with resources = ["secrets"] and provider.key_arn of a customer-managed KMS key.',
    check(r) {
      const ok = blocks(r.attributes.encryption_config).some((e) => {
        const resources = strList(e.resources);
        return (resources === 'unknown' || (resources ?? []).includes('secrets')) && has(e, 'provider.key_arn');
      });
      return ok ? undefined : 'Secrets are not envelope-encrypted with a customer-managed KMS key';
    },
  },
  {
    id: 'AWS-EKS-003',
    title: 'EKS sends every control plane log type to CloudWatch',
    resourceTypes: [EKS],
    category: 'logging',
    severity: 'medium',
    scanners: { checkov: ['CKV_AWS_37'], trivy: ['AVD-AWS-0038'] },
    fix: `Set enabled_cluster_log_types to ${JSON.stringify(CONTROL_PLANE_LOGS)}.`,
    check(r) {
      const types = strList(r.attributes.enabled_cluster_log_types);
      if (types === 'unknown') return undefined;
      const missing = CONTROL_PLANE_LOGS.filter((t) => !(types ?? []).includes(t));
      return missing.length > 0 ? `control plane logs not sent: ${missing.join(', ')}` : undefined;
    },
  },
  {
    id: 'AWS-EKS-004',
    title: 'EKS authenticates with access entries (API), not the aws-auth ConfigMap alone',
    resourceTypes: [EKS],
    category: 'identity',
    severity: 'medium',
    scanners: {},
    fix: 'Set access_config.authentication_mode to API (or API_AND_CONFIG_MAP while migrating); left unset, EKS uses CONFIG_MAP.',
    check(r) {
      const v = str(at(r.attributes, 'access_config.authentication_mode'));
      if (v === 'unknown') return undefined;
      return v === undefined || v === 'CONFIG_MAP' ? 'cluster access is managed only through the aws-auth ConfigMap' : undefined;
    },
  },
  {
    id: 'AWS-EKS-005',
    title: 'EKS cluster has deletion protection',
    resourceTypes: [EKS],
    category: 'deletion protection',
    severity: 'medium',
    scanners: {},
    fix: 'Set deletion_protection to true (the provider default is false) and lift it only for a teardown.',
    check(r) {
      const v = bool(r.attributes.deletion_protection);
      return v === true || v === 'unknown' ? undefined : `deletion_protection is ${v === false ? 'false' : 'unset (false)'}: terraform destroy or a replacement deletes the cluster`;
    },
  },
  {
    id: 'AWS-EKS-006',
    title: 'EKS node groups allow no SSH from the internet',
    resourceTypes: [EKS_NODES],
    category: 'network exposure',
    severity: 'high',
    scanners: { checkov: ['CKV_AWS_100'] },
    fix: 'Remove remote_access, or restrict it with source_security_group_ids (use SSM Session Manager instead of SSH).',
    check(r) {
      const ra = block(r.attributes.remote_access);
      if (!has(ra, 'ec2_ssh_key')) return undefined;
      const sources = strList(ra?.source_security_group_ids);
      return sources === undefined || (Array.isArray(sources) && sources.length === 0) ? 'SSH is open to 0.0.0.0/0 (remote_access without source_security_group_ids)' : undefined;
    },
  },
  {
    id: 'AWS-EKS-007',
    title: 'EKS node groups keep at least two nodes',
    resourceTypes: [EKS_NODES],
    category: 'high availability',
    severity: 'medium',
    scanners: {},
    fix: 'Set scaling_config.min_size to 2 or more, over subnets in at least two availability zones.',
    check(r) {
      const v = num(at(r.attributes, 'scaling_config.min_size'));
      return typeof v === 'number' && v < 2 ? `min_size is ${v}: a node drain takes the workloads down` : undefined;
    },
  },
  {
    id: 'AWS-EKS-008',
    title: 'EKS add-ons are pinned to a version',
    resourceTypes: [EKS_ADDON],
    category: 'supply chain',
    severity: 'low',
    scanners: {},
    fix: 'Set addon_version (from `aws eks describe-addon-versions`), so an upgrade is a reviewed change.',
    check(r) {
      return has(r.attributes, 'addon_version') ? undefined : `add-on ${String(r.attributes.addon_name)} follows whatever version EKS picks`;
    },
  },
  {
    id: 'AWS-RDS-001',
    title: 'RDS storage is encrypted',
    resourceTypes: [DB, RDS],
    category: 'encryption',
    severity: 'high',
    scanners: { checkov: ['CKV_AWS_16', 'CKV_AWS_96'], trivy: ['AVD-AWS-0080', 'AVD-AWS-0079'] },
    fix: 'Set storage_encrypted to true (the default is false), with kms_key_id of a customer-managed key.',
    check(r) {
      const v = bool(r.attributes.storage_encrypted);
      return v === true || v === 'unknown' ? undefined : 'storage is not encrypted';
    },
  },
  {
    id: 'AWS-RDS-002',
    title: 'RDS instances are not publicly accessible',
    resourceTypes: [DB, RDS_INSTANCE],
    category: 'network exposure',
    severity: 'critical',
    scanners: { checkov: ['CKV_AWS_17'], trivy: ['AVD-AWS-0180'] },
    fix: 'Set publicly_accessible to false (the default) and place the database in private subnets.',
    check(r) {
      return bool(r.attributes.publicly_accessible) === true ? 'the instance has a public endpoint' : undefined;
    },
  },
  {
    id: 'AWS-RDS-003',
    title: 'RDS keeps at least 7 days of backups for point-in-time restore',
    resourceTypes: [DB, RDS],
    category: 'backups',
    severity: 'high',
    scanners: { checkov: ['CKV_AWS_133'], trivy: ['AVD-AWS-0077'], note: 'trivy accepts 2 days; this rule asks for 7' },
    fix: 'Set backup_retention_period to 7-35 days (left unset, RDS keeps 1 day).',
    check(r) {
      const v = num(r.attributes.backup_retention_period);
      if (v === 'unknown') return undefined;
      return v === undefined || v < 7 ? `backup_retention_period is ${v ?? 'not set (1 day)'}` : undefined;
    },
  },
  {
    id: 'AWS-RDS-004',
    title: 'RDS has deletion protection',
    resourceTypes: [DB, RDS],
    category: 'deletion protection',
    severity: 'high',
    scanners: { checkov: ['CKV_AWS_293', 'CKV_AWS_139'], trivy: ['AVD-AWS-0177', 'AVD-AWS-0343'] },
    fix: 'Set deletion_protection to true (the provider default is false) and lift it only for a teardown.',
    check(r) {
      const v = bool(r.attributes.deletion_protection);
      return v === true || v === 'unknown' ? undefined : `deletion_protection is ${v === false ? 'false' : 'unset (false)'}: terraform destroy or a replacement deletes the database`;
    },
  },
  {
    id: 'AWS-RDS-005',
    title: 'RDS takes a final snapshot on delete',
    resourceTypes: [DB, RDS],
    category: 'backups',
    severity: 'high',
    scanners: {},
    fix: 'Leave skip_final_snapshot at false and set final_snapshot_identifier.',
    check(r) {
      return bool(r.attributes.skip_final_snapshot) === true ? 'skip_final_snapshot is true: a delete leaves no backup behind' : undefined;
    },
  },
  {
    id: 'AWS-RDS-006',
    title: 'RDS accepts IAM database authentication',
    resourceTypes: [DB, RDS],
    category: 'identity',
    severity: 'medium',
    scanners: { checkov: ['CKV_AWS_161', 'CKV_AWS_162'], trivy: ['AVD-AWS-0176'] },
    fix: 'Set iam_database_authentication_enabled to true (the default is false; it does not turn password logins off).',
    check(r) {
      const v = bool(r.attributes.iam_database_authentication_enabled);
      return v === true || v === 'unknown' ? undefined : 'IAM database authentication is off';
    },
  },
  {
    id: 'AWS-RDS-007',
    title: 'RDS PostgreSQL requires TLS (rds.force_ssl)',
    resourceTypes: [DB, RDS],
    category: 'encryption',
    severity: 'high',
    scanners: {
      checkov: ['CKV2_AWS_69'],
      note: 'CKV2_AWS_69 checks RDS instances only and passes one without a parameter group; this rule also holds Aurora, whose rds.force_ssl defaults to 0 on every version, and RDS for PostgreSQL before 15 to it',
    },
    fix: 'Use a parameter group that sets rds.force_ssl = 1 (a DB cluster parameter group for Aurora); RDS for PostgreSQL 15 and later already defaults to 1.',
    unknownValues: 'a parameter group outside the stack, or an engine version only known at apply time, is not reported',
    check(r, ctx) {
      if (!isPostgres(r)) return undefined;
      const settings = forceSslSettings(r, ctx);
      if (settings === 'outside') return undefined;
      if (settings.includes('0')) return 'a parameter group sets rds.force_ssl = 0';
      if (settings.includes('1')) return undefined;
      if (str(r.attributes.engine) === 'aurora-postgresql') return 'Aurora PostgreSQL allows clear-text connections: rds.force_ssl defaults to 0 and no cluster parameter group sets it to 1';
      const m = major(r.attributes.engine_version);
      return m !== undefined && m < 15 ? `PostgreSQL ${m} allows clear-text connections unless rds.force_ssl = 1` : undefined;
    },
  },
  {
    id: 'AWS-RDS-008',
    title: 'RDS instances take minor version upgrades automatically',
    resourceTypes: [DB, RDS_INSTANCE],
    category: 'upgrades',
    severity: 'low',
    scanners: { checkov: ['CKV_AWS_226'] },
    fix: 'Leave auto_minor_version_upgrade at true (the default).',
    check(r) {
      return bool(r.attributes.auto_minor_version_upgrade) === false ? 'minor (security) releases are not applied' : undefined;
    },
  },
  {
    id: 'AWS-RDS-009',
    title: 'RDS exports the database log to CloudWatch Logs',
    resourceTypes: [DB, RDS],
    category: 'logging',
    severity: 'medium',
    scanners: { checkov: ['CKV_AWS_129', 'CKV_AWS_324'] },
    fix: 'Set enabled_cloudwatch_logs_exports to include "postgresql" (also "upgrade" for RDS for PostgreSQL); nothing is exported by default.',
    check(r) {
      const exports = strList(r.attributes.enabled_cloudwatch_logs_exports);
      if (exports === 'unknown') return undefined;
      if (exports === undefined || exports.length === 0) return 'no log is exported: connections, errors and slow statements are gone with the instance';
      return isPostgres(r) && !exports.includes('postgresql') ? `the postgresql log is not exported (only ${exports.join(', ')})` : undefined;
    },
  },
  {
    id: 'AWS-RDS-010',
    title: 'RDS instances use a current certificate authority',
    resourceTypes: [DB, RDS_INSTANCE],
    category: 'encryption',
    severity: 'low',
    scanners: { checkov: ['CKV_AWS_211'] },
    fix: `Set ca_cert_identifier to one of ${CURRENT_RDS_CAS.join(', ')}, or leave it unset (new instances get the region's default, a current CA).`,
    check(r) {
      const v = str(r.attributes.ca_cert_identifier);
      if (v === undefined || v === 'unknown' || CURRENT_RDS_CAS.includes(v)) return undefined;
      return `ca_cert_identifier is ${v}: clients that verify the server certificate fail or trust an expired chain`;
    },
  },
  {
    id: 'AWS-RDS-011',
    title: 'RDS Performance Insights is on and encrypted with a customer-managed KMS key',
    resourceTypes: [DB, RDS_INSTANCE],
    category: 'logging',
    severity: 'low',
    scanners: {
      checkov: ['CKV_AWS_353', 'CKV_AWS_354'],
      trivy: ['AVD-AWS-0133', 'AVD-AWS-0078'],
      note: 'Performance Insights now shows in CloudWatch Database Insights; the setting and its API stay',
    },
    fix: 'Set performance_insights_enabled to true (the default is false) and performance_insights_kms_key_id to a customer-managed key: the data holds SQL text.',
    check(r) {
      const on = bool(r.attributes.performance_insights_enabled);
      if (on === 'unknown') return undefined;
      if (on !== true) return 'Performance Insights is off: database load and the statements behind it cannot be investigated';
      return has(r.attributes, 'performance_insights_kms_key_id') ? undefined : 'Performance Insights data (which holds SQL text) is encrypted with the AWS managed key, not a customer-managed one';
    },
  },
  {
    id: 'AWS-RDS-012',
    title: 'RDS storage is encrypted with a customer-managed KMS key',
    resourceTypes: [DB, RDS],
    category: 'encryption',
    severity: 'low',
    scanners: { checkov: ['CKV_AWS_327'], note: 'CKV_AWS_327 checks Aurora clusters; this rule also checks RDS instances' },
    fix: 'Set kms_key_id to a customer-managed key; without it RDS uses the AWS managed aws/rds key, whose policy you cannot change and whose snapshots you cannot share.',
    check(r) {
      return has(r.attributes, 'kms_key_id') ? undefined : 'storage and snapshots are not encrypted with a customer-managed key (no kms_key_id)';
    },
  },
  {
    id: 'AWS-MQ-001',
    title: 'Amazon MQ brokers are not publicly accessible',
    resourceTypes: [MQ],
    category: 'network exposure',
    severity: 'high',
    scanners: { checkov: ['CKV_AWS_69'], trivy: ['AVD-AWS-0072'] },
    fix: 'Leave publicly_accessible unset or false and place the broker in private subnets; clients in the VPC reach it through its security group.',
    check(r) {
      return bool(r.attributes.publicly_accessible) === true ? 'publicly_accessible is true: the broker has a public endpoint, guarded by passwords alone' : undefined;
    },
  },
  {
    id: 'AWS-MQ-002',
    title: 'Amazon MQ brokers send their general log to CloudWatch Logs',
    resourceTypes: [MQ],
    category: 'logging',
    severity: 'medium',
    scanners: {
      checkov: ['CKV_AWS_48'],
      trivy: ['AVD-AWS-0071'],
      note: 'audit logs (trivy AVD-AWS-0070) exist for ActiveMQ only: Amazon MQ for RabbitMQ has no audit log, so this rule does not ask for one',
    },
    fix: 'Set logs { general = true } (the default is false).',
    check(r) {
      const general = bool(at(block(r.attributes.logs), 'general'));
      if (general === 'unknown' || general === true) return undefined;
      return 'the general log is off: connections, errors and broker events are not kept anywhere';
    },
  },
  {
    id: 'AWS-MQ-003',
    title: 'Amazon MQ brokers take minor version upgrades automatically',
    resourceTypes: [MQ],
    category: 'upgrades',
    severity: 'low',
    scanners: { checkov: ['CKV_AWS_207'] },
    fix: 'Set auto_minor_version_upgrade = true (Amazon MQ requires it for RabbitMQ 3.13 and ActiveMQ 5.18 and later).',
    check(r) {
      const v = bool(r.attributes.auto_minor_version_upgrade);
      return v === 'unknown' || v === true ? undefined : 'minor (security) releases are not applied';
    },
  },
  {
    id: 'AWS-MQ-004',
    title: 'Amazon MQ for ActiveMQ brokers are encrypted with a customer-managed KMS key',
    resourceTypes: [MQ],
    category: 'encryption',
    severity: 'low',
    scanners: {
      checkov: ['CKV_AWS_209'],
      note: 'CKV_AWS_209 also flags RabbitMQ brokers, which Amazon MQ encrypts with an AWS-owned key only (encryption_options does not apply to them): this rule holds ActiveMQ brokers only',
    },
    fix: 'For ActiveMQ, set encryption_options { use_aws_owned_key = false, kms_key_id = <customer key ARN> }.',
    check(r) {
      const engine = str(r.attributes.engine_type);
      if (engine === undefined || engine === 'unknown' || engine.toLowerCase() !== 'activemq') return undefined;
      const enc = block(r.attributes.encryption_options);
      if (bool(at(enc, 'use_aws_owned_key')) === false && has(enc, 'kms_key_id')) return undefined;
      return 'the broker is encrypted with an AWS-owned or AWS-managed key, not a customer-managed one';
    },
  },
  {
    id: 'AWS-S3-001',
    title: 'S3 bucket has a public access block with all four settings on',
    resourceTypes: [S3],
    category: 'network exposure',
    severity: 'high',
    scanners: {
      checkov: ['CKV2_AWS_6', 'CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
      trivy: ['AVD-AWS-0094', 'AVD-AWS-0086', 'AVD-AWS-0087', 'AVD-AWS-0091', 'AVD-AWS-0093'],
      note: 'this also covers checkov CKV_AWS_70 (a bucket policy that allows any principal): block_public_policy refuses such a policy and restrict_public_buckets ignores it',
    },
    fix: 'Add an aws_s3_bucket_public_access_block for the bucket with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets set to true (each defaults to false).',
    check(r, ctx) {
      const blocksFor = bucketCompanions(r, ctx, 'aws_s3_bucket_public_access_block');
      if (blocksFor.length === 0) return 'no aws_s3_bucket_public_access_block for this bucket';
      const settings = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
      const off = settings.filter((s) => !blocksFor.some((b) => [true, 'unknown'].includes(bool(b.attributes[s]) as never)));
      return off.length > 0 ? `the public access block leaves off: ${off.join(', ')}` : undefined;
    },
  },
  {
    id: 'AWS-S3-002',
    title: 'S3 bucket has an explicit server-side encryption configuration',
    resourceTypes: [S3],
    category: 'encryption',
    severity: 'medium',
    scanners: { checkov: ['CKV_AWS_19'], note: 'trivy AVD-AWS-0088 asked the same and is deprecated (S3 encrypts every new object since January 2023); AWS-S3-007 asks for a customer-managed key' },
    fix: 'Add an aws_s3_bucket_server_side_encryption_configuration (aws:kms with a customer-managed key for data you need to control).',
    check(r, ctx) {
      return bucketCompanions(r, ctx, 'aws_s3_bucket_server_side_encryption_configuration').length > 0 ? undefined : 'no server-side encryption configuration for this bucket';
    },
  },
  {
    id: 'AWS-S3-003',
    title: 'S3 buckets that keep data (no whole-bucket expiry) are versioned',
    resourceTypes: [S3],
    category: 'backups',
    severity: 'medium',
    scanners: { checkov: ['CKV_AWS_21'], trivy: ['AVD-AWS-0090'], note: 'the scanners ask for versioning on every bucket; this rule exempts buckets whose objects all expire (temporary data)' },
    fix: 'Add an aws_s3_bucket_versioning with status Enabled (and expire noncurrent versions with a lifecycle rule).',
    check(r, ctx) {
      if (bucketExpires(r, ctx)) return undefined;
      const versioned = bucketCompanions(r, ctx, 'aws_s3_bucket_versioning').some((v) => {
        const status = str(at(v.attributes, 'versioning_configuration.status'));
        return status === 'Enabled' || status === 'unknown';
      });
      return versioned ? undefined : 'an overwrite or delete cannot be undone (no versioning)';
    },
  },
  {
    id: 'AWS-S3-004',
    title: 'S3 bucket policy denies requests without TLS',
    resourceTypes: [S3],
    category: 'encryption',
    severity: 'medium',
    scanners: {},
    fix: 'Add a bucket policy statement that denies s3:* when aws:SecureTransport is false.',
    unknownValues: 'a policy that is neither literal JSON nor an aws_iam_policy_document in the stack is not reported',
    check(r, ctx) {
      const policies = bucketCompanions(r, ctx, 'aws_s3_bucket_policy');
      for (const p of policies) {
        const statements = policyStatements(p.attributes.policy, ctx);
        if (statements === 'unknown') return undefined;
        const denies = statements.some(
          (s) => s.effect === 'Deny' && s.conditions.some((c) => c.variable === 'aws:SecureTransport' && c.values.map((v) => v.toLowerCase()).includes('false')),
        );
        if (denies) return undefined;
      }
      return 'plain HTTP requests are not denied (no aws:SecureTransport deny statement)';
    },
  },
  {
    id: 'AWS-S3-005',
    title: 'S3 bucket ACLs are disabled (bucket owner enforced) and none is public',
    resourceTypes: [S3],
    category: 'identity',
    severity: 'high',
    scanners: { checkov: ['CKV2_AWS_65', 'CKV_AWS_20', 'CKV_AWS_57', 'CKV2_AWS_43', 'CKV_AWS_375'], trivy: ['AVD-AWS-0092'] },
    fix: 'Leave object ownership at BucketOwnerEnforced (the default for new buckets) and use bucket policies, not ACLs.',
    check(r, ctx) {
      const problems: string[] = [];
      for (const o of bucketCompanions(r, ctx, 'aws_s3_bucket_ownership_controls')) {
        const v = str(at(o.attributes, 'rule.object_ownership'));
        if (typeof v === 'string' && v !== 'unknown' && v !== 'BucketOwnerEnforced') problems.push(`object ownership is ${v}: ACLs are in effect`);
      }
      const aclResources = bucketCompanions(r, ctx, 'aws_s3_bucket_acl');
      const acls = [...knownStrings(r.attributes.acl), ...aclResources.flatMap((a) => knownStrings(a.attributes.acl))];
      const open = acls.filter((a) => ['public-read', 'public-read-write', 'authenticated-read'].includes(a));
      if (open.length > 0) problems.push(`ACL ${open.join(', ')} grants access to everyone`);
      const groups = aclResources.flatMap((a) =>
        blocks(at(a.attributes, 'access_control_policy.grant')).flatMap((g) => knownStrings(at(g, 'grantee.uri')).filter((u) => /\/groups\/global\/(AllUsers|AuthenticatedUsers)$/.test(u))),
      );
      if (groups.length > 0) problems.push(`an ACL grant goes to ${[...new Set(groups)].join(', ')}`);
      return problems;
    },
  },
  {
    id: 'AWS-S3-006',
    title: 'S3 bucket is not force-destroyed with its objects',
    resourceTypes: [S3],
    category: 'deletion protection',
    severity: 'medium',
    scanners: {},
    fix: 'Leave force_destroy at false so a destroy fails while the bucket holds data.',
    check(r) {
      return bool(r.attributes.force_destroy) === true ? 'force_destroy deletes every object on destroy' : undefined;
    },
  },
  {
    id: 'AWS-S3-007',
    title: 'S3 bucket default encryption uses a customer-managed KMS key',
    resourceTypes: [S3],
    category: 'encryption',
    severity: 'low',
    scanners: { checkov: ['CKV_AWS_145'], trivy: ['AVD-AWS-0132'], note: 'CKV_AWS_145 asks for aws:kms only; AVD-AWS-0132 also for the key' },
    fix: 'In the aws_s3_bucket_server_side_encryption_configuration, set sse_algorithm to aws:kms and kms_master_key_id to a customer-managed key (S3 Bucket Keys keep the KMS cost down).',
    check(r, ctx) {
      const rules = bucketCompanions(r, ctx, 'aws_s3_bucket_server_side_encryption_configuration').flatMap((c) => blocks(c.attributes.rule));
      if (rules.length === 0) return 'objects are encrypted with S3-managed keys only (no SSE-KMS default encryption)';
      const ok = rules.some((rule) => {
        const algorithm = str(at(rule, 'apply_server_side_encryption_by_default.sse_algorithm'));
        const kmsAlgorithm = algorithm === 'unknown' || algorithm === 'aws:kms' || algorithm === 'aws:kms:dsse';
        return kmsAlgorithm && has(rule, 'apply_server_side_encryption_by_default.kms_master_key_id');
      });
      return ok ? undefined : 'default encryption is not SSE-KMS with a customer-managed key (AES256, or aws:kms with the AWS managed aws/s3 key)';
    },
  },
  {
    id: 'AWS-ECR-001',
    title: 'ECR scans images on push',
    resourceTypes: [ECR],
    category: 'supply chain',
    severity: 'medium',
    scanners: { checkov: ['CKV_AWS_163'], trivy: ['AVD-AWS-0030'] },
    fix: 'Set image_scanning_configuration.scan_on_push to true (the default is false), or enable enhanced scanning for the registry.',
    check(r) {
      const v = bool(at(r.attributes, 'image_scanning_configuration.scan_on_push'));
      return v === true || v === 'unknown' ? undefined : 'pushed images are not scanned for vulnerabilities';
    },
  },
  {
    id: 'AWS-ECR-002',
    title: 'ECR image tags are immutable',
    resourceTypes: [ECR],
    category: 'supply chain',
    severity: 'medium',
    scanners: { checkov: ['CKV_AWS_51'], trivy: ['AVD-AWS-0031'] },
    fix: 'Set image_tag_mutability to IMMUTABLE (the default is MUTABLE).',
    check(r) {
      const v = str(r.attributes.image_tag_mutability);
      if (v === 'unknown' || (typeof v === 'string' && v.startsWith('IMMUTABLE'))) return undefined;
      return `a pushed tag can be overwritten with another image (image_tag_mutability ${v ?? 'unset: MUTABLE'})`;
    },
  },
  {
    id: 'AWS-ECR-003',
    title: 'ECR repositories are encrypted with a customer-managed KMS key',
    resourceTypes: [ECR],
    category: 'encryption',
    severity: 'low',
    scanners: { checkov: ['CKV_AWS_136'], trivy: ['AVD-AWS-0033'], note: 'CKV_AWS_136 asks for KMS only; AVD-AWS-0033 also for the key' },
    fix: 'Set encryption_configuration.encryption_type to KMS with kms_key of a customer-managed key (the default is AES256).',
    check(r) {
      const config = block(r.attributes.encryption_configuration);
      const v = str(config?.encryption_type);
      if (v === 'unknown') return undefined;
      if (v !== 'KMS' && v !== 'KMS_DSSE') return 'images are encrypted with AES256 only, not KMS';
      return has(config, 'kms_key') ? undefined : 'images are encrypted with the AWS managed aws/ecr key, not a customer-managed one (no kms_key)';
    },
  },
  {
    id: 'AWS-ECR-004',
    title: 'No ECR repository policy allows everyone',
    resourceTypes: [ECR],
    category: 'supply chain',
    severity: 'high',
    scanners: { checkov: ['CKV_AWS_32', 'CKV_AWS_283'], trivy: ['AVD-AWS-0032'] },
    fix: 'Name the accounts or roles that may pull in the repository policy; never Principal "*" without a condition.',
    check(r, ctx) {
      for (const p of repositoryCompanions(r, ctx, 'aws_ecr_repository_policy')) {
        const statements = policyStatements(p.attributes.policy, ctx);
        if (statements === 'unknown') continue;
        if (allowsEveryone(statements)) return 'the repository policy allows Principal "*"';
      }
      return undefined;
    },
  },
  {
    id: 'AWS-ECR-005',
    title: 'ECR repositories expire old images with a lifecycle policy',
    resourceTypes: [ECR],
    category: 'supply chain',
    severity: 'low',
    scanners: {},
    fix: 'Add an aws_ecr_lifecycle_policy (e.g. expire untagged images after 7 days).',
    check(r, ctx) {
      return repositoryCompanions(r, ctx, 'aws_ecr_lifecycle_policy').length > 0 ? undefined : 'no aws_ecr_lifecycle_policy for this repository';
    },
  },
  {
    id: 'AWS-KMS-001',
    title: 'KMS symmetric encryption keys rotate automatically',
    resourceTypes: [KMS],
    category: 'encryption',
    severity: 'medium',
    scanners: { checkov: ['CKV_AWS_7'], trivy: ['AVD-AWS-0065'] },
    fix: 'Set enable_key_rotation to true (the default is false; signing, HMAC and other asymmetric keys cannot rotate and are not checked).',
    check(r) {
      const usage = str(r.attributes.key_usage);
      const spec = str(r.attributes.customer_master_key_spec);
      if ((usage !== undefined && usage !== 'ENCRYPT_DECRYPT') || (spec !== undefined && spec !== 'SYMMETRIC_DEFAULT')) return undefined;
      const v = bool(r.attributes.enable_key_rotation);
      return v === true || v === 'unknown' ? undefined : 'key rotation is off';
    },
  },
  {
    id: 'AWS-KMS-002',
    title: 'No KMS key policy allows everyone',
    resourceTypes: [KMS],
    category: 'identity',
    severity: 'critical',
    scanners: { checkov: ['CKV_AWS_33', 'CKV_AWS_283'] },
    fix: 'Name the account (arn:aws:iam::<account>:root, which delegates to IAM) or the roles that may use the key; never Principal "*" without a condition.',
    unknownValues: 'a policy that is neither literal JSON nor an aws_iam_policy_document in the stack is not reported',
    check(r, ctx) {
      const policies = [r.attributes.policy, ...ctx.referring(r, 'aws_kms_key_policy').map((p) => p.attributes.policy)];
      for (const policy of policies) {
        const statements = policyStatements(policy, ctx);
        if (statements !== 'unknown' && allowsEveryone(statements)) return 'the key policy allows Principal "*": anyone in any account may use or manage the key';
      }
      return undefined;
    },
  },
  {
    id: 'AWS-NET-001',
    title: 'No security group allows ingress from the whole internet except HTTP/HTTPS',
    resourceTypes: [SG, SG_RULE, SG_INGRESS],
    category: 'network exposure',
    severity: 'critical',
    scanners: {
      checkov: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_277'],
      trivy: ['AVD-AWS-0107'],
      note: 'the scanners flag SSH, RDP and all ports; this rule flags every port except 80 and 443, the ports of a public load balancer (checkov CKV_AWS_260 also flags 80)',
    },
    fix: 'Restrict the CIDRs to the networks that need access, or reference a security group instead of 0.0.0.0/0.',
    check(r) {
      const problems: string[] = [];
      for (const i of ingressOf(r)) {
        const open = i.cidrs.filter(isWorldCidr);
        if (open.length === 0) continue;
        const ports = exposedPorts(i);
        if (ports === '') continue;
        const admin = allPorts(i) || portInRange(22, i.from, i.to) || portInRange(3389, i.from, i.to);
        problems.push(`ingress on ${ports} from ${open.join(', ')}${admin ? ' (includes SSH/RDP)' : ''}`);
      }
      return problems;
    },
  },
  {
    id: 'AWS-NET-002',
    title: "Every VPC's default security group allows no traffic",
    resourceTypes: [VPC],
    category: 'network exposure',
    severity: 'medium',
    scanners: { checkov: ['CKV2_AWS_12'], trivy: ['AVD-AWS-0173'] },
    fix: 'Add an aws_default_security_group for the VPC with no ingress and no egress rules.',
    check(r, ctx) {
      const defaults = ctx.referring(r, 'aws_default_security_group');
      if (defaults.length === 0) return "the VPC's default security group keeps its allow-all rules (no aws_default_security_group)";
      return defaults.some((d) => blocks(d.attributes.ingress).length > 0 || blocks(d.attributes.egress).length > 0) ? 'the default security group has rules' : undefined;
    },
  },
  {
    id: 'AWS-NET-003',
    title: 'Every VPC has flow logs',
    resourceTypes: [VPC],
    category: 'logging',
    severity: 'medium',
    scanners: { checkov: ['CKV2_AWS_11'], trivy: ['AVD-AWS-0178'] },
    fix: 'Add an aws_flow_log with vpc_id of the VPC (to CloudWatch Logs or S3).',
    check(r, ctx) {
      return ctx.referring(r, 'aws_flow_log').length > 0 ? undefined : 'no aws_flow_log for this VPC';
    },
  },
  {
    id: 'AWS-NET-004',
    title: 'Subnets and launch templates do not give instances public IP addresses',
    resourceTypes: [SUBNET, LAUNCH_TEMPLATE],
    category: 'network exposure',
    severity: 'medium',
    scanners: { checkov: ['CKV_AWS_130', 'CKV_AWS_88'], trivy: ['AVD-AWS-0164'] },
    fix: 'Leave map_public_ip_on_launch (subnets) and network_interfaces.associate_public_ip_address (launch templates) unset or false; public load balancers and NAT gateways do not need them.',
    check(r) {
      if (r.type === SUBNET) return bool(r.attributes.map_public_ip_on_launch) === true ? 'instances launched here get public IP addresses' : undefined;
      return blocks(r.attributes.network_interfaces).some((n) => bool(n.associate_public_ip_address) === true) ? 'instances launched from this template get public IP addresses' : undefined;
    },
  },
  {
    id: 'AWS-EC2-001',
    title: 'Launch templates require IMDSv2 and keep instance metadata one hop away',
    resourceTypes: [LAUNCH_TEMPLATE],
    category: 'identity',
    severity: 'high',
    scanners: { checkov: ['CKV_AWS_79', 'CKV_AWS_341'], trivy: ['AVD-AWS-0130'] },
    fix: 'Set metadata_options with http_tokens = "required" (the default is optional) and http_put_response_hop_limit = 1, so pods cannot read the node role\'s credentials; give pods IAM roles through IRSA instead.',
    check(r) {
      const options = block(r.attributes.metadata_options);
      if (str(options?.http_endpoint) === 'disabled') return undefined;
      const problems: string[] = [];
      const tokens = str(options?.http_tokens);
      if (tokens !== 'required' && tokens !== 'unknown') problems.push(`IMDSv1 is allowed (http_tokens ${tokens ?? 'unset: optional'}): a request forgery on the node reads its credentials`);
      const hops = num(options?.http_put_response_hop_limit);
      if (typeof hops === 'number' && hops > 1) problems.push(`http_put_response_hop_limit is ${hops}: containers reach the node's metadata and credentials`);
      return problems;
    },
  },
  {
    id: 'AWS-EC2-002',
    title: 'Launch templates encrypt every EBS volume',
    resourceTypes: [LAUNCH_TEMPLATE],
    category: 'encryption',
    severity: 'medium',
    scanners: {},
    fix: 'Give every block_device_mappings.ebs encrypted = "true" (a root volume mapping included), or turn on EBS encryption by default for the account and region (aws_ebs_encryption_by_default).',
    check(r, ctx) {
      const byDefault = ctx.ofType('aws_ebs_encryption_by_default').some((e) => bool(e.attributes.enabled) !== false);
      if (byDefault) return undefined;
      const mappings = blocks(r.attributes.block_device_mappings);
      if (mappings.length === 0) return 'no block device mapping: the root volume is encrypted only if the AMI snapshot or the account default says so';
      const plain = mappings.filter((m) => has(m, 'ebs') && ![true, 'unknown'].includes(bool(at(m, 'ebs.encrypted')) as never));
      return plain.length > 0 ? `volumes not encrypted: ${plain.map((m) => String(m.device_name ?? '?')).join(', ')}` : undefined;
    },
  },
  {
    id: 'AWS-IAM-001',
    title: 'No IAM role can be assumed by everyone',
    resourceTypes: [IAM_ROLE],
    category: 'identity',
    severity: 'critical',
    scanners: { checkov: ['CKV_AWS_60', 'CKV_AWS_283'], note: 'CKV_AWS_60 flags Principal "*" even with a condition; CKV_AWS_283 checks the aws_iam_policy_document, which this rule reads through the role' },
    fix: 'Name the services, accounts, roles or OIDC providers that may assume the role in assume_role_policy, and add conditions (e.g. the service account subject for IRSA).',
    unknownValues: 'a trust policy that is neither literal JSON nor an aws_iam_policy_document in the stack is not reported',
    check(r, ctx) {
      const statements = policyStatements(r.attributes.assume_role_policy, ctx);
      return statements !== 'unknown' && allowsEveryone(statements) ? 'the trust policy lets any AWS principal assume the role' : undefined;
    },
  },
  {
    id: 'AWS-IAM-002',
    title: 'No IAM policy grants administrator, full IAM or full S3 access',
    resourceTypes: [IAM_ROLE_POLICY, IAM_POLICY, IAM_ATTACHMENT],
    category: 'identity',
    severity: 'high',
    scanners: {
      checkov: ['CKV_AWS_62', 'CKV_AWS_63', 'CKV_AWS_1', 'CKV_AWS_49', 'CKV2_AWS_40', 'CKV_AWS_274', 'CKV2_AWS_56'],
      trivy: ['AVD-AWS-0345'],
      note: 'CKV_AWS_1 and CKV_AWS_49 check the aws_iam_policy_document itself; this rule reads it through the policy that uses it',
    },
    fix: `Grant the actions a workload needs on the resources it uses (e.g. s3:GetObject on one bucket); never ${ADMIN_ACTIONS.map((a) => `"${a}"`).join(', ')}, or the ${ADMIN_MANAGED_POLICIES.join(' or ')} managed policies.`,
    unknownValues: 'a policy that is neither literal JSON nor an aws_iam_policy_document in the stack is not reported',
    check(r, ctx) {
      if (r.type === IAM_ATTACHMENT) {
        const name = managedPolicyName(r.attributes.policy_arn);
        return name !== undefined && ADMIN_MANAGED_POLICIES.includes(name) ? `attaches the ${name} managed policy` : undefined;
      }
      const statements = policyStatements(r.attributes.policy, ctx);
      if (statements === 'unknown') return undefined;
      const granted = [...new Set(statements.filter((s) => s.effect === 'Allow').flatMap((s) => s.actions.filter((a) => ADMIN_ACTIONS.includes(a.toLowerCase()))))];
      return granted.length > 0 ? `allows ${granted.map((a) => `"${a}"`).join(', ')}` : undefined;
    },
  },
  {
    id: 'AWS-LOG-001',
    title: `CloudWatch log groups keep logs for ${MIN_LOG_RETENTION_DAYS} days or more`,
    resourceTypes: [LOG_GROUP],
    category: 'logging',
    severity: 'medium',
    scanners: { note: 'checkov CKV_AWS_338 asks for a year; CKV_AWS_66 asks for any retention to be set, while an unset retention keeps logs forever, which this rule accepts' },
    fix: `Set retention_in_days to ${MIN_LOG_RETENTION_DAYS} or more (cluster.logRetentionDays, network.flowLogRetentionDays), so an incident found weeks later can still be traced.`,
    check(r) {
      const days = num(r.attributes.retention_in_days);
      return typeof days === 'number' && days > 0 && days < MIN_LOG_RETENTION_DAYS ? `logs are deleted after ${days} days` : undefined;
    },
  },
  {
    id: 'AWS-SM-001',
    title: 'Secrets Manager secrets are encrypted with a customer-managed KMS key',
    resourceTypes: [SECRET],
    category: 'encryption',
    severity: 'medium',
    scanners: { checkov: ['CKV_AWS_149'], trivy: ['AVD-AWS-0098'] },
    fix: 'Set kms_key_id to the ARN of a customer-managed key (AwsSecretEscrow creates one unless given kmsKeyArn); not the AWS-managed aws/secretsmanager key.',
    check(r) {
      const key = str(r.attributes.kms_key_id);
      if (key === 'unknown') return undefined;
      if (key === undefined || key === '') return 'no kms_key_id: the secret is encrypted with the AWS-managed key aws/secretsmanager, whose policy you cannot restrict';
      return key.includes('alias/aws/') ? `kms_key_id is the AWS-managed key ${key}` : undefined;
    },
  },
  {
    id: 'AWS-SM-002',
    title: 'Secrets Manager secrets keep a recovery window when deleted',
    resourceTypes: [SECRET],
    category: 'deletion protection',
    severity: 'medium',
    scanners: {},
    fix: 'Leave recovery_window_in_days unset (30) or set 7-30; 0 deletes the secret at once, with no way back.',
    check(r) {
      return num(r.attributes.recovery_window_in_days) === 0 ? 'recovery_window_in_days is 0: a destroy deletes the secret at once, with no way back' : undefined;
    },
  },
];
