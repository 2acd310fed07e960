import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Synthesized } from './synth';

/**
 * Resolves `${local.name}` placeholders (a whole string naming a local) in a synthesized value, recursively, so a
 * published document can be inspected as the structure Terraform will encode. Other expressions stay as strings:
 * for a schema they are strings, which is what Terraform turns them into.
 */
export function resolveLocals(json: Synthesized, value: unknown, depth = 0): any {
  if (depth > 20) throw new Error('local values nest too deep');
  if (typeof value === 'string') {
    const m = /^\$\{local\.([A-Za-z0-9_-]+)\}$/.exec(value);
    if (m && json.locals && m[1]! in json.locals) return resolveLocals(json, json.locals[m[1]!], depth + 1);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => resolveLocals(json, v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveLocals(json, v, depth + 1)]));
  }
  return value;
}

/** The local value whose name starts with `prefix` (locals of nested constructs carry a hash suffix). */
export function localNamed(json: Synthesized, prefix: string): any {
  const names = Object.keys(json.locals ?? {}).filter((n) => n === prefix || n.startsWith(`${prefix}_`));
  if (names.length !== 1) throw new Error(`expected one local named ${prefix}*, found ${names.join(', ') || 'none'}`);
  return resolveLocals(json, json.locals![names[0]!]);
}

/** Validates with a JSON schema; returns ajv's error list (empty when valid). */
export function schemaErrors(schema: object, value: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // Some charts (Taskcluster's) declare draft-06, which Ajv 8 validates once it knows the meta-schema.
  if (/draft-06/.test(String((schema as { $schema?: unknown }).$schema ?? ''))) {
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  }
  const validate = ajv.compile(schema);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

const SECRET_FIELDS = ['apiVersion', 'kind', 'metadata', 'type', 'data', 'stringData', 'immutable'];

/** Validates a v1/Secret against the Kubernetes OpenAPI schema, plus no unknown top-level fields. */
export function secretErrors(manifest: any): string[] {
  const errors = Object.keys(manifest ?? {})
    .filter((k) => !SECRET_FIELDS.includes(k))
    .map((k) => `unknown field ${k}`);
  if (manifest?.apiVersion !== 'v1' || manifest?.kind !== 'Secret') errors.push('not a v1/Secret');
  try {
    new Secret(manifest).validate();
  } catch (err) {
    errors.push((err as Error).message);
  }
  return errors;
}
