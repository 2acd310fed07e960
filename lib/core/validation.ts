import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { cidrContains, cidrsOverlap, ipInCidr, parseCidr, parseIpv4 } from './cidr';

/**
 * The one error type every synth-time check throws. Its message names the construct path, the field, the bad value
 * and what is allowed, so a user can find and fix the input without reading the library.
 */
export class ValidationError extends Error {
  /** Construct path (or config file location) the bad value was given to. */
  public readonly path: string;
  /** Field name as the user wrote it (dotted for nested props, e.g. `postgres.version`). */
  public readonly field: string;
  /** The value that was rejected. */
  public readonly value: unknown;
  /** What would have been accepted. */
  public readonly allowed: string;

  public constructor(scope: IConstruct | string, field: string, value: unknown, allowed: string) {
    const path = typeof scope === 'string' ? scope : scope.node.path;
    super(`${path}: invalid ${field} ${formatValue(value)}; allowed: ${allowed}`);
    this.name = 'ValidationError';
    this.path = path;
    this.field = field;
    this.value = value;
    this.allowed = allowed;
  }
}

function formatValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text;
}

/** True when a value is (or contains) a Terraform token, i.e. only known at apply time: such values are not checked. */
export function isUnresolved(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string' || typeof value === 'number') return Token.isUnresolved(value);
  if (Array.isArray(value)) return Token.isUnresolved(value) || value.some(isUnresolved);
  return Token.isUnresolved(value);
}

type Scope = IConstruct | string;

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A lower-case DNS name with at least two labels, no scheme, no port, no trailing dot. */
export function checkDomain(scope: Scope, field: string, value: string): string {
  if (isUnresolved(value)) return value;
  const labels = typeof value === 'string' ? value.split('.') : [];
  const ok =
    typeof value === 'string' &&
    value.length <= 253 &&
    labels.length >= 2 &&
    labels.every((l) => DNS_LABEL.test(l)) &&
    /^[a-z]([a-z0-9-]*[a-z0-9])?$/.test(labels[labels.length - 1]!);
  if (!ok) {
    throw new ValidationError(
      scope,
      field,
      value,
      'a lower-case DNS name such as "app.example.com" (letters, digits and hyphens in dot-separated labels of at most 63 characters, no scheme, port or trailing dot)',
    );
  }
  return value;
}

/** A Kubernetes namespace name (RFC 1123 label); the `kube-` prefix is reserved for the system. */
export function checkNamespace(scope: Scope, field: string, value: string): string {
  if (isUnresolved(value)) return value;
  if (typeof value !== 'string' || !DNS_LABEL.test(value) || value.startsWith('kube-')) {
    throw new ValidationError(
      scope,
      field,
      value,
      'a Kubernetes namespace: 1-63 lower-case letters, digits or hyphens, starting and ending with a letter or digit, not starting with "kube-"',
    );
  }
  return value;
}

/** A Kubernetes object name (RFC 1123 subdomain, as used for Secrets and service accounts). */
export function checkKubernetesName(scope: Scope, field: string, value: string): string {
  if (isUnresolved(value)) return value;
  const ok = typeof value === 'string' && value.length <= 253 && value.split('.').every((l) => DNS_LABEL.test(l));
  if (!ok) {
    throw new ValidationError(scope, field, value, 'a Kubernetes object name: lower-case letters, digits, "-" and "." (RFC 1123), at most 253 characters');
  }
  return value;
}

/** An e-mail address as ACME accounts accept it. */
export function checkEmail(scope: Scope, field: string, value: string): string {
  if (isUnresolved(value)) return value;
  const ok =
    typeof value === 'string' &&
    value.length <= 254 &&
    /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(value);
  if (!ok) {
    throw new ValidationError(scope, field, value, 'an e-mail address such as "platform-team@yourcompany.com"');
  }
  return value;
}

/** A canonical IPv4 CIDR (host bits zero) whose prefix length lies in [minPrefix, maxPrefix]. */
export function checkCidr(scope: Scope, field: string, value: string, minPrefix = 0, maxPrefix = 32): string {
  if (isUnresolved(value)) return value;
  const parsed = typeof value === 'string' ? parseCidr(value) : undefined;
  if (!parsed || !parsed.canonical || parsed.prefix < minPrefix || parsed.prefix > maxPrefix) {
    throw new ValidationError(
      scope,
      field,
      value,
      `an IPv4 CIDR block with prefix length /${minPrefix} to /${maxPrefix} and no host bits set, such as "10.0.0.0/16"`,
    );
  }
  return value;
}

/** An IPv4 address. */
export function checkIpv4(scope: Scope, field: string, value: string): string {
  if (isUnresolved(value)) return value;
  if (typeof value !== 'string' || parseIpv4(value) === undefined) {
    throw new ValidationError(scope, field, value, 'an IPv4 address such as "10.0.0.10"');
  }
  return value;
}

/** `inner` must lie inside `outer`. Both are assumed to be valid CIDRs already. */
export function checkCidrWithin(scope: Scope, field: string, inner: string, outerField: string, outer: string): void {
  if (isUnresolved(inner) || isUnresolved(outer)) return;
  if (!cidrContains(outer, inner)) {
    throw new ValidationError(scope, field, inner, `a CIDR inside ${outerField} (${outer})`);
  }
}

/** `ip` must lie inside `cidr`. */
export function checkIpInCidr(scope: Scope, field: string, ip: string, cidrField: string, cidr: string): void {
  if (isUnresolved(ip) || isUnresolved(cidr)) return;
  if (!ipInCidr(ip, cidr)) {
    throw new ValidationError(scope, field, ip, `an address inside ${cidrField} (${cidr})`);
  }
}

/** No two of the named CIDRs may overlap. */
export function checkNoOverlap(scope: Scope, cidrs: Record<string, string>): void {
  const entries = Object.entries(cidrs).filter(([, v]) => !isUnresolved(v));
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const [fa, a] = entries[i]!;
      const [fb, b] = entries[j]!;
      if (cidrsOverlap(a, b)) {
        throw new ValidationError(scope, fb, b, `a CIDR that does not overlap ${fa} (${a})`);
      }
    }
  }
}

/** An integer in [min, max]. */
export function checkInt(scope: Scope, field: string, value: number, min: number, max: number): number {
  if (isUnresolved(value)) return value;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(scope, field, value, `an integer from ${min} to ${max}`);
  }
  return value;
}

/** One of a fixed list of values. */
export function checkOneOf<T extends string | number>(scope: Scope, field: string, value: T, allowed: readonly T[]): T {
  if (isUnresolved(value)) return value;
  if (!allowed.includes(value)) {
    throw new ValidationError(scope, field, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  }
  return value;
}

/** A string matching a pattern; `description` says in words what the pattern allows. */
export function checkPattern(scope: Scope, field: string, value: string, pattern: RegExp, description: string): string {
  if (isUnresolved(value)) return value;
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new ValidationError(scope, field, value, description);
  }
  return value;
}

/** A non-empty list with no duplicate entries; each entry is checked by `each`. */
export function checkList<T>(
  scope: Scope,
  field: string,
  value: readonly T[],
  each: (item: T, itemField: string) => void,
  opts: { minItems?: number; maxItems?: number } = {},
): readonly T[] {
  if (isUnresolved(value)) return value;
  const min = opts.minItems ?? 0;
  const max = opts.maxItems ?? Number.MAX_SAFE_INTEGER;
  if (!Array.isArray(value) || value.length < min || value.length > max) {
    throw new ValidationError(scope, field, value, `a list of ${min} to ${max === Number.MAX_SAFE_INTEGER ? 'any number of' : max} entries`);
  }
  const seen = new Set<string>();
  value.forEach((item, i) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) throw new ValidationError(scope, `${field}[${i}]`, item, 'entries that appear only once');
    seen.add(key);
    each(item, `${field}[${i}]`);
  });
  return value;
}

/** Environment-variable names for shell exports and Secret keys. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
