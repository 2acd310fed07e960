import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { packageRoot } from '../../lib/core/package-root';
import { spaceliftAksConfigSchema } from '../../stacks/aks/spacelift-config';

/** Every field of the config schema, as dotted paths (objects are walked, everything else is a leaf). */
function fieldPaths(schema: z.ZodType, prefix = ''): string[] {
  let s: any = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
  if (s instanceof z.ZodObject) {
    return Object.entries(s.shape as Record<string, z.ZodType>).flatMap(([k, v]) => fieldPaths(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

test('docs/aks.md documents every config field, each in a reference table row', () => {
  const doc = fs.readFileSync(path.join(packageRoot(), 'docs', 'aks.md'), 'utf8');
  const reference = doc.slice(doc.indexOf('## Config reference'));
  const paths = fieldPaths(spaceliftAksConfigSchema);
  expect(paths.length).toBeGreaterThan(60);
  const missing = paths.filter((p) => !reference.includes(`| \`${p}\` |`));
  expect(missing).toEqual([]);
});

test('the README states the two commands and .ci/run runs exactly the README test command', () => {
  const readme = fs.readFileSync(path.join(packageRoot(), 'README.md'), 'utf8');
  expect(readme).toContain('npm ci && npx cdktf synth');
  const testCommand = /^npm test\b/m.exec(readme.slice(readme.indexOf('## The two commands')));
  expect(testCommand).not.toBeNull();
  const ci = fs.readFileSync(path.join(packageRoot(), '.ci', 'run'), 'utf8');
  expect(ci).toMatch(/^npm ci\b/m);
  expect(ci).toMatch(/^npm test$/m);
});
