import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { packageRoot } from '../../lib/core/package-root';
import { createScheduleSql, countSchedulesSql } from '../../lib/kubernetes/cockroach-backup/schedule';
import { estafetteConfigSchema } from '../../stacks/apps/estafette';
import { loadConfigFile } from '../../stacks/config-file';
import { DEPLOYMENT_KINDS, buildDeployment } from '../../stacks/deployments';
import { resources, synthApp, testApp } from '../support/synth';

/** docs/estafette.md against the code: every field of the section in the reference, the stacks the commands name. */
const doc = fs.readFileSync(path.join(packageRoot(), 'docs', 'estafette.md'), 'utf8');

test('the config reference documents every field of the estafette section', () => {
  const fields = Object.keys((estafetteConfigSchema as z.ZodObject).shape).map((k) => `estafette.${k}`);
  expect(fields.filter((f) => !doc.includes(`| \`${f}\` |`))).toEqual([]);
});

describe('against the synthesized example', () => {
  let stacks: ReturnType<typeof synthApp>;
  beforeAll(() => {
    const app = testApp();
    buildDeployment(app, loadConfigFile(path.join(packageRoot(), DEPLOYMENT_KINDS['estafette-gke'].example)));
    stacks = synthApp(app);
  });

  test('every terraform output command names a stack and an output that exist, and the shell variables it names are in it', () => {
    const commands = [...doc.matchAll(/terraform -chdir=cdktf\.out\/stacks\/([a-z0-9-]+) output -raw ([a-z_]+)/g)].map((m) => ({ stack: m[1]!, output: m[2]! }));
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) expect({ ...c, exists: stacks[c.stack]?.output?.[c.output] !== undefined }).toEqual({ ...c, exists: true });
    const shell = JSON.stringify((stacks['estafette-gke-infra'] as any).locals);
    for (const name of new Set([...doc.matchAll(/`(ESTAFETTE_[A-Z_]+)`/g)].map((m) => m[1]!))) expect({ name, inShell: shell.includes(name) }).toEqual({ name, inShell: true });
  });

  test('the Secret and the Job the guide names are the ones the platform stack creates', () => {
    const platform = stacks['estafette-gke-platform']!;
    const secrets = Object.values(resources(platform, 'kubernetes_secret_v1')).map((s: any) => s.metadata.name);
    for (const name of [...doc.matchAll(/Secret `([a-z0-9.-]+)`/g)].map((m) => m[1]!).filter((n) => n.startsWith('estafette-ci-db'))) expect(secrets).toContain(name);
    const jobs = Object.values(resources(platform, 'kubernetes_job_v1')).map((j: any) => String(j.metadata.name));
    expect(jobs.some((n) => n.startsWith('estafette-ci-db-backup-'))).toBe(true);
    expect(doc).toContain('`estafette-ci-db-backup-<hash>`');
  });
});

test('the schedule statement in the guide is the one the Job runs, and the drop statement selects by the same label column', () => {
  const run = createScheduleSql('<label>', '<url>', '<schedule>').replace(/;$/, '');
  expect(doc.replace(/\s+/g, ' ')).toContain(run);
  expect(countSchedulesSql('x')).toContain('[SHOW SCHEDULES] WHERE label =');
  expect(doc).toContain("DROP SCHEDULES SELECT id FROM [SHOW SCHEDULES] WHERE label = '<old label>';");
});

test('the chart is the pinned one, and the keys fixture command names the script that writes it', () => {
  expect(doc).toContain('**1.5.14**');
  expect(doc).toContain('RESTORE DATABASE <database> FROM LATEST IN');
  const command = /`node (scripts\/[a-z-]+\.js) <unpacked chart> > (test\/[^`]+)`/.exec(doc)!;
  expect(fs.existsSync(path.join(packageRoot(), command[1]!))).toBe(true);
  expect(fs.existsSync(path.join(packageRoot(), command[2]!.replace('<version>', '1.5.14')))).toBe(true);
});
