import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageRoot } from '../../lib/core/package-root';
import { main } from '../../main';
import { ZodType } from 'zod';
import { CONFIG_FIELD_TABLES, ConfigError, ConfigSyntaxError, configFieldOf, schemaAt } from '../../stacks/config-errors';
import { EXAMPLE_CONFIG_FILE, loadConfigFile } from '../../stacks/config-file';
import { parseFieldPath } from '../../stacks/config-source';
import { DEPLOYMENT_KINDS, DEPLOYMENT_KIND_NAMES, buildDeployment } from '../../stacks/deployments';
import { testApp, thrown } from '../support/synth';

/**
 * The exact message of each kind of config error a person reads once: the file with line and column, the field as
 * written in the file, the value as typed, what is allowed and the mechanical fix. Each case edits one line of a small
 * AKS config (line numbers below refer to BASE).
 */
const BASE = `kind: spacelift-aks
name: spacelift
azure:
  subscriptionId: "00000000-0000-0000-0000-000000000000"
  location: westeurope
cluster:
  kubernetesVersion: "1.35"
  apiServerAuthorizedIpRanges:
    - 203.0.113.0/24
  systemPool:
    minCount: 3
postgres:
  version: 16
  backupRetentionDays: 14
kubernetes:
  certManager:
    email: platform-team@example.com
spacelift:
  domain: spacelift.example.com
  version: v4.0.0
`;

/** BASE with `from` replaced by `to` (which must occur), written to a fresh folder; returns the file and an outdir. */
function configWith(from: string, to: string): { file: string; outdir: string } {
  if (!BASE.includes(from)) throw new Error(`BASE has no ${from}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-errors-'));
  const file = path.join(dir, 'platform.config.yaml');
  fs.writeFileSync(file, BASE.replace(from, to));
  return { file, outdir: path.join(dir, 'cdktf.out') };
}

/** The error main() throws for BASE with one edit; nothing is written. */
function errorFor(from: string, to: string): { err: Error; file: string } {
  const { file, outdir } = configWith(from, to);
  const err = thrown(() => main({ configPath: file, outdir }));
  expect(fs.existsSync(outdir)).toBe(false);
  return { err, file };
}

test('the unchanged BASE synthesizes (so each case below fails for its one edit)', () => {
  const { file, outdir } = configWith('name: spacelift', 'name: spacelift');
  main({ configPath: file, outdir });
  expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['spacelift-aks-infra', 'spacelift-aks-platform']);
});

describe('a value a construct rejects names the config field as written, the value as typed, and where it is', () => {
  test('the field path of the file (cluster.kubernetesVersion), not the construct property (kubernetesVersion)', () => {
    const { err, file } = errorFor('kubernetesVersion: "1.35"', 'kubernetesVersion: "1.20"');
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toBe(`${file}:7:22: invalid cluster.kubernetesVersion "1.20"; allowed: a Kubernetes version AKS supports: 1.35, 1.36 (with or without a patch number)`);
    expect((err as ConfigError).construct).toEqual({ path: 'spacelift-aks-infra/cluster', field: 'kubernetesVersion' });
  });

  test('a single IP address where a CIDR belongs: the fix is /32', () => {
    const { err, file } = errorFor('- 203.0.113.0/24', '- 203.0.113.7');
    expect(err.message).toBe(
      `${file}:9:7: invalid cluster.apiServerAuthorizedIpRanges[0] 203.0.113.7; allowed: an IPv4 CIDR block with prefix length /0 to /32 and no host bits set, such as "10.0.0.0/16"; a single address is written 203.0.113.7/32`,
    );
  });

  test('an unknown region: the closest region names, not the list of 60', () => {
    const { err, file } = errorFor('location: westeurope', 'location: westeurop');
    expect(err.message).toBe(`${file}:5:13: invalid azure.location westeurop; allowed: an Azure region name as \`az account list-locations -o table\` lists it; the closest: westeurope, westus, westus2`);
    const { err: display } = errorFor('location: westeurope', 'location: West Europe');
    expect(display.message).toMatch(/: invalid azure\.location West Europe; allowed: .*; the closest: westeurope, /);
  });

  test('a value the file does not hold (a default the check compares with) says so', () => {
    const { err, file } = errorFor('    minCount: 3', '    minCount: 3\n  podCidr: 10.41.0.0/16');
    expect(err.message).toBe(`${file}:6:1: invalid cluster.serviceCidr "10.41.0.0/16" (the default); allowed: a CIDR that does not overlap podCidr (10.41.0.0/16)`);
  });
});

test('a value the config does not hold (the environment\'s subscription) keeps the construct\'s words and gains the file', () => {
  const { file, outdir } = configWith('  subscriptionId: "00000000-0000-0000-0000-000000000000"\n', '');
  const saved = process.env.ARM_SUBSCRIPTION_ID;
  process.env.ARM_SUBSCRIPTION_ID = 'my-subscription';
  try {
    const err = thrown(() => main({ configPath: file, outdir }));
    expect(err.message).toBe(`${file}: spacelift-aks-infra: invalid ARM_SUBSCRIPTION_ID "my-subscription"; allowed: a subscription GUID (az account show --query id -o tsv)`);
  } finally {
    if (saved === undefined) delete process.env.ARM_SUBSCRIPTION_ID;
    else process.env.ARM_SUBSCRIPTION_ID = saved;
  }
});

describe('a value of the wrong type: the value as typed, and the fix', () => {
  test('a version written as a number: quote it, and why (1.30 is read as 1.3)', () => {
    const { err, file } = errorFor('kubernetesVersion: "1.35"', 'kubernetesVersion: 1.30');
    expect(err.message).toBe(
      `${file}:7:22: invalid cluster.kubernetesVersion 1.30; allowed: text; quote it: kubernetesVersion: "1.30" (YAML reads an unquoted 1.30 as the number 1.3, a different version; versions must be quoted)`,
    );
    expect((err as ConfigError).value).toBe(1.3);
  });

  test('a quoted "false" for a boolean is text, not false', () => {
    const { err, file } = errorFor('  backupRetentionDays: 14', '  backupRetentionDays: 14\n  highAvailability: "false"');
    expect(err.message).toBe(`${file}:15:21: invalid postgres.highAvailability "false"; allowed: true or false; write highAvailability: false without quotes (in quotes it is text)`);
  });

  test('a quoted number for a count', () => {
    const { err, file } = errorFor('backupRetentionDays: 14', 'backupRetentionDays: "14"');
    expect(err.message).toBe(`${file}:14:24: invalid postgres.backupRetentionDays "14"; allowed: a number; write backupRetentionDays: 14 without quotes (in quotes it is text)`);
  });

  test('a PostgreSQL major with a minor', () => {
    const { err, file } = errorFor('  version: 16\n', '  version: 16.2\n');
    expect(err.message).toBe(`${file}:13:12: invalid postgres.version 16.2; allowed: a PostgreSQL major version such as 16 or "16" (the major only, no minor)`);
  });

  test('an enum value in the wrong case', () => {
    const { err, file } = errorFor('    minCount: 3', '    minCount: 3\n  networkPolicy: Cilium');
    expect(err.message).toBe(`${file}:12:18: invalid cluster.networkPolicy Cilium; allowed: one of "cilium", "calico", "azure"; did you mean "cilium"?`);
  });

  test('a required field left out: where its block is', () => {
    const { err, file } = errorFor('  domain: spacelift.example.com\n', '');
    expect(err.message).toBe(`${file}:18:1: invalid spacelift.domain (missing); allowed: text`);
  });
});

describe('a field that does not exist', () => {
  test('a misspelled field: did you mean the real one?', () => {
    const { err, file } = errorFor('backupRetentionDays: 14', 'backupRetentionDay: 14');
    expect(err.message).toBe(`${file}:14:3: no such field postgres.backupRetentionDay; did you mean postgres.backupRetentionDays? (docs/aks.md#config-reference lists the fields)`);
  });

  test('a kind that does not exist', () => {
    const { err, file } = errorFor('kind: spacelift-aks', 'kind: spacelift-ask');
    expect(err.message).toBe(`${file}:1:7: invalid kind spacelift-ask; allowed: one of "spacelift-aks", "spacelift-eks", "spacelift-gke", "taskcluster-aks", "taskcluster-eks", "taskcluster-gke", "estafette-aks", "estafette-eks", "estafette-gke"; did you mean "spacelift-aks"?`);
  });
});

describe('YAML syntax errors: the parser message at the line and column of the mistake, not in the field template', () => {
  test('an unclosed quote is reported where it opens, not where the parser gave up', () => {
    const { err, file } = errorFor('email: platform-team@example.com', 'email: "platform-team@example.com');
    expect(err).toBeInstanceOf(ConfigSyntaxError);
    expect(err.message).toBe(
      [
        `${file}:17:12: YAML syntax error: Missing closing "quote (it opens here and is not closed: the parser read on to line 21)`,
        '      email: "platform-team@example.com',
        '             ^',
      ].join('\n'),
    );
  });

  test('an unclosed flow list is reported where it opens', () => {
    const { err, file } = errorFor('    - 203.0.113.0/24', '    - [203.0.113.0/24');
    expect(err.message).toBe(
      [
        `${file}:9:7: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ] (it opens here and is not closed: the parser read on to line 10)`,
        '      - [203.0.113.0/24',
        '        ^',
      ].join('\n'),
    );
  });

  test('a tab as indentation', () => {
    const { err, file } = errorFor('  location: westeurope', '\tlocation: westeurope');
    expect(err.message).toBe([`${file}:5:1: YAML syntax error: Tabs are not allowed as indentation`, '  \tlocation: westeurope', '  ^'].join('\n'));
  });

  test('a key given twice', () => {
    const { err, file } = errorFor('name: spacelift', 'name: spacelift\nname: acme');
    expect(err.message).toBe([`${file}:3:1: YAML syntax error: Map keys must be unique`, '  name: acme', '  ^'].join('\n'));
  });
});

describe('where the type is unambiguous, both forms are accepted', () => {
  test('zones 1 or "1" and a Postgres major 16 or "16" synthesize the same stacks', () => {
    const zones = (z: string, pg: string) => configWith('    minCount: 3\npostgres:\n  version: 16', `    minCount: 3\n    zones: ${z}\npostgres:\n  version: ${pg}\n  zone: ${z === '[1, 2, 3]' ? '1' : '"1"'}`);
    const bare = zones('[1, 2, 3]', '16');
    const quoted = zones('["1", "2", "3"]', '"16"');
    main({ configPath: bare.file, outdir: bare.outdir });
    main({ configPath: quoted.file, outdir: quoted.outdir });
    const read = (out: string) => fs.readFileSync(path.join(out, 'stacks', 'spacelift-aks-infra', 'cdk.tf.json'), 'utf8');
    expect(read(quoted.outdir)).toBe(read(bare.outdir));
    const server = Object.values(JSON.parse(read(bare.outdir)).resource.azurerm_postgresql_flexible_server)[0] as { version: string; zone: string };
    expect([server.version, server.zone]).toEqual(['16', '1']);
  });

  test('a zone that is no zone number is still an error', () => {
    const { err, file } = errorFor('    minCount: 3', '    minCount: 3\n    zones: [1, 2, 4.5]');
    expect(err.message).toBe(`${file}:12:19: invalid cluster.systemPool.zones[2] 4.5; allowed: an availability zone number such as 1 or "1"`);
  });
});

test('the sample errors in the README are what the app prints for the AKS example with one edit each', () => {
  const readme = fs.readFileSync(path.join(packageRoot(), 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Your own config'), readme.indexOf('## Preflight'));
  const samples = section.split('\n').filter((l) => l.startsWith('platform.config.yaml:'));
  const example = fs.readFileSync(EXAMPLE_CONFIG_FILE, 'utf8');
  const edits: Array<[string, string]> = [
    ['kubernetesVersion: "1.35"', 'kubernetesVersion: "1.20"'],
    ['kubernetesVersion: "1.35"', 'kubernetesVersion: 1.30'],
    ['- 203.0.113.0/24', '- 203.0.113.7'],
    ['backupRetentionDays: 14', 'backupRetentionDay: 14'],
    ['location: westeurope ', 'location: westeurop  '],
  ];
  const printed = edits.map(([from, to]) => {
    expect(example).toContain(from);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-errors-'));
    const file = path.join(dir, 'platform.config.yaml');
    fs.writeFileSync(file, example.replace(from, to));
    return thrown(() => main({ configPath: file, outdir: path.join(dir, 'cdktf.out') })).message.replace(file, 'platform.config.yaml');
  });
  expect(samples).toEqual(printed);
});

const DNS: Record<string, object> = {
  'spacelift-aks': { zoneName: 'example.com', zoneResourceGroup: 'dns' },
  'spacelift-gke': { managedZone: 'example-com', zoneDnsName: 'example.com' },
  'spacelift-eks': { zoneName: 'example.com' },
  'taskcluster-aks': { zoneName: 'example.com', zoneResourceGroup: 'dns' },
  'taskcluster-gke': { managedZone: 'example-com', zoneDnsName: 'example.com' },
  'taskcluster-eks': { zoneName: 'example.com' },
  'estafette-aks': { zoneName: 'example.com', zoneResourceGroup: 'dns' },
  'estafette-gke': { managedZone: 'example-com', zoneDnsName: 'example.com' },
  'estafette-eks': { zoneName: 'example.com' },
};

describe('the table from construct properties to config fields stays true', () => {
  test.each(DEPLOYMENT_KIND_NAMES.map((k) => [k] as const))('%s: every config field it names exists, every construct path it names is built', (kind) => {
    const table = CONFIG_FIELD_TABLES[kind]!;
    const schema = DEPLOYMENT_KINDS[kind].schema as ZodType;
    const named = Object.values(table).flatMap((e) => [...(e.block ? [e.block] : []), ...Object.values(e.fields ?? {}), ...Object.values(e.derived ?? {})]);
    expect(named.filter((f) => schemaAt(schema, parseFieldPath(f)) === undefined)).toEqual([]);
    const blocks = Object.values(table).flatMap((e) => (e.block ? [e.block] : []));
    expect(blocks.filter((b) => (schemaAt(schema, parseFieldPath(b)) as any)._zod.def.type !== 'object')).toEqual([]);

    // The example, with DNS records for both host names (the table names their constructs too).
    const config = loadConfigFile(path.join(packageRoot(), DEPLOYMENT_KINDS[kind].example)) as any;
    config.dns = DNS[kind];
    if (config.spacelift !== undefined) config.spacelift.vcsGatewayDomain = 'vcs.example.com';
    // Taskcluster on EKS: with the bus on Amazon MQ (the table names the broker's construct).
    if (kind === 'taskcluster-eks') config.messageBus = { provider: 'amazon-mq' };
    const { infra, platform } = buildDeployment(testApp(), config);
    const built = [infra, platform].flatMap((stack) => {
      const role = stack === infra ? 'infra' : 'platform';
      return stack.node.findAll().map((c) => [role, ...c.node.path.split('/').slice(1)].join('/'));
    });
    const unbuilt = Object.keys(table).filter((key) => {
      const pattern = new RegExp(`^${key.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
      return !built.some((b) => pattern.test(b));
    });
    expect(unbuilt).toEqual([]);
  });

  test('a construct property maps to the config field it came from, and a name the stack builds maps to none', () => {
    const schema = DEPLOYMENT_KINDS['spacelift-aks'].schema as ZodType;
    expect(configFieldOf('spacelift-aks', schema, 'acme-aks-infra/cluster', 'systemPool.minCount')).toEqual({ field: 'cluster.systemPool.minCount', derived: false });
    expect(configFieldOf('spacelift-aks', schema, 'acme-aks-infra/resource-group', 'location')).toEqual({ field: 'azure.location', derived: false });
    expect(configFieldOf('spacelift-aks', schema, 'acme-aks-platform/ingress', 'replicas')).toEqual({ field: 'kubernetes.ingress.replicas', derived: false });
    expect(configFieldOf('spacelift-aks', schema, 'acme-aks-infra', 'backend.keyPrefix')).toEqual({ field: 'backend.keyPrefix', derived: false });
    // The cluster's name is `<name>-aks`, built by the stack: no config field holds it.
    expect(configFieldOf('spacelift-aks', schema, 'acme-aks-infra/cluster', 'name')).toBeUndefined();
    expect(configFieldOf('spacelift-aks', schema, 'acme-aks-infra', 'ARM_SUBSCRIPTION_ID')).toBeUndefined();
    expect(configFieldOf('spacelift-eks', DEPLOYMENT_KINDS['spacelift-eks'].schema as ZodType, 'acme-eks-infra/network', 'availabilityZones[2]')).toEqual({ field: 'aws.availabilityZones[2]', derived: false });
    expect(configFieldOf('spacelift-gke', DEPLOYMENT_KINDS['spacelift-gke'].schema as ZodType, 'acme-gke-infra/storage', 'buckets[0].purpose')).toEqual({ field: 'name', derived: true });
  });
});
