import { YAMLError } from 'yaml';
import { ZodError, ZodType } from 'zod';
import { AWS_REGIONS } from '../lib/aws/regions';
import { AZURE_REGIONS } from '../lib/azure/regions';
import { ValidationError } from '../lib/core/validation';
import { GCP_REGIONS } from '../lib/gcp/regions';
import { ConfigSource, FieldSegment, Located, formatFieldPath, locate, parseFieldPath, unclosedOpening, where } from './config-source';

/**
 * Errors a person reads once: each names the config file (with line and column), the field as written in the file
 * (`azure.location`, not the construct's `location`), the value as typed (`1.30`, not `1.3`), what is allowed and, where
 * the fix is mechanical, the fix (quote a version, add `/32`, the field or region names closest to a typo).
 */

/** A bad value in a config file. A ValidationError, so every caller that handles those handles this one. */
export class ConfigError extends ValidationError {
  /** The config file (absolute). */
  public readonly file: string;
  /** 1-based line and column of the value in the file (or of the closest block, for a field that is missing). */
  public readonly line?: number;
  public readonly column?: number;
  /** The value as it is written in the file, or how it is shown when it is not (`(missing)`, `16 (the default)`). */
  public readonly typed: string;
  /** The mechanical fix, when there is one. */
  public readonly hint?: string;
  /** The construct and property that rejected the value, for errors found by a construct. */
  public readonly construct?: { readonly path: string; readonly field: string };

  public constructor(props: {
    source: ConfigSource;
    at: Located;
    field: string;
    value: unknown;
    typed: string;
    allowed: string;
    hint?: string;
    message?: string;
    construct?: { path: string; field: string };
  }) {
    const location = where(props.source, props.at.line, props.at.column);
    super(location, props.field, props.value, props.allowed);
    this.message = props.message ?? `${location}: invalid ${props.field} ${props.typed}; allowed: ${props.allowed}${props.hint ? `; ${props.hint}` : ''}`;
    this.file = props.source.file;
    this.line = props.at.line;
    this.column = props.at.column;
    this.typed = props.typed;
    this.hint = props.hint;
    this.construct = props.construct;
  }
}

/** A config file that is not valid YAML: the parser's own message, at the line and column of the mistake. */
export class ConfigSyntaxError extends Error {
  public constructor(
    public readonly file: string,
    public readonly line: number,
    public readonly column: number,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigSyntaxError';
  }
}

/** The policy pack (or another synth-time check of the whole app) refused the config's stacks. */
export class SynthChecksError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'SynthChecksError';
  }
}

/** Errors that are the user's to fix: the app prints their message, never a stack trace. */
export function isUserError(err: unknown): err is Error {
  return err instanceof Error && (err instanceof ValidationError || err instanceof ConfigSyntaxError || err instanceof SynthChecksError || err.name === 'ValidationError');
}

// ---------------------------------------------------------------------------------------------------------------
// YAML syntax

/** The first YAML error of a file, at the mistake: for an unclosed quote or bracket, where it opened. */
export function yamlSyntaxError(source: Omit<ConfigSource, 'doc'>, error: YAMLError): ConfigSyntaxError {
  const firstLine = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  let offset = error.pos[0];
  let note = '';
  const opening = /quote/.test(firstLine)
    ? unclosedOpening(source.text, offset, 'quote')
    : /end with an? [\]}]|flow (sequence|mapping|collection)/i.test(firstLine)
      ? unclosedOpening(source.text, offset, 'flow')
      : undefined;
  if (opening !== undefined && opening < offset) {
    const reported = source.lines.linePos(offset).line;
    if (reported !== source.lines.linePos(opening).line) note = ` (it opens here and is not closed: the parser read on to line ${reported})`;
    offset = opening;
  }
  const { line, col } = source.lines.linePos(offset);
  const lineText = source.text.split(/\r?\n/)[line - 1] ?? '';
  const caret = `${' '.repeat(Math.max(0, col - 1))}^`;
  return new ConfigSyntaxError(source.file, line, col, `${source.display}:${line}:${col}: YAML syntax error: ${firstLine}${note}\n  ${lineText}\n  ${caret}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Shape errors (zod)

/** The schema node at a field path (through optional, arrays, records, unions and the two-form fields). */
export function schemaAt(schema: ZodType, segments: readonly FieldSegment[]): ZodType | undefined {
  let node: any = unwrap(schema);
  for (const seg of segments) {
    const def = node?._zod.def;
    if (def === undefined) return undefined;
    if (def.type === 'object') node = def.shape[seg];
    else if (def.type === 'array' && typeof seg === 'number') node = def.element;
    else if (def.type === 'record') node = def.valueType;
    else return undefined;
    node = unwrap(node);
  }
  return node;
}

function unwrap(schema: any): any {
  let node = schema;
  for (;;) {
    const def = node?._zod.def;
    if (def?.type === 'optional' || def?.type === 'nullable') node = def.innerType;
    else if (def?.type === 'pipe') node = def.in;
    else return node;
  }
}

/** The keys of the block at a path, when it is a block. */
function blockKeys(schema: ZodType, segments: readonly FieldSegment[]): string[] {
  const def = (schemaAt(schema, segments) as any)?._zod.def;
  return def?.type === 'object' ? Object.keys(def.shape) : [];
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a block of fields',
  array: 'a list',
  record: 'a block of names and values',
};

/** The first shape error of a config, as a ConfigError at its place in the file. */
export function fromZod(source: ConfigSource, input: unknown, err: ZodError, schema: ZodType, guide: string): ConfigError {
  const issue = err.issues[0]!;
  const segments = issue.path as FieldSegment[];
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const full = [...segments, key];
    const field = formatFieldPath(full);
    const at = locate(source, full, 'key');
    const suggestion = closest(key, blockKeys(schema, segments), { max: 1, near: true })[0];
    const allowed = `a field of ${segments.length === 0 ? 'the config' : formatFieldPath(segments)} (${guide}#config-reference lists them)`;
    const message = `${where(source, at.line, at.column)}: no such field ${field}${suggestion ? `; did you mean ${formatFieldPath([...segments, suggestion])}?` : ''} (${guide}#config-reference lists the fields)`;
    return new ConfigError({ source, at, field, value: valueAt(input, full), typed: at.typed ?? show(valueAt(input, full)), allowed, message });
  }
  const field = formatFieldPath(segments) || '(root)';
  const at = locate(source, segments);
  const value = valueAt(input, segments);
  const typed = at.found ? (at.typed ?? show(value)) : '(missing)';
  if (issue.code === 'invalid_type') {
    const expected = String((issue as { expected?: unknown }).expected);
    const allowed = TYPE_WORDS[expected] ?? expected;
    return new ConfigError({ source, at, field, value, typed, allowed, hint: at.found ? typeHint(segments, expected, value, typed) : undefined });
  }
  if (issue.code === 'invalid_value') {
    const values = (issue as { values: unknown[] }).values;
    const allowed = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
    const suggestion = typeof value === 'string' ? closest(value, values.filter((v): v is string => typeof v === 'string'), { max: 1, near: true })[0] : undefined;
    return new ConfigError({ source, at, field, value, typed, allowed, hint: suggestion !== undefined ? `did you mean ${JSON.stringify(suggestion)}?` : undefined });
  }
  return new ConfigError({ source, at, field, value, typed, allowed: issue.message.replace(/^Invalid input: /, '') });
}

/** The mechanical fix for a value of the wrong type, judged from how it is written. */
function typeHint(segments: readonly FieldSegment[], expected: string, value: unknown, typed: string): string | undefined {
  const key = String([...segments].reverse().find((s) => typeof s === 'string') ?? '');
  if (expected === 'string' && typeof value === 'number') {
    if (/version/i.test(key)) {
      const reads = String(value) === typed ? 'as a number' : `as the number ${value}, a different version`;
      return `quote it: ${key}: "${typed}" (YAML reads an unquoted ${typed} ${reads}; versions must be quoted)`;
    }
    return `quote it: ${key}: "${typed}" (unquoted, YAML reads it as a number)`;
  }
  if (expected === 'string' && typeof value === 'boolean') return `quote it: ${key}: "${typed}" (unquoted, YAML reads it as ${value})`;
  if (expected === 'boolean' && typeof value === 'string' && /^(true|false)$/i.test(value)) {
    return `write ${key}: ${value.toLowerCase()} without quotes (in quotes it is text)`;
  }
  if (expected === 'number' && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) {
    return `write ${key}: ${value.trim()} without quotes (in quotes it is text)`;
  }
  if (expected === 'array' && value !== null && typeof value !== 'object') return `a list, even of one entry: ${key}: [${typed}]`;
  return undefined;
}

function valueAt(input: unknown, segments: readonly FieldSegment[]): unknown {
  let v: unknown = input;
  for (const s of segments) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[s as string];
  }
  return v;
}

function show(value: unknown): string {
  if (value === undefined) return '(missing)';
  return JSON.stringify(value) ?? String(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Errors the constructs find

/**
 * How a construct's properties map to config fields, by construct path relative to the stack pair (`infra`,
 * `infra/cluster`, `platform/ingress`; a `*` segment matches any id). The stacks pass config blocks into constructs
 * (`...config.cluster`) or single values (`location: config.azure.location`); this table says which, so no construct
 * needs to know where its props come from.
 */
export interface FieldSource {
  /** The construct takes this config block's fields under their own names (`cluster`: `systemPool.minCount`). */
  readonly block?: string;
  /** Properties given one config field each (`location` -> `azure.location`); the rest of the property path is kept. */
  readonly fields?: Readonly<Record<string, string>>;
  /** Properties computed from a config field (GKE bucket names from `name`): the error names that field. */
  readonly derived?: Readonly<Record<string, string>>;
  /** The construct is the stack itself: its checks already name config fields. */
  readonly self?: true;
}

export type FieldTable = Readonly<Record<string, FieldSource>>;

/** What every cloud's pair passes from the config, whatever the app. */
const PAIR_COMMON: FieldTable = {
  infra: { self: true },
  platform: { self: true },
  'infra/network': { block: 'network' },
  'infra/cluster': { block: 'cluster' },
  'infra/postgres': { block: 'postgres' },
  'infra/storage': { block: 'storage' },
  'infra/registry': { block: 'registry' },
  'platform/ingress': { block: 'kubernetes.ingress' },
  'platform/cert-manager': { block: 'kubernetes.certManager' },
};

/** The fields of a DNS zone, per cloud. */
const DNS_ZONE_FIELDS: Readonly<Record<'aks' | 'gke' | 'eks', Readonly<Record<string, string>>>> = {
  aks: { ttl: 'dns.ttl', zoneName: 'dns.zoneName', zoneResourceGroupName: 'dns.zoneResourceGroup' },
  gke: { ttl: 'dns.ttl', managedZone: 'dns.managedZone', zoneDnsName: 'dns.zoneDnsName', project: 'dns.project' },
  eks: { ttl: 'dns.ttl', zoneName: 'dns.zoneName', zoneId: 'dns.zoneId' },
};

/** Per cloud, what the pair passes from its own fields beyond {@link PAIR_COMMON}. */
const CLOUD_FIELDS: Readonly<Record<'aks' | 'gke' | 'eks', FieldTable>> = {
  aks: { 'infra/resource-group': { fields: { location: 'azure.location', name: 'azure.resourceGroup' } } },
  gke: { 'infra/storage': { block: 'storage', derived: { buckets: 'name' } } },
  eks: { 'infra/network': { block: 'network', fields: { availabilityZones: 'aws.availabilityZones' } } },
};

/** Per app, its constructs' properties that come from its section, and its host names' DNS records. */
function appFields(app: 'spacelift' | 'taskcluster' | 'estafette', cloud: 'aks' | 'gke' | 'eks'): FieldTable {
  const zone = DNS_ZONE_FIELDS[cloud];
  if (app === 'spacelift') {
    return {
      'infra/spacelift': { block: 'spacelift', fields: { namespace: 'kubernetes.namespace' } },
      'infra/dns': { fields: { fqdn: 'spacelift.domain', ...zone } },
      'infra/vcs-gateway-dns': { fields: { fqdn: 'spacelift.vcsGatewayDomain', ...zone } },
      ...(cloud === 'eks' ? { 'infra/spacelift-*-identity': { fields: { assumableRoleArns: 'spacelift.assumableRoleArns' } } } : {}),
    };
  }
  if (app === 'estafette') {
    return {
      'infra/dns': { fields: { fqdn: 'estafette.baseHost', ...zone } },
      'infra/dns-integrations': { fields: { fqdn: 'estafette.integrationsHost', ...zone } },
    };
  }
  return {
    'infra/taskcluster': { block: 'taskcluster', fields: { namespace: 'kubernetes.namespace' }, derived: { rootUrl: 'taskcluster.domain' } },
    'infra/dns': { fields: { fqdn: 'taskcluster.domain', ...zone } },
    'platform/taskcluster-migrations': { fields: { version: 'taskcluster.version', usernamePrefix: 'taskcluster.usernamePrefix' } },
    'platform/taskcluster-ingress': { derived: { host: 'taskcluster.domain' } },
    // Amazon MQ (messageBus.provider: amazon-mq): its settings come from the messageBus section, its name from `name`.
    ...(cloud === 'eks' ? { 'infra/message-bus': { block: 'messageBus', derived: { brokerName: 'name' } } } : {}),
  };
}

function table(app: 'spacelift' | 'taskcluster' | 'estafette', cloud: 'aks' | 'gke' | 'eks'): FieldTable {
  const all: FieldTable = { ...PAIR_COMMON, ...CLOUD_FIELDS[cloud], ...appFields(app, cloud) };
  // Estafette CI keeps its data in CockroachDB in the cluster: its pairs build no PostgreSQL server.
  if (app !== 'estafette') return all;
  return Object.fromEntries(Object.entries(all).filter(([key]) => !key.startsWith('infra/postgres')));
}

/** Per deployment kind: where each construct's properties come from in the config. */
export const CONFIG_FIELD_TABLES: Readonly<Record<string, FieldTable>> = {
  'spacelift-aks': table('spacelift', 'aks'),
  'spacelift-gke': table('spacelift', 'gke'),
  'spacelift-eks': table('spacelift', 'eks'),
  'taskcluster-aks': table('taskcluster', 'aks'),
  'taskcluster-gke': table('taskcluster', 'gke'),
  'taskcluster-eks': table('taskcluster', 'eks'),
  'estafette-aks': table('estafette', 'aks'),
  'estafette-gke': table('estafette', 'gke'),
  'estafette-eks': table('estafette', 'eks'),
};

type NamedLists = Readonly<Record<string, { readonly what: string; readonly values: readonly string[] }>>;
const AWS_REGION_LIST = { what: 'an AWS region code as `aws ec2 describe-regions` lists it', values: AWS_REGIONS };
/** Per cloud, fields whose allowed values are a long list: an error shows the closest few instead. */
const CLOUD_NAMED_LISTS: Readonly<Record<'aks' | 'gke' | 'eks', NamedLists>> = {
  aks: { 'azure.location': { what: 'an Azure region name as `az account list-locations -o table` lists it', values: AZURE_REGIONS } },
  gke: { 'google.region': { what: 'a Google Cloud region as `gcloud compute regions list` lists it', values: GCP_REGIONS } },
  eks: { 'aws.region': AWS_REGION_LIST, 'backend.region': AWS_REGION_LIST },
};
/** Per deployment kind (every app on a cloud has its cloud's lists). */
const NAMED_LISTS: Readonly<Record<string, NamedLists>> = {
  'spacelift-aks': CLOUD_NAMED_LISTS.aks,
  'spacelift-gke': CLOUD_NAMED_LISTS.gke,
  'spacelift-eks': CLOUD_NAMED_LISTS.eks,
  'taskcluster-aks': CLOUD_NAMED_LISTS.aks,
  'taskcluster-gke': CLOUD_NAMED_LISTS.gke,
  'taskcluster-eks': CLOUD_NAMED_LISTS.eks,
  'estafette-aks': CLOUD_NAMED_LISTS.aks,
  'estafette-gke': CLOUD_NAMED_LISTS.gke,
  'estafette-eks': CLOUD_NAMED_LISTS.eks,
};

/** The config field a construct's property comes from, or undefined when it is not one (names built by the stack). */
export function configFieldOf(kind: string, schema: ZodType, constructPath: string, field: string): { field: string; derived: boolean } | undefined {
  const [stackId, ...rest] = constructPath.split('/');
  const role = /-(infra|platform)$/.exec(stackId ?? '')?.[1];
  const table = CONFIG_FIELD_TABLES[kind];
  if (role === undefined || table === undefined) return undefined;
  const relative = [role, ...rest];
  const key = Object.keys(table)
    .filter((k) => matches(k.split('/'), relative))
    .sort((a, b) => b.split('/').length - a.split('/').length)[0];
  if (key === undefined || key.split('/').length !== relative.length) return undefined;
  const entry = table[key]!;
  const segments = parseFieldPath(field);
  const head = String(segments[0]);
  const tail = formatFieldPath(segments.slice(1));
  const join = (base: string) => (tail === '' ? base : tail.startsWith('[') ? `${base}${tail}` : `${base}.${tail}`);
  if (entry.derived?.[head] !== undefined) return { field: entry.derived[head]!, derived: true };
  if (entry.fields?.[head] !== undefined) return { field: join(entry.fields[head]!), derived: false };
  if (entry.block !== undefined && blockKeys(schema, parseFieldPath(entry.block)).includes(head)) return { field: `${entry.block}.${field}`, derived: false };
  if (entry.self && blockKeys(schema, []).includes(head)) return { field, derived: false };
  return undefined;
}

function matches(pattern: readonly string[], path: readonly string[]): boolean {
  if (pattern.length > path.length) return false;
  return pattern.every((p, i) => (p.includes('*') ? new RegExp(`^${p.split('*').map(escapeRegExp).join('.*')}$`).test(path[i]!) : p === path[i]));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A construct's ValidationError restated for the config file it came from: the config field, the value as typed and
 * where it is. Errors about values the config does not hold (names the stack builds) keep the construct's words and
 * gain the file name.
 */
export function fromConstruct(err: ValidationError, source: ConfigSource, kind: string, schema: ZodType): ConfigError {
  const mapped = configFieldOf(kind, schema, err.path, err.field);
  const construct = { path: err.path, field: err.field };
  if (mapped === undefined) {
    const at: Located = { found: false };
    return new ConfigError({ source, at, field: err.field, value: err.value, typed: show(err.value), allowed: err.allowed, construct, message: `${source.display}: ${err.message}` });
  }
  const segments = parseFieldPath(mapped.field);
  let at = locate(source, segments);
  // A check of a map's keys (label names) names the key: point at it.
  if (at.found && !sameValue(at.value, err.value) && segments.length > 0 && String(err.value) === String(segments[segments.length - 1])) at = locate(source, segments, 'key');
  let typed: string;
  if (at.found && sameValue(at.value, err.value)) typed = at.typed ?? show(err.value);
  else if (at.found) typed = `${at.typed ?? show(at.value)} (${mapped.derived ? 'which makes' : 'as'} ${err.field} ${show(err.value)})`;
  else typed = err.value === undefined ? '(missing)' : `${show(err.value)} (the default)`;
  let allowed = err.allowed;
  let hint = singleAddressHint(err);
  const list = NAMED_LISTS[kind]?.[mapped.field];
  if (list !== undefined && typeof err.value === 'string' && !list.values.includes(err.value)) {
    // A list of 30 to 60 names helps nobody: say what it is and show the closest ones.
    if (list.values.filter((v) => allowed.includes(v)).length >= 10) allowed = list.what;
    hint = `the closest: ${closest(err.value, list.values, { max: 3 }).join(', ')}`;
  }
  return new ConfigError({ source, at, field: mapped.field, value: err.value, typed, allowed, hint, construct });
}

/** A CIDR field given one address: the fix is `/32`. */
function singleAddressHint(err: ValidationError): string | undefined {
  if (typeof err.value === 'string' && /CIDR/.test(err.allowed) && /^\d{1,3}(\.\d{1,3}){3}$/.test(err.value)) {
    return `a single address is written ${err.value}/32`;
  }
  return undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown => (Array.isArray(v) ? v.map(norm) : v !== null && typeof v === 'object' ? v : v === undefined ? v : String(v));
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

// ---------------------------------------------------------------------------------------------------------------
// Closest names

/**
 * The candidates closest to `typed` (edit distance, ignoring case and punctuation), best first. With `near`, only
 * those close enough to be a typo of it.
 */
export function closest(typed: string, candidates: readonly string[], opts: { max: number; near?: boolean }): string[] {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const t = norm(typed);
  return candidates
    .map((c) => ({ c, d: editDistance(t, norm(c)) }))
    .filter(({ c, d }) => !opts.near || d <= Math.max(2, Math.floor(Math.max(c.length, typed.length) / 4)))
    .sort((a, b) => a.d - b.d || commonPrefix(norm(b.c), t) - commonPrefix(norm(a.c), t) || a.c.localeCompare(b.c))
    .slice(0, opts.max)
    .map(({ c }) => c);
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Optimal string alignment distance (Levenshtein plus transpositions). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
