import { Aspects, IAspect, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { ValidationError } from '../core/validation';
import { evaluatePolicies } from './engine';
import { synthesizeForNextWrite } from './synthesized-once';
import { POLICY_RULES } from './rules';
import { suppressPolicy, writeSuppressions } from './suppression';
import { PolicyFinding, PolicyReport, PolicyRule } from './types';

/** Options of {@link PolicyPack} and {@link checkPolicies}. */
export interface PolicyPackOptions {
  /** The rules to enforce. @default POLICY_RULES (every rule of this library) */
  readonly rules?: readonly PolicyRule[];
}

/** Checks the resources under `scope` now (without synthesizing) and returns findings, suppressed findings and errors. */
export function checkPolicies(scope: IConstruct, options: PolicyPackOptions = {}): PolicyReport {
  return evaluatePolicies(scope, options.rules ?? POLICY_RULES);
}

/** One line per finding: where, which rule, what is wrong, how to fix it, which scanner rules it matches. */
export function formatFinding(f: PolicyFinding): string {
  const scanners = [
    ...(f.scanners.checkov ?? []).map((id) => `checkov ${id}`),
    ...(f.scanners.trivy ?? []).map((id) => `trivy ${id}`),
    ...(f.scanners.aprl ?? []).map((id) => `APRL ${id}`),
  ];
  return (
    `policy ${f.ruleId} (${f.severity}) failed at ${f.path} [${f.address}]: ${f.message}. ` +
    `Fix: ${f.fix} Scanner rules: ${scanners.length > 0 ? scanners.join(', ') : 'none confirmed'}. ` +
    `To accept the risk, suppress ${f.ruleId} on this resource with a written reason (docs/security.md).`
  );
}

/**
 * The policy pack as a cdktf Aspect. Add it to a stack (or to any construct in one: then only resources under that
 * construct are checked, while cross-resource rules still see the whole stack):
 *
 * ```ts
 * Aspects.of(stack).add(new PolicyPack());
 * ```
 *
 * During synth it writes each resource's suppressions into the resource's `"//"` metadata and adds a validation to
 * the stack; cdktf runs validations before it writes the stack, and a failing validation stops the synth with every
 * finding listed (resource path, rule id, fix, scanner ids). Note that cdktf 0.21 does not run aspects added to the
 * App itself: add the pack to each stack (see {@link enforcePolicies}).
 */
export class PolicyPack implements IAspect {
  /** The rules the pack enforces. */
  public readonly rules: readonly PolicyRule[];
  /** Per stack, the constructs the pack was added to (one validation per stack checks all of them). */
  private readonly roots = new Map<TerraformStack, IConstruct[]>();

  public constructor(options: PolicyPackOptions = {}) {
    this.rules = options.rules ?? POLICY_RULES;
    const ids = this.rules.map((r) => r.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup !== undefined) throw new ValidationError('PolicyPack', 'rules', dup, 'rules with distinct ids');
  }

  /** Called by cdktf for each construct under the scope the pack was added to (the Aspect interface). */
  public visit(node: IConstruct): void {
    const stack = TerraformStack.of(node);
    let roots = this.roots.get(stack);
    if (roots === undefined) {
      this.roots.set(stack, (roots = []));
      const seen = roots;
      stack.node.addValidation({ validate: () => this.validate(stack, seen) });
    }
    // Aspects visit each subtree they were added to top-down, so a node under none of the recorded roots is where the
    // pack was added (again): the same pack may be added to several constructs of one stack, e.g. `a` and `ab`.
    if (!roots.some((r) => isUnder(node, r))) roots.push(node);
    if (TerraformResource.isTerraformResource(node)) writeSuppressions(node, this.rules);
  }

  private validate(stack: TerraformStack, roots: readonly IConstruct[]): string[] {
    // A root inside another root is already checked with it.
    const outer = roots.filter((r) => !roots.some((o) => o !== r && isUnder(r, o)));
    // The rules read the stack's configuration as it will be written: made once here, and handed to the synth that
    // comes right after the validations (./synthesized-once.ts), instead of made for the rules and again for the file.
    const synthesized = synthesizeForNextWrite(stack);
    const reports = outer.map((root) => evaluatePolicies(root, this.rules, synthesized));
    return [
      ...reports.flatMap((r) => r.errors.map((e) => `policy suppression error: ${e}`)),
      ...reports.flatMap((r) => r.findings.map(formatFinding)),
    ];
  }
}

/** A suppression given as data (e.g. in a config file): the resource by construct path, as findings print it. */
export interface PolicySuppression {
  /** Rule id, e.g. `AZ-AKS-009`. */
  readonly rule: string;
  /** Construct path of the resource (or of a construct holding it), e.g. `spacelift-aks-infra/cluster/cluster`. */
  readonly resource: string;
  /** Why the risk is accepted (at least 20 characters). */
  readonly reason: string;
}

/** Options of {@link enforcePolicies}. */
export interface EnforcePoliciesOptions extends PolicyPackOptions {
  /** Suppressions by construct path. @default none */
  readonly suppressions?: readonly PolicySuppression[];
  /** How error messages name the suppression list (e.g. `policy.suppressions` for a config file). @default "suppressions" */
  readonly field?: string;
}

/**
 * Enforces the policy pack on the given stacks (or constructs): applies the suppressions given as data now, so a wrong
 * rule id, a short reason or a path that names no resource throws a ValidationError naming the entry, then adds a
 * {@link PolicyPack} to each scope. Call it once the scopes hold all their resources.
 */
export function enforcePolicies(scopes: IConstruct | readonly IConstruct[], options: EnforcePoliciesOptions = {}): PolicyPack {
  const list: readonly IConstruct[] = Array.isArray(scopes) ? scopes : [scopes as IConstruct];
  if (list.length === 0) throw new ValidationError('enforcePolicies', 'scopes', [], 'at least one stack or construct');
  const rules = options.rules ?? POLICY_RULES;
  const field = options.field ?? 'suppressions';
  (options.suppressions ?? []).forEach((s, i) => {
    const entry = `${field}[${i}]`;
    const target = list.map((scope) => findByPath(scope, s.resource)).find((c) => c !== undefined);
    if (target === undefined) {
      throw new ValidationError(list[0]!, `${entry}.resource`, s.resource, `the construct path of a resource as a finding prints it, under ${list.map((c) => c.node.path).join(' or ')}`);
    }
    try {
      suppressPolicy(target, s.rule, s.reason, rules);
    } catch (err) {
      if (err instanceof ValidationError) {
        const which = err.field === 'reason' ? 'reason' : 'rule';
        throw new ValidationError(list[0]!, `${entry}.${which}`, err.value, err.allowed);
      }
      throw err;
    }
  });
  const pack = new PolicyPack({ rules });
  for (const scope of list) Aspects.of(scope).add(pack);
  return pack;
}

/** True when `node` is `root` or inside it (by construct path, so `a` never contains its sibling `ab`). */
function isUnder(node: IConstruct, root: IConstruct): boolean {
  const path = node.node.path;
  const base = root.node.path;
  return base === '' || path === base || path.startsWith(`${base}/`);
}

function findByPath(scope: IConstruct, path: string): IConstruct | undefined {
  if (typeof path !== 'string') return undefined;
  const clean = path.replace(/^\/+|\/+$/g, '');
  return scope.node.findAll().find((c) => c.node.path === clean);
}
