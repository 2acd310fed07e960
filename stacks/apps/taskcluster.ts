import { z } from 'zod';

/**
 * The `taskcluster` section of a deployment config (the app part of the kind's schema; the constructs check the
 * values). Documented in docs/taskcluster.md.
 */
export const taskclusterConfigSchema = z.strictObject({
  domain: z.string(),
  version: z.string().optional(),
  chartPath: z.string().optional(),
  usernamePrefix: z.string().optional(),
  webReplicas: z.number().optional(),
});
