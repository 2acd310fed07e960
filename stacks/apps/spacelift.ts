import { z } from 'zod';

const drainConcurrency = z
  .strictObject({
    asyncJobs: z.number().optional(),
    asyncJobsFifo: z.number().optional(),
    cronjobs: z.number().optional(),
    dlq: z.number().optional(),
    dlqFifo: z.number().optional(),
    events: z.number().optional(),
    iot: z.number().optional(),
    webhooks: z.number().optional(),
  })
  .optional();

const common = {
  domain: z.string(),
  version: z.string(),
  chartVersion: z.string().optional(),
  adminLogin: z.boolean().optional(),
  adminUsername: z.string().optional(),
  drainConcurrency,
  publicApi: z.string().optional(),
};

/**
 * The `spacelift` section of a deployment config on AKS and GKE (the app part of the kind's schema; the constructs
 * check the values). Documented in docs/aks.md and docs/gke.md.
 */
export const spaceliftConfigSchema = z.strictObject({
  ...common,
  encryptionKey: z.enum(['generate', 'variable']).optional(),
  vcsGatewayDomain: z.string().optional(),
});

/** The `spacelift` section on EKS: KMS encryption (the default there) and roles to assume. Documented in docs/eks.md. */
export const spaceliftEksConfigSection = z.strictObject({
  ...common,
  encryptionKey: z.enum(['kms', 'generate', 'variable']).optional(),
  vcsGatewayDomain: z.string().optional(),
  assumableRoleArns: z.array(z.string()).optional(),
});
