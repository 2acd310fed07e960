import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { TerraformStack } from 'cdktf';
import { RdsCaBundle } from '../../lib/aws/rds-ca';
import { AzurePostgres } from '../../lib/azure/postgres';
import { addProviderIfMissing } from '../../lib/core/stack-providers';
import { networkRef, resourceGroup } from '../azure/fixtures';
import { azureStack, synthApp, testApp } from '../support/synth';

/**
 * A construct whose resources need a provider without settings (random, tls, http) adds it to its stack itself when
 * the stack has none, so using it in your own stack needs no provider you would only learn about from cdktf's
 * "Found resources without a matching provider construct" at synth. These synthesize whole apps: cdktf runs that
 * check then.
 */
function postgres(stack: TerraformStack, id = 'pg', serverName = 'sl-pg-abc123') {
  return new AzurePostgres(stack, id, { resourceGroup: resourceGroup(), network: networkRef(), serverName, version: 16, databaseName: 'app' });
}

describe('providers a construct needs', () => {
  test('AzurePostgres in a stack with only the azurerm provider: the stack synthesizes with one random provider', () => {
    const app = testApp();
    const stack = azureStack(app, 'own');
    postgres(stack);
    postgres(stack, 'pg2', 'sl-pg-def456');
    const json = synthApp(app)['own']!;
    expect(json.provider!['random']).toEqual([{}]);
    expect(Object.keys(json.resource!['random_password']!)).toHaveLength(2);
    expect(json.terraform.required_providers.random).toEqual(expect.objectContaining({ source: 'hashicorp/random' }));
  });

  test("the stack's own provider is used, even when it is declared after the construct and under another id", () => {
    const app = testApp();
    const stack = azureStack(app, 'own');
    postgres(stack);
    new RandomProvider(stack, 'my-random', {});
    new StringResource(stack, 'suffix', { length: 4 });
    const json = synthApp(app)['own']!;
    expect(json.provider!['random']).toEqual([{}]);
    expect(stack.node.tryFindChild('random')).toBeUndefined();
  });

  test('declaring it with the usual id after the construct does not clash', () => {
    const app = testApp();
    const stack = azureStack(app, 'own');
    postgres(stack);
    expect(() => new RandomProvider(stack, 'random')).not.toThrow();
    expect(synthApp(app)['own']!.provider!['random']).toEqual([{}]);
  });

  test('RdsCaBundle adds the http provider it reads the bundle with', () => {
    const app = testApp();
    const stack = new TerraformStack(app, 'aws');
    new RdsCaBundle(stack, 'ca', { region: 'eu-west-1' });
    const json = synthApp(app)['aws']!;
    expect(json.provider!['http']).toEqual([{}]);
    expect(Object.keys(json.data!['http']!)).toHaveLength(1);
  });

  test('once per stack and provider, and a free construct id when the usual one is taken', () => {
    const app = testApp();
    const a = new TerraformStack(app, 'a');
    const b = new TerraformStack(app, 'b');
    new StringResource(a, 'random', { length: 4 }); // takes the id "random" in stack a
    for (const scope of [a, a, b]) addProviderIfMissing(scope, 'random', (stack, id) => new RandomProvider(stack, id));
    const json = synthApp(app);
    expect(json['a']!.provider!['random']).toEqual([{}]);
    expect(json['b']!.provider!['random']).toEqual([{}]);
    expect(a.node.tryFindChild('random-2')).toBeDefined();
    expect(b.node.children.filter((c) => c instanceof RandomProvider)).toHaveLength(1);
  });
});
