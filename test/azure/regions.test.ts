import { AZURE_NON_ZONAL_REGIONS, AZURE_REGIONS, AZURE_ZONAL_REGIONS, regionHasZones } from '../../lib/azure/regions';

describe('Azure regions', () => {
  test('regions with availability zones', () => {
    for (const r of ['westeurope', 'northeurope', 'eastus', 'eastus2', 'swedencentral', 'uksouth']) expect(regionHasZones(r)).toBe(true);
  });

  test('regions without availability zones, and names that are not programmatic region names', () => {
    for (const r of ['westus', 'northcentralus', 'ukwest', 'francesouth']) expect(regionHasZones(r)).toBe(false);
    for (const r of ['West Europe', 'WestEurope', 'west-europe', '']) expect(regionHasZones(r)).toBe(false);
  });

  test('every region is listed once, either zonal or not, in lower-case programmatic form', () => {
    const zonal = new Set(AZURE_ZONAL_REGIONS);
    expect(zonal.size).toBe(AZURE_ZONAL_REGIONS.length);
    expect(new Set(AZURE_NON_ZONAL_REGIONS).size).toBe(AZURE_NON_ZONAL_REGIONS.length);
    expect(AZURE_NON_ZONAL_REGIONS.filter((r) => zonal.has(r))).toEqual([]);
    for (const r of AZURE_REGIONS) expect(r).toMatch(/^[a-z][a-z0-9]*$/);
  });

  test('AZURE_REGIONS is the sorted union of both lists', () => {
    expect(AZURE_REGIONS).toHaveLength(AZURE_ZONAL_REGIONS.length + AZURE_NON_ZONAL_REGIONS.length);
    expect([...AZURE_REGIONS]).toEqual([...AZURE_ZONAL_REGIONS, ...AZURE_NON_ZONAL_REGIONS].sort());
    expect([...AZURE_REGIONS].sort()).toEqual([...AZURE_REGIONS]);
    expect(AZURE_REGIONS).toEqual(expect.arrayContaining(['westeurope', 'westus']));
  });
});
