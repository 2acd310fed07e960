import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageRoot } from '../../lib/core/package-root';

/**
 * scripts/fetch-taskcluster-chart.sh, run as the guide tells a user to, against a local repository laid out like
 * Taskcluster's (a chart in infrastructure/k8s at release tags): no network is needed or used.
 */
const SCRIPT = path.join(packageRoot(), 'scripts', 'fetch-taskcluster-chart.sh');
let work: string;
let repository: string;

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

function release(tag: string, appVersion: string): void {
  const chart = path.join(repository, 'infrastructure', 'k8s');
  fs.mkdirSync(path.join(chart, 'templates'), { recursive: true });
  fs.writeFileSync(path.join(chart, 'Chart.yaml'), `name: taskcluster\nappVersion: '${appVersion}'\nversion: 0.2.0\n`);
  fs.writeFileSync(path.join(chart, 'templates', 'marker.yaml'), `# ${tag}\n`);
  git(repository, 'add', '-A');
  git(repository, 'commit', '-qm', tag);
  git(repository, 'tag', tag);
}

function run(args: string[], cwd = work) {
  const r = spawnSync('bash', [SCRIPT, ...args], { cwd, encoding: 'utf8', env: { ...process.env, TASKCLUSTER_REPOSITORY: `file://${repository}` } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-chart-'));
  repository = path.join(work, 'upstream');
  fs.mkdirSync(repository);
  git(repository, 'init', '-q');
  release('v105.0.0', '105.0.0');
  release('v106.0.0', '106.0.0');
  release('v107.0.0', '999.0.0');
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test('copies the chart of the tag asked for into charts/taskcluster-<version>', () => {
  const r = run(['v106.0.0']);
  expect(r).toMatchObject({ status: 0, stderr: '' });
  const dest = path.join(work, 'charts', 'taskcluster-v106.0.0');
  expect(fs.readFileSync(path.join(dest, 'Chart.yaml'), 'utf8')).toContain("appVersion: '106.0.0'");
  expect(fs.readFileSync(path.join(dest, 'templates', 'marker.yaml'), 'utf8')).toBe('# v106.0.0\n');
  expect(r.stdout).toBe('Taskcluster chart v106.0.0 (appVersion 106.0.0) in charts/taskcluster-v106.0.0\n');
});

test('a destination given replaces an earlier chart there, and only a chart', () => {
  const dest = path.join(work, 'mine');
  expect(run(['v105.0.0', dest]).status).toBe(0);
  expect(run(['v106.0.0', dest]).status).toBe(0);
  expect(fs.readFileSync(path.join(dest, 'templates', 'marker.yaml'), 'utf8')).toBe('# v106.0.0\n');
  const other = path.join(work, 'not-a-chart');
  fs.mkdirSync(other);
  fs.writeFileSync(path.join(other, 'keep.txt'), 'mine');
  expect(run(['v106.0.0', other])).toMatchObject({ status: 1, stderr: `${other} exists and is not a Helm chart: not replacing it\n` });
  expect(fs.readFileSync(path.join(other, 'keep.txt'), 'utf8')).toBe('mine');
});

test('a chart whose appVersion is not the release is refused', () => {
  const r = run(['v107.0.0', path.join(work, 'wrong')]);
  expect(r.status).toBe(1);
  expect(r.stderr).toBe("the chart at v107.0.0 says appVersion '999.0.0', expected '107.0.0'\n");
  expect(fs.existsSync(path.join(work, 'wrong'))).toBe(false);
});

test.each([[[]], [['106.0.0']], [['v106']], [['v106.0.0; rm -rf /']]])('a version not of the form v1.2.3 is a usage error: %j', (args) => {
  const r = run(args);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/^usage: /);
});

test('a tag that does not exist fails with git\'s message and leaves nothing', () => {
  const r = run(['v1.0.0', path.join(work, 'none')]);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(/v1\.0\.0/);
  expect(fs.existsSync(path.join(work, 'none'))).toBe(false);
});
