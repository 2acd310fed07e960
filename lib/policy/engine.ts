import { DefaultTokenResolver, StringConcat, TerraformDataSource, TerraformResource, TerraformStack, Token, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';
import { PolicyContext, PolicyFinding, PolicyReport, PolicyResource, PolicyRule, SuppressedFinding } from './types';
import { MIN_REASON_LENGTH, suppressionsOf } from './suppression';
import { referencedAddress, refersTo } from './values';

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** A resource or data source of the stack together with the construct it came from. */
interface Collected extends PolicyResource {
  readonly construct: TerraformResource | TerraformDataSource;
}

/**
 * Every resource and data source of the stack, with its arguments as they will be synthesized: `toTerraform()` (which
 * already merges `addOverride` overrides) with every token resolved to its Terraform expression.
 *
 * The arguments are built and resolved when a rule first reads them (`attributes` is a getter that does it once):
 * cdktf resolves every element of a stack twice during synth already, and many resources (role assignments, routes,
 * IAM members ...) are read by no rule, so doing it for all of them here again was most of the pack's cost. What a
 * rule sees is the same either way.
 */
export function collectResources(stack: TerraformStack): Collected[] {
  const out: Collected[] = [];
  for (const node of stack.node.findAll()) {
    const isResource = TerraformResource.isTerraformResource(node);
    if (!isResource && !TerraformDataSource.isTerraformDataSource(node)) continue;
    const element = node as TerraformResource | TerraformDataSource;
    const kind = isResource ? 'resource' : 'data';
    if (hasStandardShape(element, isResource)) {
      // toTerraform() gives { [kind]: { [type]: { [name]: body } } }: the type and name come from the element, the
      // body only when a rule reads it.
      const type = element.terraformResourceType;
      const name = element.friendlyUniqueId;
      out.push(lazyResource(element, kind, type, name, () => (element.toTerraform() as Synthesized)[kind]?.[type]?.[name]));
      continue;
    }
    const byType = (element.toTerraform() as Synthesized)[kind];
    if (!byType) continue; // a resource moved away with moveTo() is not synthesized
    for (const [type, byName] of Object.entries(byType)) {
      for (const [name, body] of Object.entries(byName)) out.push(lazyResource(element, kind, type, name, () => body));
    }
  }
  return out;
}

type Synthesized = { readonly [kind: string]: { readonly [type: string]: { readonly [name: string]: unknown } } | undefined };

/**
 * Whether the element synthesizes as cdktf's resources and data sources do, one body under its type and logical id:
 * its class keeps cdktf's `toTerraform()` and it takes part in no move (a resource moved away is not synthesized).
 */
function hasStandardShape(element: TerraformResource | TerraformDataSource, isResource: boolean): boolean {
  if (isResource) {
    const resource = element as TerraformResource;
    return resource.toTerraform === TerraformResource.prototype.toTerraform && !resource.hasResourceMove();
  }
  return element.toTerraform === TerraformDataSource.prototype.toTerraform;
}

/**
 * A collected resource whose `attributes` are built on first read and resolved one argument at a time, as rules read
 * them (an own enumerable getter, so spreading works).
 */
function lazyResource(element: TerraformResource | TerraformDataSource, kind: 'resource' | 'data', type: string, name: string, body: () => unknown): Collected {
  let attributes: { readonly [key: string]: unknown } | undefined;
  const resource = {
    kind,
    type,
    name,
    address: kind === 'resource' ? `${type}.${name}` : `data.${type}.${name}`,
    path: element.node.path,
    construct: element,
  } as Collected;
  Object.defineProperty(resource, 'attributes', {
    enumerable: true,
    get: () => (attributes ??= lazyArguments(body(), (value) => Tokenization.resolve(value, { scope: element, resolver: RESOLVER, preparing: false }))),
  });
  return resource;
}

/**
 * The synthesized arguments of a body (without its `"//"` metadata), each resolved when first read: a rule reads a few
 * arguments of a resource, and resolving a value alone gives what resolving the whole body gives for it. Listing the
 * keys (`Object.keys`, `JSON.stringify`, spreading) resolves them all, since an argument that resolves to nothing is
 * left out. A body whose keys are not all plain text (a key could be a token) is resolved whole, as cdktf does.
 */
function lazyArguments(body: unknown, resolve: (value: unknown) => unknown): { readonly [key: string]: unknown } {
  const whole = () => {
    const { '//': _meta, ...rest } = (resolve(body) as Record<string, unknown> | undefined) ?? {};
    return rest;
  };
  if (body === null || typeof body !== 'object' || Array.isArray(body) || Tokenization.isResolvable(body)) return whole();
  const source = body as Record<string, unknown>;
  const keys = Object.keys(source).filter((k) => k !== '//');
  if (keys.some((k) => Token.isUnresolved(k))) return whole();
  const resolved = new Map<string, unknown>();
  const valueOf = (key: string) => {
    if (!resolved.has(key)) resolved.set(key, source[key] === undefined ? undefined : resolve(source[key]));
    return resolved.get(key);
  };
  const isKey = (key: string | symbol): key is string => typeof key === 'string' && key !== '//' && Object.prototype.hasOwnProperty.call(source, key);
  let present: string[] | undefined;
  return new Proxy<Record<string, unknown>>(
    {},
    {
      get: (_, key) => (isKey(key) ? valueOf(key) : undefined),
      has: (_, key) => isKey(key) && valueOf(key) !== undefined,
      ownKeys: () => (present ??= keys.filter((k) => valueOf(k) !== undefined)),
      getOwnPropertyDescriptor: (_, key) =>
        isKey(key) && valueOf(key) !== undefined ? { value: valueOf(key), writable: false, enumerable: true, configurable: true } : undefined,
      set: () => false,
      defineProperty: () => false,
      deleteProperty: () => false,
    },
  );
}

function contextOf(all: readonly Collected[]): PolicyContext {
  const byAddress = new Map(all.map((r) => [r.address, r] as const));
  // Arguments as text, computed once per resource: cross-resource rules search them for references.
  const texts = new Map<PolicyResource, string>();
  const textOf = (r: PolicyResource) => {
    let t = texts.get(r);
    if (t === undefined) texts.set(r, (t = JSON.stringify(r.attributes)));
    return t;
  };
  return {
    all,
    ofType: (...types) => all.filter((r) => r.kind === 'resource' && types.includes(r.type)),
    referring: (target, ...types) =>
      all.filter((r) => r.kind === 'resource' && r !== target && types.includes(r.type) && refersTo(textOf(r), target.address)),
    referenced: (value) => {
      const address = referencedAddress(value);
      return address === undefined ? undefined : byAddress.get(address);
    },
  };
}

function isUnder(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}/`);
}

function messages(result: string | readonly string[] | undefined): string[] {
  if (result === undefined) return [];
  return typeof result === 'string' ? [result] : [...result];
}

/**
 * Every resource and data source of a stack's synthesized configuration (what `stack.toTerraform()` returned), with
 * the construct each came from (by the construct path cdktf writes in its `"//"` metadata). The same resources, with
 * the same arguments, as {@link collectResources} gives before synth, without making and resolving them again.
 */
export function collectSynthesizedResources(stack: TerraformStack, synthesized: unknown): Collected[] {
  const byPath = new Map<string, TerraformResource | TerraformDataSource>();
  for (const node of stack.node.findAll()) {
    if (TerraformResource.isTerraformResource(node) || TerraformDataSource.isTerraformDataSource(node)) byPath.set(node.node.path, node as TerraformResource | TerraformDataSource);
  }
  const out: Collected[] = [];
  const json = synthesized as { resource?: Synthesized[string]; data?: Synthesized[string] };
  for (const kind of ['resource', 'data'] as const) {
    for (const [type, byName] of Object.entries(json[kind] ?? {})) {
      for (const [name, body] of Object.entries(byName as Record<string, unknown>)) {
        const { '//': meta, ...attributes } = (body ?? {}) as Record<string, unknown>;
        const path = (meta as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
        const construct = typeof path === 'string' ? byPath.get(path) : undefined;
        // Written by something other than a resource construct (an override adding a resource): nothing to attach
        // suppressions to, and no construct path to report; the construct-based collection skips it too.
        if (construct === undefined) continue;
        out.push({ kind, type, name, address: kind === 'resource' ? `${type}.${name}` : `data.${type}.${name}`, path: construct.node.path, construct, attributes });
      }
    }
  }
  return out;
}

/**
 * Checks every resource under `scope` against `rules`. Cross-resource rules see the whole stack (an S3 bucket's public
 * access block may live anywhere in it). Suppressions recorded on a resource move its findings to `suppressed`.
 * `synthesized` is the stack's configuration as `toTerraform()` returned it, when the caller has it (the pack at synth
 * time): the resources are then read from it instead of made and resolved again.
 */
export function evaluatePolicies(scope: IConstruct, rules: readonly PolicyRule[], synthesized?: unknown): PolicyReport {
  const stack = TerraformStack.of(scope);
  const all = synthesized === undefined ? collectResources(stack) : collectSynthesizedResources(stack, synthesized);
  const context = contextOf(all);
  const root = scope.node.path;
  const subjects = all.filter((r) => r.kind === 'resource' && isUnder(r.path, root));
  const ruleById = new Map(rules.map((r) => [r.id, r] as const));
  // The rules of each resource type, in the order given.
  const rulesByType = new Map<string, PolicyRule[]>();
  for (const rule of rules) {
    for (const type of new Set(rule.resourceTypes)) {
      const list = rulesByType.get(type);
      if (list === undefined) rulesByType.set(type, [rule]);
      else list.push(rule);
    }
  }
  const findings: PolicyFinding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const errors: string[] = [];
  const seenConstructs = new Set<IConstruct>();

  for (const resource of subjects) {
    const records = suppressionsOf(resource.construct);
    const accepted = new Map<string, (typeof records)[number]>();
    if (!seenConstructs.has(resource.construct)) {
      seenConstructs.add(resource.construct);
      for (const s of records) {
        const rule = ruleById.get(s.ruleId);
        if (rule === undefined) {
          errors.push(`${resource.path}: suppression of unknown policy rule "${s.ruleId}"; allowed: a rule id listed in docs/security.md`);
        } else if (!rule.resourceTypes.includes(resource.type)) {
          errors.push(`${resource.path}: suppression of ${s.ruleId}, which does not check ${resource.type}; allowed: a rule for ${resource.type}`);
        } else if (typeof s.reason !== 'string' || s.reason.trim().length < MIN_REASON_LENGTH) {
          errors.push(`${resource.path}: suppression of ${s.ruleId} without a written reason; allowed: a reason of at least ${MIN_REASON_LENGTH} characters`);
        }
      }
    }
    for (const s of records) {
      if (!accepted.has(s.ruleId) && typeof s.reason === 'string' && s.reason.trim().length >= MIN_REASON_LENGTH) accepted.set(s.ruleId, s);
    }
    for (const rule of rulesByType.get(resource.type) ?? []) {
      let result: string[];
      try {
        result = messages(rule.check(resource, context));
      } catch (err) {
        errors.push(`${resource.path}: rule ${rule.id} could not check ${resource.address}: ${(err as Error).message}`);
        continue;
      }
      for (const message of result) {
        const finding: PolicyFinding = {
          ruleId: rule.id,
          severity: rule.severity,
          title: rule.title,
          path: resource.path,
          address: resource.address,
          message,
          fix: rule.fix,
          scanners: rule.scanners,
        };
        const s = accepted.get(rule.id);
        if (s) suppressed.push({ ...finding, reason: s.reason.trim(), suppressedBy: s.by });
        else findings.push(finding);
      }
    }
  }
  return { findings, suppressed, errors, checkedResources: subjects.length };
}
