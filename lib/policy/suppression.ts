import { TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
import { ValidationError } from '../core/validation';
import { POLICY_RULES } from './rules';
import { PolicyRule, SuppressionSource } from './types';
import { POLICY_EXCEPTION_METADATA } from '../core/policy-exceptions';

/**
 * Construct metadata type under which suppressions are recorded on a resource. Constructs of other layers (lib/azure,
 * lib/gcp, lib/aws), which may not import this layer, record their declared exceptions under the same type with
 * `by: "library"`; the policy pack validates them like any other suppression.
 */
export const POLICY_SUPPRESSION_METADATA = POLICY_EXCEPTION_METADATA;

/** A suppression needs a reason someone can review: at least this many characters. */
export const MIN_REASON_LENGTH = 20;

/** One suppression recorded on a resource. */
export interface SuppressionRecord {
  /** Id of the suppressed rule. */
  readonly ruleId: string;
  /** Why the risk is accepted. */
  readonly reason: string;
  /** Who suppressed it: the library (an exception a construct cannot avoid) or the user. */
  readonly by: SuppressionSource;
}

/** The suppressions recorded on a construct, in the order they were added. */
export function suppressionsOf(construct: IConstruct): SuppressionRecord[] {
  return construct.node.metadata
    .filter((m) => m.type === POLICY_SUPPRESSION_METADATA)
    .map((m) => {
      const d = (m.data ?? {}) as { ruleId?: unknown; reason?: unknown; by?: unknown };
      return { ruleId: String(d.ruleId), reason: typeof d.reason === 'string' ? d.reason : '', by: d.by === 'library' ? 'library' : 'user' };
    });
}

/**
 * Accepts the risk a rule reports for one resource, with a written reason. `target` is the resource, or a construct
 * that holds it (then every resource under it that the rule checks is suppressed; there must be at least one). The
 * suppression is written into the synthesized JSON under the resource's `"//"` key (`policy.suppressed.<rule id>`),
 * which Terraform ignores and reviewers see. Throws a ValidationError for an unknown rule id, a rule that checks none
 * of the resources, or a reason shorter than {@link MIN_REASON_LENGTH} characters.
 */
export function suppressPolicy(target: IConstruct, ruleId: string, reason: string, rules: readonly PolicyRule[] = POLICY_RULES): TerraformResource[] {
  const rule = rules.find((r) => r.id === ruleId);
  if (rule === undefined) {
    throw new ValidationError(target, 'ruleId', ruleId, `the id of a rule of the policy pack, e.g. "${rules[0]?.id ?? 'AZ-AKS-001'}" (every rule is listed in docs/security.md)`);
  }
  if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
    throw new ValidationError(target, 'reason', reason, `a written reason of at least ${MIN_REASON_LENGTH} characters: why the risk ${ruleId} reports is accepted here`);
  }
  const candidates = TerraformResource.isTerraformResource(target)
    ? [target]
    : target.node.findAll().filter((n): n is TerraformResource => TerraformResource.isTerraformResource(n));
  const applicable = candidates.filter((r) => rule.resourceTypes.includes(r.terraformResourceType));
  if (applicable.length === 0) {
    const present = [...new Set(candidates.map((r) => r.terraformResourceType))].sort();
    throw new ValidationError(
      target,
      'ruleId',
      ruleId,
      `a rule that checks a resource at ${target.node.path} (${ruleId} checks ${rule.resourceTypes.join(', ')}; found ${present.join(', ') || 'no resources'})`,
    );
  }
  for (const resource of applicable) {
    resource.node.addMetadata(POLICY_SUPPRESSION_METADATA, { ruleId, reason: reason.trim(), by: 'user' });
  }
  return applicable;
}

/**
 * Writes a resource's suppressions into its synthesized JSON: `"//": { "policy": { "suppressed": { "<rule>": {...} } } }`.
 * Terraform ignores the `"//"` key. Unknown rule ids are left out here and reported as errors by the check.
 */
export function writeSuppressions(resource: TerraformResource, rules: readonly PolicyRule[]): void {
  const written = new Set<string>();
  for (const s of suppressionsOf(resource)) {
    const rule = rules.find((r) => r.id === s.ruleId);
    if (rule === undefined || written.has(s.ruleId)) continue;
    written.add(s.ruleId);
    resource.addOverride(`//.policy.suppressed.${s.ruleId}`, {
      reason: s.reason,
      by: s.by,
      title: rule.title,
      checkov: [...(rule.scanners.checkov ?? [])],
      trivy: [...(rule.scanners.trivy ?? [])],
    });
  }
}
