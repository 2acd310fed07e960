import * as path from 'path';
import { CST, Document, Lexer, LineCounter, isCollection, isMap, isPair, isScalar, isSeq } from 'yaml';

/**
 * A config file as the user wrote it: its text and YAML nodes, so an error can quote a value as typed (`1.30`, not the
 * number 1.3 it parses to) and say on which line and column it is.
 */
export interface ConfigSource {
  /** Absolute path. */
  readonly file: string;
  /** How errors name the file: relative to the working folder when inside it, else absolute. */
  readonly display: string;
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

/** One step of a field path: a key of a block, or an index into a list. */
export type FieldSegment = string | number;

/** `cluster.entraId.adminGroupObjectIds[0]` -> `['cluster', 'entraId', 'adminGroupObjectIds', 0]`. */
export function parseFieldPath(field: string): FieldSegment[] {
  const out: FieldSegment[] = [];
  for (const part of field.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1] !== '') out.push(m[1]!);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** The inverse of {@link parseFieldPath}: keys joined with dots, indexes in brackets. */
export function formatFieldPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out === '' ? String(s) : `.${String(s)}`;
  }
  return out;
}

/** The file name as errors show it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** Where a field is in the file, and how its value was typed. */
export interface Located {
  /** True when the field itself is in the file. */
  readonly found: boolean;
  /** The value (the key, with `at: 'key'`) as typed, when the field is in the file and the text is on one line. */
  readonly typed?: string;
  /** The parsed value in the file (the key, with `at: 'key'`), when found. */
  readonly value?: unknown;
  /** 1-based line and column of the value (of the key, with `at: 'key'`), or of the closest enclosing field in the file. */
  readonly line?: number;
  readonly column?: number;
}

/**
 * Finds a field in the file. `at: 'key'` points at the field's name (for fields that should not be there), else at its
 * value. A field that is not in the file points at the innermost block of its path that is.
 */
export function locate(source: ConfigSource, segments: readonly FieldSegment[], at: 'value' | 'key' = 'value'): Located {
  let node: unknown = source.doc.contents;
  let anchor: number | undefined = undefined;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return { found: false, ...position(source, anchor) };
      const keyStart = (pair.key as { range?: [number, number, number] }).range?.[0];
      if (i === segments.length - 1 && at === 'key') return { found: true, value: toJs(pair.key), typed: sourceText(source, pair.key), ...position(source, keyStart) };
      anchor = keyStart;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      node = node.items[seg];
      anchor = (node as { range?: [number, number, number] } | null)?.range?.[0] ?? anchor;
    } else {
      return { found: false, ...position(source, anchor) };
    }
  }
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return { found: true, value: toJs(node), typed: sourceText(source, node), ...position(source, range?.[0] ?? anchor) };
}

/** A node's text as typed, when it is on one line. */
function sourceText(source: ConfigSource, node: unknown): string | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  const typed = range ? source.text.slice(range[0], range[1]).trim() : undefined;
  if (typed === undefined || typed === '' || typed.includes('\n')) return undefined;
  // A block list of one entry (`- a`) reads as a list only in its place; elsewhere it is shown as JSON.
  return isCollection(node) && !/^[[{]/.test(typed) ? undefined : typed;
}

function toJs(node: unknown): unknown {
  return node !== null && typeof node === 'object' && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : node;
}

function position(source: ConfigSource, offset: number | undefined): { line?: number; column?: number } {
  if (offset === undefined) return {};
  const { line, col } = source.lines.linePos(offset);
  return { line, column: col };
}

/** `file:line:column` (or less, when the position is not known). */
export function where(source: ConfigSource, line?: number, column?: number): string {
  if (line === undefined) return source.display;
  return column === undefined ? `${source.display}:${line}` : `${source.display}:${line}:${column}`;
}

/**
 * Where a quote or a flow collection (`[`, `{`) opened that is never closed, at or before `before`. YAML lets a
 * double-quoted string run over lines, so the parser notices a missing closing quote only where the file (or the next
 * quote) ends; the mistake is where the quote opened.
 */
export function unclosedOpening(text: string, before: number, what: 'quote' | 'flow'): number | undefined {
  let offset = 0;
  const open: number[] = [];
  for (const token of new Lexer().lex(text)) {
    if (offset > before) break;
    const type = CST.tokenType(token);
    if (what === 'quote' && (type === 'double-quoted-scalar' || type === 'single-quoted-scalar')) {
      if (!closesQuote(token)) return offset;
    }
    if (what === 'flow') {
      if (type === 'flow-seq-start' || type === 'flow-map-start') open.push(offset);
      if (type === 'flow-seq-end' || type === 'flow-map-end') open.pop();
    }
    // The lexer's own markers (document start, scalar, flow error end) are not part of the text.
    if (token !== CST.DOCUMENT && token !== CST.SCALAR && token !== CST.FLOW_END) offset += token.length;
  }
  return what === 'flow' ? open[open.length - 1] : undefined;
}

function closesQuote(token: string): boolean {
  const quote = token[0]!;
  if (token.length < 2 || !token.endsWith(quote)) return false;
  if (quote === "'") return true;
  let backslashes = 0;
  for (let i = token.length - 2; i > 0 && token[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}
