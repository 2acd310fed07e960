import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { App, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { GcpNetworkRef } from '../../lib/gcp/network';
import { Synthesized, resources, synth, testApp } from '../support/synth';

/**
 * Shared inputs of the lib/gcp construct tests. Literal ids (not tokens) so assertions can compare them exactly.
 * Not a test file: jest only picks up `*.test.ts`.
 */

export const PROJECT = 'my-project-123';
export const REGION = 'europe-west1';

/** A stack with the google and random providers, for constructs under test. */
export function googleStack(app: App = testApp(), id = 'test'): TerraformStack {
  const stack = new TerraformStack(app, id);
  new GoogleProvider(stack, 'google', { project: PROJECT, region: REGION });
  new RandomProvider(stack, 'random');
  return stack;
}

/** The network contract, with literal ids and the default ranges of GcpNetwork. */
export function networkRef(over: Partial<GcpNetworkRef> = {}): GcpNetworkRef {
  return {
    networkId: `projects/${PROJECT}/global/networks/sl-vpc`,
    subnetworkId: `projects/${PROJECT}/regions/${REGION}/subnetworks/sl-nodes`,
    region: REGION,
    subnetCidr: '10.40.0.0/20',
    podsCidr: '10.44.0.0/14',
    podsRangeName: 'sl-pods',
    servicesCidr: '10.48.0.0/20',
    servicesRangeName: 'sl-services',
    privateServiceAccessCidr: '10.60.0.0/16',
    privateServiceAccess: [],
    ...over,
  };
}

/** A string token (a variable), for "skips unresolved values" tests. */
export function token(stack: TerraformStack, id = 'tok'): string {
  return new TerraformVariable(stack, id, { type: 'string' }).stringValue;
}

/** The resource of a type whose logical id contains `idPart`. */
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
