#!/usr/bin/env node
/**
 * Builds the package: the library (lib/) and the shipped stack pairs (stacks/aks, gke, eks) compiled by
 * tsconfig.lib.json into build/, JavaScript with its .d.ts. It starts from an empty build/, so a source file that was
 * deleted never lingers in a tarball. `npm ci`, `npm pack` and a git-URL install run it (the `prepare` script).
 *
 * `node scripts/build-package.js --out-dir <dir>` builds into another folder instead (the API reference test uses
 * a temporary one, so it never races with a test that packs the library).
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

/** The repository root: the folder holding package.json above this file (also when the tests run a compiled copy). */
function findRoot(from) {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

const ROOT = findRoot(__dirname);

function buildPackage(outDir = path.join(ROOT, 'build')) {
  fs.rmSync(outDir, { recursive: true, force: true });
  const tsc = path.join(path.dirname(require.resolve('typescript/package.json', { paths: [ROOT] })), 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.lib.json'), '--outDir', outDir], { cwd: ROOT, stdio: 'inherit' });
  return outDir;
}

module.exports = { buildPackage };

if (require.main === module) {
  const i = process.argv.indexOf('--out-dir');
  buildPackage(i > 0 ? path.resolve(process.argv[i + 1]) : undefined);
}
