import { IConstruct } from 'constructs';

/**
 * Construct metadata type the policy pack (lib/policy) reads suppressions from. It lives in lib/core so that every
 * cloud layer can declare exceptions without importing lib/policy.
 */
export const POLICY_EXCEPTION_METADATA = 'cdktf-selfhosted-platforms/policy-suppression';

/**
 * Declares that a resource knowingly does not meet a policy rule, with the reason. Constructs of this library do this
 * only where they cannot meet the rule by default: a setting that needs a subscription feature or ids only the user
 * has, a region without availability zones, or the explicit teardown switch `allowDestroy` (on any cloud). The policy pack accepts
 * the finding, validates the rule id, and writes the reason into the synthesized JSON (`"//".policy.suppressed`).
 */
export function declarePolicyException(resource: IConstruct, ruleId: string, reason: string): void {
  resource.node.addMetadata(POLICY_EXCEPTION_METADATA, { ruleId, reason, by: 'library' });
}
