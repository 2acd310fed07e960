import { ZodType, z } from 'zod';
import { postgresMajorField } from '../config-forms';
import { policyConfigSchema } from '../policy-config';

/**
 * The cloud part of the config of an EKS stack pair; a deployment kind adds its app's section (`eksConfigSchema`).
 * This schema checks the shape (field names and types;
 * unknown fields are errors); the constructs check the values (regions, zones, CIDRs, names, versions, sizes) and
 * name the field. Every field is documented, with its default, in docs/eks.md.
 */
const tags = z.record(z.string(), z.string());
const cidr = z.string();

/** The fields before the app's section. */
const EKS_HEAD = {
  name: z.string().optional(),
  allowDestroy: z.boolean().optional(),
  aws: z.strictObject({
    region: z.string(),
    availabilityZones: z.array(z.string()).optional(),
    allowedAccountIds: z.array(z.string()).optional(),
    tags: tags.optional(),
  }),
  network: z
    .strictObject({
      vpcCidr: cidr.optional(),
      privateSubnetPrefixLength: z.number().optional(),
      publicSubnetPrefixLength: z.number().optional(),
      privateSubnetCidrs: z.array(cidr).optional(),
      publicSubnetCidrs: z.array(cidr).optional(),
      singleNatGateway: z.boolean().optional(),
      flowLogRetentionDays: z.number().optional(),
    })
    .optional(),
  cluster: z.strictObject({
    kubernetesVersion: z.string().optional(),
    endpointPublicAccessCidrs: z.array(cidr).optional(),
    privateEndpoint: z.boolean().optional(),
    serviceCidr: cidr.optional(),
    logRetentionDays: z.number().optional(),
    nodeGroup: z
      .strictObject({
        instanceTypes: z.array(z.string()).optional(),
        minSize: z.number().optional(),
        maxSize: z.number().optional(),
        desiredSize: z.number().optional(),
        diskSizeGb: z.number().optional(),
        capacityType: z.enum(['ON_DEMAND', 'SPOT']).optional(),
      })
      .optional(),
    adminPrincipalArns: z.array(z.string()).optional(),
    addonVersions: z
      .strictObject({
        'vpc-cni': z.string().optional(),
        'kube-proxy': z.string().optional(),
        coredns: z.string().optional(),
      })
      .optional(),
  }),
  postgres: z
    .strictObject({
      version: postgresMajorField().optional(),
      aurora: z.boolean().optional(),
      instanceClass: z.string().optional(),
      multiAz: z.boolean().optional(),
      allocatedStorageGb: z.number().optional(),
      maxAllocatedStorageGb: z.number().optional(),
      backupRetentionDays: z.number().optional(),
      backupWindow: z.string().optional(),
      maintenanceWindow: z.string().optional(),
      username: z.string().optional(),
      iamAuthentication: z.boolean().optional(),
      tlsMode: z.enum(['require', 'verify-ca', 'verify-full']).optional(),
      applyImmediately: z.boolean().optional(),
    })
    .optional(),
  messageBus: z
    .strictObject({
      provider: z.enum(['in-cluster', 'amazon-mq']),
      engineVersion: z.string().optional(),
      deploymentMode: z.enum(['CLUSTER_MULTI_AZ', 'SINGLE_INSTANCE']).optional(),
      instanceType: z.string().optional(),
      maintenanceWindow: z.strictObject({ dayOfWeek: z.string(), timeOfDay: z.string() }).optional(),
      applyImmediately: z.boolean().optional(),
    })
    .optional(),
  storage: z
    .strictObject({
      bucketPrefix: z.string().optional(),
      stateVersionRetentionDays: z.number().optional(),
    })
    .optional(),
  registry: z
    .strictObject({
      untaggedRetentionDays: z.number().optional(),
    })
    .optional(),
  dns: z
    .strictObject({
      zoneName: z.string(),
      zoneId: z.string().optional(),
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
const EKS_TAIL = {
  policy: policyConfigSchema,
  backend: z
    .strictObject({
      type: z.literal('s3'),
      bucket: z.string(),
      region: z.string().optional(),
      keyPrefix: z.string().optional(),
      kmsKeyId: z.string().optional(),
    })
    .optional(),
};

/**
 * The zod schema of an EKS deployment config of `kind` whose app reads the section `appKey` (shape `appSchema`):
 * the cloud's fields with the app's section among them (docs/eks.md, config reference).
 */
export function eksConfigSchema<K extends string, A extends string, S extends ZodType>(kind: K, appKey: A, appSchema: S) {
  return z.strictObject({ kind: z.literal(kind), ...EKS_HEAD, ...({ [appKey]: appSchema } as { [P in A]: S }), ...EKS_TAIL });
}

/** The cloud part of an EKS deployment config: every field but the app's section (see docs/eks.md). */
export type EksCloudConfig = { readonly kind: string } & z.infer<z.ZodObject<typeof EKS_HEAD & typeof EKS_TAIL>>;
