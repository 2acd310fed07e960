import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { main } from '../../../main';
import { ConfigError } from '../../../stacks/config-errors';
import { loadConfigFile, parseConfig } from '../../../stacks/config-file';
import { thrown } from '../../support/synth';
import { validationErrorOf } from '../../support/validation-matchers';
import { configErrorOf, typedOf } from '../config-error-of';
import { TASKCLUSTER_KINDS, TaskclusterKind, taskclusterExample, taskclusterExampleFile } from './fixtures';

interface BadCase {
  /** What is wrong. */
  readonly name: string;
  /** The example it breaks. */
  readonly kind: TaskclusterKind;
  /** Turns the example config into the bad one. */
  readonly patch: (c: any) => void;
  /** Config field the error must name, as written in the file. */
  readonly field: string;
  /** Value the error carries. */
  readonly value: unknown;
  /** The value as the error shows it. @default as the file holds it ({@link typedOf}) */
  readonly typed?: string;
  /** What the error says is allowed (or, for a field that does not exist, the rest of its message). */
  readonly allowed: RegExp;
  /** Which check found it: the construct path, or `config` for the config's schema. */
  readonly at: RegExp;
}

/** Found by the config's schema (shape and types), before any construct runs. */
const SCHEMA = /^config$/;
const infra = (kind: TaskclusterKind, under = '') => new RegExp(`^${kind}-infra${under}$`);
const DOMAIN = /^a lower-case DNS name .*no scheme, port or trailing dot\)$/;
const VERSION = /^a Taskcluster release tag such as "v106\.0\.0"/;
const PREFIX = /^lower-case letters and "_"/;
const REPLICAS = /^an integer from 1 to 50$/;

const CASES: BadCase[] = [
  { name: 'PostgreSQL 16 on EKS', kind: 'taskcluster-eks', patch: (c) => (c.postgres.version = 16), field: 'postgres.version', value: 16, allowed: /^a PostgreSQL major Taskcluster supports: 15$/, at: infra('taskcluster-eks') },
  { name: 'PostgreSQL 16 on GKE', kind: 'taskcluster-gke', patch: (c) => (c.postgres.version = 16), field: 'postgres.version', value: 16, allowed: /^a PostgreSQL major Taskcluster supports: 15$/, at: infra('taskcluster-gke') },
  { name: 'PostgreSQL 14 on AKS', kind: 'taskcluster-aks', patch: (c) => (c.postgres.version = 14), field: 'postgres.version', value: 14, allowed: /^a PostgreSQL major Taskcluster supports: 15$/, at: infra('taskcluster-aks') },
  { name: 'domain with a scheme', kind: 'taskcluster-eks', patch: (c) => (c.taskcluster.domain = 'https://tc.example.com'), field: 'taskcluster.domain', value: 'https://tc.example.com', allowed: DOMAIN, at: infra('taskcluster-eks') },
  { name: 'domain with a path', kind: 'taskcluster-gke', patch: (c) => (c.taskcluster.domain = 'tc.example.com/ui'), field: 'taskcluster.domain', value: 'tc.example.com/ui', allowed: DOMAIN, at: infra('taskcluster-gke') },
  { name: 'domain in capitals', kind: 'taskcluster-aks', patch: (c) => (c.taskcluster.domain = 'TC.example.com'), field: 'taskcluster.domain', value: 'TC.example.com', allowed: DOMAIN, at: infra('taskcluster-aks') },
  { name: 'empty domain', kind: 'taskcluster-eks', patch: (c) => (c.taskcluster.domain = ''), field: 'taskcluster.domain', value: '', allowed: DOMAIN, at: infra('taskcluster-eks') },
  { name: 'domain left out', kind: 'taskcluster-gke', patch: (c) => delete c.taskcluster.domain, field: 'taskcluster.domain', value: undefined, allowed: /^text$/, at: SCHEMA },
  { name: 'version without v', kind: 'taskcluster-eks', patch: (c) => (c.taskcluster.version = '106.0.0'), field: 'taskcluster.version', value: '106.0.0', allowed: VERSION, at: infra('taskcluster-eks', '/taskcluster') },
  { name: 'version with the major only', kind: 'taskcluster-gke', patch: (c) => (c.taskcluster.version = 'v106'), field: 'taskcluster.version', value: 'v106', allowed: VERSION, at: infra('taskcluster-gke', '/taskcluster') },
  { name: 'version latest', kind: 'taskcluster-aks', patch: (c) => (c.taskcluster.version = 'latest'), field: 'taskcluster.version', value: 'latest', allowed: VERSION, at: infra('taskcluster-aks', '/taskcluster') },
  { name: 'version as a number', kind: 'taskcluster-eks', patch: (c) => (c.taskcluster.version = 106), field: 'taskcluster.version', value: 106, allowed: /^text/, at: SCHEMA },
  { name: 'username prefix with digits', kind: 'taskcluster-eks', patch: (c) => (c.taskcluster.usernamePrefix = 'tc2'), field: 'taskcluster.usernamePrefix', value: 'tc2', allowed: PREFIX, at: infra('taskcluster-eks', '/taskcluster') },
  { name: 'username prefix in capitals', kind: 'taskcluster-gke', patch: (c) => (c.taskcluster.usernamePrefix = 'TC'), field: 'taskcluster.usernamePrefix', value: 'TC', allowed: PREFIX, at: infra('taskcluster-gke', '/taskcluster') },
  // 49 letters: `<prefix>_worker_manager` is 64 bytes, one more than PostgreSQL's names hold.
  { name: 'username prefix too long for PostgreSQL', kind: 'taskcluster-aks', patch: (c) => (c.taskcluster.usernamePrefix = 'a'.repeat(49)), field: 'taskcluster.usernamePrefix', value: 'a'.repeat(49), allowed: /fit PostgreSQL's 63 bytes$/, at: infra('taskcluster-aks', '/taskcluster') },
  { name: 'empty username prefix', kind: 'taskcluster-eks', patch: (c) => (c.taskcluster.usernamePrefix = ''), field: 'taskcluster.usernamePrefix', value: '', allowed: PREFIX, at: infra('taskcluster-eks', '/taskcluster') },
  { name: 'no web replicas', kind: 'taskcluster-eks', patch: (c) => (c.taskcluster.webReplicas = 0), field: 'taskcluster.webReplicas', value: 0, allowed: REPLICAS, at: infra('taskcluster-eks', '/taskcluster') },
  { name: 'too many web replicas', kind: 'taskcluster-gke', patch: (c) => (c.taskcluster.webReplicas = 51), field: 'taskcluster.webReplicas', value: 51, allowed: REPLICAS, at: infra('taskcluster-gke', '/taskcluster') },
  { name: 'a fraction of a web replica', kind: 'taskcluster-aks', patch: (c) => (c.taskcluster.webReplicas = 1.5), field: 'taskcluster.webReplicas', value: 1.5, allowed: REPLICAS, at: infra('taskcluster-aks', '/taskcluster') },
  { name: 'chart path that is a URL', kind: 'taskcluster-eks', patch: (c) => (c.taskcluster.chartPath = 'https://example.com/taskcluster-v106.0.0.tgz'), field: 'taskcluster.chartPath', value: 'https://example.com/taskcluster-v106.0.0.tgz', allowed: /^a local path to the chart folder .*not a URL$/, at: infra('taskcluster-eks') },
  { name: 'empty chart path', kind: 'taskcluster-gke', patch: (c) => (c.taskcluster.chartPath = ''), field: 'taskcluster.chartPath', value: '', allowed: /^a local path to the chart folder .*not a URL$/, at: infra('taskcluster-gke') },
  { name: 'misspelled field in taskcluster', kind: 'taskcluster-eks', patch: (c) => (c.taskcluster.webReplica = 3), field: 'taskcluster.webReplica', value: 3, typed: 'webReplica', allowed: /^did you mean taskcluster\.webReplicas\? \(docs\/taskcluster\.md#config-reference lists the fields\)$/, at: SCHEMA },
  { name: 'a spacelift section in a taskcluster kind', kind: 'taskcluster-gke', patch: (c) => (c.spacelift = { domain: 'spacelift.example.com' }), field: 'spacelift', value: { domain: 'spacelift.example.com' }, typed: 'spacelift', allowed: /^\(docs\/taskcluster\.md#config-reference lists the fields\)$/, at: SCHEMA },
  { name: 'S3 gateway at the app\'s own host', kind: 'taskcluster-aks', patch: (c) => (c.storage.s3Gateway.host = 'tc.example.com'), field: 'storage.s3Gateway.host', value: 'tc.example.com', allowed: /^a host name of its own, not one of Taskcluster's \(tc\.example\.com\)$/, at: infra('taskcluster-aks') },
  {
    name: 'S3 gateway host outside the DNS zone',
    kind: 'taskcluster-aks',
    patch: (c) => {
      c.dns = { zoneName: 'example.com', zoneResourceGroup: 'dns' };
      c.storage.s3Gateway.host = 's3.example.org';
    },
    field: 'storage.s3Gateway.host',
    value: 's3.example.org',
    allowed: /^a name inside the DNS zone example\.com \(dns\.zoneName\)$/,
    at: infra('taskcluster-aks'),
  },
  { name: 'a single S3 gateway replica', kind: 'taskcluster-aks', patch: (c) => (c.storage.s3Gateway.replicas = 1), field: 'storage.s3Gateway.replicas', value: 1, allowed: /^an integer from 2 to 20$/, at: infra('taskcluster-aks') },
  // The gateway is AKS's answer to static S3 keys; EKS serves S3 itself.
  { name: 'an S3 gateway on EKS', kind: 'taskcluster-eks', patch: (c) => (c.storage = { ...c.storage, s3Gateway: { replicas: 2 } }), field: 'storage.s3Gateway', value: { replicas: 2 }, typed: 's3Gateway', allowed: /lists the fields\)$/, at: SCHEMA },
  { name: 'namespace with an underscore', kind: 'taskcluster-gke', patch: (c) => (c.kubernetes.namespace = 'task_cluster'), field: 'kubernetes.namespace', value: 'task_cluster', allowed: /^a Kubernetes namespace: /, at: infra('taskcluster-gke') },
  // Amazon MQ on EKS (messageBus.provider: amazon-mq)
  { name: 'Amazon MQ cluster on mq.t3.micro', kind: 'taskcluster-eks', patch: (c) => (c.messageBus = { provider: 'amazon-mq', instanceType: 'mq.t3.micro' }), field: 'messageBus.instanceType', value: 'mq.t3.micro', allowed: /is for SINGLE_INSTANCE brokers only$/, at: infra('taskcluster-eks', '/message-bus') },
  { name: 'Amazon MQ engine 3.12', kind: 'taskcluster-eks', patch: (c) => (c.messageBus = { provider: 'amazon-mq', engineVersion: '3.12' }), field: 'messageBus.engineVersion', value: '3.12', allowed: /^one of "3\.13", "4\.2"$/, at: infra('taskcluster-eks', '/message-bus') },
  { name: 'Amazon MQ ActiveMQ deployment mode', kind: 'taskcluster-eks', patch: (c) => (c.messageBus = { provider: 'amazon-mq', deploymentMode: 'ACTIVE_STANDBY_MULTI_AZ' }), field: 'messageBus.deploymentMode', value: 'ACTIVE_STANDBY_MULTI_AZ', allowed: /CLUSTER_MULTI_AZ/, at: SCHEMA },
  { name: 'Amazon MQ maintenance day in lower case', kind: 'taskcluster-eks', patch: (c) => (c.messageBus = { provider: 'amazon-mq', maintenanceWindow: { dayOfWeek: 'sunday', timeOfDay: '04:00' } }), field: 'messageBus.maintenanceWindow.dayOfWeek', value: 'sunday', allowed: /SUNDAY/, at: infra('taskcluster-eks', '/message-bus') },
  { name: 'an instance type for the in-cluster bus', kind: 'taskcluster-eks', patch: (c) => (c.messageBus = { provider: 'in-cluster', instanceType: 'mq.m5.large' }), field: 'messageBus.instanceType', value: 'mq.m5.large', allowed: /^unset unless messageBus\.provider is "amazon-mq"/, at: infra('taskcluster-eks') },
  { name: 'an unknown message bus provider', kind: 'taskcluster-eks', patch: (c) => (c.messageBus = { provider: 'sqs' }), field: 'messageBus.provider', value: 'sqs', allowed: /amazon-mq/, at: SCHEMA },
  { name: 'reserved kube- namespace', kind: 'taskcluster-eks', patch: (c) => (c.kubernetes.namespace = 'kube-taskcluster'), field: 'kubernetes.namespace', value: 'kube-taskcluster', allowed: /not starting with "kube-"$/, at: infra('taskcluster-eks') },
];

/** Writes a config (an object as YAML, or the file's text) to a fresh folder. */
function writeConfig(c: object | string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-bad-config-'));
  const file = path.join(dir, 'platform.config.yaml');
  fs.writeFileSync(file, typeof c === 'string' ? c : stringify(c));
  return file;
}

function badConfig(c: BadCase): string {
  const config = taskclusterExample(c.kind);
  c.patch(config);
  return writeConfig(config);
}

/** The rest of a ConfigError's message after the field and value: what is allowed, or the hint for an unknown field. */
function restOf(err: ConfigError, field: string, typed: string): string {
  const invalid = `: invalid ${field} ${typed}; allowed: `;
  const unknown = `: no such field ${field}`;
  const i = err.message.indexOf(invalid);
  if (i >= 0) return err.message.slice(i + invalid.length);
  return err.message.slice(err.message.indexOf(unknown) + unknown.length).replace(/^[;]? /, '');
}

describe('bad Taskcluster input fails at synth with one ConfigError naming the field as written, and writes nothing', () => {
  test('at least 20 cases, each proving something of its own', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
    const keys = CASES.map((c) => `${c.kind} ${c.field} = ${JSON.stringify(c.value)} at ${c.at.source}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  test.each(CASES.map((c) => [`${c.kind}: ${c.name}`, c] as const))('%s', (_name, c) => {
    const configPath = badConfig(c);
    const outdir = path.join(path.dirname(configPath), 'cdktf.out');
    const typed = c.typed ?? typedOf(c.value);
    const err = configErrorOf(() => main({ configPath, outdir }), c.field, typed);
    expect(err.value).toEqual(c.value);
    expect(err.file).toBe(configPath);
    expect(err.construct?.path ?? 'config').toMatch(c.at);
    expect(restOf(err, c.field, typed)).toMatch(c.allowed);
    expect(fs.existsSync(outdir)).toBe(false);
    if (c.at === SCHEMA) {
      // The loader alone finds it, and so does parseConfig on the object with no file (then without line and column).
      expect(thrown(() => loadConfigFile(configPath)).message).toBe(err.message);
      const bare = validationErrorOf(() => parseConfig(taskclusterExampleWith(c)), c.field, c.value);
      expect(bare.path).toBe('config');
    } else {
      // The shape is right: only building the stacks finds it.
      expect(() => loadConfigFile(configPath)).not.toThrow();
    }
  });

  test('the same harness synthesizes each unchanged example (so every case fails for its one edit)', () => {
    for (const kind of TASKCLUSTER_KINDS) {
      const configPath = writeConfig(taskclusterExample(kind));
      const outdir = path.join(path.dirname(configPath), 'cdktf.out');
      main({ configPath, outdir });
      expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual([`${kind}-infra`, `${kind}-platform`]);
    }
  });
});

function taskclusterExampleWith(c: BadCase): unknown {
  const config = JSON.parse(JSON.stringify(taskclusterExample(c.kind)));
  c.patch(config);
  return config;
}

/**
 * The exact messages, for edits of one line of the example file: the line and column are where the edit is, found
 * here from the text, not from the error.
 */
describe('the exact message of each kind of Taskcluster error', () => {
  function errorFor(kind: TaskclusterKind, from: RegExp, to: string): { message: string; file: string; line: number; column: number } {
    const text = fs.readFileSync(taskclusterExampleFile(kind), 'utf8');
    const lines = text.split('\n');
    const index = lines.findIndex((l) => from.test(l));
    if (index < 0) throw new Error(`the ${kind} example has no line matching ${from}`);
    lines[index] = to;
    const file = writeConfig(lines.join('\n'));
    const outdir = path.join(path.dirname(file), 'cdktf.out');
    const err = thrown(() => main({ configPath: file, outdir }));
    expect(fs.existsSync(outdir)).toBe(false);
    expect(err).toBeInstanceOf(ConfigError);
    const valueAt = to.indexOf(': ') + 2;
    return { message: err.message, file, line: index + 1, column: valueAt + 1 };
  }

  test('a PostgreSQL major Taskcluster does not run', () => {
    const { message, file, line, column } = errorFor('taskcluster-eks', /^ {2}version: 15\b/, '  version: 16');
    expect(message).toBe(`${file}:${line}:${column}: invalid postgres.version 16; allowed: a PostgreSQL major Taskcluster supports: 15`);
  });

  test('a Taskcluster version that is no release tag', () => {
    const { message, file, line, column } = errorFor('taskcluster-gke', /^ {2}version: v106\.0\.0\b/, '  version: latest');
    expect(message).toBe(`${file}:${line}:${column}: invalid taskcluster.version latest; allowed: a Taskcluster release tag such as "v106.0.0" (the image tag)`);
  });

  test('a chart path that is a URL (path.resolve used to hide it)', () => {
    const { message, file, line, column } = errorFor('taskcluster-aks', /^ {2}# chartPath: /, '  chartPath: https://example.com/tc.tgz');
    expect(message).toBe(`${file}:${line}:${column}: invalid taskcluster.chartPath https://example.com/tc.tgz; allowed: a local path to the chart folder (infrastructure/k8s of the release), not a URL`);
  });

  test('a misspelled field: did you mean the real one? (the column is the key\'s)', () => {
    const { message, file, line } = errorFor('taskcluster-eks', /^ {2}version: v106\.0\.0\b/, '  versoin: v106.0.0');
    expect(message).toBe(`${file}:${line}:3: no such field taskcluster.versoin; did you mean taskcluster.version? (docs/taskcluster.md#config-reference lists the fields)`);
  });

  test('the S3 gateway at the app\'s own host', () => {
    const { message, file, line, column } = errorFor('taskcluster-aks', /^ {4}host: s3\.tc\.example\.com\b/, '    host: tc.example.com');
    expect(message).toBe(`${file}:${line}:${column}: invalid storage.s3Gateway.host tc.example.com; allowed: a host name of its own, not one of Taskcluster's (tc.example.com)`);
  });
});
