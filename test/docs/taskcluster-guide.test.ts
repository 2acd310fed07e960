import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { TASKCLUSTER_ROOT_TOKEN_OUTPUT } from '../../lib/apps/taskcluster/app';
import { TASKCLUSTER_INGRESS_ROUTES, TASKCLUSTER_VERSION } from '../../lib/apps/taskcluster/chart';
import { packageRoot } from '../../lib/core/package-root';
import { taskclusterConfigSchema } from '../../stacks/apps/taskcluster';
import { loadConfigFile } from '../../stacks/config-file';
import { DEPLOYMENT_KINDS, buildDeployment } from '../../stacks/deployments';
import { synthApp, testApp } from '../support/synth';

/**
 * docs/taskcluster.md against what the code does: every field of the `taskcluster` section in the reference, the
 * chart command with the pinned release, the smoke test's path routed by the Ingress, and every
 * `terraform -chdir=cdktf.out/stacks/<stack> output -raw <name>` naming a stack and an output the embedded example has.
 */
const doc = fs.readFileSync(path.join(packageRoot(), 'docs', 'taskcluster.md'), 'utf8');
const codeBlocks = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);

test('the config reference documents every field of the taskcluster section', () => {
  const reference = doc.slice(doc.indexOf('## Config reference'), doc.indexOf('## 3.'));
  const fields = Object.keys((taskclusterConfigSchema as z.ZodObject).shape).map((k) => `taskcluster.${k}`);
  expect(fields.length).toBeGreaterThanOrEqual(5);
  expect(fields.filter((f) => !reference.includes(`| \`${f}\` |`))).toEqual([]);
});

test('the chart command fetches the release the library pins, with the script that exists', () => {
  const commands = codeBlocks.flatMap((b) => b.split('\n')).filter((l) => l.startsWith('scripts/'));
  expect(commands).toEqual([`scripts/fetch-taskcluster-chart.sh ${TASKCLUSTER_VERSION}`]);
  expect(fs.existsSync(path.join(packageRoot(), 'scripts', 'fetch-taskcluster-chart.sh'))).toBe(true);
});

test('the smoke test pings a path the Ingress routes to the auth service', () => {
  const ping = /curl -fsS https:\/\/[a-z0-9.-]+(\/api\/auth\/v1\/ping)/.exec(doc)![1]!;
  const route = TASKCLUSTER_INGRESS_ROUTES.filter((r) => ping.startsWith(r.path)).sort((a, b) => b.path.length - a.path.length)[0];
  expect(route?.service).toBe('taskcluster-auth');
});

describe('terraform output commands', () => {
  const commands = [...doc.matchAll(/terraform -chdir=cdktf\.out\/stacks\/([a-z0-9-]+) output -raw ([a-z_]+)/g)].map((m) => ({ stack: m[1]!, output: m[2]! }));

  test('name stacks and outputs of the embedded example', () => {
    expect(commands.length).toBeGreaterThan(0);
    expect(commands.map((c) => c.output)).toContain(TASKCLUSTER_ROOT_TOKEN_OUTPUT);
    const app = testApp();
    const kinds = Object.values(DEPLOYMENT_KINDS).filter((k) => k.app === 'taskcluster');
    const wanted = new Set(commands.map((c) => c.stack));
    for (const k of kinds.filter((k) => wanted.has(`taskcluster-${k.cloud}-infra`))) buildDeployment(app, loadConfigFile(path.join(packageRoot(), k.example)));
    const stacks = synthApp(app);
    for (const c of commands) expect({ ...c, exists: stacks[c.stack]?.output?.[c.output] !== undefined }).toEqual({ ...c, exists: true });
  });
});
