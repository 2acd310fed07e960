import { ZodType, z } from 'zod';
import { postgresMajorField } from '../config-forms';
import { policyConfigSchema } from '../policy-config';

/**
 * The cloud part of the config of a GKE stack pair; a deployment kind adds its app's section (`gkeConfigSchema`).
 * This schema checks the shape (field names and types;
 * unknown fields are errors); the constructs check the values (regions, project ids, ranges, formats, overlaps) and
 * name the field. Every field is documented, with its default, in docs/gke.md.
 */
const cidr = z.string();

/** The fields before the app's section. */
const GKE_HEAD = {
  name: z.string().optional(),
  allowDestroy: z.boolean().optional(),
  policy: policyConfigSchema,
  google: z.strictObject({
    project: z.string(),
    region: z.string(),
    labels: z.record(z.string(), z.string()).optional(),
  }),
  network: z
    .strictObject({
      subnetCidr: cidr.optional(),
      podsCidr: cidr.optional(),
      servicesCidr: cidr.optional(),
      privateServiceAccessCidr: cidr.optional(),
      flowLogs: z.boolean().optional(),
    })
    .optional(),
  cluster: z.strictObject({
    autopilot: z.boolean().optional(),
    releaseChannel: z.string().optional(),
    kubernetesVersion: z.string().optional(),
    masterAuthorizedNetworks: z.array(cidr).optional(),
    privateEndpoint: z.boolean().optional(),
    masterIpv4CidrBlock: cidr.optional(),
    networkPolicy: z.enum(['dataplane-v2', 'calico']).optional(),
    nodePool: z
      .strictObject({
        machineType: z.string().optional(),
        minNodes: z.number().optional(),
        maxNodes: z.number().optional(),
        diskSizeGb: z.number().optional(),
        diskType: z.enum(['pd-balanced', 'pd-ssd', 'pd-standard']).optional(),
        maxPodsPerNode: z.number().optional(),
      })
      .optional(),
    maintenanceWindow: z
      .strictObject({
        days: z.array(z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'])).optional(),
        startTime: z.string().optional(),
        durationHours: z.number().optional(),
      })
      .optional(),
  }),
  postgres: z
    .strictObject({
      version: postgresMajorField().optional(),
      tier: z.string().optional(),
      edition: z.enum(['ENTERPRISE', 'ENTERPRISE_PLUS']).optional(),
      highAvailability: z.boolean().optional(),
      diskSizeGb: z.number().optional(),
      retainedBackups: z.number().optional(),
      pointInTimeRecoveryDays: z.number().optional(),
      backupStartTime: z.string().optional(),
      iamAuth: z.boolean().optional(),
      cloudSqlProxyImage: z.string().optional(),
      tlsMode: z.enum(['verify-ca', 'require']).optional(),
      maxConnections: z.number().optional(),
      maintenanceWindow: z.strictObject({ day: z.number().optional(), hour: z.number().optional() }).optional(),
    })
    .optional(),
  storage: z
    .strictObject({
      softDeleteDays: z.number().optional(),
      stateVersionRetentionDays: z.number().optional(),
    })
    .optional(),
  registry: z
    .strictObject({
      immutableTags: z.boolean().optional(),
      untaggedRetentionDays: z.number().optional(),
    })
    .optional(),
  dns: z
    .strictObject({
      managedZone: z.string(),
      zoneDnsName: z.string().optional(),
      project: z.string().optional(),
      ttl: z.number().optional(),
    })
    .optional(),
  kubernetes: z.strictObject({
    namespace: z.string().optional(),
    ingress: z
      .strictObject({
        controller: z.enum(['traefik', 'ingress-nginx']).optional(),
        className: z.string().optional(),
        namespace: z.string().optional(),
        chartVersion: z.string().optional(),
        replicas: z.number().optional(),
      })
      .optional(),
    certManager: z.strictObject({
      email: z.string(),
      issuer: z.enum(['letsencrypt-prod', 'letsencrypt-staging']).optional(),
      namespace: z.string().optional(),
      chartVersion: z.string().optional(),
    }),
  }),
};

/** The fields after the app's section. */
const GKE_TAIL = {
  backend: z
    .strictObject({
      type: z.literal('gcs'),
      bucket: z.string(),
      prefix: z.string().optional(),
    })
    .optional(),
};

/**
 * The zod schema of a GKE deployment config of `kind` whose app reads the section `appKey` (shape `appSchema`):
 * the cloud's fields with the app's section among them (docs/gke.md, config reference).
 */
export function gkeConfigSchema<K extends string, A extends string, S extends ZodType>(kind: K, appKey: A, appSchema: S) {
  return z.strictObject({ kind: z.literal(kind), ...GKE_HEAD, ...({ [appKey]: appSchema } as { [P in A]: S }), ...GKE_TAIL });
}

/** The cloud part of a GKE deployment config: every field but the app's section (see docs/gke.md). */
export type GkeCloudConfig = { readonly kind: string } & z.infer<z.ZodObject<typeof GKE_HEAD & typeof GKE_TAIL>>;
