import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { packageRoot } from '../../lib/core/package-root';
import { spaceliftGke } from '../../stacks/gke';
import { spaceliftGkeConfigSchema } from '../../stacks/gke/spacelift-config';
import { synthApp, testApp } from '../support/synth';
import { gkeExampleConfig } from '../stacks/gke/fixtures';

/** Every field of the config schema, as dotted paths (objects are walked, everything else is a leaf). */
function fieldPaths(schema: z.ZodType, prefix = ''): string[] {
  let s: any = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
  if (s instanceof z.ZodObject) {
    return Object.entries(s.shape as Record<string, z.ZodType>).flatMap(([k, v]) => fieldPaths(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

const doc = fs.readFileSync(path.join(packageRoot(), 'docs', 'gke.md'), 'utf8');
const reference = doc.slice(doc.indexOf('## Config reference'));

test('docs/gke.md documents every config field, each in a reference table row', () => {
  const paths = fieldPaths(spaceliftGkeConfigSchema);
  expect(paths.length).toBeGreaterThan(60);
  const missing = paths.filter((p) => !reference.includes(`| \`${p}\` |`));
  expect(missing).toEqual([]);
});

test('the reference documents no field the schema does not have', () => {
  const paths = new Set(fieldPaths(spaceliftGkeConfigSchema));
  const rows = [...reference.matchAll(/^\| `([a-zA-Z.]+)` \|/gm)].map((m) => m[1]!);
  // `dns` is documented as a whole ("leave out to ...") besides its fields.
  expect(rows.filter((r) => !paths.has(r) && r !== 'dns')).toEqual([]);
});

test('every shell variable the infra stack exports is listed in the guide', () => {
  const names = doc.slice(doc.indexOf('The `shell` output exports:')).split('\n\n')[0]!;
  const app = testApp();
  const { infra } = spaceliftGke(app, gkeExampleConfig());
  const env = synthApp(app)[infra.node.id]!.locals!.shell_env as Record<string, string>;
  const missing = Object.keys(env).filter((n) => !names.includes(`\`${n}\``));
  expect(missing).toEqual([]);
});
