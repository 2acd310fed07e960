#!/usr/bin/env node
/**
 * Writes the list of values keys of an unpacked Helm chart, subcharts included, as JSON:
 * `{ "chart": ..., "version": ..., "keys": { "<path>": "map" | "open" | "list" | "scalar" } }`.
 *
 *   node scripts/chart-value-keys.js <chart folder> > test/.../<chart>-<version>-value-keys.json
 *
 * A subchart's values sit under its alias (or name), as Helm passes them. A path joins keys with "."; a "." inside a
 * key is written "\.". "open" is a map the chart leaves empty or null (annotations, resources, credentials): any key
 * may go below it. The test that the keys the stacks set exist reads this file, made from the chart at the pinned
 * version, so it never has to reach the chart's repository.
 */
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

function kindOf(v) {
  if (Array.isArray(v)) return 'list';
  if (v === null || v === undefined) return 'open';
  if (typeof v === 'object') return Object.keys(v).length === 0 ? 'open' : 'map';
  return 'scalar';
}

/** Records every path of `values` under `prefix` into `out`. */
function walk(values, prefix, out) {
  for (const [key, value] of Object.entries(values ?? {})) {
    const p = [...prefix, key.replace(/\./g, '\\.')];
    const kind = kindOf(value);
    out[p.join('.')] = kind;
    if (kind === 'map') walk(value, p, out);
  }
}

/** The keys of the chart in `dir` and of its subcharts in `dir/charts/<name>/`. */
function chartValueKeys(dir) {
  const chart = YAML.parse(fs.readFileSync(path.join(dir, 'Chart.yaml'), 'utf8'));
  const read = (d) => (fs.existsSync(path.join(d, 'values.yaml')) ? YAML.parse(fs.readFileSync(path.join(d, 'values.yaml'), 'utf8')) ?? {} : {});
  const keys = {};
  for (const dep of chart.dependencies ?? []) {
    const sub = path.join(dir, 'charts', dep.name);
    if (!fs.existsSync(sub)) throw new Error(`subchart ${dep.name} is not unpacked in ${sub}`);
    const alias = (dep.alias ?? dep.name).replace(/\./g, '\\.');
    keys[alias] = 'map';
    walk(read(sub), [alias], keys);
  }
  walk(read(dir), [], keys);
  const sorted = Object.fromEntries(Object.keys(keys).sort().map((k) => [k, keys[k]]));
  return { chart: chart.name, version: chart.version, keys: sorted };
}

module.exports = { chartValueKeys };

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: chart-value-keys.js <unpacked chart folder>\n');
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(chartValueKeys(dir), null, 1)}\n`);
}
