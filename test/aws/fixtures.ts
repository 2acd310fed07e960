import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsNetworkRef } from '../../lib/aws/network';
import { Synthesized, resources, synth, testApp } from '../support/synth';

/**
 * Shared inputs of the lib/aws construct tests. Literal ids (not tokens) so assertions can compare them exactly.
 * Not a test file: jest only picks up `*.test.ts`.
 */

export const REGION = 'eu-west-1';

/** A stack with the aws and random providers, for constructs under test. */
export function awsStack(app: App = testApp(), id = 'test'): TerraformStack {
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, 'aws', { region: REGION });
  new RandomProvider(stack, 'random');
  return stack;
}

/** The network contract with literal ids, over three zones. */
export function networkRef(zones = 3): AwsNetworkRef {
  const azs = ['a', 'b', 'c'].slice(0, zones).map((l) => `${REGION}${l}`);
  return {
    vpcId: 'vpc-0123456789abcdef0',
    cidr: '10.50.0.0/16',
    availabilityZones: azs,
    privateSubnets: azs.map((az, i) => ({ id: `subnet-private${i}`, cidr: `10.50.${i * 32}.0/19`, availabilityZone: az })),
    publicSubnets: azs.map((az, i) => ({ id: `subnet-public${i}`, cidr: `10.50.${96 + i}.0/24`, availabilityZone: az })),
    publicDependables: [],
  };
}

export const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';

/** The resource of a type whose logical id contains `idPart`. */
export function byId(json: Synthesized, type: string, idPart: string): any {
  const hits = Object.entries(resources(json, type)).filter(([logicalId]) => logicalId.includes(idPart));
  if (hits.length !== 1) throw new Error(`expected one ${type} whose logical id contains ${idPart}, found ${hits.length}`);
  return hits[0]![1];
}

/** The data source of a type whose logical id contains `idPart`. */
export function dataById(json: Synthesized, type: string, idPart: string): any {
  const hits = Object.entries(json.data?.[type] ?? {}).filter(([logicalId]) => logicalId.includes(idPart));
  if (hits.length !== 1) throw new Error(`expected one data.${type} whose logical id contains ${idPart}, found ${hits.length}`);
  return hits[0]![1];
}

/** Every statement of a policy document data source, `condition` flattened for easy matching. */
export function statements(json: Synthesized, idPart: string): any[] {
  return dataById(json, 'aws_iam_policy_document', idPart).statement as any[];
}

let outputCounter = 0;

/** The Terraform expression a value renders to in `stack` (through an output and one synth). */
export function expressionOf(stack: TerraformStack, value: unknown): any {
  const id = `expr-${outputCounter++}`;
  new TerraformOutput(stack, id, { value });
  return synth(stack).output?.[id]?.value;
}
