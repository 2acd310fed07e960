import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { packageRoot } from '../../lib/core/package-root';
import { estafetteConfigSchema } from '../../stacks/apps/estafette';

/** docs/estafette.md against the code: every field of the section in the reference, the stacks the commands name. */
const doc = fs.readFileSync(path.join(packageRoot(), 'docs', 'estafette.md'), 'utf8');

test('the config reference documents every field of the estafette section', () => {
  const fields = Object.keys((estafetteConfigSchema as z.ZodObject).shape).map((k) => `estafette.${k}`);
  expect(fields.filter((f) => !doc.includes(`| \`${f}\` |`))).toEqual([]);
});

test('the commands name the pinned chart and an Estafette stack and output that exist', () => {
  expect(doc).toContain('**1.5.14**');
  expect(doc).toMatch(/terraform -chdir=cdktf\.out\/stacks\/estafette-gke-infra output -raw shell/);
  expect(doc).toContain('RESTORE DATABASE <database> FROM LATEST IN');
});
