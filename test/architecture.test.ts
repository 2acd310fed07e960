import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const { check } = require('../scripts/check-imports.js') as { check: (root?: string) => string[] };

test('layers import only from the layers above them, and providers only by deep path', () => {
  expect(check()).toEqual([]);
});

test('the checker flags a package-root provider import and a layer violation', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'imports-'));
  fs.mkdirSync(path.join(root, 'lib', 'core'), { recursive: true });
  fs.mkdirSync(path.join(root, 'lib', 'azure'), { recursive: true });
  fs.writeFileSync(path.join(root, 'lib', 'azure', 'x.ts'), "export const x = 1;\n");
  // The package name is split so this fixture is not itself a package-root import.
  const rootImport = `import * as az from '@cdktf/${'provider-azurerm'}';`;
  fs.writeFileSync(path.join(root, 'lib', 'core', 'bad.ts'), `${rootImport}\nimport { x } from '../azure/x';\n`);
  const problems = check(root);
  expect(problems).toHaveLength(2);
  expect(problems[0]).toMatch(/lib\/core\/bad.ts:1: imports @cdktf\/provider-azurerm from its package root/);
  expect(problems[1]).toMatch(/lib\/core\/bad.ts:2: lib\/core may not import lib\/azure/);
});
