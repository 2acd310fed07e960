import { z } from 'zod';

const resources = z.strictObject({ cpu: z.string().optional(), memory: z.string().optional() });
const service = z.strictObject({
  replicas: z.number().optional(),
  autoscaling: z.boolean().optional(),
  maxReplicas: z.number().optional(),
  resources: resources.optional(),
});

/**
 * The `estafette` section of a deployment config (the app part of the kind's schema; the profile checks the values).
 * Documented in docs/estafette.md.
 */
export const estafetteConfigSchema = z.strictObject({
  baseHost: z.string(),
  integrationsHost: z.string(),
  api: service.optional(),
  web: service.optional(),
  db: z.strictObject({ replicas: z.number().optional(), storageSize: z.string().optional(), resources: resources.optional() }).optional(),
  metrics: z.strictObject({ replicas: z.number().optional(), resources: resources.optional() }).optional(),
  queue: z.strictObject({ replicas: z.number().optional(), resources: resources.optional() }).optional(),
  backup: z.strictObject({ schedule: z.string().optional(), label: z.string().optional(), retentionDays: z.number().optional() }).optional(),
  dockerHubCredentials: z.boolean().optional(),
});
