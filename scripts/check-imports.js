#!/usr/bin/env node
/**
 * Import rules, checked by `npm run lint` and by test/architecture.test.ts:
 * - providers are imported by deep path (`@cdktf/provider-x/lib/<resource>`), never from a package root;
 * - each layer of lib/ imports only from itself and the layers above it (see docs/architecture.md);
 * - lib/ never imports from stacks/, examples/, test/ or bench/.
 */
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const ALLOWED = {
  'lib/core': ['lib/core'],
  'lib/azure': ['lib/core', 'lib/azure'],
  'lib/gcp': ['lib/core', 'lib/gcp'],
  'lib/aws': ['lib/core', 'lib/aws'],
  'lib/policy': ['lib/core', 'lib/policy'],
  'lib/kubernetes': ['lib/core', 'lib/kubernetes'],
  'lib/apps': ['lib/core', 'lib/kubernetes', 'lib/apps'],
};
const SKIP = new Set(['node_modules', 'dist', 'cdktf.out', '.git', 'coverage']);

function files(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (/\.(ts|js|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function layerOf(rel) {
  return Object.keys(ALLOWED).find((l) => rel === l || rel.startsWith(`${l}/`));
}

/** Returns a list of "file:line: problem" strings. */
function check(root = ROOT) {
  const problems = [];
  for (const file of files(root)) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      const m = /(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/.exec(line);
      if (!m) return;
      const spec = m[1];
      if (/^@cdktf\/provider-[a-z0-9-]+$/.test(spec)) {
        problems.push(`${rel}:${i + 1}: imports ${spec} from its package root; use ${spec}/lib/<resource>`);
      }
      const layer = layerOf(rel);
      if (!layer || !spec.startsWith('.')) return;
      const target = path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep).join('/');
      if (!target.startsWith('lib/')) {
        problems.push(`${rel}:${i + 1}: lib/ must not import ${target}`);
        return;
      }
      const targetLayer = layerOf(target);
      if (targetLayer && !ALLOWED[layer].includes(targetLayer)) {
        problems.push(`${rel}:${i + 1}: ${layer} may not import ${targetLayer} (allowed: ${ALLOWED[layer].join(', ')})`);
      }
    });
  }
  return problems;
}

module.exports = { check };

if (require.main === module) {
  const problems = check();
  for (const p of problems) console.error(p);
  console.log(problems.length === 0 ? 'imports: ok' : `imports: ${problems.length} problem(s)`);
  process.exit(problems.length === 0 ? 0 : 1);
}
