import { Cli, CliOutcome, aws } from './cli';
import { CheckResult, fail, ok, skip } from './result';
import { CommandRunner } from './runner';
import { TerraformJson, block, dataOf, follow, literalNumber, literalString, literalStrings, providerOf, resourcesOf } from './terraform-json';

/** What the EKS infra stack asks AWS for, read from its Terraform JSON. */
export interface AwsPlan {
  readonly region: string | undefined;
  readonly allowedAccountIds: readonly string[];
  readonly elasticIps: number;
  readonly clusters: readonly { readonly path: string; readonly version: string | undefined }[];
  readonly nodeGroups: readonly { readonly path: string; readonly instanceTypes: readonly string[]; readonly maxSize: number; readonly capacityType: string; readonly zones: readonly string[] }[];
  readonly databases: readonly { readonly path: string; readonly engine: string; readonly engineVersion: string | undefined; readonly instanceClass: string; readonly multiAz: boolean; readonly storageType: string | undefined }[];
  readonly zones: readonly { readonly name: string | undefined; readonly id: string | undefined; readonly privateZone: boolean }[];
  /** The IAM actions that create the stack's resources (one per resource type), for the policy simulation. */
  readonly actions: readonly string[];
}

/** The IAM action that creates each resource type the stacks use (the key ones: a deployer missing one fails late). */
export const CREATE_ACTIONS: { readonly [type: string]: readonly string[] } = {
  aws_vpc: ['ec2:CreateVpc'],
  aws_subnet: ['ec2:CreateSubnet'],
  aws_internet_gateway: ['ec2:CreateInternetGateway'],
  aws_eip: ['ec2:AllocateAddress'],
  aws_nat_gateway: ['ec2:CreateNatGateway'],
  aws_route_table: ['ec2:CreateRouteTable'],
  aws_security_group: ['ec2:CreateSecurityGroup'],
  aws_vpc_endpoint: ['ec2:CreateVpcEndpoint'],
  aws_flow_log: ['ec2:CreateFlowLogs'],
  aws_launch_template: ['ec2:CreateLaunchTemplate'],
  aws_eks_cluster: ['eks:CreateCluster', 'iam:PassRole', 'iam:CreateServiceLinkedRole'],
  aws_eks_node_group: ['eks:CreateNodegroup'],
  aws_eks_addon: ['eks:CreateAddon'],
  aws_eks_access_entry: ['eks:CreateAccessEntry'],
  aws_eks_access_policy_association: ['eks:AssociateAccessPolicy'],
  aws_iam_role: ['iam:CreateRole'],
  aws_iam_role_policy: ['iam:PutRolePolicy'],
  aws_iam_role_policy_attachment: ['iam:AttachRolePolicy'],
  aws_iam_openid_connect_provider: ['iam:CreateOpenIDConnectProvider'],
  aws_kms_key: ['kms:CreateKey'],
  aws_kms_alias: ['kms:CreateAlias'],
  aws_db_instance: ['rds:CreateDBInstance'],
  aws_rds_cluster: ['rds:CreateDBCluster'],
  aws_db_subnet_group: ['rds:CreateDBSubnetGroup'],
  aws_db_parameter_group: ['rds:CreateDBParameterGroup'],
  aws_s3_bucket: ['s3:CreateBucket'],
  aws_s3_bucket_policy: ['s3:PutBucketPolicy'],
  aws_ecr_repository: ['ecr:CreateRepository'],
  aws_cloudwatch_log_group: ['logs:CreateLogGroup'],
  aws_route53_record: ['route53:ChangeResourceRecordSets'],
};

export function awsPlan(infra: TerraformJson): AwsPlan {
  const provider = providerOf(infra, 'aws');
  const nodeGroups = resourcesOf(infra, 'aws_eks_node_group').map((g) => {
    const scaling = block(g.block.scaling_config);
    const subnets = Array.isArray(g.block.subnet_ids) ? (g.block.subnet_ids as unknown[]) : [];
    const zones = subnets.map((s) => literalString(follow(infra, s, 'aws_subnet')?.availability_zone)).filter((z): z is string => z !== undefined);
    const types = literalStrings(g.block.instance_types);
    return {
      path: g.path,
      instanceTypes: types.length > 0 ? types : ['t3.medium'],
      maxSize: literalNumber(scaling?.max_size) ?? literalNumber(scaling?.desired_size) ?? 1,
      capacityType: literalString(g.block.capacity_type) ?? 'ON_DEMAND',
      zones: [...new Set(zones)].sort(),
    };
  });
  const databases: AwsPlan['databases'][number][] = resourcesOf(infra, 'aws_db_instance').map((d) => ({
    path: d.path,
    engine: literalString(d.block.engine) ?? 'postgres',
    engineVersion: literalString(d.block.engine_version),
    instanceClass: literalString(d.block.instance_class) ?? '?',
    multiAz: d.block.multi_az === true,
    storageType: literalString(d.block.storage_type),
  }));
  for (const i of resourcesOf(infra, 'aws_rds_cluster_instance')) {
    const cluster = follow(infra, i.block.cluster_identifier, 'aws_rds_cluster');
    databases.push({
      path: i.path,
      engine: literalString(i.block.engine) ?? literalString(cluster?.engine) ?? 'aurora-postgresql',
      engineVersion: literalString(i.block.engine_version) ?? literalString(cluster?.engine_version),
      instanceClass: literalString(i.block.instance_class) ?? '?',
      multiAz: false,
      storageType: undefined,
    });
  }
  const zones: AwsPlan['zones'][number][] = dataOf(infra, 'aws_route53_zone').map((z) => ({ name: literalString(z.block.name), id: literalString(z.block.zone_id), privateZone: z.block.private_zone === true }));
  for (const r of resourcesOf(infra, 'aws_route53_record')) {
    const id = literalString(r.block.zone_id);
    if (id !== undefined && !zones.some((z) => z.id === id)) zones.push({ name: undefined, id, privateZone: false });
  }
  const types = Object.keys(infra.resource ?? {});
  return {
    region: literalString(provider?.region),
    allowedAccountIds: literalStrings(provider?.allowed_account_ids),
    elasticIps: resourcesOf(infra, 'aws_eip').length,
    clusters: resourcesOf(infra, 'aws_eks_cluster').map((c) => ({ path: c.path, version: literalString(c.block.version) })),
    nodeGroups,
    databases,
    zones,
    actions: [...new Set(types.flatMap((t) => CREATE_ACTIONS[t] ?? []))],
  };
}

/** Service Quotas codes of the regional On-Demand vCPU quotas, by instance family prefix. */
const ON_DEMAND_VCPU_QUOTAS: readonly { readonly families: RegExp; readonly code: string; readonly name: string }[] = [
  { families: /^(a|c|d|h|i|im|is|m|r|t|z)$/, code: 'L-1216C47A', name: 'Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances' },
  { families: /^(g|vt)$/, code: 'L-DB2E81BA', name: 'Running On-Demand G and VT instances' },
  { families: /^p$/, code: 'L-417A185B', name: 'Running On-Demand P instances' },
];

/** The EC2-VPC Elastic IPs quota. */
const ELASTIC_IP_QUOTA = 'L-0263D0A3';

/** The letters an instance type's family starts with: `m6i.xlarge` -> `m`, `inf2.xlarge` -> `inf`. */
export function familyPrefix(instanceType: string): string {
  return /^([a-z]+)/.exec(instanceType.split('.')[0] ?? '')?.[1] ?? '';
}

const AWS_HELP = 'install AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html) and configure credentials (`aws configure` or `aws sso login`)';

/** The AWS checks, in print order. */
export async function awsChecks(plan: AwsPlan, runner: CommandRunner): Promise<CheckResult[]> {
  const cli = aws(runner);
  const instanceTypes = [...new Set(plan.nodeGroups.flatMap((g) => g.instanceTypes))];
  const names = ['account', 'region', 'permissions', ...instanceTypes.map((t) => `instance type ${t}`), ...(plan.nodeGroups.length > 0 ? ['vCPU quota'] : []), ...(plan.elasticIps > 0 ? ['elastic IP quota'] : []), ...plan.clusters.map(() => 'kubernetes version'), ...plan.databases.flatMap(() => ['postgres instance class', 'postgres version']), ...plan.zones.map((z) => `dns zone ${z.name ?? z.id}`)];
  const region = plan.region;
  const identity = await cli.json<{ Account: string; Arn: string; UserId: string }>(['sts', 'get-caller-identity', ...(region !== undefined ? ['--region', region] : [])]);
  if (!identity.ok) {
    const problem = identity.notInstalled ? identity.error : `the AWS CLI has no working credentials (${identity.error})`;
    return [fail('aws CLI', problem, identity.notInstalled ? AWS_HELP : 'configure credentials (`aws configure`, `aws sso login`, or AWS_PROFILE): Terraform uses the same ones'), ...names.map((n) => skip(n, 'needs AWS CLI credentials'))];
  }
  const me = identity.value;
  const results: CheckResult[] = [ok('aws CLI', `credentials of ${me.Arn}`)];
  if (plan.allowedAccountIds.length > 0 && !plan.allowedAccountIds.includes(me.Account)) {
    results.push(fail('account', `these credentials are for account ${me.Account}, and the stack only runs against ${plan.allowedAccountIds.join(', ')} (aws.allowedAccountIds)`, 'switch to a profile of the right account (AWS_PROFILE) or correct aws.allowedAccountIds'));
  } else {
    results.push(ok('account', plan.allowedAccountIds.length > 0 ? `${me.Account} is in aws.allowedAccountIds` : `${me.Account} (aws.allowedAccountIds is not set: Terraform runs against whatever account these credentials reach)`));
  }
  if (region === undefined) return [...results, ...names.slice(1).map((n) => skip(n, 'the stack names no literal region'))];
  const r = ['--region', region];
  const regionInfo = await cli.json<{ Regions: Array<{ RegionName: string; OptInStatus?: string }> }>(['ec2', 'describe-regions', '--all-regions', '--region-names', region, '--region', 'us-east-1']);
  if (!regionInfo.ok) {
    return [...results, fail('region', `could not read region ${region}: ${regionInfo.error}`, 'check aws.region'), ...names.slice(2).map((n) => skip(n, `region ${region} could not be read`))];
  }
  const info = regionInfo.value.Regions.find((x) => x.RegionName === region);
  if (info === undefined || info.OptInStatus === 'not-opted-in') {
    const f = info === undefined ? fail('region', `region ${region} does not exist for this account`, 'check aws.region') : fail('region', `region ${region} is not enabled for account ${me.Account} (opt-in region)`, `enable it (AWS console > Account > AWS Regions) or choose another region`);
    return [...results, f, ...names.slice(2).map((n) => skip(n, `region ${region} is not usable`))];
  }
  results.push(ok('region', `${region} is enabled (${info.OptInStatus ?? 'opt-in-not-required'})`));

  const [permissions, types, offerings, instances, eipQuota, addresses, versions, orderable, zones] = await Promise.all([
    permissionsResult(cli, me, plan),
    instanceTypes.length > 0 ? cli.json<{ InstanceTypes: Array<{ InstanceType: string; VCpuInfo?: { DefaultVCpus?: number } }> }>(['ec2', 'describe-instance-types', '--instance-types', ...instanceTypes, ...r]) : Promise.resolve(undefined),
    instanceTypes.length > 0 ? cli.json<{ InstanceTypeOfferings: Array<{ InstanceType: string; Location: string }> }>(['ec2', 'describe-instance-type-offerings', '--location-type', 'availability-zone', '--filters', `Name=instance-type,Values=${instanceTypes.join(',')}`, ...r]) : Promise.resolve(undefined),
    plan.nodeGroups.length > 0 ? cli.json<Ec2Instances>(['ec2', 'describe-instances', '--filters', 'Name=instance-state-name,Values=pending,running', ...r]) : Promise.resolve(undefined),
    plan.elasticIps > 0 ? quotaValue(cli, ELASTIC_IP_QUOTA, region) : Promise.resolve(undefined),
    plan.elasticIps > 0 ? cli.json<{ Addresses: unknown[] }>(['ec2', 'describe-addresses', ...r]) : Promise.resolve(undefined),
    plan.clusters.length > 0 ? cli.json<{ clusterVersions?: Array<{ clusterVersion: string; versionStatus?: string; status?: string }> }>(['eks', 'describe-cluster-versions', ...r]) : Promise.resolve(undefined),
    Promise.all(plan.databases.map(async (d) => [d, await cli.json<{ OrderableDBInstanceOptions: RdsOption[] }>(['rds', 'describe-orderable-db-instance-options', '--engine', d.engine, '--db-instance-class', d.instanceClass, ...r])] as const)),
    Promise.all(plan.zones.map(async (z) => [z, z.id !== undefined ? await cli.json<HostedZoneById>(['route53', 'get-hosted-zone', '--id', z.id]) : await cli.json<HostedZonesByName>(['route53', 'list-hosted-zones-by-name', '--dns-name', z.name!, '--max-items', '20'])] as const)),
  ]);
  results.push(permissions);
  results.push(...(await computeResults(cli, plan, region, types, offerings, instances)));
  if (plan.elasticIps > 0) results.push(eipResult(plan.elasticIps, region, eipQuota!, addresses!));
  results.push(...plan.clusters.map((c) => versionResult(c, region, versions!)));
  results.push(...orderable.flatMap(([d, o]) => databaseResults(d, region, o)));
  results.push(...zones.map(([z, o]) => zoneResult(z, o)));
  return results;
}

async function permissionsResult(cli: Cli, me: { Account: string; Arn: string }, plan: AwsPlan): Promise<CheckResult> {
  const check = 'permissions';
  if (/:root$/.test(me.Arn)) return ok(check, `${me.Arn} is the account's root user (every action is allowed; a role or user is safer)`);
  let principal: string | undefined;
  const user = /^arn:aws[a-z-]*:iam::\d{12}:user\//.test(me.Arn);
  const assumed = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(me.Arn);
  if (user) principal = me.Arn;
  else if (assumed) {
    const role = await cli.json<{ Role: { Arn: string } }>(['iam', 'get-role', '--role-name', assumed[3]!]);
    if (!role.ok) return skip(check, `could not check: ${me.Arn} is an assumed-role session and the role ${assumed[3]} could not be read to simulate its policies (${role.error})`);
    principal = role.value.Role.Arn;
  } else {
    return skip(check, `could not check: ${me.Arn} is not an IAM user or role session, so its policies cannot be simulated`);
  }
  if (plan.actions.length === 0) return ok(check, 'the stack creates nothing that needs checking');
  const sim = await cli.json<{ EvaluationResults: Array<{ EvalActionName: string; EvalDecision: string }> }>(['iam', 'simulate-principal-policy', '--policy-source-arn', principal, '--action-names', ...plan.actions]);
  if (!sim.ok) return skip(check, `could not check: simulating the policies of ${principal} failed (${sim.error}); it needs iam:SimulatePrincipalPolicy`);
  const denied = sim.value.EvaluationResults.filter((e) => e.EvalDecision !== 'allowed');
  if (denied.length === 0) return ok(check, `${principal} may ${plan.actions.length} key actions (${plan.actions.slice(0, 4).join(', ')}, ...)`);
  return fail(check, `${principal} may not ${denied.map((d) => `${d.EvalActionName} (${d.EvalDecision})`).join(', ')}`, 'grant these actions to the principal (docs/eks.md, section 1), or run as one that has them');
}

interface Ec2Instances {
  Reservations?: Array<{ Instances?: Array<{ InstanceType: string; InstanceLifecycle?: string; CpuOptions?: { CoreCount?: number; ThreadsPerCore?: number } }> }>;
}

async function quotaValue(cli: Cli, code: string, region: string): Promise<CliOutcome<{ value: number; applied: boolean }>> {
  const applied = await cli.json<{ Quota: { Value: number } }>(['service-quotas', 'get-service-quota', '--service-code', 'ec2', '--quota-code', code, '--region', region]);
  if (applied.ok) return { ok: true, value: { value: applied.value.Quota.Value, applied: true } };
  if (!/NoSuchResource/i.test(applied.error)) return applied;
  const def = await cli.json<{ Quota: { Value: number } }>(['service-quotas', 'get-aws-default-service-quota', '--service-code', 'ec2', '--quota-code', code, '--region', region]);
  return def.ok ? { ok: true, value: { value: def.value.Quota.Value, applied: false } } : def;
}

async function computeResults(
  cli: Cli,
  plan: AwsPlan,
  region: string,
  types: CliOutcome<{ InstanceTypes: Array<{ InstanceType: string; VCpuInfo?: { DefaultVCpus?: number } }> }> | undefined,
  offerings: CliOutcome<{ InstanceTypeOfferings: Array<{ InstanceType: string; Location: string }> }> | undefined,
  instances: CliOutcome<Ec2Instances> | undefined,
): Promise<CheckResult[]> {
  if (plan.nodeGroups.length === 0 || types === undefined || offerings === undefined) return [];
  const out: CheckResult[] = [];
  const instanceTypes = [...new Set(plan.nodeGroups.flatMap((g) => g.instanceTypes))];
  const vcpus = new Map<string, number>();
  for (const t of instanceTypes) {
    const check = `instance type ${t}`;
    if (!types.ok) {
      out.push(fail(check, `${/InvalidInstanceType/.test(types.error) ? `${instanceTypes.join(', ')}: no such instance type` : 'could not read the instance types'}: ${types.error}`, 'check cluster.nodeGroup.instanceTypes'));
      continue;
    }
    const info = types.value.InstanceTypes.find((x) => x.InstanceType === t);
    if (info?.VCpuInfo?.DefaultVCpus !== undefined) vcpus.set(t, info.VCpuInfo.DefaultVCpus);
    if (!offerings.ok) {
      out.push(fail(check, `could not read where ${t} is offered: ${offerings.error}`, 'run `aws ec2 describe-instance-type-offerings` to see why'));
      continue;
    }
    const offered = new Set(offerings.value.InstanceTypeOfferings.filter((o) => o.InstanceType === t).map((o) => o.Location));
    const wanted = [...new Set(plan.nodeGroups.filter((g) => g.instanceTypes.includes(t)).flatMap((g) => g.zones))];
    const missing = wanted.filter((z) => !offered.has(z));
    if (offered.size === 0) out.push(fail(check, `${t} is not offered in ${region}`, 'choose an instance type offered there (cluster.nodeGroup.instanceTypes)'));
    else if (missing.length > 0) out.push(fail(check, `${t} is not offered in ${missing.join(', ')} (offered in ${[...offered].sort().join(', ')})`, 'choose another instance type, or availability zones where it is offered (aws.availabilityZones)'));
    else out.push(ok(check, `offered in ${wanted.length > 0 ? wanted.join(', ') : region} (${vcpus.get(t) ?? '?'} vCPUs)`));
  }
  // vCPU quota: the node groups at their maximum size, plus the On-Demand instances already running.
  const need = new Map<string, { vcpus: number; parts: string[]; name: string }>();
  const unchecked: string[] = [];
  for (const g of plan.nodeGroups) {
    if (g.capacityType !== 'ON_DEMAND') {
      unchecked.push(`${g.path} (${g.capacityType} capacity)`);
      continue;
    }
    const biggest = Math.max(...g.instanceTypes.map((t) => vcpus.get(t) ?? NaN));
    const quota = ON_DEMAND_VCPU_QUOTAS.find((q) => g.instanceTypes.every((t) => q.families.test(familyPrefix(t))));
    if (!Number.isFinite(biggest) || quota === undefined) {
      unchecked.push(`${g.path} (${g.instanceTypes.join(', ')})`);
      continue;
    }
    const e = need.get(quota.code) ?? { vcpus: 0, parts: [], name: quota.name };
    e.vcpus += biggest * g.maxSize;
    e.parts.push(`${g.maxSize} × ${g.instanceTypes.join('/')} (${biggest} vCPUs)`);
    need.set(quota.code, e);
  }
  if (need.size === 0) {
    out.push(skip('vCPU quota', `could not check ${unchecked.join(', ')}`));
    return out;
  }
  if (instances === undefined || !instances.ok) {
    out.push(fail('vCPU quota', `could not list the running instances of ${region}: ${instances?.error ?? '?'}`, 'run `aws ec2 describe-instances` to see why'));
    return out;
  }
  const running = (instances.value.Reservations ?? []).flatMap((res) => res.Instances ?? []).filter((i) => i.InstanceLifecycle !== 'spot');
  const short: string[] = [];
  const have: string[] = [];
  for (const [code, e] of need) {
    const q = await quotaValue(cli, code, region);
    if (!q.ok) {
      short.push(`could not read quota ${code} (${q.error})`);
      continue;
    }
    const quota = ON_DEMAND_VCPU_QUOTAS.find((x) => x.code === code)!;
    const used = running.filter((i) => quota.families.test(familyPrefix(i.InstanceType))).reduce((sum, i) => sum + (i.CpuOptions?.CoreCount ?? 0) * (i.CpuOptions?.ThreadsPerCore ?? 1), 0);
    const free = q.value.value - used;
    (free < e.vcpus ? short : have).push(`${e.name}: need ${e.vcpus} vCPUs for ${e.parts.join(' + ')}, ${free} free (${used} of ${q.value.value} in use)`);
  }
  const note = unchecked.length > 0 ? `; not checked: ${unchecked.join(', ')}` : '';
  out.push(short.length > 0 ? fail('vCPU quota', `${short.join('; ')} in ${region} at the node group maximum${note}`, 'request an increase in Service Quotas (EC2) or lower cluster.nodeGroup.maxSize / the instance type') : ok('vCPU quota', `${have.join('; ')}${note}`));
  return out;
}

function eipResult(need: number, region: string, quota: CliOutcome<{ value: number; applied: boolean }>, addresses: CliOutcome<{ Addresses: unknown[] }>): CheckResult {
  const check = 'elastic IP quota';
  if (!quota.ok) return skip(check, `could not read the EC2-VPC Elastic IPs quota (${ELASTIC_IP_QUOTA}): ${quota.error}; the stack allocates ${need}`);
  if (!addresses.ok) return fail(check, `could not list the Elastic IPs of ${region}: ${addresses.error}`, 'run `aws ec2 describe-addresses` to see why');
  const used = addresses.value.Addresses.length;
  const free = quota.value.value - used;
  if (free < need) {
    return fail(check, `the stack allocates ${need} Elastic IPs (NAT gateways and the load balancer), ${free} free in ${region} (${used} of ${quota.value.value} in use)`, `request an EC2-VPC Elastic IPs increase (Service Quotas, ${ELASTIC_IP_QUOTA}), release unused addresses, or set network.singleNatGateway: true`);
  }
  return ok(check, `need ${need}, ${free} free in ${region} (${used} of ${quota.value.value}${quota.value.applied ? '' : ', default quota'} in use)`);
}

function versionResult(c: AwsPlan['clusters'][number], region: string, r: CliOutcome<{ clusterVersions?: Array<{ clusterVersion: string; versionStatus?: string; status?: string }> }>): CheckResult {
  const check = 'kubernetes version';
  if (!r.ok) {
    if (/Invalid choice|argument operation/i.test(r.error)) return skip(check, 'this AWS CLI is too old for `aws eks describe-cluster-versions`; update AWS CLI v2 to check');
    return fail(check, `could not list the EKS versions of ${region}: ${r.error}`, 'run `aws eks describe-cluster-versions` to see why');
  }
  const offered = r.value.clusterVersions ?? [];
  if (c.version === undefined) return ok(check, `none pinned: EKS picks its default (offered: ${offered.map((v) => v.clusterVersion).join(', ')})`);
  const hit = offered.find((v) => v.clusterVersion === c.version);
  const status = (hit?.versionStatus ?? hit?.status ?? '').toUpperCase().replace(/-/g, '_');
  if (hit === undefined || status === 'UNSUPPORTED') {
    return fail(check, `EKS does not offer ${c.version} in ${region} (offered: ${offered.filter((v) => (v.versionStatus ?? v.status ?? '').toUpperCase().replace(/-/g, '_') !== 'UNSUPPORTED').map((v) => v.clusterVersion).join(', ')})`, 'set cluster.kubernetesVersion to an offered version');
  }
  return ok(check, `${c.version} is offered in ${region}${status === 'EXTENDED_SUPPORT' ? ' (extended support: billed at a higher hourly rate)' : ''}`);
}

interface RdsOption {
  Engine: string;
  EngineVersion: string;
  DBInstanceClass: string;
  MultiAZCapable?: boolean;
  StorageType?: string;
}

function databaseResults(d: AwsPlan['databases'][number], region: string, r: CliOutcome<{ OrderableDBInstanceOptions: RdsOption[] }>): CheckResult[] {
  if (!r.ok) {
    return [fail('postgres instance class', `could not list the orderable ${d.engine} options of ${region}: ${r.error}`, 'run `aws rds describe-orderable-db-instance-options` to see why'), skip('postgres version', 'the orderable options could not be read')];
  }
  const options = r.value.OrderableDBInstanceOptions;
  if (options.length === 0) {
    return [fail('postgres instance class', `${d.instanceClass} is not offered for ${d.engine} in ${region}`, 'choose an instance class offered there (postgres.instanceClass)'), skip('postgres version', `${d.instanceClass} is not offered`)];
  }
  const matching = d.engineVersion === undefined ? options : options.filter((o) => o.EngineVersion === d.engineVersion || o.EngineVersion.startsWith(`${d.engineVersion}.`));
  const majors = [...new Set(options.map((o) => o.EngineVersion.split('.')[0]))].sort((a, b) => Number(a) - Number(b));
  const version = matching.length === 0
    ? fail('postgres version', `${d.engine} ${d.engineVersion} is not offered on ${d.instanceClass} in ${region} (majors offered: ${majors.join(', ')})`, 'set postgres.version to an offered major version, or choose another instance class')
    : ok('postgres version', `${d.engine} ${d.engineVersion ?? '(default)'} is offered on ${d.instanceClass} in ${region} (newest ${matching.map((o) => o.EngineVersion).sort(compareVersions).pop()})`);
  const pool = matching.length > 0 ? matching : options;
  let klass: CheckResult;
  if (d.multiAz && !pool.some((o) => o.MultiAZCapable === true)) klass = fail('postgres instance class', `${d.instanceClass} cannot run Multi-AZ for ${d.engine} in ${region}`, 'turn postgres.multiAz off or choose another instance class');
  else if (d.storageType !== undefined && !pool.some((o) => o.StorageType === d.storageType)) klass = fail('postgres instance class', `${d.instanceClass} does not take ${d.storageType} storage for ${d.engine} in ${region}`, 'choose another instance class');
  else klass = ok('postgres instance class', `${d.instanceClass} is offered for ${d.engine} in ${region}${d.multiAz ? ' with Multi-AZ' : ''}${d.storageType !== undefined ? ` on ${d.storageType}` : ''}`);
  return [klass, version];
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

interface HostedZone {
  Id: string;
  Name: string;
  Config?: { PrivateZone?: boolean };
}
type HostedZonesByName = { HostedZones: HostedZone[] };
type HostedZoneById = { HostedZone: HostedZone };

function zoneResult(z: AwsPlan['zones'][number], r: CliOutcome<HostedZonesByName | HostedZoneById>): CheckResult {
  const check = `dns zone ${z.name ?? z.id}`;
  if (!r.ok) {
    if (/NoSuchHostedZone/i.test(r.error)) return fail(check, `no hosted zone ${z.id}`, 'correct dns.zoneId, or leave it out to look the zone up by dns.zoneName');
    return fail(check, `could not read the Route 53 zone: ${r.error}`, 'run `aws route53 list-hosted-zones-by-name` to see why');
  }
  if ('HostedZone' in r.value) return ok(check, `${r.value.HostedZone.Name} (${r.value.HostedZone.Id})`);
  const want = `${z.name!.replace(/\.$/, '')}.`.toLowerCase();
  const hit = r.value.HostedZones.find((h) => h.Name.toLowerCase() === want && (h.Config?.PrivateZone ?? false) === z.privateZone);
  if (hit === undefined) {
    return fail(check, `no ${z.privateZone ? 'private' : 'public'} Route 53 hosted zone named ${want} in this account`, `create it (\`aws route53 create-hosted-zone --name ${z.name} --caller-reference <unique>\`) and delegate the domain to it, or correct dns.zoneName`);
  }
  return ok(check, `${hit.Name} is a ${z.privateZone ? 'private' : 'public'} hosted zone (${hit.Id})`);
}
