import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageRoot } from '../../lib/core/package-root';

/**
 * scripts/chart-value-keys.js, run as docs/estafette.md says (`node scripts/chart-value-keys.js <unpacked chart> >
 * <fixture>`), on a chart laid out as `helm pull --untar` leaves one: its values, a subchart under an alias, dotted
 * keys, empty maps and lists.
 */
let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'chart-keys-'));
  const chart = path.join(work, 'demo');
  fs.mkdirSync(path.join(chart, 'charts', 'cockroachdb'), { recursive: true });
  fs.writeFileSync(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 1.2.3\ndependencies:\n  - name: cockroachdb\n    version: 10.0.6\n    alias: db\n');
  fs.writeFileSync(
    path.join(chart, 'values.yaml'),
    'api:\n  replicaCount: 1\n  annotations: {}\n  credentials:\n  extraArgs: []\n  nested:\n    "kubernetes.io/os": linux\n',
  );
  fs.writeFileSync(path.join(chart, 'charts', 'cockroachdb', 'Chart.yaml'), 'apiVersion: v2\nname: cockroachdb\nversion: 10.0.6\n');
  fs.writeFileSync(path.join(chart, 'charts', 'cockroachdb', 'values.yaml'), 'statefulset:\n  replicas: 3\n  resources: {}\n');
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function run(...args: string[]) {
  return spawnSync(process.execPath, [path.join(packageRoot(), 'scripts', 'chart-value-keys.js'), ...args], { encoding: 'utf8' });
}

test('lists every values key with its kind, subchart keys under its alias, dotted keys escaped', () => {
  const r = run(path.join(work, 'demo'));
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({
    chart: 'demo',
    version: '1.2.3',
    keys: {
      api: 'map',
      'api.annotations': 'open',
      'api.credentials': 'open',
      'api.extraArgs': 'list',
      'api.nested': 'map',
      'api.nested.kubernetes\\.io/os': 'scalar',
      'api.replicaCount': 'scalar',
      db: 'map',
      'db.statefulset': 'map',
      'db.statefulset.replicas': 'scalar',
      'db.statefulset.resources': 'open',
    },
  });
});

test('fails on a subchart that is not unpacked, and without a folder', () => {
  fs.rmSync(path.join(work, 'demo', 'charts', 'cockroachdb'), { recursive: true });
  const r = run(path.join(work, 'demo'));
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain('subchart cockroachdb is not unpacked');
  const usage = run();
  expect(usage.status).toBe(2);
  expect(usage.stderr).toContain('usage: chart-value-keys.js');
});
