/**
 * Reading synthesized Terraform arguments. Values only known at apply time arrive as strings holding a `${...}`
 * expression; `$${` is an escaped literal `${` and does not count.
 */

type Obj = { readonly [key: string]: unknown };

/** True when a value (or anything inside it) is a Terraform expression only known at apply time. */
export function isUnknown(value: unknown): boolean {
  if (typeof value === 'string') return /(^|[^$])\$\{/.test(value);
  if (Array.isArray(value)) return value.some(isUnknown);
  return false;
}

/** True when the value itself (not something nested inside) is an expression. */
function isExpression(value: unknown): boolean {
  return typeof value === 'string' && /(^|[^$])\$\{/.test(value);
}

/** A nested block: cdktf writes single blocks as objects and repeated blocks as lists; both give the first one. */
export function block(value: unknown): Obj | undefined {
  if (Array.isArray(value)) return block(value[0]);
  if (value !== null && typeof value === 'object') return value as Obj;
  return undefined;
}

/** Every instance of a (possibly repeated) nested block. */
export function blocks(value: unknown): Obj[] {
  if (Array.isArray(value)) return value.filter((v): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v));
  const one = block(value);
  return one ? [one] : [];
}

/** The value at a dotted path of nested blocks (`network_profile.network_policy`); undefined when a level is missing. */
export function at(attributes: Obj | undefined, path: string): unknown {
  let cur: unknown = attributes;
  for (const key of path.split('.')) {
    const obj = block(cur);
    if (obj === undefined) return undefined;
    cur = obj[key];
  }
  return cur;
}

/** Whether a dotted path is set at all (even to an expression). */
export function has(attributes: Obj | undefined, path: string): boolean {
  const v = at(attributes, path);
  return v !== undefined && v !== null;
}

/**
 * Three-valued reading of a boolean argument: `true`/`false` when known, `undefined` when missing, `'unknown'` when
 * only known at apply time. Terraform accepts "true"/"false" strings for booleans, so those count too.
 */
export function bool(value: unknown): boolean | undefined | 'unknown' {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  if (isExpression(value)) return 'unknown';
  return undefined;
}

/** A known number, or `'unknown'`, or undefined when missing or not a number. */
export function num(value: unknown): number | undefined | 'unknown' {
  if (typeof value === 'number') return value;
  if (isExpression(value)) return 'unknown';
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

/** A known string, or `'unknown'` (only known at apply time), or undefined when missing. */
export function str(value: unknown): string | undefined | 'unknown' {
  if (isExpression(value)) return 'unknown';
  if (typeof value === 'string') return value;
  return undefined;
}

/** A list of known strings; `'unknown'` when the list or any entry is only known at apply time. */
export function strList(value: unknown): string[] | undefined | 'unknown' {
  if (value === undefined || value === null) return undefined;
  if (isExpression(value)) return 'unknown';
  if (!Array.isArray(value)) return typeof value === 'string' ? [value] : undefined;
  if (value.some(isExpression)) return 'unknown';
  return value.filter((v): v is string => typeof v === 'string');
}

/** True for an address range that covers the whole internet: `0.0.0.0/0`, `::/0`, `*`, `Internet`, `Any`. */
export function isWorldCidr(value: string): boolean {
  const v = value.trim().toLowerCase();
  return v === '*' || v === 'internet' || v === 'any' || v === '0.0.0.0' || /\/0$/.test(v);
}

/** The `type.name` address a `${type.name.attr}` (or `${data.type.name.attr}`) expression starts with. */
export function referencedAddress(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\$\{((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)(\.|\[|\})/.exec(value);
  return m ? m[1] : undefined;
}

/**
 * True when any string inside `value` refers to the resource at `address` (`type.name`). A string is taken as the
 * JSON text of the value already.
 */
export function refersTo(value: unknown, address: string): boolean {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  const at = text.indexOf(address);
  if (at < 0) return false;
  const escaped = address.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  return new RegExp(`(?<![\\w.-])${escaped}(\\.|\\[|\\})`).test(text);
}

/** True when a TCP/UDP port range includes `port`; `from`/`to` may be numbers or strings ("22", "20-30", "*"). */
export function portInRange(port: number, from: unknown, to?: unknown): boolean {
  if (typeof from === 'string' && to === undefined) {
    const s = from.trim();
    if (s === '*') return true;
    const m = /^(\d+)(?:-(\d+))?$/.exec(s);
    if (!m) return false;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    return lo <= port && port <= hi;
  }
  const lo = num(from);
  const hi = num(to ?? from);
  if (typeof lo !== 'number' || typeof hi !== 'number') return false;
  // AWS writes -1 for "all ports" (with protocol -1).
  if (lo === -1 || hi === -1) return true;
  return lo <= port && port <= hi;
}

/** The known strings of a string or list argument; entries only known at apply time are left out. */
export function knownStrings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string' && !isExpression(v));
}
