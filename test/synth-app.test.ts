import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageRoot } from '../lib/core/package-root';

/**
 * scripts/synth-app.js, the app cdktf.json runs: it compiles only when a source changed since its last compile, then
 * runs dist/main.js. Tested on a project of its own (a copy of the script, a stand-in tsc that logs each compile),
 * so every kind of change can be made without touching the repository.
 */
const SCRIPT = path.join(packageRoot(), 'scripts', 'synth-app.js');

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-app-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write('scripts/synth-app.js', fs.readFileSync(SCRIPT, 'utf8'));
  write('tsconfig.json', '{}');
  write('tsconfig.build.json', JSON.stringify({ extends: './tsconfig.json', include: ['main.ts', 'lib/**/*.ts', 'stacks/**/*.ts'] }));
  write('package.json', '{}');
  write('main.ts', '');
  write('lib/a.ts', '');
  write('stacks/b.ts', '');
  // The stand-in compiler: logs the call, emits dist/main.js, fails when told to.
  write(
    'node_modules/typescript/bin/tsc',
    `const fs = require('fs'); const path = require('path');
const root = path.resolve(__dirname, '../../..');
fs.appendFileSync(path.join(root, 'compiles.log'), process.argv.slice(2).join(' ') + '\\n');
if (fs.existsSync(path.join(root, 'FAIL'))) { console.log('main.ts(1,1): error TS1000: broken'); process.exit(2); }
fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
fs.writeFileSync(path.join(root, 'dist', 'main.js'), "exports.run = () => process.stdout.write('ran\\\\n');");
fs.mkdirSync(path.join(root, 'dist', 'stacks'), { recursive: true });
fs.writeFileSync(path.join(root, 'dist', 'stacks', 'process-settings.js'), "exports.configureSynthProcess = () => process.stdout.write('settings\\\\n');");
`,
  );
  return dir;
}

function synth(dir: string) {
  // Modification times must move on between the compile and the next change.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30);
  const r = spawnSync(process.execPath, [path.join(dir, 'scripts', 'synth-app.js')], { cwd: dir, encoding: 'utf8' });
  const compiles = fs.existsSync(path.join(dir, 'compiles.log')) ? fs.readFileSync(path.join(dir, 'compiles.log'), 'utf8').trim().split('\n').length : 0;
  return { status: r.status, stdout: r.stdout, compiles };
}

test('the first run compiles (tsc -p tsconfig.build.json) and runs the app; an unchanged tree runs it without compiling', () => {
  const dir = project();
  expect(synth(dir)).toEqual({ status: 0, stdout: 'settings\nran\n', compiles: 1 });
  expect(fs.readFileSync(path.join(dir, 'compiles.log'), 'utf8')).toBe(`-p ${path.join(dir, 'tsconfig.build.json')}\n`);
  expect(synth(dir)).toEqual({ status: 0, stdout: 'settings\nran\n', compiles: 1 });
  expect(synth(dir)).toEqual({ status: 0, stdout: 'settings\nran\n', compiles: 1 });
});

test.each<[string, (dir: string) => void]>([
  ['an edited source', (d) => fs.writeFileSync(path.join(d, 'lib', 'a.ts'), 'export const a = 1;')],
  ['an edited main.ts', (d) => fs.writeFileSync(path.join(d, 'main.ts'), '// edited')],
  ['a new source in a new folder', (d) => fs.mkdirSync(path.join(d, 'stacks', 'new'))],
  ['a new source with an old modification time (copied with cp -p)', (d) => {
    fs.writeFileSync(path.join(d, 'lib', 'old.ts'), '');
    fs.utimesSync(path.join(d, 'lib', 'old.ts'), new Date('2000-01-01'), new Date('2000-01-01'));
  }],
  ['a removed source', (d) => fs.rmSync(path.join(d, 'stacks', 'b.ts'))],
  ['a renamed source', (d) => fs.renameSync(path.join(d, 'lib', 'a.ts'), path.join(d, 'lib', 'c.ts'))],
  ['an edited tsconfig', (d) => fs.writeFileSync(path.join(d, 'tsconfig.json'), '{"compilerOptions":{}}')],
  ['an npm install (package.json)', (d) => fs.writeFileSync(path.join(d, 'package.json'), '{"dependencies":{}}')],
  ['a deleted dist/main.js', (d) => fs.rmSync(path.join(d, 'dist', 'main.js'))],
])('%s compiles again, once', (_what, change) => {
  const dir = project();
  expect(synth(dir).compiles).toBe(1);
  change(dir);
  expect(synth(dir)).toEqual({ status: 0, stdout: 'settings\nran\n', compiles: 2 });
  expect(synth(dir).compiles).toBe(2);
});

test('a failed compile stops the synth with the compiler\'s exit code and is tried again next time', () => {
  const dir = project();
  fs.writeFileSync(path.join(dir, 'FAIL'), '');
  const failed = synth(dir);
  expect(failed).toEqual({ status: 2, stdout: 'main.ts(1,1): error TS1000: broken\n', compiles: 1 });
  fs.rmSync(path.join(dir, 'FAIL'));
  expect(synth(dir)).toEqual({ status: 0, stdout: 'settings\nran\n', compiles: 2 });
});
