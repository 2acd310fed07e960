import { TerraformOutput, TerraformStack } from 'cdktf';
import { parse } from 'yaml';
import { publishDocument, publishSecret } from '../../lib/core/document';
import { yamlDocument, yamlStream } from '../../lib/core/encoders';
import { renderOutputs } from '../support/render';
import { describeWithTerraform } from '../support/requirements';
import { synth, terraformBinary, testApp } from '../support/synth';

/**
 * Terraform reads the keys of a JSON object as templates too: a key `y${1+1}` would come out as `y2`, and `%{` starts a
 * directive. Documents (Helm values, Secret data) carry keys users choose (annotations, labels, Secret keys), so the real
 * terraform binary must give back every key exactly as it went in.
 */
const AWKWARD_KEYS = ['y${1+1}', 'a%{if true}b%{endif}', 'q"uote', "s'ingle", 'back\\slash', 'new\nline', 'hash # x', 'colon: x', 'dollar $HOME', 'example.com/annotation'];

describeWithTerraform()('document keys through real terraform', () => {
  let values: Record<string, unknown>;
  let secret: any;
  beforeAll(() => {
    const stack = new TerraformStack(testApp(), 'keys');
    const doc = Object.fromEntries(AWKWARD_KEYS.map((k, i) => [k, { [k]: `value ${i}` }]));
    new TerraformOutput(stack, 'values', { value: yamlDocument(publishDocument(stack, 'doc', doc)) });
    const published = publishSecret(stack, 'secret', { name: 'app', namespace: 'ns', stringData: Object.fromEntries(AWKWARD_KEYS.map((k, i) => [k, `secret ${i}`])) });
    new TerraformOutput(stack, 'secrets', { value: yamlStream([published.manifest]) });
    const result = renderOutputs(terraformBinary()!, { json: synth(stack), outputs: ['values', 'secrets'], variables: {}, sample: () => 'unused' });
    values = parse(result.raw.values!);
    secret = parse(result.raw.secrets!);
  });

  test('nested document keys come back exactly as written', () => {
    expect(values).toEqual(Object.fromEntries(AWKWARD_KEYS.map((k, i) => [k, { [k]: `value ${i}` }])));
  });

  test('Secret data keys come back exactly as written', () => {
    expect(secret.stringData).toEqual(Object.fromEntries(AWKWARD_KEYS.map((k, i) => [k, `secret ${i}`])));
  });
});
