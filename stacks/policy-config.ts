import { z } from 'zod';

/**
 * The `policy` section every stack pair's config shares: accepted risks, each a rule id of the policy pack
 * (docs/security.md), the construct path a finding names, and why the risk is accepted.
 */
export const policyConfigSchema = z
  .strictObject({
    suppressions: z.array(z.strictObject({ rule: z.string(), resource: z.string(), reason: z.string() })).optional(),
  })
  .optional();
