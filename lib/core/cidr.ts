/** IPv4 address and CIDR arithmetic for synth-time network checks. */

export interface ParsedCidr {
  /** First address of the block, as an unsigned 32-bit integer. */
  readonly start: number;
  /** Last address of the block. */
  readonly end: number;
  /** Prefix length (the number after the slash). */
  readonly prefix: number;
  /** False when host bits are set (e.g. "10.0.0.1/16"). */
  readonly canonical: boolean;
}

/** Parses a dotted-quad IPv4 address; undefined when it is not one. */
export function parseIpv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  if (octets.some((o, i) => o > 255 || String(o) !== m[i + 1])) return undefined;
  return ((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]!;
}

/** Parses "a.b.c.d/n"; undefined when it is not an IPv4 CIDR. */
export function parseCidr(text: string): ParsedCidr | undefined {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const addr = parseIpv4(m[1]!);
  const prefix = Number(m[2]);
  if (addr === undefined || prefix > 32 || String(prefix) !== m[2]) return undefined;
  const size = 2 ** (32 - prefix);
  const start = addr - (addr % size);
  return { start, end: start + size - 1, prefix, canonical: start === addr };
}

function mustParse(cidr: string): ParsedCidr {
  const parsed = parseCidr(cidr);
  if (!parsed) throw new Error(`not an IPv4 CIDR: ${cidr}`);
  return parsed;
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = mustParse(a);
  const y = mustParse(b);
  return x.start <= y.end && y.start <= x.end;
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const o = mustParse(outer);
  const i = mustParse(inner);
  return o.start <= i.start && i.end <= o.end;
}

/** True when the address lies inside the block. */
export function ipInCidr(ip: string, cidr: string): boolean {
  const addr = parseIpv4(ip);
  const c = mustParse(cidr);
  return addr !== undefined && c.start <= addr && addr <= c.end;
}
