import { CliOutcome, gcloud } from './cli';
import { CheckResult, fail, ok, skip } from './result';
import { CommandRunner } from './runner';
import { TerraformJson, block, literalNumber, literalString, literalStrings, providerOf, resourcesOf } from './terraform-json';

/** What the GKE infra stack asks Google Cloud for, read from its Terraform JSON. */
export interface GcpPlan {
  readonly project: string | undefined;
  readonly region: string | undefined;
  readonly clusters: readonly { readonly path: string; readonly autopilot: boolean; readonly channel: string | undefined; readonly minMasterVersion: string | undefined; readonly nodeLocations: readonly string[] }[];
  readonly nodePools: readonly {
    readonly path: string;
    readonly machineType: string;
    /** Nodes over all zones (total_max_node_count), when the stack says so. */
    readonly totalMax: number | undefined;
    /** Nodes per zone (max_node_count or node_count), multiplied by the zone count. */
    readonly perZoneMax: number | undefined;
    readonly nodeLocations: readonly string[];
  }[];
  /** Regional external static addresses the stack reserves. */
  readonly staticAddresses: number;
  readonly sql: readonly { readonly path: string; readonly tier: string; readonly databaseVersion: string; readonly flags: readonly string[] }[];
  readonly dns: readonly { readonly zone: string; readonly project: string | undefined; readonly names: readonly string[] }[];
}

export function gcpPlan(infra: TerraformJson): GcpPlan {
  const provider = providerOf(infra, 'google');
  const project = literalString(provider?.project);
  const region = literalString(provider?.region);
  const clusters = resourcesOf(infra, 'google_container_cluster').map((c) => ({
    path: c.path,
    autopilot: c.block.enable_autopilot === true,
    channel: literalString(block(c.block.release_channel)?.channel),
    minMasterVersion: literalString(c.block.min_master_version),
    nodeLocations: literalStrings(c.block.node_locations),
  }));
  const nodePools = resourcesOf(infra, 'google_container_node_pool').flatMap((p) => {
    const machineType = literalString(block(p.block.node_config)?.machine_type) ?? 'e2-medium';
    const autoscaling = block(p.block.autoscaling);
    return [{
      path: p.path,
      machineType,
      totalMax: literalNumber(autoscaling?.total_max_node_count),
      perZoneMax: literalNumber(autoscaling?.max_node_count) ?? (autoscaling === undefined ? literalNumber(p.block.node_count) ?? literalNumber(p.block.initial_node_count) : undefined),
      nodeLocations: literalStrings(p.block.node_locations),
    }];
  });
  const staticAddresses = resourcesOf(infra, 'google_compute_address').filter((a) => (literalString(a.block.address_type) ?? 'EXTERNAL') === 'EXTERNAL').length;
  const sql = resourcesOf(infra, 'google_sql_database_instance').map((s) => {
    const settings = block(s.block.settings);
    const flags = Array.isArray(settings?.database_flags) ? (settings!.database_flags as Array<{ name?: unknown }>).map((f) => literalString(f.name)).filter((n): n is string => n !== undefined) : [];
    return { path: s.path, tier: literalString(settings?.tier) ?? '?', databaseVersion: literalString(s.block.database_version) ?? '?', flags };
  });
  const zones = new Map<string, { zone: string; project: string | undefined; names: string[] }>();
  for (const r of resourcesOf(infra, 'google_dns_record_set')) {
    const zone = literalString(r.block.managed_zone);
    if (zone === undefined) continue;
    const p = literalString(r.block.project) ?? project;
    const key = `${p}/${zone}`;
    const entry = zones.get(key) ?? { zone, project: p, names: [] };
    const name = literalString(r.block.name);
    if (name !== undefined) entry.names.push(name);
    zones.set(key, entry);
  }
  return { project, region, clusters, nodePools, staticAddresses, sql, dns: [...zones.values()] };
}

/**
 * The roles docs/gke.md asks the deploying account to hold on the project (Owner covers them all); DNS Administrator
 * only when the stack writes DNS records.
 */
export const GKE_DEPLOYER_ROLES: readonly { readonly role: string; readonly title: string; readonly onlyWithDns?: boolean }[] = [
  { role: 'roles/serviceusage.serviceUsageAdmin', title: 'Service Usage Admin' },
  { role: 'roles/compute.networkAdmin', title: 'Compute Network Admin' },
  { role: 'roles/container.admin', title: 'Kubernetes Engine Admin' },
  { role: 'roles/cloudsql.admin', title: 'Cloud SQL Admin' },
  { role: 'roles/storage.admin', title: 'Storage Admin' },
  { role: 'roles/artifactregistry.admin', title: 'Artifact Registry Admin' },
  { role: 'roles/iam.serviceAccountAdmin', title: 'Service Account Admin' },
  { role: 'roles/iam.serviceAccountUser', title: 'Service Account User' },
  { role: 'roles/resourcemanager.projectIamAdmin', title: 'Project IAM Admin' },
  { role: 'roles/dns.admin', title: 'DNS Administrator', onlyWithDns: true },
];

const GCLOUD_HELP = 'install the Google Cloud CLI (https://cloud.google.com/sdk/docs/install), then `gcloud auth login` and `gcloud auth application-default login`';

/** The API a failed command needs, when its error says that API is off in the project. */
function disabledApi(error: string): string | undefined {
  if (!/SERVICE_DISABLED|has not been used in project|is disabled|not enabled/i.test(error)) return undefined;
  return /([a-z]+\.googleapis\.com)/.exec(error)?.[1] ?? 'the API';
}

function apiOff(check: string, api: string, project: string): CheckResult {
  return skip(check, `${api} is off in project ${project}; the infra stack turns it on, so this cannot be read before (to check now: \`gcloud services enable ${api} --project ${project}\`)`);
}

/** The Google Cloud checks, in print order. */
export async function gcpChecks(plan: GcpPlan, runner: CommandRunner): Promise<CheckResult[]> {
  const cli = gcloud(runner);
  const machineTypes = [...new Set(plan.nodePools.map((p) => p.machineType))];
  const names = ['project', 'region', 'permissions', ...machineTypes.map((m) => `machine type ${m}`), ...(plan.nodePools.length > 0 ? ['vCPU quota'] : []), ...(plan.staticAddresses > 0 ? ['static IP quota'] : []), ...plan.clusters.map(() => 'kubernetes version'), ...plan.sql.flatMap(() => ['postgres tier', 'postgres version']), ...plan.dns.map((z) => `dns zone ${z.zone}`)];
  const auth = await cli.json<Array<{ account: string; status: string }>>(['auth', 'list']);
  const active = auth.ok ? (auth.value ?? []).find((a) => a.status === 'ACTIVE') : undefined;
  if (!auth.ok || active === undefined) {
    const problem = !auth.ok ? (auth.notInstalled ? auth.error : `gcloud auth list failed: ${auth.error}`) : 'no account is signed in to the Google Cloud CLI';
    return [fail('gcloud CLI', problem, !auth.ok && auth.notInstalled ? GCLOUD_HELP : 'run `gcloud auth login` and `gcloud auth application-default login` (Terraform uses the application-default credentials)'), ...names.map((n) => skip(n, 'needs a signed-in Google Cloud CLI'))];
  }
  const account = active.account;
  const results: CheckResult[] = [ok('gcloud CLI', `signed in as ${account}`)];
  const project = plan.project;
  if (project === undefined) return [...results, ...names.map((n) => skip(n, 'the stack names no literal project'))];
  const proj = await cli.json<{ projectId: string; lifecycleState?: string; name?: string }>(['projects', 'describe', project]);
  if (!proj.ok) {
    return [...results, fail('project', `project ${project} is not reachable as ${account}: ${proj.error}`, 'check google.project (the project id, not its name or number) and that this account is a member of the project'), ...names.slice(1).map((n) => skip(n, `needs access to project ${project}`))];
  }
  if (proj.value.lifecycleState !== undefined && proj.value.lifecycleState !== 'ACTIVE') {
    return [...results, fail('project', `project ${project} is ${proj.value.lifecycleState}`, 'use an active project (a project pending deletion cannot create resources)'), ...names.slice(1).map((n) => skip(n, `project ${project} is not active`))];
  }
  results.push(ok('project', `${project} is ACTIVE`));
  const region = plan.region ?? plan.clusters.map((c) => c.nodeLocations[0]?.replace(/-[a-z]$/, '')).find((r) => r !== undefined);
  if (region === undefined) return [...results, ...names.slice(1).map((n) => skip(n, 'the stack names no literal region'))];
  const p = ['--project', project];

  const [regionInfo, policy, serverConfig, tiers, flags, zones] = await Promise.all([
    cli.json<GcpRegion>(['compute', 'regions', 'describe', region, ...p]),
    readPolicy(cli, project),
    plan.clusters.length > 0 ? cli.json<ServerConfig>(['container', 'get-server-config', '--region', region, ...p]) : Promise.resolve(undefined),
    plan.sql.length > 0 ? cli.json<SqlTier[]>(['sql', 'tiers', 'list', ...p]) : Promise.resolve(undefined),
    Promise.all([...new Set(plan.sql.map((s) => s.databaseVersion))].map(async (v) => [v, await cli.json<Array<{ name: string }>>(['sql', 'flags', 'list', '--database-version', v, ...p])] as const)),
    Promise.all(plan.dns.map(async (z) => [z, await cli.json<ManagedZone>(['dns', 'managed-zones', 'describe', z.zone, '--project', z.project ?? project])] as const)),
  ]);

  // Region, machine types and quotas all come from the regions describe (Compute Engine API).
  const computeOff = !regionInfo.ok ? disabledApi(regionInfo.error) : undefined;
  if (!regionInfo.ok && computeOff !== undefined) {
    results.push(apiOff('region', computeOff, project), ...machineTypes.map((m) => apiOff(`machine type ${m}`, computeOff, project)));
    if (plan.nodePools.length > 0) results.push(apiOff('vCPU quota', computeOff, project));
    if (plan.staticAddresses > 0) results.push(apiOff('static IP quota', computeOff, project));
  } else if (!regionInfo.ok) {
    const missing = /not found|was not found|Unknown region|Invalid value/i.test(regionInfo.error);
    results.push(missing ? fail('region', `region ${region} does not exist: ${regionInfo.error}`, 'set google.region to a region from `gcloud compute regions list`') : fail('region', `could not read region ${region}: ${regionInfo.error}`, 'run `gcloud compute regions describe` for it to see why'));
    results.push(...names.filter((n) => n.startsWith('machine type') || n === 'vCPU quota' || n === 'static IP quota').map((n) => skip(n, `region ${region} could not be read`)));
  } else {
    const info = regionInfo.value;
    results.push(info.status === undefined || info.status === 'UP' ? ok('region', `${region} is UP (${(info.zones ?? []).length} zones)`) : fail('region', `region ${region} is ${info.status}`, 'choose a region that is UP'));
    results.push(...(await computeResults(cli, plan, info, project, machineTypes)));
  }
  results.push(permissionsResult(account, project, plan, policy));
  results.push(...plan.clusters.map((c) => versionResult(c, region, project, serverConfig)));
  const flagsByVersion = new Map(flags);
  results.push(...plan.sql.flatMap((s) => sqlResults(s, region, project, tiers, flagsByVersion.get(s.databaseVersion))));
  results.push(...zones.map(([z, r]) => dnsResult(z, project, r)));
  return results;
}

interface GcpRegion {
  name: string;
  status?: string;
  zones?: string[];
  quotas?: Array<{ metric: string; limit: number; usage: number }>;
}

async function computeResults(cli: ReturnType<typeof gcloud>, plan: GcpPlan, info: GcpRegion, project: string, machineTypes: string[]): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  const regionZones = (info.zones ?? []).map((z) => z.split('/').pop()!);
  const cpus = new Map<string, number>();
  for (const mt of machineTypes) {
    const pools = plan.nodePools.filter((n) => n.machineType === mt);
    const zone = pools[0]!.nodeLocations[0] ?? plan.clusters[0]?.nodeLocations[0] ?? regionZones[0];
    if (zone === undefined) {
      out.push(skip(`machine type ${mt}`, `region ${info.name} lists no zones`));
      continue;
    }
    const r = await cli.json<{ name: string; guestCpus: number }>(['compute', 'machine-types', 'describe', mt, '--zone', zone, '--project', project]);
    if (r.ok) {
      cpus.set(mt, r.value.guestCpus);
      out.push(ok(`machine type ${mt}`, `offered in ${zone} (${r.value.guestCpus} vCPUs)`));
    } else {
      out.push(fail(`machine type ${mt}`, `${mt} is not offered in zone ${zone}: ${r.error}`, 'choose a machine type offered in the region (`gcloud compute machine-types list --zones <zone>`; cluster.nodePool.machineType)'));
    }
  }
  const quota = (metric: string) => info.quotas?.find((q) => q.metric === metric);
  if (plan.nodePools.length > 0) {
    const need = new Map<string, { vcpus: number; parts: string[] }>();
    let unknown = false;
    for (const pool of plan.nodePools) {
      const perNode = cpus.get(pool.machineType);
      const zoneCount = (pool.nodeLocations.length || plan.clusters[0]?.nodeLocations.length || regionZones.length) || 1;
      const nodes = pool.totalMax ?? (pool.perZoneMax !== undefined ? pool.perZoneMax * zoneCount : undefined);
      if (perNode === undefined || nodes === undefined) {
        unknown = true;
        continue;
      }
      const metric = cpuQuotaMetric(pool.machineType, (m) => quota(m) !== undefined);
      const e = need.get(metric) ?? { vcpus: 0, parts: [] };
      e.vcpus += perNode * nodes;
      e.parts.push(`${nodes} × ${pool.machineType} (${perNode} vCPUs)`);
      need.set(metric, e);
    }
    if (need.size === 0) {
      out.push(skip('vCPU quota', unknown ? 'the machine types could not be read' : 'no node pool'));
    } else {
      const short: string[] = [];
      const have: string[] = [];
      for (const [metric, e] of need) {
        const q = quota(metric);
        if (q === undefined) {
          short.push(`region ${info.name} has no ${metric} quota`);
          continue;
        }
        const free = q.limit - q.usage;
        (free < e.vcpus ? short : have).push(`${metric}: need ${e.vcpus} for ${e.parts.join(' + ')}, ${free} free (${q.usage} of ${q.limit} in use)`);
      }
      out.push(short.length > 0 ? fail('vCPU quota', `${short.join('; ')} in ${info.name} at the autoscaler maximum`, 'request a quota increase (console: IAM & Admin > Quotas) or lower cluster.nodePool.maxNodes / the machine type') : ok('vCPU quota', `${have.join('; ')} (autoscaler maximum)`));
    }
  }
  if (plan.staticAddresses > 0) {
    const q = quota('STATIC_ADDRESSES');
    if (q === undefined) out.push(skip('static IP quota', `region ${info.name} reports no STATIC_ADDRESSES quota`));
    else {
      const free = q.limit - q.usage;
      out.push(free < plan.staticAddresses ? fail('static IP quota', `need ${plan.staticAddresses} static external address(es), ${free} free in ${info.name} (${q.usage} of ${q.limit} in use)`, 'release unused static addresses or request a STATIC_ADDRESSES quota increase') : ok('static IP quota', `need ${plan.staticAddresses}, ${free} free in ${info.name}`));
    }
  }
  return out;
}

/**
 * The regional quota a machine type's vCPUs count against: E2 and N1 (and the shared-core f1/g1) share `CPUS`, as
 * Compute Engine's allocation quota documentation maps them (a region also reports an `E2_CPUS` figure, which E2 VMs
 * do not draw from); every other series has its own `<SERIES>_CPUS` (`N2_CPUS`, `N2D_CPUS`, `C3_CPUS`, ...).
 */
export function cpuQuotaMetric(machineType: string, reported: (metric: string) => boolean): string {
  const series = machineType.split('-')[0]!.toUpperCase();
  if (['E2', 'N1', 'F1', 'G1'].includes(series)) return 'CPUS';
  return reported(`${series}_CPUS`) ? `${series}_CPUS` : 'CPUS';
}

interface IamPolicy {
  bindings?: Array<{ role: string; members?: string[] }>;
}

async function readPolicy(cli: ReturnType<typeof gcloud>, project: string): Promise<CliOutcome<IamPolicy[]>> {
  // The project's policy and its folders' and organization's: roles granted higher up count as well.
  const ancestors = await cli.json<Array<{ id: string; type: string; policy?: IamPolicy }>>(['projects', 'get-ancestors-iam-policy', project]);
  if (ancestors.ok) return { ok: true, value: (ancestors.value ?? []).map((a) => a.policy ?? {}) };
  const own = await cli.json<IamPolicy>(['projects', 'get-iam-policy', project]);
  return own.ok ? { ok: true, value: [own.value ?? {}] } : own;
}

function permissionsResult(account: string, project: string, plan: GcpPlan, policy: CliOutcome<IamPolicy[]>): CheckResult {
  const check = 'permissions';
  if (!policy.ok) return skip(check, `could not read the IAM policy of ${project}: ${policy.error}`);
  const member = account.endsWith('.gserviceaccount.com') ? `serviceAccount:${account}` : `user:${account}`;
  const bindings = policy.value.flatMap((p) => p.bindings ?? []);
  const held = new Set(bindings.filter((b) => (b.members ?? []).includes(member)).map((b) => b.role));
  if (held.has('roles/owner')) return ok(check, `${member} is Owner of ${project}`);
  const required = GKE_DEPLOYER_ROLES.filter((r) => !r.onlyWithDns || plan.dns.length > 0);
  const missing = required.filter((r) => !held.has(r.role));
  if (missing.length === 0) return ok(check, `${member} holds every role docs/gke.md lists (${required.map((r) => r.title).join(', ')})`);
  const viaGroup = missing.filter((r) => bindings.some((b) => b.role === r.role && (b.members ?? []).some((m) => /^(group|domain):/.test(m))));
  if (viaGroup.length === missing.length) {
    return skip(check, `${member} lacks ${missing.map((r) => r.title).join(', ')} directly, but groups hold them; preflight cannot read group membership (the deploy needs them)`);
  }
  return fail(check, `${member} lacks ${missing.map((r) => `${r.title} (${r.role})`).join(', ')} on ${project}`, 'have a project Owner grant Owner, or the missing roles (docs/gke.md, section 1)');
}

interface ServerConfig {
  channels?: Array<{ channel: string; defaultVersion?: string; validVersions?: string[] }>;
  defaultClusterVersion?: string;
  validMasterVersions?: string[];
}

function versionMatches(offered: string, wanted: string): boolean {
  return offered === wanted || offered.startsWith(`${wanted}.`) || offered.startsWith(`${wanted}-`);
}

function versionResult(c: GcpPlan['clusters'][number], region: string, project: string, r: CliOutcome<ServerConfig> | undefined): CheckResult {
  const check = 'kubernetes version';
  if (r === undefined) return skip(check, 'no cluster');
  if (!r.ok) {
    const api = disabledApi(r.error);
    return api !== undefined ? apiOff(check, api, project) : fail(check, `could not read the GKE versions of ${region}: ${r.error}`, 'run `gcloud container get-server-config --region <region>` to see why');
  }
  const cfg = r.value;
  const channel = c.channel !== undefined && c.channel !== 'UNSPECIFIED' ? cfg.channels?.find((ch) => ch.channel === c.channel) : undefined;
  if (c.channel !== undefined && c.channel !== 'UNSPECIFIED' && channel === undefined) {
    return fail(check, `GKE in ${region} has no ${c.channel} release channel (channels: ${(cfg.channels ?? []).map((ch) => ch.channel).join(', ')})`, 'set cluster.releaseChannel to an offered channel');
  }
  const valid = channel !== undefined ? (channel.validVersions ?? []) : (cfg.validMasterVersions ?? []);
  const where = channel !== undefined ? `the ${channel.channel} channel in ${region}` : region;
  if (c.minMasterVersion === undefined) return ok(check, `${where} offers ${channel?.defaultVersion ?? cfg.defaultClusterVersion ?? valid[0] ?? '?'} by default`);
  const hit = valid.find((v) => versionMatches(v, c.minMasterVersion!));
  if (hit === undefined) {
    const minors = [...new Set(valid.map((v) => v.split('.').slice(0, 2).join('.')))].join(', ');
    return fail(check, `${where} does not offer ${c.minMasterVersion} (offered: ${minors})`, 'set cluster.kubernetesVersion to an offered version (or leave it out to follow the channel)');
  }
  return ok(check, `${c.minMasterVersion} is offered in ${where} (${hit})`);
}

interface SqlTier {
  tier: string;
  region?: string[];
}

function sqlResults(s: GcpPlan['sql'][number], region: string, project: string, tiers: CliOutcome<SqlTier[]> | undefined, flags: CliOutcome<Array<{ name: string }>> | undefined): CheckResult[] {
  const out: CheckResult[] = [];
  if (tiers === undefined || !tiers.ok) {
    const api = tiers !== undefined ? disabledApi(tiers.error) : undefined;
    out.push(api !== undefined ? apiOff('postgres tier', api, project) : fail('postgres tier', `could not list the Cloud SQL tiers: ${tiers?.error ?? '?'}`, 'run `gcloud sql tiers list` to see why'));
  } else {
    const tier = (tiers.value ?? []).find((t) => t.tier === s.tier);
    if (tier !== undefined) {
      out.push(tier.region === undefined || tier.region.includes(region) ? ok('postgres tier', `${s.tier} is offered in ${region}`) : fail('postgres tier', `${s.tier} is not offered in ${region}`, 'choose a tier offered there (`gcloud sql tiers list`; postgres.tier)'));
    } else if (/^db-custom-\d+-\d+$/.test(s.tier)) {
      out.push(skip('postgres tier', `${s.tier} is a custom machine type, which \`gcloud sql tiers list\` does not list per region (its shape was checked at synth)`));
    } else {
      out.push(fail('postgres tier', `Cloud SQL offers no tier ${s.tier} to project ${project}`, 'choose a tier from `gcloud sql tiers list` or a db-custom-<vCPUs>-<MiB> tier (postgres.tier)'));
    }
  }
  if (flags === undefined) return [...out, skip('postgres version', 'no database version')];
  if (!flags.ok) {
    const api = disabledApi(flags.error);
    out.push(api !== undefined ? apiOff('postgres version', api, project) : fail('postgres version', `Cloud SQL does not accept ${s.databaseVersion}: ${flags.error}`, 'set postgres.version to a version Cloud SQL offers, or update the Google Cloud CLI (`gcloud components update`) if it predates that version'));
    return out;
  }
  const known = new Set((flags.value ?? []).map((f) => f.name));
  if (known.size === 0) return [...out, fail('postgres version', `Cloud SQL lists no settings for ${s.databaseVersion}`, 'set postgres.version to a version Cloud SQL offers')];
  const unknown = s.flags.filter((f) => !known.has(f));
  out.push(unknown.length > 0 ? fail('postgres version', `${s.databaseVersion} does not take the database flag(s) ${unknown.join(', ')} the stack sets`, 'choose a PostgreSQL version that supports them') : ok('postgres version', `${s.databaseVersion} is offered and takes the stack's ${s.flags.length} database flags`));
  return out;
}

interface ManagedZone {
  name: string;
  dnsName: string;
  visibility?: string;
  nameServers?: string[];
}

function dnsResult(z: GcpPlan['dns'][number], project: string, r: CliOutcome<ManagedZone>): CheckResult {
  const check = `dns zone ${z.zone}`;
  const where = z.project ?? project;
  if (!r.ok) {
    const api = disabledApi(r.error);
    if (api !== undefined) return apiOff(check, api, where);
    if (/not found|does not exist|notFound|404/i.test(r.error)) {
      return fail(check, `no managed zone ${z.zone} in project ${where}`, `create it (\`gcloud dns managed-zones create ${z.zone} --dns-name=<domain>. --description=spacelift --project ${where}\`) and delegate the domain to it, or correct dns.managedZone / dns.project`);
    }
    return fail(check, `could not read managed zone ${z.zone}: ${r.error}`, 'run `gcloud dns managed-zones describe` for it to see why');
  }
  const zone = r.value;
  if (zone.visibility !== undefined && zone.visibility !== 'public') return fail(check, `${z.zone} is a ${zone.visibility} zone`, 'use the public zone the domain is delegated to');
  const outside = z.names.filter((n) => !(n === zone.dnsName || n.endsWith(`.${zone.dnsName}`)));
  if (outside.length > 0) return fail(check, `${z.zone} serves ${zone.dnsName}, which does not contain ${outside.join(', ')}`, 'use the managed zone of the Spacelift domain');
  return ok(check, `${z.zone} serves ${zone.dnsName} in project ${where}`);
}
