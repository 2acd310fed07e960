/**
 * Azure public-cloud regions (programmatic names) and the ones with availability zones. Kept here so a typo in
 * `location` fails at synth rather than minutes into an apply. Add a region here when Azure opens one.
 */
export const AZURE_ZONAL_REGIONS: readonly string[] = [
  'australiaeast', 'austriaeast', 'belgiumcentral', 'brazilsouth', 'canadacentral', 'centralindia', 'centralus',
  'chilecentral', 'denmarkeast', 'eastasia', 'eastus', 'eastus2', 'francecentral', 'germanywestcentral',
  'indonesiacentral', 'israelcentral', 'italynorth', 'japaneast', 'japanwest', 'koreacentral', 'malaysiawest',
  'mexicocentral', 'newzealandnorth', 'northeurope', 'norwayeast', 'polandcentral', 'qatarcentral',
  'southafricanorth', 'southcentralus', 'southeastasia', 'spaincentral', 'swedencentral', 'switzerlandnorth',
  'uaenorth', 'uksouth', 'westeurope', 'westus2', 'westus3',
];

/** Regions without availability zones: deployable, but zone-redundant settings must be turned off. */
export const AZURE_NON_ZONAL_REGIONS: readonly string[] = [
  'australiacentral', 'australiacentral2', 'australiasoutheast', 'brazilsoutheast', 'canadaeast', 'francesouth',
  'germanynorth', 'jioindiacentral', 'jioindiawest', 'koreasouth', 'northcentralus', 'norwaywest',
  'southafricawest', 'southindia', 'swedensouth', 'switzerlandwest', 'uaecentral', 'ukwest', 'westcentralus',
  'westindia', 'westus',
];

/** Every Azure region this library accepts (zonal and non-zonal), sorted. */
export const AZURE_REGIONS: readonly string[] = [...AZURE_ZONAL_REGIONS, ...AZURE_NON_ZONAL_REGIONS].sort();

/** True when the region has availability zones. */
export function regionHasZones(location: string): boolean {
  return AZURE_ZONAL_REGIONS.includes(location);
}
