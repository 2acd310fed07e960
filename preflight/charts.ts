import { parse } from 'yaml';
import { CheckResult, fail, ok, skip } from './result';
import { TerraformJson, literalString, resourcesOf } from './terraform-json';

/**
 * The pinned Helm charts: every `helm_release` of the platform stack whose chart comes from a repository must name a
 * version that repository publishes. The repository's `index.yaml` is fetched read-only over HTTPS; charts that ship
 * inside this repository (no `repository`) are skipped.
 */

/** A chart a release installs from a repository. */
export interface ChartRef {
  /** Construct path of the release. */
  readonly release: string;
  readonly repository: string;
  readonly chart: string;
  /** Undefined when the release pins none (Helm then installs the newest). */
  readonly version: string | undefined;
}

/** Fetches a URL: status and body. Injectable so tests never touch the network. */
export type Fetcher = (url: string) => Promise<{ readonly status: number; readonly text: string }>;

/**
 * Test-only: an `http://host:port` base that replaces every chart repository host, so that
 * `https://charts.example.com/stable/index.yaml` is read from `<mirror>/charts.example.com/stable/index.yaml`. The
 * end-to-end test points it at a local server; users never set it.
 */
export const CHART_INDEX_MIRROR_ENV = 'PREFLIGHT_CHART_INDEX_MIRROR';

/** The repository charts of the platform stack's Helm releases, in stack order. */
export function chartsOf(platform: TerraformJson): ChartRef[] {
  const out: ChartRef[] = [];
  for (const r of resourcesOf(platform, 'helm_release')) {
    const repository = literalString(r.block.repository);
    const chart = literalString(r.block.chart);
    if (repository === undefined || repository === '' || chart === undefined) continue; // a local chart
    out.push({ release: r.path, repository, chart, version: literalString(r.block.version) });
  }
  return out;
}

/** Where a repository's index is read from (the mirror, in tests). */
export function indexUrl(repository: string, mirror?: string): string {
  const base = repository.replace(/\/+$/, '');
  if (mirror === undefined || mirror === '') return `${base}/index.yaml`;
  const u = new URL(base);
  return `${mirror.replace(/\/+$/, '')}/${u.host}${u.pathname === '/' ? '' : u.pathname}/index.yaml`;
}

/** Node's fetch with a timeout. */
export const httpsFetcher: Fetcher = async (url) => {
  const res = await fetch(url, { signal: AbortSignal.timeout(60_000), redirect: 'follow' });
  return { status: res.status, text: await res.text() };
};

/** One line per repository chart: its pinned version is (or is not) in the repository's index. */
export async function checkCharts(platform: TerraformJson, fetcher: Fetcher, mirror?: string): Promise<CheckResult[]> {
  const charts = chartsOf(platform);
  const indexes = new Map<string, Promise<{ text?: string; error?: string }>>();
  const read = (repository: string) => {
    let p = indexes.get(repository);
    if (p === undefined) {
      const url = indexUrl(repository, mirror);
      p = fetcher(url).then(
        (r) => (r.status === 200 ? { text: r.text } : { error: `HTTP ${r.status} from ${url}` }),
        (err: unknown) => ({ error: `${url}: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}` }),
      );
      indexes.set(repository, p);
    }
    return p;
  };
  return Promise.all(
    charts.map(async (c): Promise<CheckResult> => {
      const check = `chart ${c.chart}`;
      if (c.repository.startsWith('oci://')) return skip(check, `${c.repository} is an OCI registry, which has no index.yaml to read; check ${c.chart} ${c.version ?? ''} there yourself`);
      const index = await read(c.repository);
      if (index.text === undefined) {
        return fail(check, `could not read the index of ${c.repository} (${index.error})`, 'check the repository URL and that this machine reaches it over HTTPS (Helm fetches the chart from there at deploy time)');
      }
      const versions = chartVersions(index.text, c.chart);
      if (versions.length === 0) {
        return fail(check, `${c.repository} publishes no chart named ${c.chart}`, 'check the chart name and repository of the release');
      }
      if (c.version === undefined) return ok(check, `no version pinned; ${c.repository} publishes ${versions[0]} as the newest`);
      const want = normalize(c.version);
      if (versions.some((v) => normalize(v) === want)) return ok(check, `${c.version} is published in ${c.repository}`);
      return fail(check, `version ${c.version} is not published in ${c.repository} (newest there: ${versions[0]})`, `pin a version the repository publishes (the chart version field of your config, or update this library)`);
    }),
  );
}

function normalize(v: string): string {
  return v.trim().replace(/^v/, '');
}

/**
 * The versions of one chart in a Helm repository index, in index order (Helm writes the newest first). Indexes run
 * to megabytes; a line scan of the chart's entries is fast, and a full YAML parse is the fallback for indexes laid
 * out in a way the scan does not recognise.
 */
export function chartVersions(indexYaml: string, chart: string): string[] {
  const scanned = scanVersions(indexYaml, chart);
  if (scanned !== undefined) return scanned;
  const doc = parse(indexYaml) as { entries?: Record<string, Array<{ version?: unknown }>> } | null;
  const entries = doc?.entries?.[chart];
  return Array.isArray(entries) ? entries.map((e) => e.version).filter((v): v is string => typeof v === 'string') : [];
}

function scanVersions(text: string, chart: string): string[] | undefined {
  const lines = text.split(/\r?\n/);
  const entriesAt = lines.findIndex((l) => /^entries:\s*$/.test(l));
  if (entriesAt < 0) return undefined;
  const key = new RegExp(`^( +)(["']?)${chart.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\2:\\s*$`);
  let i = entriesAt + 1;
  let indent = -1;
  for (; i < lines.length; i++) {
    if (/^\S/.test(lines[i]!)) return undefined; // left `entries:` without finding the chart
    const m = key.exec(lines[i]!);
    if (m) {
      indent = m[1]!.length;
      break;
    }
  }
  if (indent < 0) return undefined;
  const versions: string[] = [];
  let itemIndent = -1;
  for (i += 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const lead = line.length - line.trimStart().length;
    if (lead < indent || (lead === indent && !line.trimStart().startsWith('- '))) break;
    if (itemIndent < 0 && line.trimStart().startsWith('- ')) itemIndent = lead;
    if (lead === itemIndent) {
      const v = /^- +version:\s*["']?([^"'\s]+)["']?\s*$/.exec(line.trimStart());
      if (v) versions.push(v[1]!);
    } else if (lead === itemIndent + 2) {
      const v = /^version:\s*["']?([^"'\s]+)["']?\s*$/.exec(line.trimStart());
      if (v) versions.push(v[1]!);
    }
  }
  return versions.length > 0 ? versions : undefined;
}
