import * as fs from 'fs';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { loadConfigFile } from '../../stacks/config-file';
import { ChartRef, Fetcher, chartsOf } from '../../preflight/charts';
import { CommandRunner } from '../../preflight/runner';
import { SynthesizedPair, synthesizePair } from '../../preflight/synth';
import { FakeRule, respond } from './fake-cli';
import { testSource } from '../support/paths';

/** Recorded CLI responses and chart indexes (see fixtures/README.md for where their shapes come from). */
export const FIXTURES = testSource('preflight', 'fixtures');
export const CONFIGS = testSource('preflight', 'configs');
export const FAKE_CLI = testSource('preflight', 'fake-cli.js');

export function fixturePath(cloud: string, name: string): string {
  return path.join(FIXTURES, cloud, name);
}

export function fixtureJson<T = any>(cloud: string, name: string): T {
  return JSON.parse(fs.readFileSync(fixturePath(cloud, name), 'utf8')) as T;
}

/** The test config's stack pair, synthesized the way preflight does. */
export function synthTestConfig(kind: 'aks' | 'gke' | 'eks'): SynthesizedPair {
  return synthesizePair(loadConfigFile(path.join(CONFIGS, `${kind}.yaml`)));
}

const rule = (argv: string[], cloud: string, file: string, has?: string[]): FakeRule => ({ argv, stdoutFile: fixturePath(cloud, file), ...(has ? { has } : {}) });

/** Every Azure call answered with the recorded happy-path response. */
export function azureRules(): FakeRule[] {
  return [
    rule(['az', 'account', 'show'], 'azure', 'account-show.json'),
    rule(['az', 'account', 'list-locations'], 'azure', 'account-list-locations.json'),
    rule(['az', 'role', 'assignment', 'list'], 'azure', 'role-assignment-list.json'),
    rule(['az', 'vm', 'list-skus'], 'azure', 'vm-list-skus.json'),
    rule(['az', 'vm', 'list-usage'], 'azure', 'vm-list-usage.json'),
    rule(['az', 'aks', 'get-versions'], 'azure', 'aks-get-versions.json'),
    rule(['az', 'postgres', 'flexible-server', 'list-skus'], 'azure', 'postgres-flexible-server-list-skus.json'),
    rule(['az', 'network', 'dns', 'zone', 'show'], 'azure', 'network-dns-zone-show.json'),
  ];
}

export function gcpRules(): FakeRule[] {
  return [
    rule(['gcloud', 'auth', 'list'], 'gcp', 'auth-list.json'),
    rule(['gcloud', 'projects', 'describe'], 'gcp', 'projects-describe.json'),
    rule(['gcloud', 'projects', 'get-ancestors-iam-policy'], 'gcp', 'projects-get-ancestors-iam-policy.json'),
    rule(['gcloud', 'compute', 'regions', 'describe'], 'gcp', 'compute-regions-describe.json'),
    rule(['gcloud', 'compute', 'machine-types', 'describe'], 'gcp', 'compute-machine-types-describe.json'),
    rule(['gcloud', 'container', 'get-server-config'], 'gcp', 'container-get-server-config.json'),
    rule(['gcloud', 'sql', 'tiers', 'list'], 'gcp', 'sql-tiers-list.json'),
    rule(['gcloud', 'sql', 'flags', 'list'], 'gcp', 'sql-flags-list.json', ['POSTGRES_16']),
    rule(['gcloud', 'dns', 'managed-zones', 'describe'], 'gcp', 'dns-managed-zones-describe.json'),
  ];
}

export function awsRules(): FakeRule[] {
  return [
    rule(['aws', 'sts', 'get-caller-identity'], 'aws', 'sts-get-caller-identity.json'),
    rule(['aws', 'ec2', 'describe-regions'], 'aws', 'ec2-describe-regions.json'),
    rule(['aws', 'iam', 'get-role'], 'aws', 'iam-get-role.json', ['PlatformAdmin']),
    rule(['aws', 'iam', 'simulate-principal-policy'], 'aws', 'iam-simulate-principal-policy.json'),
    rule(['aws', 'ec2', 'describe-instance-types'], 'aws', 'ec2-describe-instance-types.json'),
    rule(['aws', 'ec2', 'describe-instance-type-offerings'], 'aws', 'ec2-describe-instance-type-offerings.json'),
    rule(['aws', 'ec2', 'describe-instances'], 'aws', 'ec2-describe-instances.json'),
    rule(['aws', 'service-quotas', 'get-service-quota'], 'aws', 'service-quotas-get-service-quota.L-0263D0A3.json', ['L-0263D0A3']),
    rule(['aws', 'service-quotas', 'get-service-quota'], 'aws', 'service-quotas-get-service-quota.L-1216C47A.json', ['L-1216C47A']),
    rule(['aws', 'ec2', 'describe-addresses'], 'aws', 'ec2-describe-addresses.json'),
    rule(['aws', 'eks', 'describe-cluster-versions'], 'aws', 'eks-describe-cluster-versions.json'),
    rule(['aws', 'rds', 'describe-orderable-db-instance-options'], 'aws', 'rds-describe-orderable-db-instance-options.json'),
    rule(['aws', 'route53', 'list-hosted-zones-by-name'], 'aws', 'route53-list-hosted-zones-by-name.json'),
  ];
}

/** A rule answering with JSON built in the test (a recorded response with one thing changed). */
export function jsonRule(argv: string[], value: unknown, has?: string[]): FakeRule {
  return { argv, stdout: `${JSON.stringify(value, null, 2)}\n`, ...(has ? { has } : {}) };
}

/** A rule answering with an error: exit code and recorded stderr. */
export function errorRule(argv: string[], cloud: string, stderrFile: string, exitCode = 1): FakeRule {
  return { argv, stderrFile: fixturePath(cloud, stderrFile), exitCode };
}

/** A runner answering from rules (earlier rules win), recording every call. */
export function fakeRunner(rules: readonly FakeRule[]): { runner: CommandRunner; calls: string[][] } {
  const calls: string[][] = [];
  const runner: CommandRunner = async (argv) => {
    calls.push([...argv]);
    return respond(rules, argv);
  };
  return { runner, calls };
}

/** A runner for which no CLI is installed. */
export function notInstalledRunner(): { runner: CommandRunner; calls: string[][] } {
  const calls: string[][] = [];
  return { calls, runner: async (argv) => (calls.push([...argv]), { exitCode: 127, stdout: '', stderr: `${argv[0]}: command not found`, notInstalled: true }) };
}

/**
 * The chart indexes a test serves, by mirror path (`charts.jetstack.io/index.yaml`): the recorded fixtures, made to
 * list the versions the synthesized stack pins (pinned versions move with the library; the fixtures should not have
 * to), minus `unpublished` (chart names whose pinned version is taken out).
 */
export function chartIndexes(pair: SynthesizedPair, unpublished: readonly string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  const refs = chartsOf(pair.platform);
  const byRepo = new Map<string, ChartRef[]>();
  for (const r of refs) byRepo.set(r.repository, [...(byRepo.get(r.repository) ?? []), r]);
  for (const [repository, charts] of byRepo) {
    const u = new URL(repository);
    const key = `${u.host}${u.pathname.replace(/\/+$/, '')}/index.yaml`;
    const file = path.join(FIXTURES, 'charts', key);
    const doc = parse(fs.readFileSync(file, 'utf8')) as { entries: Record<string, Array<Record<string, unknown>>> };
    for (const c of charts) {
      const entries = doc.entries[c.chart];
      if (entries === undefined || c.version === undefined) continue;
      if (!entries.some((e) => e.version === c.version)) entries.unshift({ ...entries[0], version: c.version, urls: [String((entries[0]!.urls as string[])[0]).replace(String(entries[0]!.version), c.version)] });
      if (unpublished.includes(c.chart)) doc.entries[c.chart] = entries.filter((e) => e.version !== c.version);
    }
    out.set(key, stringify(doc));
  }
  return out;
}

/** A fetcher serving chartIndexes() at their real HTTPS URLs, recording what was fetched. */
export function fakeFetcher(indexes: Map<string, string>): { fetcher: Fetcher; urls: string[] } {
  const urls: string[] = [];
  const fetcher: Fetcher = async (url) => {
    urls.push(url);
    const key = url.replace(/^https:\/\//, '');
    const text = indexes.get(key);
    return text === undefined ? { status: 404, text: 'not found' } : { status: 200, text };
  };
  return { fetcher, urls };
}
