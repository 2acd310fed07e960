/**
 * Reading a synthesized stack (Terraform JSON). Preflight derives every need from these documents, never from the
 * config: what the checks compare against the cloud is exactly what `cdktf deploy` would ask the cloud for.
 */

/** One synthesized stack: `cdk.tf.json`, parsed. */
export interface TerraformJson {
  readonly resource?: { readonly [type: string]: { readonly [name: string]: TerraformBlock } };
  readonly data?: { readonly [type: string]: { readonly [name: string]: TerraformBlock } };
  readonly provider?: { readonly [name: string]: readonly TerraformBlock[] };
  readonly [key: string]: unknown;
}

/** A resource, data source or provider block. */
export type TerraformBlock = { readonly [attribute: string]: unknown };

/** A block with its logical id and construct path (for messages). */
export interface Named {
  readonly name: string;
  readonly path: string;
  readonly block: TerraformBlock;
}

/** Every resource of a type, in the stack's order. */
export function resourcesOf(json: TerraformJson, type: string): Named[] {
  return named(json.resource?.[type]);
}

/** Every data source of a type, in the stack's order. */
export function dataOf(json: TerraformJson, type: string): Named[] {
  return named(json.data?.[type]);
}

/** The first block of a provider (cdktf writes providers as lists), or undefined. */
export function providerOf(json: TerraformJson, name: string): TerraformBlock | undefined {
  return json.provider?.[name]?.[0];
}

function named(blocks: { readonly [name: string]: TerraformBlock } | undefined): Named[] {
  return Object.entries(blocks ?? {}).map(([name, block]) => ({ name, path: constructPath(block) ?? name, block }));
}

function constructPath(block: TerraformBlock): string | undefined {
  const meta = (block['//'] as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
  return typeof meta === 'string' ? meta : undefined;
}

/** True for a string holding a Terraform expression (`${...}`): a value only known at apply time. */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** The value when it is a literal string (not an expression), else undefined. */
export function literalString(value: unknown): string | undefined {
  return typeof value === 'string' && !isExpression(value) ? value : undefined;
}

/** The value as a literal number (numbers and numeric strings), else undefined. */
export function literalNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

/** A nested block: cdktf writes single nested blocks as objects (sometimes as one-element lists). */
export function block(value: unknown): TerraformBlock | undefined {
  if (Array.isArray(value)) return block(value[0]);
  return value !== null && typeof value === 'object' ? (value as TerraformBlock) : undefined;
}

/** A list of literal strings (expressions dropped). */
export function literalStrings(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map(literalString).filter((v): v is string => v !== undefined);
}

const REFERENCE = /^\$\{(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/;

/**
 * Follows a reference such as `${aws_route_table_association.x.subnet_id}` through the stack until it reaches a
 * block of `type` (here `aws_subnet`), and returns it; undefined when the chain leaves the stack or is not a plain
 * reference.
 */
export function follow(json: TerraformJson, value: unknown, type: string, depth = 0): TerraformBlock | undefined {
  if (depth > 8 || typeof value !== 'string') return undefined;
  const m = REFERENCE.exec(value);
  if (!m) return undefined;
  const [, data, refType, refName, attribute] = m;
  const target = (data ? json.data : json.resource)?.[refType!]?.[refName!];
  if (target === undefined) return undefined;
  if (refType === type) return target;
  return follow(json, target[attribute!], type, depth + 1);
}
