import * as path from 'path';
import { loadConfigFile } from '../../stacks/config-file';
import { report, runChecks } from '../../preflight';
import { awsPlan, familyPrefix } from '../../preflight/aws';
import { allowedCommand } from '../../preflight/runner';
import { SynthesizedPair, synthesizePair } from '../../preflight/synth';
import { FakeRule } from './fake-cli';
import { CONFIGS, awsRules, chartIndexes, errorRule, fakeFetcher, fakeRunner, fixtureJson, jsonRule, notInstalledRunner, synthTestConfig } from './support';

/** Preflight against recorded AWS CLI responses, for the EKS test config (configs/eks.yaml: one NAT gateway). */
let pair: SynthesizedPair;
beforeAll(() => {
  pair = synthTestConfig('eks');
});

async function run(extra: FakeRule[] = [], options: { unpublished?: string[]; runner?: ReturnType<typeof fakeRunner>; pair?: SynthesizedPair } = {}) {
  const fake = options.runner ?? fakeRunner([...extra, ...awsRules()]);
  const p = options.pair ?? pair;
  const { fetcher } = fakeFetcher(chartIndexes(p, options.unpublished));
  const results = await runChecks(p, { runner: fake.runner, fetcher, env: {} });
  return { ...report(results), calls: fake.calls };
}

const line = (lines: string[], check: string) => lines.find((l) => l.slice(5).startsWith(`${check}:`));

test('the plan is read from the synthesized JSON: Elastic IPs, node group zones and maximum, EKS version, RDS, the Route 53 zone, the create actions', () => {
  const plan = awsPlan(pair.infra);
  expect(plan.region).toBe('eu-west-1');
  expect(plan.allowedAccountIds).toEqual(['123456789012']);
  expect(plan.elasticIps).toBe(4);
  expect(plan.nodeGroups.map((g) => [g.instanceTypes, g.maxSize, g.capacityType, g.zones])).toEqual([[['m6i.xlarge'], 6, 'ON_DEMAND', ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']]]);
  expect(plan.clusters.map((c) => c.version)).toEqual(['1.34']);
  expect(plan.databases.map((d) => [d.engine, d.engineVersion, d.instanceClass, d.multiAz, d.storageType])).toEqual([['postgres', '16', 'db.m6g.large', false, 'gp3']]);
  expect(plan.zones).toEqual([{ name: 'spacelift.example.com', id: undefined, privateZone: false }]);
  expect(plan.actions).toEqual(expect.arrayContaining(['eks:CreateCluster', 'iam:CreateOpenIDConnectProvider', 'ec2:AllocateAddress', 'route53:ChangeResourceRecordSets', 'iam:CreateServiceLinkedRole']));
  expect(familyPrefix('m6i.xlarge')).toBe('m');
  expect(familyPrefix('inf2.xlarge')).toBe('inf');
});

test('everything in place: one ok line per check, exit code 0, only read-only commands', async () => {
  const { lines, exitCode, calls } = await run();
  expect(lines).toEqual([
    'ok   config: spacelift-eks-infra + spacelift-eks-platform synthesized (every synth-time check and the policy pack passed)',
    'ok   aws CLI: credentials of arn:aws:sts::123456789012:assumed-role/PlatformAdmin/ops@example.com',
    'ok   account: 123456789012 is in aws.allowedAccountIds',
    'ok   region: eu-west-1 is enabled (opt-in-not-required)',
    expect.stringMatching(/^ok {3}permissions: arn:aws:iam::123456789012:role\/PlatformAdmin may \d+ key actions \(/),
    'ok   instance type m6i.xlarge: offered in eu-west-1a, eu-west-1b, eu-west-1c (4 vCPUs)',
    'ok   vCPU quota: Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances: need 24 vCPUs for 6 × m6i.xlarge (4 vCPUs), 60 free (4 of 64 in use)',
    'ok   elastic IP quota: need 4, 4 free in eu-west-1 (1 of 5 in use)',
    'ok   kubernetes version: 1.34 is offered in eu-west-1',
    'ok   postgres instance class: db.m6g.large is offered for postgres in eu-west-1 on gp3',
    'ok   postgres version: postgres 16 is offered on db.m6g.large in eu-west-1 (newest 16.9)',
    'ok   dns zone spacelift.example.com: spacelift.example.com. is a public hosted zone (/hostedzone/Z0712345ABCDEFGHIJKLM)',
    expect.stringMatching(/^ok {3}chart cert-manager: /),
    expect.stringMatching(/^ok {3}chart traefik: /),
    expect.stringMatching(/^ok {3}chart spacelift-self-hosted: /),
    'preflight: 15 ok, 0 FAIL, 0 skip',
  ]);
  expect(exitCode).toBe(0);
  for (const c of calls) expect(allowedCommand(c)).toBeDefined();
  const sim = calls.find((c) => c[2] === 'simulate-principal-policy')!;
  expect(sim.slice(sim.indexOf('--action-names') + 1, sim.indexOf('--output'))).toEqual(awsPlan(pair.infra).actions);
});

test('Elastic IP quota too low: a NAT gateway per zone needs 6, 4 are free: FAIL with the fix', async () => {
  const perZone = synthesizePair({ ...loadConfigFile(path.join(CONFIGS, 'eks.yaml')), network: { vpcCidr: '10.50.0.0/16', singleNatGateway: false } } as never);
  const { lines, exitCode } = await run([], { pair: perZone });
  expect(line(lines, 'elastic IP quota')).toBe('FAIL elastic IP quota: the stack allocates 6 Elastic IPs (NAT gateways and the load balancer), 4 free in eu-west-1 (1 of 5 in use) — fix: request an EC2-VPC Elastic IPs increase (Service Quotas, L-0263D0A3), release unused addresses, or set network.singleNatGateway: true');
  expect(exitCode).toBe(1);
});

test('vCPU quota too low at the node group maximum: FAIL', async () => {
  const quota = fixtureJson('aws', 'service-quotas-get-service-quota.L-1216C47A.json');
  quota.Quota.Value = 16.0;
  const { lines, exitCode } = await run([jsonRule(['aws', 'service-quotas', 'get-service-quota'], quota, ['L-1216C47A'])]);
  expect(line(lines, 'vCPU quota')).toBe('FAIL vCPU quota: Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances: need 24 vCPUs for 6 × m6i.xlarge (4 vCPUs), 12 free (4 of 16 in use) in eu-west-1 at the node group maximum — fix: request an increase in Service Quotas (EC2) or lower cluster.nodeGroup.maxSize / the instance type');
  expect(exitCode).toBe(1);
});

test('a quota never changed falls back to the default value', async () => {
  const noApplied: FakeRule = { argv: ['aws', 'service-quotas', 'get-service-quota'], has: ['L-0263D0A3'], exitCode: 254, stderr: '\nAn error occurred (NoSuchResourceException) when calling the GetServiceQuota operation: The request failed because the specified service quota does not exist.\n' };
  const def = jsonRule(['aws', 'service-quotas', 'get-aws-default-service-quota'], fixtureJson('aws', 'service-quotas-get-service-quota.L-0263D0A3.json'), ['L-0263D0A3']);
  const { lines } = await run([noApplied, def]);
  expect(line(lines, 'elastic IP quota')).toBe('ok   elastic IP quota: need 4, 4 free in eu-west-1 (1 of 5, default quota in use)');
});

test('instance type not offered in a zone of the node group: FAIL', async () => {
  const offerings = fixtureJson('aws', 'ec2-describe-instance-type-offerings.json');
  offerings.InstanceTypeOfferings = offerings.InstanceTypeOfferings.filter((o: any) => o.Location !== 'eu-west-1c');
  const { lines, exitCode } = await run([jsonRule(['aws', 'ec2', 'describe-instance-type-offerings'], offerings)]);
  expect(line(lines, 'instance type m6i.xlarge')).toBe('FAIL instance type m6i.xlarge: m6i.xlarge is not offered in eu-west-1c (offered in eu-west-1a, eu-west-1b) — fix: choose another instance type, or availability zones where it is offered (aws.availabilityZones)');
  expect(exitCode).toBe(1);
});

test('Kubernetes version not offered (or unsupported) in the region: FAIL', async () => {
  const versions = fixtureJson('aws', 'eks-describe-cluster-versions.json');
  versions.clusterVersions = versions.clusterVersions.filter((v: any) => v.clusterVersion !== '1.34');
  const { lines, exitCode } = await run([jsonRule(['aws', 'eks', 'describe-cluster-versions'], versions)]);
  expect(line(lines, 'kubernetes version')).toBe('FAIL kubernetes version: EKS does not offer 1.34 in eu-west-1 (offered: 1.35, 1.33) — fix: set cluster.kubernetesVersion to an offered version');
  expect(exitCode).toBe(1);
});

test('RDS instance class or engine version not orderable in the region: FAIL', async () => {
  let r = await run([jsonRule(['aws', 'rds', 'describe-orderable-db-instance-options'], { OrderableDBInstanceOptions: [] })]);
  expect(line(r.lines, 'postgres instance class')).toBe('FAIL postgres instance class: db.m6g.large is not offered for postgres in eu-west-1 — fix: choose an instance class offered there (postgres.instanceClass)');
  expect(r.exitCode).toBe(1);
  const options = fixtureJson('aws', 'rds-describe-orderable-db-instance-options.json');
  options.OrderableDBInstanceOptions = options.OrderableDBInstanceOptions.filter((o: any) => !o.EngineVersion.startsWith('16.'));
  r = await run([jsonRule(['aws', 'rds', 'describe-orderable-db-instance-options'], options)]);
  expect(line(r.lines, 'postgres version')).toBe('FAIL postgres version: postgres 16 is not offered on db.m6g.large in eu-west-1 (majors offered: 15, 17) — fix: set postgres.version to an offered major version, or choose another instance class');
});

test('permissions: a denied key action fails; an assumed role that cannot be read is "could not check"; a missing simulate permission too', async () => {
  const sim = fixtureJson('aws', 'iam-simulate-principal-policy.json');
  sim.EvaluationResults.find((e: any) => e.EvalActionName === 'iam:CreateOpenIDConnectProvider').EvalDecision = 'implicitDeny';
  let r = await run([jsonRule(['aws', 'iam', 'simulate-principal-policy'], sim)]);
  expect(line(r.lines, 'permissions')).toBe('FAIL permissions: arn:aws:iam::123456789012:role/PlatformAdmin may not iam:CreateOpenIDConnectProvider (implicitDeny) — fix: grant these actions to the principal (docs/eks.md, section 1), or run as one that has them');
  expect(r.exitCode).toBe(1);
  r = await run([{ argv: ['aws', 'iam', 'get-role'], exitCode: 254, stderr: '\nAn error occurred (AccessDenied) when calling the GetRole operation: User: arn:aws:sts::123456789012:assumed-role/PlatformAdmin/ops@example.com is not authorized to perform: iam:GetRole on resource: role PlatformAdmin\n' }]);
  expect(line(r.lines, 'permissions')).toMatch(/^skip permissions: could not check: arn:aws:sts::123456789012:assumed-role\/PlatformAdmin\/ops@example.com is an assumed-role session and the role PlatformAdmin could not be read/);
  expect(r.exitCode).toBe(0);
  r = await run([{ argv: ['aws', 'iam', 'simulate-principal-policy'], exitCode: 254, stderr: '\nAn error occurred (AccessDenied) when calling the SimulatePrincipalPolicy operation: User: arn:aws:sts::123456789012:assumed-role/PlatformAdmin/ops@example.com is not authorized to perform: iam:SimulatePrincipalPolicy\n' }]);
  expect(line(r.lines, 'permissions')).toMatch(/^skip permissions: could not check: simulating the policies of arn:aws:iam::123456789012:role\/PlatformAdmin failed \(.*AccessDenied.*\); it needs iam:SimulatePrincipalPolicy$/);
});

test('wrong account for aws.allowedAccountIds: FAIL', async () => {
  const other = { ...fixtureJson('aws', 'sts-get-caller-identity.json'), Account: '210987654321', Arn: 'arn:aws:iam::210987654321:user/ops' };
  const { lines, exitCode } = await run([jsonRule(['aws', 'sts', 'get-caller-identity'], other)]);
  expect(line(lines, 'account')).toBe('FAIL account: these credentials are for account 210987654321, and the stack only runs against 123456789012 (aws.allowedAccountIds) — fix: switch to a profile of the right account (AWS_PROFILE) or correct aws.allowedAccountIds');
  expect(exitCode).toBe(1);
});

test('hosted zone missing: FAIL with how to create it', async () => {
  const zones = fixtureJson('aws', 'route53-list-hosted-zones-by-name.json');
  zones.HostedZones = zones.HostedZones.filter((z: any) => z.Name !== 'spacelift.example.com.');
  const { lines, exitCode } = await run([jsonRule(['aws', 'route53', 'list-hosted-zones-by-name'], zones)]);
  expect(line(lines, 'dns zone spacelift.example.com')).toMatch(/^FAIL dns zone spacelift.example.com: no public Route 53 hosted zone named spacelift.example.com. in this account — fix: create it \(`aws route53 create-hosted-zone/);
  expect(exitCode).toBe(1);
});

test('region not enabled (opt-in): FAIL and the regional checks skipped', async () => {
  const regions = fixtureJson('aws', 'ec2-describe-regions.json');
  regions.Regions[0].OptInStatus = 'not-opted-in';
  const { lines } = await run([jsonRule(['aws', 'ec2', 'describe-regions'], regions)]);
  expect(line(lines, 'region')).toMatch(/^FAIL region: region eu-west-1 is not enabled for account 123456789012 \(opt-in region\)/);
  expect(line(lines, 'vCPU quota')).toBe('skip vCPU quota: region eu-west-1 is not usable');
});

test('chart version not published: FAIL', async () => {
  const { lines, exitCode } = await run([], { unpublished: ['cert-manager'] });
  expect(line(lines, 'chart cert-manager')).toMatch(/^FAIL chart cert-manager: version v\S+ is not published in https:\/\/charts\.jetstack\.io \(newest there: v\S+\)/);
  expect(exitCode).toBe(1);
});

test('no credentials or no AWS CLI: FAIL and the cloud checks skipped', async () => {
  let r = await run([errorRule(['aws', 'sts', 'get-caller-identity'], 'aws', 'sts-get-caller-identity.no-credentials.stderr', 253)]);
  expect(r.lines[1]).toBe('FAIL aws CLI: the AWS CLI has no working credentials (Unable to locate credentials. You can configure credentials by running "aws configure".) — fix: configure credentials (`aws configure`, `aws sso login`, or AWS_PROFILE): Terraform uses the same ones');
  expect(line(r.lines, 'elastic IP quota')).toBe('skip elastic IP quota: needs AWS CLI credentials');
  expect(r.exitCode).toBe(1);
  r = await run([], { runner: notInstalledRunner() });
  expect(r.lines[1]).toMatch(/^FAIL aws CLI: aws is not installed \(not on the PATH\) — fix: install AWS CLI v2/);
});
