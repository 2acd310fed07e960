import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { chartVersions, checkCharts, chartsOf, indexUrl } from '../../preflight/charts';
import { TerraformJson } from '../../preflight/terraform-json';
import { FIXTURES } from './support';

/** The chart check: published versions read from a repository's index.yaml. */

const platform = (releases: Record<string, Record<string, unknown>>): TerraformJson => ({ resource: { helm_release: releases } });
const index = (file: string) => fs.readFileSync(path.join(FIXTURES, 'charts', file), 'utf8');

test('the fast line scan finds the same versions as a full YAML parse of each recorded index', () => {
  for (const [file, chart] of [['charts.jetstack.io/index.yaml', 'cert-manager'], ['traefik.github.io/charts/index.yaml', 'traefik'], ['downloads.spacelift.io/helm/index.yaml', 'spacelift-self-hosted']] as const) {
    const full = (parse(index(file)) as { entries: Record<string, Array<{ version: string }>> }).entries[chart]!.map((e) => e.version);
    expect(chartVersions(index(file), chart)).toEqual(full);
  }
  expect(chartVersions(index('traefik.github.io/charts/index.yaml'), 'traefik-crds')).toEqual(['1.13.0']);
  expect(chartVersions(index('traefik.github.io/charts/index.yaml'), 'nope')).toEqual([]);
});

test('an index laid out differently (flow style) falls back to the YAML parse', () => {
  expect(chartVersions('apiVersion: v1\nentries: {app: [{name: app, version: 1.2.3}, {name: app, version: 1.2.2}]}\n', 'app')).toEqual(['1.2.3', '1.2.2']);
});

test('only repository charts are checked (the bundled local chart is not); each repository index is read once', async () => {
  const json = platform({
    a: { repository: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.21.1' },
    b: { repository: 'https://charts.jetstack.io', chart: 'trust-manager', version: 'v0.20.2' },
    c: { chart: 'assets/cert-manager_issuers-chart/3522F7789BB131390588AEC1DCF1283E' },
  });
  expect(chartsOf(json).map((c) => c.chart)).toEqual(['cert-manager', 'trust-manager']);
  const urls: string[] = [];
  const results = await checkCharts(json, async (u) => (urls.push(u), { status: 200, text: index('charts.jetstack.io/index.yaml') }));
  expect(results.map((r) => r.status)).toEqual(['ok', 'ok']);
  expect(urls).toEqual(['https://charts.jetstack.io/index.yaml']);
});

test('a version is matched with or without its leading v; a missing one names the newest', async () => {
  const json = platform({ a: { repository: 'https://charts.jetstack.io', chart: 'cert-manager', version: '1.21.1' }, b: { repository: 'https://charts.jetstack.io/', chart: 'cert-manager', version: 'v1.19.0' } });
  const results = await checkCharts(json, async () => ({ status: 200, text: index('charts.jetstack.io/index.yaml') }));
  expect(results).toEqual([
    { status: 'ok', check: 'chart cert-manager', found: '1.21.1 is published in https://charts.jetstack.io' },
    { status: 'FAIL', check: 'chart cert-manager', problem: 'version v1.19.0 is not published in https://charts.jetstack.io/ (newest there: v1.21.1)', fix: expect.any(String) },
  ]);
});

test('an unreachable index, an HTTP error, an unknown chart and an OCI repository', async () => {
  const json = platform({
    a: { repository: 'https://charts.example.com', chart: 'app', version: '1.0.0' },
    b: { repository: 'https://gone.example.com/charts', chart: 'app', version: '1.0.0' },
    c: { repository: 'https://charts.jetstack.io', chart: 'no-such-chart', version: '1.0.0' },
    d: { repository: 'oci://registry.example.com/charts', chart: 'app', version: '1.0.0' },
  });
  const results = await checkCharts(json, async (url) => {
    if (url.startsWith('https://charts.example.com')) throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND charts.example.com') });
    if (url.startsWith('https://gone.example.com')) return { status: 404, text: 'Not Found' };
    return { status: 200, text: index('charts.jetstack.io/index.yaml') };
  });
  expect(results.map((r) => [r.status, r.status === 'FAIL' ? r.problem : r.status === 'skip' ? r.why : r.found])).toEqual([
    ['FAIL', 'could not read the index of https://charts.example.com (https://charts.example.com/index.yaml: getaddrinfo ENOTFOUND charts.example.com)'],
    ['FAIL', 'could not read the index of https://gone.example.com/charts (HTTP 404 from https://gone.example.com/charts/index.yaml)'],
    ['FAIL', 'https://charts.jetstack.io publishes no chart named no-such-chart'],
    ['skip', expect.stringContaining('is an OCI registry, which has no index.yaml')],
  ]);
});

test('the test-only mirror maps a repository URL onto <mirror>/<host>/<path>/index.yaml', () => {
  expect(indexUrl('https://traefik.github.io/charts')).toBe('https://traefik.github.io/charts/index.yaml');
  expect(indexUrl('https://traefik.github.io/charts/', 'http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/traefik.github.io/charts/index.yaml');
  expect(indexUrl('https://charts.jetstack.io', 'http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/charts.jetstack.io/index.yaml');
});
