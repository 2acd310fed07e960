import { ZodType, z } from 'zod';
import { postgresMajorField, zoneField } from '../config-forms';
import { policyConfigSchema } from '../policy-config';

/**
 * The cloud part of the config of an AKS stack pair; a deployment kind adds its app's section (`aksConfigSchema`).
 * This schema checks the shape (field names and types; unknown fields are errors); the constructs check the values
 * (ranges, formats, overlaps) and name the field. Every field is documented, with its default, in docs/aks.md.
 */
const tags = z.record(z.string(), z.string());
const cidr = z.string();

const maintenanceWindow = z.strictObject({
  dayOfWeek: z.enum(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']).optional(),
  startTime: z.string().optional(),
  utcOffset: z.string().optional(),
  durationHours: z.number().optional(),
});

/** The fields before the app's section. */
const AKS_HEAD = {
  name: z.string().optional(),
  allowDestroy: z.boolean().optional(),
  azure: z.strictObject({
    subscriptionId: z.string().optional(),
    location: z.string(),
    resourceGroup: z.string().optional(),
    existingResourceGroup: z.boolean().optional(),
    tags: tags.optional(),
  }),
  network: z
    .strictObject({
      addressSpace: cidr.optional(),
      nodeSubnetCidr: cidr.optional(),
      postgresSubnetCidr: cidr.optional(),
    })
    .optional(),
  cluster: z.strictObject({
    kubernetesVersion: z.string().optional(),
    skuTier: z.enum(['Standard', 'Premium', 'Free']).optional(),
    systemPool: z
      .strictObject({
        vmSize: z.string().optional(),
        minCount: z.number().optional(),
        maxCount: z.number().optional(),
        zones: z.array(zoneField()).optional(),
        maxPods: z.number().optional(),
        osDiskSizeGb: z.number().optional(),
        hostEncryption: z.boolean().optional(),
      })
      .optional(),
    podCidr: cidr.optional(),
    serviceCidr: cidr.optional(),
    dnsServiceIp: z.string().optional(),
    networkPolicy: z.enum(['cilium', 'calico', 'azure']).optional(),
    apiServerAuthorizedIpRanges: z.array(cidr).optional(),
    privateCluster: z.boolean().optional(),
    entraId: z
      .strictObject({
        adminGroupObjectIds: z.array(z.string()),
        tenantId: z.string().optional(),
        disableLocalAccounts: z.boolean().optional(),
        kubeloginMode: z.enum(['azurecli', 'workloadidentity', 'msi', 'spn', 'azd']).optional(),
      })
      .optional(),
    upgradeChannel: z.enum(['patch', 'stable', 'rapid', 'node-image']).optional(),
    nodeOsUpgradeChannel: z.enum(['NodeImage', 'SecurityPatch', 'Unmanaged']).optional(),
    maintenanceWindow: maintenanceWindow.optional(),
    monitoring: z
      .strictObject({
        enabled: z.boolean().optional(),
        workspaceId: z.string().optional(),
        retentionDays: z.number().optional(),
        dailyQuotaGb: z.number().optional(),
      })
      .optional(),
    azurePolicy: z.boolean().optional(),
    defender: z.boolean().optional(),
  }),
  postgres: z
    .strictObject({
      version: postgresMajorField().optional(),
      sku: z.string().optional(),
      storageMb: z.number().optional(),
      backupRetentionDays: z.number().optional(),
      geoRedundantBackup: z.boolean().optional(),
      highAvailability: z.boolean().optional(),
      zone: zoneField().optional(),
      standbyZone: zoneField().optional(),
      administratorLogin: z.string().optional(),
      tlsMode: z.enum(['require', 'verify-ca', 'verify-full']).optional(),
      maintenanceWindow: z
        .strictObject({ dayOfWeek: z.number().optional(), startHour: z.number().optional(), startMinute: z.number().optional() })
        .optional(),
    })
    .optional(),
  storage: z
    .strictObject({
      replication: z.enum(['LRS', 'ZRS', 'GRS', 'RAGRS', 'GZRS', 'RAGZRS']).optional(),
      softDeleteDays: z.number().optional(),
      stateVersionRetentionDays: z.number().optional(),
      allowSharedKeyAccess: z.boolean().optional(),
      s3Gateway: z.strictObject({ host: z.string().optional(), replicas: z.number().optional() }).optional(),
    })
    .optional(),
  registry: z
    .strictObject({
      sku: z.enum(['Basic', 'Standard', 'Premium']).optional(),
      untaggedRetentionDays: z.number().optional(),
    })
    .optional(),
  dns: z
    .strictObject({
      zoneName: z.string(),
      zoneResourceGroup: z.string(),
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
const AKS_TAIL = {
  policy: policyConfigSchema,
  backend: z
    .strictObject({
      type: z.literal('azurerm'),
      resourceGroupName: z.string(),
      storageAccountName: z.string(),
      containerName: z.string(),
      keyPrefix: z.string().optional(),
      subscriptionId: z.string().optional(),
    })
    .optional(),
};

/**
 * The zod schema of an AKS deployment config of `kind` whose app reads the section `appKey` (shape `appSchema`):
 * the cloud's fields with the app's section among them (docs/aks.md, config reference).
 */
export function aksConfigSchema<K extends string, A extends string, S extends ZodType>(kind: K, appKey: A, appSchema: S) {
  return z.strictObject({ kind: z.literal(kind), ...AKS_HEAD, ...({ [appKey]: appSchema } as { [P in A]: S }), ...AKS_TAIL });
}

/** The cloud part of an AKS deployment config: every field but the app's section (see docs/aks.md). */
export type AksCloudConfig = { readonly kind: string } & z.infer<z.ZodObject<typeof AKS_HEAD & typeof AKS_TAIL>>;
