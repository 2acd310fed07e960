import { runChecks, report } from '../../preflight';
import { azurePlan } from '../../preflight/azure';
import { allowedCommand } from '../../preflight/runner';
import { SynthesizedPair } from '../../preflight/synth';
import { FakeRule } from './fake-cli';
import { azureRules, chartIndexes, errorRule, fakeFetcher, fakeRunner, fixtureJson, jsonRule, notInstalledRunner, synthTestConfig } from './support';

/** Preflight against recorded Azure CLI responses, for the AKS test config (configs/aks.yaml). */
let pair: SynthesizedPair;
beforeAll(() => {
  pair = synthTestConfig('aks');
});

const SUB = '3f2b8c1e-7d4a-4e9b-9a51-2c6d8e0f1a47';

async function run(extra: FakeRule[] = [], options: { env?: NodeJS.ProcessEnv; unpublished?: string[]; runner?: ReturnType<typeof fakeRunner> } = {}) {
  const fake = options.runner ?? fakeRunner([...extra, ...azureRules()]);
  const { fetcher } = fakeFetcher(chartIndexes(pair, options.unpublished));
  const results = await runChecks(pair, { runner: fake.runner, fetcher, env: options.env ?? {} });
  return { ...report(results), results, calls: fake.calls };
}

const line = (lines: string[], check: string) => lines.find((l) => l.slice(5).startsWith(`${check}:`));

test('the plan is read from the synthesized JSON: location, subscription, node pool, versions, SKU, DNS zone, role assignments', () => {
  const plan = azurePlan(pair.infra, {});
  expect(plan.subscriptionId).toBe(SUB);
  expect(plan.location).toBe('westeurope');
  expect(plan.nodePools).toEqual([{ path: expect.stringContaining('cluster'), vmSize: 'Standard_D4ds_v5', maxNodes: 6, zones: ['1', '2', '3'] }]);
  expect(plan.clusters.map((c) => c.version)).toEqual(['1.35']);
  expect(plan.postgres.map((p) => [p.skuName, p.version])).toEqual([['GP_Standard_D2ds_v5', '16']]);
  expect(plan.dnsZones).toEqual([{ zone: 'spacelift.example.com', resourceGroup: 'dns-rg' }]);
  expect(plan.roleAssignments).toBeGreaterThan(0);
});

test('everything in place: one ok line per check, exit code 0, only read-only commands issued', async () => {
  const { lines, exitCode, calls } = await run();
  expect(lines).toEqual([
    'ok   config: spacelift-aks-infra + spacelift-aks-platform synthesized (every synth-time check and the policy pack passed)',
    `ok   az CLI: signed in as ops@contoso.com (user), current subscription "Platform Production" (${SUB})`,
    `ok   subscription: ${SUB} ("Platform Production", from config) is the CLI's current subscription`,
    'ok   region: westeurope is available to the subscription',
    'ok   permissions: ops@contoso.com holds Contributor, User Access Administrator at subscription scope: may create the resources and the stack\'s 5 role assignments',
    'ok   vm size Standard_D4ds_v5: offered in westeurope in zones 1, 2, 3',
    'ok   vCPU quota: Standard DDSv5 Family vCPUs: need 24, 92 free; Total Regional vCPUs: need 24, 92 free (6 × Standard_D4ds_v5 (4 vCPUs) at the autoscaler maximum)',
    'ok   kubernetes version: 1.35 is offered in westeurope',
    'ok   postgres sku: GP_Standard_D2ds_v5 (2 vCores) is offered in westeurope zone 1',
    'ok   postgres version: PostgreSQL 16 is offered in westeurope',
    'ok   dns zone spacelift.example.com: exists in resource group dns-rg (name servers ns1-07.azure-dns.com., ns2-07.azure-dns.net., ...)',
    expect.stringMatching(/^ok {3}chart cert-manager: v\d+\.\d+\.\d+ is published in https:\/\/charts\.jetstack\.io$/),
    expect.stringMatching(/^ok {3}chart traefik: \S+ is published in https:\/\/traefik\.github\.io\/charts$/),
    expect.stringMatching(/^ok {3}chart spacelift-self-hosted: \S+ is published in https:\/\/downloads\.spacelift\.io\/helm$/),
    'preflight: 14 ok, 0 FAIL, 0 skip',
  ]);
  expect(exitCode).toBe(0);
  for (const c of calls) expect(allowedCommand(c)).toBeDefined();
  expect(calls.map((c) => c.slice(0, 4).join(' '))).toEqual(expect.arrayContaining(['az account show --only-show-errors', 'az vm list-usage --location', 'az aks get-versions --location', 'az network dns zone']));
  expect(calls.every((c) => c.includes('--output') && c.includes('json'))).toBe(true);
});

test('vCPU quota too low for the node pool at its maximum: FAIL naming the family, the need and what is free', async () => {
  const usage = fixtureJson('azure', 'vm-list-usage.json').map((u: any) => (u.name.value === 'standardDDSv5Family' ? { ...u, currentValue: '80' } : u));
  const { lines, exitCode } = await run([jsonRule(['az', 'vm', 'list-usage'], usage)]);
  expect(line(lines, 'vCPU quota')).toBe('FAIL vCPU quota: Standard DDSv5 Family vCPUs: need 24, 20 free (80 of 100 in use) in westeurope for 6 × Standard_D4ds_v5 (4 vCPUs) at the autoscaler maximum — fix: request a quota increase (Azure portal > Quotas > Compute) or lower the node pool maxCount / VM size');
  expect(exitCode).toBe(1);
});

test('VM size restricted for the subscription (NotAvailableForSubscription), or not in a zone the pool uses: FAIL', async () => {
  const sku = fixtureJson('azure', 'vm-list-skus.json');
  const restricted = [{ ...sku[0], restrictions: [{ reasonCode: 'NotAvailableForSubscription', restrictionInfo: { locations: ['westeurope'], zones: null }, type: 'Location', values: ['westeurope'] }] }];
  let r = await run([jsonRule(['az', 'vm', 'list-skus'], restricted)]);
  expect(line(r.lines, 'vm size Standard_D4ds_v5')).toMatch(/^FAIL vm size Standard_D4ds_v5: Standard_D4ds_v5 is restricted for this subscription in westeurope .* — fix: /);
  expect(r.exitCode).toBe(1);
  const zone3 = [{ ...sku[0], restrictions: [{ reasonCode: 'NotAvailableForSubscription', restrictionInfo: { locations: ['westeurope'], zones: ['3'] }, type: 'Zone', values: ['westeurope'] }] }];
  r = await run([jsonRule(['az', 'vm', 'list-skus'], zone3)]);
  expect(line(r.lines, 'vm size Standard_D4ds_v5')).toMatch(/^FAIL vm size Standard_D4ds_v5: Standard_D4ds_v5 is not available in zone\(s\) 3 of westeurope for this subscription \(available: .*\) — fix: /);
});

test('Kubernetes version not offered in the region: FAIL listing what is', async () => {
  const versions = fixtureJson('azure', 'aks-get-versions.json');
  versions.values = versions.values.filter((v: any) => v.version !== '1.35');
  const { lines, exitCode } = await run([jsonRule(['az', 'aks', 'get-versions'], versions)]);
  expect(line(lines, 'kubernetes version')).toBe('FAIL kubernetes version: AKS does not offer 1.35 in westeurope (offered: 1.34, 1.36, 1.33) — fix: set cluster.kubernetesVersion to an offered version');
  expect(exitCode).toBe(1);
});

test('Kubernetes version offered only under Long Term Support: FAIL for a KubernetesOfficial cluster', async () => {
  const versions = fixtureJson('azure', 'aks-get-versions.json');
  versions.values.find((v: any) => v.version === '1.35').capabilities.supportPlan = ['AKSLongTermSupport'];
  const { lines } = await run([jsonRule(['az', 'aks', 'get-versions'], versions)]);
  expect(line(lines, 'kubernetes version')).toMatch(/^FAIL kubernetes version: 1\.35 is offered in westeurope only with the AKSLongTermSupport support plan, not KubernetesOfficial/);
});

test('Postgres SKU or major version not offered in the region, or the region restricted: FAIL', async () => {
  const caps = fixtureJson('azure', 'postgres-flexible-server-list-skus.json');
  const gp = caps[0].supportedServerEditions.find((e: any) => e.name === 'GeneralPurpose');
  gp.supportedServerSkus = gp.supportedServerSkus.filter((s: any) => s.name !== 'Standard_D2ds_v5');
  caps[0].supportedServerVersions = caps[0].supportedServerVersions.filter((v: any) => v.name !== '16');
  let r = await run([jsonRule(['az', 'postgres', 'flexible-server', 'list-skus'], caps)]);
  expect(line(r.lines, 'postgres sku')).toMatch(/^FAIL postgres sku: GP_Standard_D2ds_v5 is not offered in westeurope \(offered GeneralPurpose SKUs include GP_Standard_D2s_v3, .*\) — fix: set postgres.sku/);
  expect(line(r.lines, 'postgres version')).toBe('FAIL postgres version: PostgreSQL 16 is not offered in westeurope (offered: 13, 14, 15, 17) — fix: set postgres.version to an offered major version');
  const restricted = fixtureJson('azure', 'postgres-flexible-server-list-skus.json');
  restricted[0].restricted = 'Enabled';
  r = await run([jsonRule(['az', 'postgres', 'flexible-server', 'list-skus'], restricted)]);
  expect(line(r.lines, 'postgres sku')).toMatch(/^FAIL postgres sku: this subscription may not create PostgreSQL flexible servers in westeurope/);
});

test('role missing: Contributor alone cannot create the role assignments the stack makes', async () => {
  const assignments = fixtureJson('azure', 'role-assignment-list.json').filter((a: any) => a.roleDefinitionName !== 'User Access Administrator');
  const { lines, exitCode } = await run([jsonRule(['az', 'role', 'assignment', 'list'], assignments)]);
  expect(line(lines, 'permissions')).toBe(`FAIL permissions: ops@contoso.com holds Contributor on subscription ${SUB} (directly, inherited or through groups), which does not let it create the stack's 5 role assignments (User Access Administrator) — fix: have an Owner grant Owner, or Contributor plus User Access Administrator (or Role Based Access Control Administrator), at the subscription`);
  expect(exitCode).toBe(1);
});

test('a custom role is evaluated from its definition (actions and notActions)', async () => {
  const custom = [{ ...fixtureJson('azure', 'role-assignment-list.json')[0], roleDefinitionName: 'Platform Deployer' }];
  const def = (notActions: string[]) => [{ roleName: 'Platform Deployer', roleType: 'CustomRole', permissions: [{ actions: ['*'], notActions, dataActions: [], notDataActions: [] }] }];
  let r = await run([jsonRule(['az', 'role', 'assignment', 'list'], custom), jsonRule(['az', 'role', 'definition', 'list'], def([]), ['Platform Deployer'])]);
  expect(line(r.lines, 'permissions')).toMatch(/^ok {3}permissions: ops@contoso.com holds Platform Deployer at subscription scope/);
  r = await run([jsonRule(['az', 'role', 'assignment', 'list'], custom), jsonRule(['az', 'role', 'definition', 'list'], def(['Microsoft.Authorization/*/Write']), ['Platform Deployer'])]);
  expect(line(r.lines, 'permissions')).toMatch(/^FAIL permissions: .*create the stack's 5 role assignments/);
});

test('DNS zone missing: FAIL with how to create it', async () => {
  const { lines, exitCode } = await run([errorRule(['az', 'network', 'dns', 'zone', 'show'], 'azure', 'network-dns-zone-show.not-found.stderr', 3)]);
  expect(line(lines, 'dns zone spacelift.example.com')).toBe(`FAIL dns zone spacelift.example.com: no DNS zone spacelift.example.com in resource group dns-rg of subscription ${SUB} — fix: create it (\`az network dns zone create -g dns-rg -n spacelift.example.com\`) and delegate the domain to it, or correct dns.zoneName / dns.zoneResourceGroup`);
  expect(exitCode).toBe(1);
});

test('chart version not published: FAIL naming the newest published version', async () => {
  const { lines, exitCode } = await run([], { unpublished: ['traefik'] });
  expect(line(lines, 'chart traefik')).toMatch(/^FAIL chart traefik: version \S+ is not published in https:\/\/traefik\.github\.io\/charts \(newest there: 41\.2\.0\) — fix: /);
  expect(exitCode).toBe(1);
});

test('not signed in: the CLI check fails and every cloud check is skipped with why', async () => {
  const { lines, exitCode, calls } = await run([errorRule(['az', 'account', 'show'], 'azure', 'account-show.not-signed-in.stderr')]);
  expect(lines[1]).toBe("FAIL az CLI: the Azure CLI is not signed in (Please run 'az login' to setup account.) — fix: run `az login` (Terraform uses the same sign-in)");
  expect(lines.slice(2, 11)).toEqual([
    'skip subscription: needs a signed-in Azure CLI',
    'skip region: needs a signed-in Azure CLI',
    'skip permissions: needs a signed-in Azure CLI',
    'skip vm size Standard_D4ds_v5: needs a signed-in Azure CLI',
    'skip vCPU quota: needs a signed-in Azure CLI',
    'skip kubernetes version: needs a signed-in Azure CLI',
    'skip postgres sku: needs a signed-in Azure CLI',
    'skip postgres version: needs a signed-in Azure CLI',
    'skip dns zone spacelift.example.com: needs a signed-in Azure CLI',
  ]);
  expect(exitCode).toBe(1);
  expect(calls).toHaveLength(1);
});

test('CLI not installed: FAIL with how to install it', async () => {
  const { lines, exitCode } = await run([], { runner: notInstalledRunner() });
  expect(lines[1]).toBe('FAIL az CLI: az is not installed (not on the PATH) — fix: install the Azure CLI (https://learn.microsoft.com/cli/azure/install-azure-cli) and run `az login`');
  expect(exitCode).toBe(1);
});

test('subscription: none named anywhere fails (azurerm 4 needs one); another reachable one is checked; an unreachable one fails', async () => {
  const noSub = { ...pair, infra: { ...pair.infra, provider: { ...pair.infra.provider, azurerm: [{ ...(pair.infra.provider!.azurerm![0] as object), subscription_id: undefined }] } } };
  const fake = fakeRunner(azureRules());
  const { fetcher } = fakeFetcher(chartIndexes(pair));
  const none = report(await runChecks(noSub, { runner: fake.runner, fetcher, env: {} }));
  expect(line(none.lines, 'subscription')).toBe(`FAIL subscription: neither azure.subscriptionId nor ARM_SUBSCRIPTION_ID is set, and the azurerm provider 4.x needs one — fix: set azure.subscriptionId: ${SUB} (the CLI's current subscription "Platform Production") in the config, or export ARM_SUBSCRIPTION_ID`);
  const fromEnv = report(await runChecks(noSub, { runner: fakeRunner(azureRules()).runner, fetcher, env: { ARM_SUBSCRIPTION_ID: SUB } }));
  expect(line(fromEnv.lines, 'subscription')).toMatch(/^ok {3}subscription: .* from ARM_SUBSCRIPTION_ID/);

  const other = { ...fixtureJson('azure', 'account-show.json'), id: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', name: 'Sandbox', isDefault: false };
  const defaultElsewhere = jsonRule(['az', 'account', 'show'], other);
  const reachable = await run([jsonRule(['az', 'account', 'show'], fixtureJson('azure', 'account-show.json'), ['--subscription']), defaultElsewhere]);
  expect(line(reachable.lines, 'subscription')).toBe(`ok   subscription: ${SUB} ("Platform Production", from config) is reachable with this sign-in (the CLI's current one is "Sandbox"); checked below`);
  expect(reachable.calls.filter((c) => c.includes('--subscription') && c[1] !== 'account').every((c) => c[c.indexOf('--subscription') + 1] === SUB)).toBe(true);
  const unreachable = await run([{ argv: ['az', 'account', 'show'], has: ['--subscription'], exitCode: 1, stderr: `ERROR: Subscription '${SUB}' not found. Check the spelling and casing and try again.\n` }, defaultElsewhere]);
  expect(line(unreachable.lines, 'subscription')).toMatch(/^FAIL subscription: subscription .* is not reachable with this sign-in: Subscription '.*' not found/);
  expect(line(unreachable.lines, 'region')).toBe(`skip region: needs access to subscription ${SUB}`);
});
