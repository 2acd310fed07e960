import { Cli, CliOutcome, az } from './cli';
import { CheckResult, fail, ok, skip } from './result';
import { CommandRunner } from './runner';
import { TerraformJson, block, literalNumber, literalString, literalStrings, providerOf, resourcesOf } from './terraform-json';

/** What the AKS infra stack asks Azure for, read from its Terraform JSON. */
export interface AzurePlan {
  /** The provider's subscription_id, else $ARM_SUBSCRIPTION_ID. */
  readonly subscriptionId: string | undefined;
  readonly subscriptionSource: 'config' | 'ARM_SUBSCRIPTION_ID' | undefined;
  readonly location: string | undefined;
  /** The stack creates role assignments (so the deployer needs Microsoft.Authorization/roleAssignments/write). */
  readonly roleAssignments: number;
  readonly nodePools: readonly { readonly path: string; readonly vmSize: string; readonly maxNodes: number; readonly zones: readonly string[] }[];
  readonly clusters: readonly { readonly path: string; readonly version: string | undefined; readonly supportPlan: string }[];
  readonly postgres: readonly { readonly path: string; readonly skuName: string; readonly version: string | undefined; readonly zone: string | undefined; readonly zoneRedundant: boolean }[];
  readonly dnsZones: readonly { readonly zone: string; readonly resourceGroup: string }[];
}

export function azurePlan(infra: TerraformJson, env: NodeJS.ProcessEnv = process.env): AzurePlan {
  const fromConfig = literalString(providerOf(infra, 'azurerm')?.subscription_id);
  const fromEnv = env.ARM_SUBSCRIPTION_ID !== undefined && env.ARM_SUBSCRIPTION_ID !== '' ? env.ARM_SUBSCRIPTION_ID : undefined;
  const clusters = resourcesOf(infra, 'azurerm_kubernetes_cluster');
  const nodePools: AzurePlan['nodePools'][number][] = [];
  const pool = (path: string, b: Record<string, unknown> | undefined) => {
    const vmSize = literalString(b?.vm_size);
    if (b === undefined || vmSize === undefined) return;
    const autoscale = b.auto_scaling_enabled === true || b.enable_auto_scaling === true;
    const maxNodes = (autoscale ? literalNumber(b.max_count) : undefined) ?? literalNumber(b.node_count) ?? literalNumber(b.max_count) ?? 1;
    nodePools.push({ path, vmSize, maxNodes, zones: literalStrings(b.zones) });
  };
  for (const c of clusters) pool(`${c.path} default_node_pool`, block(c.block.default_node_pool));
  for (const p of resourcesOf(infra, 'azurerm_kubernetes_cluster_node_pool')) pool(p.path, p.block);
  const location =
    clusters.map((c) => literalString(c.block.location)).find((l) => l !== undefined) ??
    Object.values(infra.resource ?? {})
      .flatMap((byName) => Object.values(byName))
      .map((b) => literalString(b.location))
      .find((l) => l !== undefined);
  const dnsTypes = ['azurerm_dns_a_record', 'azurerm_dns_aaaa_record', 'azurerm_dns_cname_record', 'azurerm_dns_txt_record'];
  const dnsZones = new Map<string, { zone: string; resourceGroup: string }>();
  for (const t of dnsTypes) {
    for (const r of resourcesOf(infra, t)) {
      const zone = literalString(r.block.zone_name);
      const resourceGroup = literalString(r.block.resource_group_name);
      if (zone !== undefined && resourceGroup !== undefined) dnsZones.set(`${resourceGroup}/${zone}`, { zone, resourceGroup });
    }
  }
  return {
    subscriptionId: fromConfig ?? fromEnv,
    subscriptionSource: fromConfig !== undefined ? 'config' : fromEnv !== undefined ? 'ARM_SUBSCRIPTION_ID' : undefined,
    location: location?.toLowerCase().replace(/\s+/g, ''),
    roleAssignments: resourcesOf(infra, 'azurerm_role_assignment').length,
    nodePools,
    clusters: clusters.map((c) => ({ path: c.path, version: literalString(c.block.kubernetes_version), supportPlan: literalString(c.block.support_plan) ?? 'KubernetesOfficial' })),
    postgres: resourcesOf(infra, 'azurerm_postgresql_flexible_server').map((p) => ({
      path: p.path,
      skuName: literalString(p.block.sku_name) ?? 'GP_Standard_D2ds_v5',
      version: literalString(p.block.version) ?? (typeof p.block.version === 'number' ? String(p.block.version) : undefined),
      zone: literalString(p.block.zone),
      zoneRedundant: literalString(block(p.block.high_availability)?.mode) === 'ZoneRedundant',
    })),
    dnsZones: [...dnsZones.values()],
  };
}

interface AzAccount {
  id: string;
  name: string;
  state?: string;
  isDefault?: boolean;
  user?: { name?: string; type?: string };
}

const AZ_HELP = 'install the Azure CLI (https://learn.microsoft.com/cli/azure/install-azure-cli) and run `az login`';

/** The Azure checks, in print order. */
export async function azureChecks(plan: AzurePlan, runner: CommandRunner): Promise<CheckResult[]> {
  const cli = az(runner);
  const names = ['subscription', 'region', 'permissions', ...new Set(plan.nodePools.map((p) => `vm size ${p.vmSize}`)), 'vCPU quota', 'kubernetes version', ...plan.postgres.flatMap(() => ['postgres sku', 'postgres version']), ...plan.dnsZones.map((z) => `dns zone ${z.zone}`)];
  const account = await cli.json<AzAccount>(['account', 'show']);
  if (!account.ok) {
    const problem = account.notInstalled ? account.error : `the Azure CLI is not signed in (${account.error})`;
    return [fail('az CLI', problem, account.notInstalled ? AZ_HELP : 'run `az login` (Terraform uses the same sign-in)'), ...names.map((n) => skip(n, 'needs a signed-in Azure CLI'))];
  }
  const me = account.value;
  const results: CheckResult[] = [ok('az CLI', `signed in as ${me.user?.name ?? '?'} (${me.user?.type ?? '?'}), current subscription "${me.name}" (${me.id})`)];

  // Subscription: azurerm 4 needs one named (provider subscription_id or ARM_SUBSCRIPTION_ID).
  let subscription = me.id;
  let reachable = true;
  if (plan.subscriptionId === undefined) {
    results.push(fail('subscription', 'neither azure.subscriptionId nor ARM_SUBSCRIPTION_ID is set, and the azurerm provider 4.x needs one', `set azure.subscriptionId: ${me.id} (the CLI's current subscription "${me.name}") in the config, or export ARM_SUBSCRIPTION_ID`));
  } else if (plan.subscriptionId.toLowerCase() === me.id.toLowerCase()) {
    results.push(stateResult(me, `${me.id} ("${me.name}", from ${plan.subscriptionSource}) is the CLI's current subscription`));
  } else {
    const other = await cli.json<AzAccount>(['account', 'show', '--subscription', plan.subscriptionId]);
    subscription = plan.subscriptionId;
    if (other.ok) {
      results.push(stateResult(other.value, `${other.value.id} ("${other.value.name}", from ${plan.subscriptionSource}) is reachable with this sign-in (the CLI's current one is "${me.name}"); checked below`));
    } else {
      reachable = false;
      results.push(fail('subscription', `subscription ${plan.subscriptionId} (from ${plan.subscriptionSource}) is not reachable with this sign-in: ${other.error}`, `\`az login\` as someone with access to it, or correct ${plan.subscriptionSource === 'config' ? 'azure.subscriptionId' : 'ARM_SUBSCRIPTION_ID'}`));
    }
  }
  if (!reachable) return [...results, ...names.slice(1).map((n) => skip(n, `needs access to subscription ${subscription}`))];
  const sub = ['--subscription', subscription];
  const location = plan.location;
  if (location === undefined) return [...results, ...names.slice(1).map((n) => skip(n, 'the stack names no literal location'))];

  const [locations, assignments, skus, usage, versions, pgCaps, zones] = await Promise.all([
    cli.json<Array<{ name: string; displayName?: string }>>(['account', 'list-locations', ...sub]),
    me.user?.name !== undefined && /^(user|servicePrincipal)$/.test(me.user?.type ?? '')
      ? cli.json<RoleAssignment[]>(['role', 'assignment', 'list', '--assignee', me.user.name, '--scope', `/subscriptions/${subscription}`, '--include-inherited', '--include-groups', ...sub])
      : Promise.resolve(undefined),
    Promise.all([...new Set(plan.nodePools.map((p) => p.vmSize))].map(async (size) => [size, await cli.json<VmSku[]>(['vm', 'list-skus', '--location', location, '--size', size, '--resource-type', 'virtualMachines', '--all', ...sub])] as const)),
    plan.nodePools.length > 0 ? cli.json<VmUsage[]>(['vm', 'list-usage', '--location', location, ...sub]) : Promise.resolve(undefined),
    plan.clusters.length > 0 ? cli.json<AksVersions>(['aks', 'get-versions', '--location', location, ...sub]) : Promise.resolve(undefined),
    plan.postgres.length > 0 ? cli.json<PgCapability[]>(['postgres', 'flexible-server', 'list-skus', '--location', location, ...sub]) : Promise.resolve(undefined),
    Promise.all(plan.dnsZones.map(async (z) => [z, await cli.json<DnsZone>(['network', 'dns', 'zone', 'show', '--name', z.zone, '--resource-group', z.resourceGroup, ...sub])] as const)),
  ]);

  results.push(regionResult(location, locations));
  results.push(await permissionsResult(cli, me, subscription, plan, assignments));
  const skuBySize = new Map(skus.map(([size, r]) => [size, r]));
  results.push(...vmResults(plan, location, skuBySize, usage));
  results.push(...plan.clusters.map((c) => versionResult(c, location, versions)));
  results.push(...plan.postgres.flatMap((p) => postgresResults(p, location, pgCaps)));
  results.push(...zones.map(([z, r]) => dnsResult(z, subscription, r)));
  return results;
}

function stateResult(account: AzAccount, found: string): CheckResult {
  if (account.state !== undefined && account.state !== 'Enabled') {
    return fail('subscription', `subscription ${account.id} is ${account.state}`, 'use an enabled subscription (a disabled or warned one cannot create resources)');
  }
  return ok('subscription', found);
}

function regionResult(location: string, r: CliOutcome<Array<{ name: string }>>): CheckResult {
  if (!r.ok) return fail('region', `could not list the subscription's locations: ${r.error}`, 'run `az account list-locations -o table` to see why');
  if (r.value.some((l) => l.name.toLowerCase() === location)) return ok('region', `${location} is available to the subscription`);
  return fail('region', `location ${location} does not exist or is not available to this subscription`, 'pick a location from `az account list-locations -o table` (azure.location)');
}

interface RoleAssignment {
  roleDefinitionName?: string;
  scope?: string;
  principalName?: string;
  principalType?: string;
}

interface RoleDefinition {
  roleName?: string;
  permissions?: Array<{ actions?: string[]; notActions?: string[] }>;
}

/** What a role lets its holder do at the subscription: create resources, and assign roles. */
const BUILT_IN_ROLES: Record<string, { create: boolean; assign: boolean }> = {
  owner: { create: true, assign: true },
  contributor: { create: true, assign: false },
  'user access administrator': { create: false, assign: true },
  'role based access control administrator': { create: false, assign: true },
};

function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(action);
}

/** Whether a custom role grants an action (an action matched by actions and not by notActions). */
export function grants(def: RoleDefinition, action: string): boolean {
  return (def.permissions ?? []).some((p) => (p.actions ?? []).some((a) => actionMatches(a, action)) && !(p.notActions ?? []).some((n) => actionMatches(n, action)));
}

function atSubscriptionOrAbove(scope: string | undefined, subscription: string): boolean {
  if (scope === undefined) return false;
  const s = scope.toLowerCase();
  return s === '/' || s === `/subscriptions/${subscription.toLowerCase()}` || s.startsWith('/providers/microsoft.management/managementgroups/');
}

async function permissionsResult(cli: Cli, me: AzAccount, subscription: string, plan: AzurePlan, r: CliOutcome<RoleAssignment[]> | undefined): Promise<CheckResult> {
  const who = me.user?.name ?? '?';
  if (r === undefined) return skip('permissions', `signed in as a ${me.user?.type ?? 'unknown'} principal (managed identity?): its role assignments cannot be listed by name; make sure it has Owner (or Contributor + User Access Administrator) on ${subscription}`);
  if (!r.ok) return skip('permissions', `could not list the role assignments of ${who}: ${r.error}`);
  const roles = [...new Set(r.value.filter((a) => atSubscriptionOrAbove(a.scope, subscription)).map((a) => a.roleDefinitionName ?? '').filter((n) => n !== ''))];
  let create = false;
  let assign = false;
  for (const role of roles) {
    const known = BUILT_IN_ROLES[role.toLowerCase()];
    if (known !== undefined) {
      create ||= known.create;
      assign ||= known.assign;
      continue;
    }
    const def = await cli.json<RoleDefinition[]>(['role', 'definition', 'list', '--name', role, '--scope', `/subscriptions/${subscription}`, '--subscription', subscription]);
    if (!def.ok) continue;
    for (const d of def.value) {
      create ||= grants(d, 'Microsoft.Resources/subscriptions/resourceGroups/write') && grants(d, 'Microsoft.ContainerService/managedClusters/write');
      assign ||= grants(d, 'Microsoft.Authorization/roleAssignments/write');
    }
  }
  const held = roles.length > 0 ? roles.join(', ') : 'no role';
  const needAssign = plan.roleAssignments > 0;
  if (create && (assign || !needAssign)) {
    return ok('permissions', `${who} holds ${held} at subscription scope: may create the resources${needAssign ? ` and the stack's ${plan.roleAssignments} role assignments` : ''}`);
  }
  const missing = [!create ? 'create resources (Contributor)' : undefined, needAssign && !assign ? `create the stack's ${plan.roleAssignments} role assignments (User Access Administrator)` : undefined].filter((m) => m !== undefined).join(' and ');
  return fail('permissions', `${who} holds ${held} on subscription ${subscription} (directly, inherited or through groups), which does not let it ${missing}`, 'have an Owner grant Owner, or Contributor plus User Access Administrator (or Role Based Access Control Administrator), at the subscription');
}

interface VmSku {
  name: string;
  family?: string;
  locations?: string[];
  locationInfo?: Array<{ location: string; zones?: string[] }>;
  capabilities?: Array<{ name: string; value: string }>;
  restrictions?: Array<{ type: string; values?: string[]; reasonCode?: string; restrictionInfo?: { locations?: string[]; zones?: string[] } }>;
}

interface VmUsage {
  currentValue: string | number;
  limit: string | number;
  localName?: string;
  name: { value: string; localizedValue?: string };
}

function vmResults(plan: AzurePlan, location: string, skus: Map<string, CliOutcome<VmSku[]>>, usage: CliOutcome<VmUsage[]> | undefined): CheckResult[] {
  const out: CheckResult[] = [];
  const needByFamily = new Map<string, { vcpus: number; parts: string[] }>();
  let total = 0;
  let unknown = false;
  for (const size of new Set(plan.nodePools.map((p) => p.vmSize))) {
    const check = `vm size ${size}`;
    const pools = plan.nodePools.filter((p) => p.vmSize === size);
    const r = skus.get(size)!;
    if (!r.ok) {
      out.push(fail(check, `could not list VM sizes: ${r.error}`, 'run `az vm list-skus --location <location> --size <size> --all` to see why'));
      unknown = true;
      continue;
    }
    const sku = r.value.find((s) => s.name.toLowerCase() === size.toLowerCase());
    if (sku === undefined || !(sku.locations ?? [location]).some((l) => l.toLowerCase() === location)) {
      out.push(fail(check, `${size} is not offered in ${location}`, 'choose a VM size offered there (`az vm list-skus --location <location> --resource-type virtualMachines -o table`)'));
      unknown = true;
      continue;
    }
    const restrictions = sku.restrictions ?? [];
    const inLocation = (x: { values?: string[]; restrictionInfo?: { locations?: string[] } }) => [...(x.values ?? []), ...(x.restrictionInfo?.locations ?? [])].some((l) => l.toLowerCase() === location);
    if (restrictions.some((x) => x.type === 'Location' && inLocation(x))) {
      out.push(fail(check, `${size} is restricted for this subscription in ${location} (NotAvailableForSubscription)`, 'choose another VM size or region, or ask Azure support to lift the restriction'));
      unknown = true;
      continue;
    }
    const blockedZones = new Set(restrictions.filter((x) => x.type === 'Zone' && inLocation(x)).flatMap((x) => x.restrictionInfo?.zones ?? []));
    const offeredZones = new Set(sku.locationInfo?.find((i) => i.location.toLowerCase() === location)?.zones ?? []);
    const wanted = [...new Set(pools.flatMap((p) => p.zones))];
    const badZones = wanted.filter((z) => blockedZones.has(z) || !offeredZones.has(z));
    if (badZones.length > 0) {
      out.push(fail(check, `${size} is not available in zone(s) ${badZones.join(', ')} of ${location} for this subscription (available: ${[...offeredZones].filter((z) => !blockedZones.has(z)).join(', ') || 'none'})`, 'set the node pool zones to the available ones (cluster.systemPool.zones), or choose another VM size'));
    } else {
      out.push(ok(check, `offered in ${location}${wanted.length > 0 ? ` in zones ${wanted.join(', ')}` : ''}`));
    }
    const vcpus = Number(sku.capabilities?.find((c) => c.name === 'vCPUs')?.value ?? NaN);
    if (!Number.isFinite(vcpus) || sku.family === undefined) {
      unknown = true;
      continue;
    }
    for (const p of pools) {
      const need = vcpus * p.maxNodes;
      const entry = needByFamily.get(sku.family) ?? { vcpus: 0, parts: [] };
      entry.vcpus += need;
      entry.parts.push(`${p.maxNodes} × ${size} (${vcpus} vCPUs)`);
      needByFamily.set(sku.family, entry);
      total += need;
    }
  }
  if (plan.nodePools.length === 0) return out;
  if (unknown && needByFamily.size === 0) {
    out.push(skip('vCPU quota', 'the VM sizes could not be read'));
    return out;
  }
  if (usage === undefined || !usage.ok) {
    out.push(fail('vCPU quota', `could not read the compute usage of ${location}: ${usage?.error ?? '?'}`, 'run `az vm list-usage --location <location>` to see why'));
    return out;
  }
  const find = (value: string) => usage.value.find((u) => u.name.value.toLowerCase() === value.toLowerCase());
  const short: string[] = [];
  const have: string[] = [];
  const lines: Array<[string, number, VmUsage | undefined]> = [...needByFamily.entries()].map(([family, e]) => [family, e.vcpus, find(family)]);
  lines.push(['cores', total, find('cores')]);
  for (const [name, need, u] of lines) {
    const label = name === 'cores' ? 'Total Regional vCPUs' : (u?.localName ?? u?.name.localizedValue ?? name);
    if (u === undefined) {
      short.push(`no quota named ${name} in ${location}`);
      continue;
    }
    const limit = Number(u.limit);
    const used = Number(u.currentValue);
    const free = limit - used;
    if (free < need) short.push(`${label}: need ${need}, ${free} free (${used} of ${limit} in use)`);
    else have.push(`${label}: need ${need}, ${free} free`);
  }
  const why = [...needByFamily.values()].flatMap((e) => e.parts).join(' + ');
  if (short.length > 0) {
    out.push(fail('vCPU quota', `${short.join('; ')} in ${location} for ${why} at the autoscaler maximum`, 'request a quota increase (Azure portal > Quotas > Compute) or lower the node pool maxCount / VM size'));
  } else {
    out.push(ok('vCPU quota', `${have.join('; ')} (${why} at the autoscaler maximum)`));
  }
  return out;
}

interface AksVersions {
  values?: Array<{ version: string; isPreview?: boolean | null; patchVersions?: Record<string, unknown>; capabilities?: { supportPlan?: string[] } }>;
}

function versionResult(cluster: AzurePlan['clusters'][number], location: string, r: CliOutcome<AksVersions> | undefined): CheckResult {
  const check = 'kubernetes version';
  if (r === undefined || !r.ok) return fail(check, `could not list the AKS versions of ${location}: ${r?.error ?? '?'}`, 'run `az aks get-versions --location <location>` to see why');
  const offered = r.value.values ?? [];
  const list = offered.map((v) => v.version).join(', ');
  if (cluster.version === undefined) return ok(check, `none pinned: AKS picks its default (offered in ${location}: ${list})`);
  const minor = cluster.version.split('.').slice(0, 2).join('.');
  const entry = offered.find((v) => v.version === minor);
  if (entry === undefined) return fail(check, `AKS does not offer ${cluster.version} in ${location} (offered: ${list})`, 'set cluster.kubernetesVersion to an offered version');
  if (cluster.version !== minor && !Object.keys(entry.patchVersions ?? {}).includes(cluster.version)) {
    return fail(check, `AKS offers ${minor} in ${location} but not the patch ${cluster.version} (patches: ${Object.keys(entry.patchVersions ?? {}).join(', ')})`, `pin "${minor}" or an offered patch`);
  }
  const plans = entry.capabilities?.supportPlan;
  if (plans !== undefined && !plans.includes(cluster.supportPlan)) {
    return fail(check, `${cluster.version} is offered in ${location} only with the ${plans.join(', ')} support plan, not ${cluster.supportPlan}`, 'pin a version in standard support');
  }
  return ok(check, `${cluster.version} is offered in ${location}${entry.isPreview ? ' (preview)' : ''}`);
}

interface PgCapability {
  name?: string;
  restricted?: string;
  supportedServerEditions?: Array<{ name: string; supportedServerSkus?: Array<{ name: string; vCores?: number; supportedZones?: string[]; supportedHaMode?: string[] }> }>;
  supportedServerVersions?: Array<{ name: string }>;
}

const PG_TIERS: Record<string, string> = { B: 'Burstable', GP: 'GeneralPurpose', MO: 'MemoryOptimized' };

function postgresResults(pg: AzurePlan['postgres'][number], location: string, r: CliOutcome<PgCapability[]> | undefined): CheckResult[] {
  if (r === undefined || !r.ok) {
    const f = fail('postgres sku', `could not list the PostgreSQL flexible server SKUs of ${location}: ${r?.error ?? '?'}`, 'run `az postgres flexible-server list-skus --location <location>` to see why');
    return [f, skip('postgres version', 'the server capabilities could not be read')];
  }
  const caps = r.value.find((c) => c.name === 'FlexibleServerCapabilities') ?? r.value[0];
  if (caps === undefined || caps.restricted === 'Enabled') {
    const f = fail('postgres sku', `this subscription may not create PostgreSQL flexible servers in ${location} (restricted)`, 'choose another region or open a support request for access');
    return [f, skip('postgres version', 'PostgreSQL flexible servers are restricted in this region')];
  }
  const m = /^(B|GP|MO)_(.+)$/.exec(pg.skuName);
  const tier = m ? PG_TIERS[m[1]!] : undefined;
  const edition = caps.supportedServerEditions?.find((e) => e.name === tier);
  const sku = edition?.supportedServerSkus?.find((s) => s.name.toLowerCase() === (m?.[2] ?? '').toLowerCase());
  let skuResult: CheckResult;
  if (sku === undefined) {
    const offered = (edition?.supportedServerSkus ?? []).map((s) => `${m?.[1]}_${s.name}`).slice(0, 8).join(', ');
    skuResult = fail('postgres sku', `${pg.skuName} is not offered in ${location}${offered ? ` (offered ${tier} SKUs include ${offered})` : ''}`, 'set postgres.sku to an offered SKU');
  } else if (pg.zone !== undefined && !(sku.supportedZones ?? []).includes(pg.zone)) {
    skuResult = fail('postgres sku', `${pg.skuName} is not offered in zone ${pg.zone} of ${location} (zones: ${(sku.supportedZones ?? []).join(', ') || 'none'})`, 'set postgres.zone to a supported zone');
  } else if (pg.zoneRedundant && !(sku.supportedHaMode ?? []).includes('ZoneRedundant')) {
    skuResult = fail('postgres sku', `${pg.skuName} cannot run zone-redundant high availability in ${location}`, 'turn postgres.highAvailability off or choose another region or SKU');
  } else {
    skuResult = ok('postgres sku', `${pg.skuName} (${sku.vCores ?? '?'} vCores) is offered in ${location}${pg.zone !== undefined ? ` zone ${pg.zone}` : ''}${pg.zoneRedundant ? ' with zone-redundant HA' : ''}`);
  }
  const versions = (caps.supportedServerVersions ?? []).map((v) => v.name);
  const versionResult =
    pg.version === undefined
      ? ok('postgres version', `none pinned (offered: ${versions.join(', ')})`)
      : versions.includes(pg.version)
        ? ok('postgres version', `PostgreSQL ${pg.version} is offered in ${location}`)
        : fail('postgres version', `PostgreSQL ${pg.version} is not offered in ${location} (offered: ${versions.join(', ')})`, 'set postgres.version to an offered major version');
  return [skuResult, versionResult];
}

interface DnsZone {
  name: string;
  resourceGroup?: string;
  nameServers?: string[];
  zoneType?: string;
}

function dnsResult(z: AzurePlan['dnsZones'][number], subscription: string, r: CliOutcome<DnsZone>): CheckResult {
  const check = `dns zone ${z.zone}`;
  if (r.ok) {
    if (r.value.zoneType !== undefined && r.value.zoneType !== 'Public') return fail(check, `${z.zone} in ${z.resourceGroup} is a ${r.value.zoneType} zone`, 'point dns.zoneName at the public zone the domain is delegated to');
    return ok(check, `exists in resource group ${z.resourceGroup} (name servers ${(r.value.nameServers ?? []).slice(0, 2).join(', ')}${(r.value.nameServers ?? []).length > 2 ? ', ...' : ''})`);
  }
  if (/not ?found|could not be found|does not exist/i.test(r.error)) {
    return fail(check, `no DNS zone ${z.zone} in resource group ${z.resourceGroup} of subscription ${subscription}`, `create it (\`az network dns zone create -g ${z.resourceGroup} -n ${z.zone}\`) and delegate the domain to it, or correct dns.zoneName / dns.zoneResourceGroup`);
  }
  return fail(check, `could not read the zone: ${r.error}`, 'run `az network dns zone show` for it to see why');
}
