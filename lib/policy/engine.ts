import { DefaultTokenResolver, StringConcat, TerraformDataSource, TerraformResource, TerraformStack, Tokenization } from 'cdktf';
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
 * The arguments are resolved when a rule first reads them (`attributes` is a getter that resolves once): cdktf
 * resolves every element of a stack twice during synth already, and most resources (role assignments, routes, IAM
 * members ...) are checked by no rule, so resolving all of them here again would be the largest part of the pack's
 * cost. What a rule sees is the same either way.
 */
export function collectResources(stack: TerraformStack): Collected[] {
  const out: Collected[] = [];
  for (const node of stack.node.findAll()) {
    const isResource = TerraformResource.isTerraformResource(node);
    if (!isResource && !TerraformDataSource.isTerraformDataSource(node)) continue;
    const element = node as TerraformResource | TerraformDataSource;
    const synthesized = element.toTerraform() as {
      resource?: Record<string, Record<string, unknown>>;
      data?: Record<string, Record<string, unknown>>;
    };
    const byType = isResource ? synthesized.resource : synthesized.data;
    if (!byType) continue; // a resource moved away with moveTo() is not synthesized
    for (const [type, byName] of Object.entries(byType)) {
      for (const [name, body] of Object.entries(byName)) {
        out.push(lazyResource(element, isResource ? 'resource' : 'data', type, name, body));
      }
    }
  }
  return out;
}

/** A collected resource whose `attributes` are resolved on first read (an own enumerable getter, so spreading works). */
function lazyResource(element: TerraformResource | TerraformDataSource, kind: 'resource' | 'data', type: string, name: string, body: unknown): Collected {
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
    get: () => {
      if (attributes === undefined) {
        const resolved = Tokenization.resolve(body, { scope: element, resolver: RESOLVER, preparing: false }) as Record<string, unknown> | undefined;
        const { '//': _meta, ...rest } = resolved ?? {};
        attributes = rest;
      }
      return attributes;
    },
  });
  return resource;
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
 * Checks every resource under `scope` against `rules`. Cross-resource rules see the whole stack (an S3 bucket's public
 * access block may live anywhere in it). Suppressions recorded on a resource move its findings to `suppressed`.
 */
export function evaluatePolicies(scope: IConstruct, rules: readonly PolicyRule[]): PolicyReport {
  const stack = TerraformStack.of(scope);
  const all = collectResources(stack);
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
