import { ZodType } from 'zod';
import { ValidationError } from '../../lib/core/validation';
import { parseConfig } from '../../stacks/config-file';
import { DEPLOYMENT_KINDS, DEPLOYMENT_KIND_NAMES } from '../../stacks/deployments';
import { thrown } from '../support/synth';

/**
 * Every config schema of every deployment kind, walked node by node: the user's own input is where typos and wrong
 * types enter, so every object must be strict (unknown fields are errors), nothing may coerce or transform a value
 * (the string "false" must never become `true`), and the enum fields stay enums. From the walk, one bad config per
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
  }
  return out;
}

/** Leaf and container types a config schema may use; anything else (pipe, transform, default, any) is refused. */
const ALLOWED_TYPES = new Set(['object', 'optional', 'array', 'record', 'union', 'string', 'number', 'boolean', 'enum', 'literal']);

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
  'spacelift-eks': ['cluster.nodeGroup.capacityType', 'postgres.tlsMode', 'kubernetes.ingress.controller', 'kubernetes.certManager.issuer', 'spacelift.encryptionKey'],
};

const isEnum = (n: SchemaNode) => n.type === 'enum' && !n.path.includes('[]') && !n.path.includes('{}');

describe.each(DEPLOYMENT_KIND_NAMES.map((k) => [k] as const))('config schema of %s', (kind) => {
  const schema = DEPLOYMENT_KINDS[kind].schema as ZodType;
  const nodes = walk(schema);

  test('every object is strict: an unknown field is an error', () => {
    const loose = nodes.filter((n) => n.type === 'object' && n.def.catchall?._zod.def.type !== 'never').map((n) => n.path.join('.') || '(root)');
    expect(loose).toEqual([]);
  });

  test('no field coerces, transforms or defaults a value', () => {
    const bad = nodes.filter((n) => !ALLOWED_TYPES.has(n.type) || n.def.coerce === true).map((n) => `${n.path.join('.') || '(root)'}: ${n.type}${n.def.coerce ? ' (coerce)' : ''}`);
    expect(bad).toEqual([]);
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
