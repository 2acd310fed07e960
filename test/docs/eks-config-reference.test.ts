import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { packageRoot } from '../../lib/core/package-root';
import { SPACELIFT_BUCKET_RETENTION_DAYS } from '../../lib/apps/spacelift/buckets';
import { spaceliftEksConfigSchema } from '../../stacks/eks/spacelift-config';
import { eksPair } from '../stacks/eks/example';

/** Every field of the config schema, as dotted paths (objects are walked, everything else is a leaf). */
function fieldPaths(schema: z.ZodType, prefix = ''): string[] {
  let s: any = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
  if (s instanceof z.ZodObject) {
    return Object.entries(s.shape as Record<string, z.ZodType>).flatMap(([k, v]) => fieldPaths(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

const doc = fs.readFileSync(path.join(packageRoot(), 'docs', 'eks.md'), 'utf8');
const reference = doc.slice(doc.indexOf('## Config reference'));

test('docs/eks.md documents every config field, each in a reference table row', () => {
  const paths = fieldPaths(spaceliftEksConfigSchema);
  expect(paths.length).toBeGreaterThan(60);
  const missing = paths.filter((p) => !reference.includes(`| \`${p}\` |`));
  expect(missing).toEqual([]);
});

test('docs/eks.md documents no field the schema does not have (a row may name a whole section, like `dns`)', () => {
  const paths = fieldPaths(spaceliftEksConfigSchema);
  const rows = [...reference.matchAll(/^\| `([A-Za-z][A-Za-z0-9.-]*)` \|/gm)].map((m) => m[1]!);
  expect(rows.length).toBeGreaterThan(60);
  expect(rows.filter((r) => !paths.some((p) => p === r || p.startsWith(`${r}.`)))).toEqual([]);
});

test('docs/eks.md lists every variable the shell output exports and every bucket', () => {
  const { infraJson } = eksPair();
  const names = Object.keys(infraJson.locals!.shell_env);
  const shellSection = doc.slice(doc.indexOf('The `shell` output exports'));
  expect(names.filter((n) => !shellSection.includes(`\`${n}\``))).toEqual([]);
  expect(Object.keys(SPACELIFT_BUCKET_RETENTION_DAYS).filter((b) => !doc.includes(`\`${b}\``))).toEqual([]);
});
