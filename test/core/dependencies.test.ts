import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { ITerraformDependable, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { dependablesInStack } from '../../lib/core/dependencies';
import { testApp } from '../support/synth';

function twoStacks() {
  const app = testApp();
  const infra = new TerraformStack(app, 'infra');
  const platform = new TerraformStack(app, 'platform');
  return { infra, platform };
}

describe('dependablesInStack', () => {
  test('keeps the constructs of the same stack, in order, and drops those of other stacks', () => {
    const { infra, platform } = twoStacks();
    const here1 = new NamespaceV1(platform, 'here1', { metadata: { name: 'a' } });
    const there = new NamespaceV1(infra, 'there', { metadata: { name: 'b' } });
    const here2 = new NamespaceV1(new Construct(platform, 'group'), 'here2', { metadata: { name: 'c' } });
    const scope = new Construct(new Construct(platform, 'deep'), 'scope');
    expect(dependablesInStack(scope, [here2, there, here1])).toEqual([here2, here1]);
  });

  test('from the other stack, the other way round', () => {
    const { infra, platform } = twoStacks();
    const here = new NamespaceV1(platform, 'here', { metadata: { name: 'a' } });
    const there = new NamespaceV1(infra, 'there', { metadata: { name: 'b' } });
    expect(dependablesInStack(infra, [here, there])).toEqual([there]);
  });

  test('keeps dependables that are not constructs', () => {
    const { platform } = twoStacks();
    const plain: ITerraformDependable = { fqn: 'random_string.x' };
    expect(dependablesInStack(platform, [plain])).toEqual([plain]);
  });

  test('nothing given: an empty list', () => {
    const { platform } = twoStacks();
    expect(dependablesInStack(platform)).toEqual([]);
  });

  test('returns a new list, not the one given', () => {
    const { platform } = twoStacks();
    const given = [new NamespaceV1(platform, 'here', { metadata: { name: 'a' } })];
    const out = dependablesInStack(platform, given);
    expect(out).toEqual(given);
    expect(out).not.toBe(given);
  });
});
