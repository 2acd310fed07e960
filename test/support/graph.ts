import { Synthesized } from './synth';

/** Terraform's dependency graph of one synthesized stack: address -> addresses it depends on directly. */
export type Graph = Map<string, Set<string>>;

const REF = /\b(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)/g;
const LOCAL = /\blocal\.([A-Za-z0-9_-]+)/g;

/**
 * Builds the graph the way Terraform does: an edge for every reference inside a resource's (or data source's)
 * arguments, through local values, plus every `depends_on` entry.
 */
export function dependencyGraph(json: Synthesized): Graph {
  const nodes = new Map<string, any>();
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) nodes.set(`${type}.${name}`, body);
  }
  for (const [type, byName] of Object.entries(json.data ?? {})) {
    for (const [name, body] of Object.entries(byName)) nodes.set(`data.${type}.${name}`, body);
  }
  const locals = json.locals ?? {};
  const refsOf = (text: string, seenLocals: Set<string>): Set<string> => {
    const out = new Set<string>();
    for (const m of text.matchAll(REF)) {
      const addr = `${m[1] ?? ''}${m[2]}.${m[3]}`;
      if (nodes.has(addr)) out.add(addr);
    }
    for (const m of text.matchAll(LOCAL)) {
      const name = m[1]!;
      if (seenLocals.has(name) || !(name in locals)) continue;
      seenLocals.add(name);
      for (const r of refsOf(JSON.stringify(locals[name]), seenLocals)) out.add(r);
    }
    return out;
  };
  const graph: Graph = new Map();
  for (const [addr, body] of nodes) {
    const { '//': _meta, depends_on: dependsOn, ...args } = body;
    const deps = refsOf(JSON.stringify(args), new Set());
    for (const d of (dependsOn ?? []) as string[]) deps.add(d);
    deps.delete(addr);
    graph.set(addr, deps);
  }
  return graph;
}

/** True when `from` depends on `to`, directly or through other nodes. */
export function dependsOn(graph: Graph, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const cur = stack.pop()!;
    for (const next of graph.get(cur) ?? []) {
      if (next === to) return true;
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}

/** Addresses of every node of a type. */
export function addressesOf(graph: Graph, type: string): string[] {
  return [...graph.keys()].filter((a) => a.startsWith(`${type}.`));
}
