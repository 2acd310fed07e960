#!/usr/bin/env node
/**
 * Builds the package: the library (lib/) and the shipped stack pairs (stacks/aks, gke, eks) compiled by
 * tsconfig.lib.json into build/, JavaScript with its .d.ts. It compiles into an empty folder beside build/ and then
 * swaps it in, so a source file that was deleted never lingers in a tarball, and a process reading build/ meanwhile
 * (a test synthesizing the own-stack example while another packs the library) never finds it missing. `npm ci`,
 * `npm pack` and a git-URL install run it (the `prepare` script).
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
  const fresh = `${outDir}.new-${process.pid}`;
  const old = `${outDir}.old-${process.pid}`;
  fs.rmSync(fresh, { recursive: true, force: true });
  const tsc = path.join(path.dirname(require.resolve('typescript/package.json', { paths: [ROOT] })), 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.lib.json'), '--outDir', fresh], { cwd: ROOT, stdio: 'inherit' });
    // Two renames: build/ is missing only between them.
    if (fs.existsSync(outDir)) fs.renameSync(outDir, old);
    fs.renameSync(fresh, outDir);
  } finally {
    fs.rmSync(fresh, { recursive: true, force: true });
    fs.rmSync(old, { recursive: true, force: true });
  }
  return outDir;
}

module.exports = { buildPackage };

if (require.main === module) {
  const i = process.argv.indexOf('--out-dir');
  buildPackage(i > 0 ? path.resolve(process.argv[i + 1]) : undefined);
}
