#!/usr/bin/env node
/**
 * The app `cdktf synth|deploy` runs (cdktf.json "app"): compiles the TypeScript when a source changed since the last
 * compile, then makes the entry point's process settings and runs dist/main.js in this same process.
 *
 * An unchanged tree does not recompile: tsc's incremental build still reads and hashes every file (about half a second
 * here); comparing modification times of the compiled folders takes milliseconds. Any input newer than the last
 * successful compile (a source, a folder of them, where a file was added, removed or renamed, a tsconfig, package.json,
 * or node_modules after an install) runs `tsc -p tsconfig.build.json` (incremental, so it compiles only what changed).
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

/** Written in dist/ after each successful compile, with the time the compile started. */
const STAMP = '.synth-app-compiled';

/** Files and folders whose change needs a compile: what tsconfig.build.json includes, and what configures tsc. */
function inputs(root) {
  const include = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.build.json'), 'utf8')).include;
  const roots = include.map((pattern) => path.join(root, pattern.split('*')[0]));
  const config = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'node_modules/.package-lock.json'].map((f) => path.join(root, f));
  return [...new Set([...roots, ...config])];
}

/** The newest modification time under `p` (files and folders alike), or 0 when it does not exist. */
function newest(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  let latest = stat.mtimeMs;
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      latest = Math.max(latest, newest(path.join(p, entry.name)));
    }
  }
  return latest;
}

/** True when dist/ holds a compile of the sources as they are now. */
function upToDate(root) {
  let compiled;
  try {
    compiled = fs.statSync(path.join(root, 'dist', STAMP)).mtimeMs;
  } catch {
    return false;
  }
  if (!fs.existsSync(path.join(root, 'dist', 'main.js'))) return false;
  return inputs(root).every((p) => newest(p) <= compiled);
}

/** `tsc -p tsconfig.build.json` (incremental); exits with its status when it fails. */
function compile(root) {
  const started = new Date();
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  const stamp = path.join(root, 'dist', STAMP);
  fs.writeFileSync(stamp, 'compiled by scripts/synth-app.js; sources newer than this file are compiled again\n');
  fs.utimesSync(stamp, started, started);
}

const root = path.resolve(__dirname, '..');
if (!upToDate(root)) compile(root);
// The process settings of the app's entry point (stacks/process-settings.ts), before anything loads cdktf: main.ts makes
// them itself only when it is the entry point, and here this script is.
require(path.join(root, 'dist', 'stacks', 'process-settings.js')).configureSynthProcess();
require(path.join(root, 'dist', 'main.js')).run();
