import { TerraformOutput, TerraformStack } from 'cdktf';
import { AzureNetworkRef } from '../../lib/azure/network';
import { AzureResourceGroupRef } from '../../lib/azure/resource-group';
import { Synthesized, resources, synth } from '../support/synth';

/**
 * Shared inputs of the lib/azure construct tests. Literal ids (not tokens) so assertions can compare them exactly.
 * Not a test file: jest only picks up `*.test.ts`.
 */

/** A resource group in a region with availability zones. */
export function resourceGroup(location = 'westeurope'): AzureResourceGroupRef {
  return { name: 'rg-test', location, id: '/subscriptions/sub/resourceGroups/rg-test' };
}

/** A region without availability zones (see lib/azure/regions.ts). */
export const NON_ZONAL_REGION = 'westus';

/** The network contract, with literal ids. */
export function networkRef(): AzureNetworkRef {
  return {
    virtualNetworkId: '/subscriptions/sub/resourceGroups/rg-test/providers/Microsoft.Network/virtualNetworks/vnet',
    addressSpace: '10.40.0.0/16',
    nodeSubnet: { id: '/subscriptions/sub/resourceGroups/rg-test/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes', cidr: '10.40.0.0/20' },
    postgresSubnet: { id: '/subscriptions/sub/resourceGroups/rg-test/providers/Microsoft.Network/virtualNetworks/vnet/subnets/postgres', cidr: '10.40.16.0/24' },
  };
}

/**
 * The resource of a type whose logical id contains `idPart` (a construct id along its path). `byPath` from
 * test/support/synth.ts cannot be used: `synth()` goes through `Testing.synth`, which strips the `//` metadata it
 * reads.
 */
export function byId(json: Synthesized, type: string, idPart: string): any {
  const hits = Object.entries(resources(json, type)).filter(([logicalId]) => logicalId.includes(idPart));
  if (hits.length !== 1) throw new Error(`expected one ${type} whose logical id contains ${idPart}, found ${hits.length}`);
  return hits[0]![1];
}

let outputCounter = 0;

/** The Terraform expressions the given values render to in `stack` (via outputs, then one synth). */
export function expressions<T extends Record<string, unknown>>(stack: TerraformStack, values: T): { [K in keyof T]: any } {
  const ids: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    const id = `expr-${key}-${outputCounter++}`;
    new TerraformOutput(stack, id, { value });
    ids[key] = id;
  }
  const json = synth(stack);
  return Object.fromEntries(Object.entries(ids).map(([key, id]) => [key, json.output?.[id]?.value])) as { [K in keyof T]: any };
}
