#!/usr/bin/env node
/**
 * The API reference in docs/api/, generated from the doc comments of the package as it is published: the `.d.ts`
 * files `scripts/build-package.js` writes into build/, read from the entry points of package.json's `exports` map.
 *
 *   npm run docs:api                 build the package, then rewrite docs/api/
 *   node scripts/api-docs.js --check compare with docs/api/ instead of writing (exit 1 when stale or on a warning)
 *
 * One page per entry point (`cdktf-selfhosted-platforms/azure`, ...), one section per file with its deep import
 * path, and per exported declaration its doc comment, its declaration and its members with their `@default`s.
 * A declaration is documented on the page of the entry point whose folder holds it; entry points that re-export
 * another's files link to that page.
 *
 * Warnings (each one fails `--check` and the test that runs it): an entry point without a module comment
 * (`@packageDocumentation`), an exported declaration or a public member without a doc comment, an optional property
 * of a `...Props` / `...Options` interface without `@default`, an unknown block tag, a `{@link}` to a name the
 * reference does not document.
 *
 * The declarations are read with Babel's TypeScript parser (@babel/parser, `dts` mode). TypeDoc and API Extractor
 * need TypeScript's compiler API, which TypeScript 7 (the compiler this project builds with) does not have; both
 * declare a peer dependency on TypeScript 5.x, which npm cannot install beside typescript@7 in one tree (and an
 * npm alias of TypeScript 5 would link a second `tsc` into node_modules/.bin). The emitted `.d.ts` are plain
 * syntax: no type checker is needed to document them.
 */
const fs = require('fs');
const path = require('path');
const { parse } = require('@babel/parser');

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
const DOCS_DIR = path.join(ROOT, 'docs', 'api');
const KNOWN_TAGS = new Set(['default', 'param', 'returns', 'deprecated', 'example', 'see', 'remarks', 'throws', 'internal', 'packageDocumentation']);

/** The entry points: subpath (`.`, `./azure`, ...) -> .d.ts path relative to the package root (build/...). */
function entryPoints(manifest) {
  return Object.entries(manifest.exports)
    .filter(([subpath, target]) => !subpath.includes('*') && typeof target === 'object' && target.types)
    .map(([subpath, target]) => ({ subpath, types: target.types.replace(/^\.\//, '') }));
}

function importPath(name, subpath) {
  return subpath === '.' ? name : `${name}/${subpath.replace(/^\.\//, '')}`;
}

function pageName(subpath) {
  return subpath === '.' ? 'root.md' : `${subpath.replace(/^\.\//, '').replace(/\//g, '-')}.md`;
}

// ---------------------------------------------------------------------------------------------------------------
// Doc comments

/** `/** ... *\/` text -> { text, tags: [{ tag, name?, text }] }. Block tags may follow text on the same line. */
function parseDocComment(raw) {
  const body = raw
    .replace(/^\*/, '')
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, '').replace(/\s+$/, ''))
    .join('\n')
    .trim();
  // Split at block tags: `@word` at the start or after whitespace, outside `code` and {@inline tags}.
  const parts = [];
  let current = { tag: undefined, text: '' };
  let i = 0;
  let inCode = false;
  let braces = 0;
  while (i < body.length) {
    const ch = body[i];
    if (ch === '`') inCode = !inCode;
    else if (!inCode && ch === '{') braces++;
    else if (!inCode && ch === '}') braces = Math.max(0, braces - 1);
    if (!inCode && braces === 0 && ch === '@' && (i === 0 || /\s/.test(body[i - 1]))) {
      const m = /^@([A-Za-z]+)/.exec(body.slice(i));
      if (m) {
        parts.push(current);
        current = { tag: m[1], text: '' };
        i += m[0].length;
        continue;
      }
    }
    current.text += ch;
    i++;
  }
  parts.push(current);
  const text = parts[0].text.trim();
  const tags = parts.slice(1).map((p) => {
    let t = p.text.trim();
    let name;
    if (p.tag === 'param') {
      const m = /^(\S+)\s*(?:-\s*)?([\s\S]*)$/.exec(t);
      if (m) [, name, t] = m;
    }
    return { tag: p.tag, name, text: t };
  });
  return { text, tags };
}

function docOf(node) {
  const c = (node.leadingComments ?? []).filter((x) => x.type === 'CommentBlock' && x.value.startsWith('*')).pop();
  return c === undefined ? undefined : parseDocComment(c.value);
}

function isModuleDoc(doc) {
  return doc !== undefined && doc.tags.some((t) => t.tag === 'packageDocumentation');
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the .d.ts files

class DtsFile {
  constructor(root, rel) {
    this.rel = rel;
    this.text = fs.readFileSync(path.join(root, rel), 'utf8');
    this.ast = parse(this.text, { sourceType: 'module', plugins: [['typescript', { dts: true }]] });
    this.comments = this.ast.comments;
  }

  /** Source text of a node without any comment inside it. */
  source(node) {
    let out = '';
    let pos = node.start;
    for (const c of this.comments) {
      if (c.start < node.start || c.end > node.end) continue;
      out += this.text.slice(pos, c.start);
      pos = c.end;
    }
    out += this.text.slice(pos, node.end);
    return out
      .split('\n')
      .filter((l) => l.trim() !== '')
      .join('\n');
  }

  moduleDoc() {
    for (const c of this.comments) {
      if (c.type === 'CommentBlock' && c.value.startsWith('*')) {
        const doc = parseDocComment(c.value);
        if (isModuleDoc(doc)) return doc;
      }
    }
    return undefined;
  }
}

function resolveModule(root, fromRel, spec) {
  const base = path.posix.join(path.posix.dirname(fromRel), spec);
  for (const candidate of [`${base}.d.ts`, `${base}/index.d.ts`]) if (fs.existsSync(path.join(root, candidate))) return candidate;
  return undefined;
}

/** Every declaration a file exports itself, and the files (and namespaces) it re-exports. */
function fileExports(file) {
  const decls = [];
  const reexports = [];
  const namespaces = [];
  const localNames = new Map();
  for (const node of file.ast.program.body) {
    const d = node.type === 'ExportNamedDeclaration' ? node.declaration : node.declaration === undefined ? node : undefined;
    if (d && d.type !== 'ExportNamedDeclaration') {
      for (const name of declaredNames(d)) localNames.set(name, { node, decl: d });
    }
  }
  for (const node of file.ast.program.body) {
    if (node.type === 'ExportAllDeclaration') reexports.push(node.source.value);
    else if (node.type === 'ExportNamedDeclaration' && node.declaration) {
      for (const name of declaredNames(node.declaration)) decls.push({ name, node, decl: node.declaration });
    } else if (node.type === 'ExportNamedDeclaration' && node.source && node.specifiers.some((s) => s.type === 'ExportNamespaceSpecifier')) {
      namespaces.push({ name: node.specifiers[0].exported.name, source: node.source.value });
    } else if (node.type === 'ExportNamedDeclaration' && !node.source) {
      for (const s of node.specifiers) {
        const local = localNames.get(s.local.name);
        if (local) decls.push({ name: s.exported.name, node: local.node, decl: local.decl });
      }
    }
  }
  return { decls, reexports, namespaces };
}

function declaredNames(d) {
  switch (d.type) {
    case 'VariableDeclaration':
      return d.declarations.map((v) => v.id.name);
    case 'ClassDeclaration':
    case 'TSInterfaceDeclaration':
    case 'TSTypeAliasDeclaration':
    case 'TSEnumDeclaration':
    case 'TSDeclareFunction':
    case 'FunctionDeclaration':
    case 'TSModuleDeclaration':
      return d.id ? [d.id.name ?? d.id.value] : [];
    default:
      return [];
  }
}

const KIND = {
  VariableDeclaration: 'constant',
  ClassDeclaration: 'class',
  TSInterfaceDeclaration: 'interface',
  TSTypeAliasDeclaration: 'type',
  TSEnumDeclaration: 'enum',
  TSDeclareFunction: 'function',
  FunctionDeclaration: 'function',
  TSModuleDeclaration: 'namespace',
};

// ---------------------------------------------------------------------------------------------------------------
// The model: entry points, the files each owns, the declarations of each file

function buildModel(root, manifest) {
  const entries = entryPoints(manifest).map((e) => ({ ...e, importPath: importPath(manifest.name, e.subpath), page: pageName(e.subpath), dir: path.posix.dirname(e.types) }));
  const files = new Map();
  const load = (rel) => {
    if (!files.has(rel)) files.set(rel, new DtsFile(root, rel));
    return files.get(rel);
  };
  // The entry point owning a file: the one whose folder is the deepest that holds it.
  const ownerOf = (rel) =>
    entries
      .filter((e) => e.subpath !== '.' && (rel === e.types || rel.startsWith(`${e.dir}/`)))
      .sort((a, b) => b.dir.length - a.dir.length)[0];

  const warnings = [];
  for (const entry of entries) {
    entry.own = [];
    entry.reexported = new Set();
    entry.namespaces = [];
    const seen = new Set();
    const visit = (rel) => {
      if (seen.has(rel)) return;
      seen.add(rel);
      const file = load(rel);
      const owner = ownerOf(rel);
      if (owner !== entry && owner !== undefined && rel !== entry.types) {
        entry.reexported.add(owner);
        return;
      }
      const { decls, reexports, namespaces } = fileExports(file);
      if (decls.length > 0) entry.own.push({ rel, file, decls });
      for (const spec of reexports) {
        const target = resolveModule(root, rel, spec);
        if (target) visit(target);
        else warnings.push(`${rel}: cannot resolve export * from '${spec}'`);
      }
      for (const ns of namespaces) {
        const target = resolveModule(root, rel, ns.source);
        entry.namespaces.push({ name: ns.name, owner: target && ownerOf(target) });
      }
    };
    visit(entry.types);
    entry.own.sort((a, b) => a.rel.localeCompare(b.rel));
    entry.doc = load(entry.types).moduleDoc();
    if (entry.doc === undefined) warnings.push(`${entry.types}: entry point ${entry.importPath} has no module comment (@packageDocumentation)`);
  }
  // Member docs of every interface and class read, by declaration name, for members that implement or override one.
  const memberDocs = new Map();
  for (const file of files.values()) {
    for (const node of file.ast.program.body) {
      const d = node.type === 'ExportNamedDeclaration' ? node.declaration : node;
      if (!d || (d.type !== 'TSInterfaceDeclaration' && d.type !== 'ClassDeclaration') || !d.id) continue;
      const docs = new Map();
      for (const m of d.body.body) {
        const doc = m.key ? docOf(m) : undefined;
        if (doc) docs.set(memberName(m), doc);
      }
      memberDocs.set(d.id.name, { docs, parents: heritage(d) });
    }
  }
  // Every documented name, for {@link}: name -> page#anchor.
  const names = new Map();
  for (const entry of entries) {
    for (const f of entry.own) for (const d of f.decls) if (!names.has(d.name)) names.set(d.name, `${entry.page}#${anchor(d.name)}`);
  }
  return { manifest, entries, names, warnings, memberDocs };
}

/** The names a class or interface extends or implements. */
function heritage(d) {
  const names = [];
  if (d.type === 'ClassDeclaration') {
    if (d.superClass?.type === 'Identifier') names.push(d.superClass.name);
    for (const i of d.implements ?? []) if (i.expression?.type === 'Identifier') names.push(i.expression.name);
  } else {
    for (const e of d.extends ?? []) if (e.expression?.type === 'Identifier') names.push(e.expression.name);
  }
  return names;
}

/** The doc comment of `member` in the first of `parents` (or their own parents) that documents it. */
function inheritedDoc(memberDocs, parents, member, seen = new Set()) {
  for (const p of parents) {
    if (seen.has(p)) continue;
    seen.add(p);
    const entry = memberDocs.get(p);
    if (entry === undefined) continue;
    const doc = entry.docs.get(member) ?? inheritedDoc(memberDocs, entry.parents, member, seen);
    if (doc) return doc;
  }
  return undefined;
}

function anchor(name) {
  return name.toLowerCase().replace(/[^a-z0-9_ -]/g, '').replace(/ /g, '-');
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering

function renderText(text, ctx, where) {
  return text.replace(/\{@link\s+([^}\s|]+)\s*(?:\|\s*([^}]*))?\}/g, (_, target, label) => {
    const base = target.split('.')[0];
    const href = ctx.names.get(base);
    if (href === undefined) {
      ctx.warnings.push(`${where}: {@link ${target}} names nothing this reference documents`);
      return `\`${label ?? target}\``;
    }
    const link = href.startsWith(`${ctx.page}#`) ? href.slice(ctx.page.length) : href;
    return `[\`${(label ?? target).trim()}\`](${link})`;
  });
}

function checkTags(doc, ctx, where) {
  for (const t of doc.tags) if (!KNOWN_TAGS.has(t.tag)) ctx.warnings.push(`${where}: unknown tag @${t.tag}`);
}

function renderDoc(doc, ctx, where) {
  const out = [];
  if (doc.text) out.push(renderText(doc.text, ctx, where));
  const deprecated = doc.tags.find((t) => t.tag === 'deprecated');
  if (deprecated) out.push(`**Deprecated.** ${renderText(deprecated.text, ctx, where)}`);
  const params = doc.tags.filter((t) => t.tag === 'param');
  if (params.length > 0) out.push(params.map((p) => `- \`${p.name}\`: ${renderText(p.text, ctx, where)}`).join('\n'));
  const returns = doc.tags.find((t) => t.tag === 'returns');
  if (returns) out.push(`Returns ${renderText(returns.text, ctx, where)}`);
  for (const t of doc.tags.filter((x) => x.tag === 'remarks' || x.tag === 'see' || x.tag === 'throws')) out.push(`${t.tag === 'see' ? 'See' : t.tag === 'throws' ? 'Throws' : ''} ${renderText(t.text, ctx, where)}`.trim());
  for (const t of doc.tags.filter((x) => x.tag === 'example')) out.push(t.text.includes('```') ? t.text : `\`\`\`ts\n${t.text}\n\`\`\``);
  return out.join('\n\n');
}

function isInternal(doc) {
  return doc !== undefined && doc.tags.some((t) => t.tag === 'internal');
}

/** A long declaration (a zod schema's inferred type) is cut after its first lines. */
function clip(source) {
  const lines = source.split('\n');
  return lines.length <= 12 ? source : `${lines.slice(0, 8).join('\n')}\n    // … (${lines.length - 8} more lines)`;
}

function memberName(m) {
  if (m.kind === 'constructor' || m.key?.name === 'constructor') return 'constructor';
  if (m.key === undefined) return m.type === 'TSIndexSignature' ? '[index]' : m.type === 'TSCallSignatureDeclaration' ? '(call)' : '?';
  return m.key.name ?? (m.key.value !== undefined ? JSON.stringify(m.key.value) : '?');
}

function renderMembers(members, file, ctx, where, isProps, parents) {
  const rows = [];
  for (const m of members) {
    if (m.accessibility === 'private' || m.accessibility === 'protected' || m.key?.type === 'PrivateName') continue;
    const name = memberName(m);
    const doc = docOf(m) ?? inheritedDoc(ctx.memberDocs, parents, name);
    const at = `${where}.${name}`;
    if (name === 'constructor') {
      rows.push(`- \`${file.source(m).replace(/;$/, '')}\``);
      continue;
    }
    if (doc === undefined) {
      ctx.warnings.push(`${at}: no doc comment`);
      rows.push(`- \`${name}\`: \`${oneLine(file.source(m))}\``);
      continue;
    }
    if (isInternal(doc)) continue;
    checkTags(doc, ctx, at);
    const def = doc.tags.find((t) => t.tag === 'default');
    if (isProps && m.optional && def === undefined) ctx.warnings.push(`${at}: optional property without @default`);
    let line = `- \`${oneLine(file.source(m))}\``;
    const body = renderDoc(doc, ctx, at);
    if (body) line += `: ${body.replace(/\n\n/g, '\n\n  ').replace(/\n(?!\n| {2})/g, '\n  ')}`;
    if (def) line += ` Default: ${renderText(def.text, ctx, at)}.`.replace(/\.\.$/, '.');
    rows.push(line);
  }
  return rows.join('\n');
}

function oneLine(s) {
  return s.replace(/\s*\n\s*/g, ' ').replace(/;$/, '');
}

function renderDeclaration(d, file, ctx) {
  const doc = docOf(d.node);
  const where = `${file.rel}: ${d.name}`;
  if (isInternal(doc)) return '';
  const kind = KIND[d.decl.type] ?? 'declaration';
  const out = [`### ${d.name}`, '', `*${kind}*`];
  if (doc === undefined || (doc.text === '' && doc.tags.length === 0)) ctx.warnings.push(`${where}: no doc comment`);
  else {
    checkTags(doc, ctx, where);
    out.push('', renderDoc(doc, ctx, where));
  }
  if (d.decl.type === 'ClassDeclaration' || d.decl.type === 'TSInterfaceDeclaration') {
    const body = d.decl.body;
    const head = file.text.slice(d.decl.start, body.start).replace(/\s+/g, ' ').replace(/^declare /, '').trim();
    out.push('', '```ts', `${head} { … }`, '```');
    const members = d.decl.type === 'ClassDeclaration' ? body.body : body.body;
    const isProps = d.decl.type === 'TSInterfaceDeclaration' && /(Props|Options)$/.test(d.name);
    const list = renderMembers(members, file, ctx, where, isProps, heritage(d.decl));
    if (list) out.push('', list);
  } else if (d.decl.type === 'TSEnumDeclaration') {
    out.push('', '```ts', clip(file.source(d.decl)), '```');
  } else {
    const source = d.decl.type === 'VariableDeclaration' ? `const ${file.source(d.decl.declarations.find((v) => v.id.name === d.name))}` : file.source(d.decl);
    out.push('', '```ts', clip(source.replace(/^declare /, '')), '```');
  }
  return out.join('\n');
}

function renderEntry(entry, model) {
  const ctx = { names: model.names, warnings: model.warnings, page: entry.page, memberDocs: model.memberDocs };
  const out = [`# ${entry.importPath}`, '', GENERATED, ''];
  if (entry.doc) out.push(renderDoc({ ...entry.doc, tags: entry.doc.tags.filter((t) => t.tag !== 'packageDocumentation') }, ctx, entry.types), '');
  const also = [...entry.reexported].sort((a, b) => a.importPath.localeCompare(b.importPath));
  if (also.length > 0) out.push(`Also exports everything of ${also.map((e) => `[\`${e.importPath}\`](${e.page})`).join(', ')}.`, '');
  for (const ns of entry.namespaces) out.push(`Exports \`${ns.name}\`: the namespace of ${ns.owner ? `[\`${ns.owner.importPath}\`](${ns.owner.page})` : ns.name}.`, '');
  for (const f of entry.own) {
    const rel = f.rel.replace(/^build\/(lib\/)?/, '').replace(/(\/index)?\.d\.ts$/, '');
    const deep = `${model.manifest.name}/${rel}`;
    const canImport = deep === entry.importPath || isExported(model.manifest, rel);
    const blocks = f.decls.map((d) => renderDeclaration(d, f.file, ctx)).filter((b) => b !== '');
    if (blocks.length === 0) continue;
    out.push(`## ${rel}`, '', canImport ? `\`import { ... } from '${deep}'\`` : `From \`${entry.importPath}\`.`, '', blocks.join('\n\n'), '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

function isExported(manifest, rel) {
  return Object.keys(manifest.exports).some((k) => {
    const sub = k.replace(/^\.\//, '');
    if (!sub.includes('*')) return sub === rel;
    const [pre, post] = sub.split('*');
    return rel.startsWith(pre) && rel.endsWith(post) && rel.length > pre.length + post.length;
  });
}

const GENERATED = '<!-- Generated by `npm run docs:api` (scripts/api-docs.js) from the doc comments of the published .d.ts files. Do not edit. -->';

function renderIndex(model) {
  const rows = model.entries.map((e) => {
    const first = e.doc ? firstSentence(renderText(e.doc.text, { names: model.names, warnings: [], page: 'README.md' }, e.types)) : '';
    return `| [\`${e.importPath}\`](${e.page}) | ${first.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`;
  });
  return [
    '# API reference',
    '',
    GENERATED,
    '',
    `The entry points of the package \`${model.manifest.name}\` (its \`exports\` map). Each one loads only the provider`,
    'bindings it needs; every file below is importable on its own by the deep path shown in its section.',
    'How to install the package and which providers a stack needs: [README](../../README.md#use-the-constructs-in-your-own-stack).',
    '',
    '| entry point | what |',
    '|---|---|',
    ...rows,
    '',
  ].join('\n');
}

function firstSentence(text) {
  const m = /^([\s\S]*?\.)(\s|$)/.exec(text);
  return (m ? m[1] : text).replace(/\s+/g, ' ').trim();
}

/**
 * Generates the reference from the .d.ts files under `buildRoot` (a package root: the `types` paths of the exports
 * map, build/..., are relative to it), for the entry points of `manifest` (this package's package.json by default).
 */
function generate(buildRoot = ROOT, manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))) {
  const model = buildModel(buildRoot, manifest);
  const pages = new Map();
  pages.set('README.md', renderIndex(model));
  for (const entry of model.entries) pages.set(entry.page, renderEntry(entry, model));
  return { pages, warnings: [...new Set(model.warnings)] };
}

/** Compares generated pages with docs/api/: the files that differ, are missing or are extra. */
function stalePages(pages, dir = DOCS_DIR) {
  const existing = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.md')) : [];
  const stale = [];
  for (const [name, text] of pages) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) stale.push(name);
  }
  for (const name of existing) if (!pages.has(name)) stale.push(name);
  return stale.sort();
}

function write(pages, dir = DOCS_DIR) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of pages) fs.writeFileSync(path.join(dir, name), text);
}

module.exports = { generate, stalePages, write, parseDocComment, DOCS_DIR };

if (require.main === module) {
  const i = process.argv.indexOf('--build-root');
  const { pages, warnings } = generate(i > 0 ? path.resolve(process.argv[i + 1]) : ROOT);
  for (const w of warnings) console.error(`warning: ${w}`);
  if (process.argv.includes('--check')) {
    const stale = stalePages(pages);
    for (const s of stale) console.error(`stale: docs/api/${s} (run npm run docs:api)`);
    console.log(`api docs: ${pages.size} pages, ${warnings.length} warning(s), ${stale.length} stale`);
    process.exit(warnings.length === 0 && stale.length === 0 ? 0 : 1);
  }
  write(pages);
  console.log(`api docs: wrote ${pages.size} pages to docs/api/ (${warnings.length} warning(s))`);
  process.exit(warnings.length === 0 ? 0 : 1);
}
