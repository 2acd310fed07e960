import { ZodType } from 'zod';
import { ValidationError } from '../../lib/core/validation';
import { parseConfig } from '../../stacks/config-file';
import { DEPLOYMENT_KINDS, DEPLOYMENT_KIND_NAMES } from '../../stacks/deployments';
import { thrown } from '../support/synth';

/**
 * Every config schema of every deployment kind, walked node by node: the user's own input is where typos and wrong
 * types enter, so every object must be strict (unknown fields are errors), nothing may coerce or transform a value
 * (the string "false" must never become `true`) but the few two-form fields listed below, and the enum fields stay
 * enums. From the walk, one bad config per
 * block (a misspelled field), per boolean (the string "false") and per enum (a value outside it) is generated and
 * must fail with the field named.
 */

interface SchemaNode {
  readonly path: string[];
  readonly type: string;
  readonly def: any;
}

/** Every node below `schema`, with its path in the config (`[]` for array elements and record values). */
function walk(schema: ZodType, path: string[] = [], out: SchemaNode[] = []): SchemaNode[] {
  const def = (schema as any)._zod.def;
  out.push({ path, type: def.type, def });
  switch (def.type) {
    case 'object':
      for (const [key, child] of Object.entries(def.shape as Record<string, ZodType>)) walk(child, [...path, key], out);
      break;
    case 'optional':
    case 'nullable':
      walk(def.innerType, path, out);
      break;
    case 'array':
      walk(def.element, [...path, '[]'], out);
      break;
    case 'record':
      walk(def.valueType, [...path, '{}'], out);
      break;
    case 'union':
      for (const option of def.options) walk(option, path, out);
      break;
    case 'pipe':
      walk(def.in, path, out);
      walk(def.out, path, out);
      break;
  }
  return out;
}

/** Leaf and container types a config schema may use; anything else (pipe, transform, default, any) is refused. */
const ALLOWED_TYPES = new Set(['object', 'optional', 'array', 'record', 'union', 'string', 'number', 'boolean', 'enum', 'literal']);

/**
 * The fields that deliberately accept two forms (stacks/config-forms.ts), where a number and its quoted text mean the
 * same and nothing else could be meant: zones (`1` or `"1"`) and PostgreSQL majors (`16` or `"16"`). Only these may
 * transform a value.
 */
const TWO_FORM_FIELDS: Record<string, string[]> = {
  'spacelift-aks': ['cluster.systemPool.zones.[]', 'postgres.version', 'postgres.zone', 'postgres.standbyZone'],
  'spacelift-gke': ['postgres.version'],
  'spacelift-eks': ['postgres.version'],
  'taskcluster-aks': ['cluster.systemPool.zones.[]', 'postgres.version', 'postgres.zone', 'postgres.standbyZone'],
  'taskcluster-gke': ['postgres.version'],
  'taskcluster-eks': ['postgres.version'],
  'estafette-aks': ['cluster.systemPool.zones.[]', 'postgres.version', 'postgres.zone', 'postgres.standbyZone'],
  'estafette-gke': ['postgres.version'],
  'estafette-eks': ['postgres.version'],
};
const isTwoForm = (kind: string, n: SchemaNode) => TWO_FORM_FIELDS[kind]!.includes(n.path.join('.'));

/** The enum fields of each kind: the user-facing choices. Loosening one to a plain string must fail here. */
const ENUM_FIELDS: Record<string, string[]> = {
  'spacelift-aks': [
    'cluster.skuTier',
    'cluster.networkPolicy',
    'cluster.entraId.kubeloginMode',
    'cluster.upgradeChannel',
    'cluster.nodeOsUpgradeChannel',
    'cluster.maintenanceWindow.dayOfWeek',
    'postgres.tlsMode',
    'storage.replication',
    'registry.sku',
    'kubernetes.ingress.controller',
    'kubernetes.certManager.issuer',
    'spacelift.encryptionKey',
  ],
  'spacelift-gke': ['cluster.networkPolicy', 'cluster.nodePool.diskType', 'postgres.edition', 'postgres.tlsMode', 'kubernetes.ingress.controller', 'kubernetes.certManager.issuer', 'spacelift.encryptionKey'],
  'spacelift-eks': ['cluster.nodeGroup.capacityType', 'postgres.tlsMode', 'messageBus.provider', 'messageBus.deploymentMode', 'kubernetes.ingress.controller', 'kubernetes.certManager.issuer', 'spacelift.encryptionKey'],
};
// Taskcluster's section has no choice fields: its kinds have exactly their cloud's.
for (const cloud of ['aks', 'gke', 'eks']) ENUM_FIELDS[`taskcluster-${cloud}`] = ENUM_FIELDS[`spacelift-${cloud}`]!.filter((f) => !f.startsWith('spacelift.'));
// Nor has Estafette's.
for (const cloud of ['aks', 'gke', 'eks']) ENUM_FIELDS[`estafette-${cloud}`] = ENUM_FIELDS[`spacelift-${cloud}`]!.filter((f) => !f.startsWith('spacelift.'));

const isEnum = (n: SchemaNode) => n.type === 'enum' && !n.path.includes('[]') && !n.path.includes('{}');

describe.each(DEPLOYMENT_KIND_NAMES.map((k) => [k] as const))('config schema of %s', (kind) => {
  const schema = DEPLOYMENT_KINDS[kind].schema as ZodType;
  const nodes = walk(schema);

  test('every object is strict: an unknown field is an error', () => {
    const loose = nodes.filter((n) => n.type === 'object' && n.def.catchall?._zod.def.type !== 'never').map((n) => n.path.join('.') || '(root)');
    expect(loose).toEqual([]);
  });

  test('no field coerces, transforms or defaults a value, except the two-form fields', () => {
    const bad = nodes
      .filter((n) => n.def.coerce === true || (!ALLOWED_TYPES.has(n.type) && !(isTwoForm(kind, n) && (n.type === 'pipe' || n.type === 'transform'))))
      .map((n) => `${n.path.join('.') || '(root)'}: ${n.type}${n.def.coerce ? ' (coerce)' : ''}`);
    expect(bad).toEqual([]);
    // The allowlist names exactly the fields that transform: none of them stale.
    expect([...new Set(nodes.filter((n) => n.type === 'pipe').map((n) => n.path.join('.')))].sort()).toEqual([...TWO_FORM_FIELDS[kind]!].sort());
  });

  test('the enum fields are exactly the documented choices', () => {
    const enums = [...new Set(nodes.filter(isEnum).map((n) => n.path.join('.')))].sort();
    expect(enums).toEqual([...ENUM_FIELDS[kind]!].sort());
  });
});

/** A shape-valid value for a schema node: what a config file could hold there. */
function sample(schema: ZodType): unknown {
  const def = (schema as any)._zod.def;
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(def.shape as Record<string, ZodType>)) {
        if ((child as any)._zod.def.type !== 'optional') out[key] = sample(child);
      }
      return out;
    }
    case 'optional':
      return sample(def.innerType);
    case 'string':
      return 'x';
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'enum':
      return Object.values(def.entries)[0];
    case 'literal':
      return def.values[0];
    case 'array':
      return [];
    case 'record':
      return {};
    case 'union':
      return sample(def.options[0]);
    case 'pipe':
      return sample(def.in);
    default:
      throw new Error(`no sample for ${def.type}`);
  }
}

/** A config of `kind` that is valid in shape, with the block at `path` present (made from the schema). */
function configWithBlock(kind: string, path: string[]): Record<string, any> {
  const schema = (DEPLOYMENT_KINDS as any)[kind].schema as ZodType;
  const config = sample(schema) as Record<string, any>;
  let schemaAt: any = (schema as any)._zod.def;
  let at = config;
  for (const key of path) {
    schemaAt = schemaAt.shape[key]._zod.def;
    if (schemaAt.type === 'optional') schemaAt = schemaAt.innerType._zod.def;
    if (at[key] === undefined) at[key] = sample({ _zod: { def: schemaAt } } as any);
    at = at[key];
  }
  return config;
}

function setAt(config: Record<string, any>, path: string[], value: unknown): void {
  let at = config;
  for (const key of path.slice(0, -1)) at = at[key];
  at[path[path.length - 1]!] = value;
}

function errorOf(config: unknown): ValidationError {
  const err = thrown(() => parseConfig(config, 'config test.yaml'));
  if (!(err instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${err.message}`);
  return err;
}

const rows = DEPLOYMENT_KIND_NAMES.flatMap((kind) => {
  const nodes = walk(DEPLOYMENT_KINDS[kind].schema as ZodType).filter((n) => !n.path.includes('[]') && !n.path.includes('{}'));
  return [
    ...nodes.filter((n) => n.type === 'object').map((n) => ({ kind, what: 'misspelled field in', node: n })),
    ...nodes.filter((n) => n.type === 'boolean').map((n) => ({ kind, what: 'the string "false" for', node: n })),
    ...nodes.filter(isEnum).map((n) => ({ kind, what: 'a value outside the enum', node: n })),
  ];
});

test.each(rows.map((r) => [r.kind, r.what, r.node.path.join('.') || '(root)', r] as const))('%s: %s %s fails naming the field', (kind, what, _p, r) => {
  const path = r.node.path;
  if (what === 'misspelled field in') {
    const config = configWithBlock(kind, path);
    expect(() => parseConfig(config, 'config test.yaml')).not.toThrow();
    const real = Object.keys(r.node.def.shape)[0]!;
    const typo = `${real.slice(0, -1)}${real.endsWith('s') ? 'z' : 's'}`;
    setAt(config, [...path, typo], 'x');
    const err = errorOf(config);
    expect(err.field).toBe([...path, typo].join('.'));
    expect(err.message).toContain('no such field');
  } else {
    const config = configWithBlock(kind, path.slice(0, -1));
    const bad = what === 'the string "false" for' ? 'false' : 'not-one-of-them';
    setAt(config, path, bad);
    const err = errorOf(config);
    expect(err.field).toBe(path.join('.'));
    expect(err.value).toBe(bad);
  }
});

test('the generated rows cover every block, boolean and enum of every kind', () => {
  for (const kind of DEPLOYMENT_KIND_NAMES) {
    const mine = rows.filter((r) => r.kind === kind);
    expect(mine.filter((r) => r.what === 'misspelled field in').length).toBeGreaterThanOrEqual(8);
    expect(mine.filter((r) => r.what === 'the string "false" for').map((r) => r.node.path.join('.'))).toContain('allowDestroy');
  }
});

describe('the two-form fields accept a number and its quoted text alike, and nothing else', () => {
  const aks = () => configWithBlock('spacelift-aks', ['postgres']);

  test.each([
    ['postgres.version', 16, '16', 16],
    ['postgres.zone', 1, '1', '1'],
    ['postgres.standbyZone', 2, '2', '2'],
  ])('%s: %p and %p are both %p', (field, bare, quoted, parsed) => {
    for (const form of [bare, quoted]) {
      const config = aks();
      setAt(config, field.split('.'), form);
      expect((parseConfig(config, 'config test.yaml') as any).postgres[field.split('.')[1]!]).toBe(parsed);
    }
  });

  test('cluster.systemPool.zones: [1, "2", 3] is ["1", "2", "3"]', () => {
    const config = configWithBlock('spacelift-aks', ['cluster', 'systemPool']);
    config.cluster.systemPool.zones = [1, '2', 3];
    expect((parseConfig(config, 'config test.yaml') as any).cluster.systemPool.zones).toEqual(['1', '2', '3']);
  });

  test.each(DEPLOYMENT_KIND_NAMES.map((k) => [k] as const))('%s: a Postgres major with a minor, a word or a boolean is still an error', (kind) => {
    for (const bad of ['16.2', 'sixteen', 16.5, true]) {
      const config = configWithBlock(kind, ['postgres']);
      setAt(config, ['postgres', 'version'], bad);
      expect(errorOf(config).field).toBe('postgres.version');
    }
  });

  test('a zone that is not a zone number is still an error', () => {
    for (const bad of ['eu-west-1a', 0, 1.5, '', true]) {
      const config = aks();
      setAt(config, ['postgres', 'zone'], bad);
      expect(errorOf(config).field).toBe('postgres.zone');
    }
  });

  test('the string "false" for a boolean still fails next to them (the two forms are not a general coercion)', () => {
    const config = aks();
    setAt(config, ['postgres', 'zone'], '1');
    setAt(config, ['postgres', 'highAvailability'], 'false');
    const err = errorOf(config);
    expect([err.field, err.value]).toEqual(['postgres.highAvailability', 'false']);
    setAt(config, ['postgres', 'highAvailability'], false);
    expect(() => parseConfig(config, 'config test.yaml')).not.toThrow();
  });
});
