import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { PublishedSecret, publishSecret } from '../../lib/core/document';
import { AppNamespace } from '../../lib/kubernetes/namespace';
import { AppSecrets } from '../../lib/kubernetes/secrets';
import { resources, synth, testApp } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';

function setup() {
  const stack = new TerraformStack(testApp(), 'test');
  const ns = new AppNamespace(stack, 'ns', { name: 'app', dependsOn: [] });
  const dep = new StringResource(stack, 'dep', { length: 4 });
  const pw = new TerraformVariable(stack, 'pw', { type: 'string' });
  const publish = (id: string, name: string, namespace = 'app'): PublishedSecret =>
    publishSecret(stack, id, { name, namespace, stringData: { USER: 'u', PASSWORD: pw.stringValue } });
  return { stack, ns, dep, publish };
}

describe('AppSecrets', () => {
  test('one Opaque kubernetes_secret_v1 per published secret, data from its data local, in the namespace', () => {
    const { stack, ns, dep, publish } = setup();
    const secrets = new AppSecrets(stack, 'secrets', { namespace: ns, secrets: [publish('shared', 'app-shared'), publish('server', 'app-server')], dependsOn: [dep] });
    expect(secrets.secrets).toHaveLength(2);
    const json = synth(stack);
    const all = Object.values(resources(json, 'kubernetes_secret_v1'));
    expect(all).toHaveLength(2);
    const byName = Object.fromEntries(all.map((s: any) => [s.metadata.name, s]));
    const [nsKey] = Object.keys(resources(json, 'kubernetes_namespace_v1'));
    const nsRef = `\${kubernetes_namespace_v1.${nsKey}.metadata[0].name}`;
    expect(byName['app-shared']).toEqual({
      metadata: { name: 'app-shared', namespace: nsRef },
      type: 'Opaque',
      data: '${local.shared_data}',
      depends_on: ['random_string.dep'],
    });
    expect(byName['app-server'].data).toBe('${local.server_data}');
  });

  test('the data local holds plain values (the provider encodes them)', () => {
    const { stack, ns, publish } = setup();
    new AppSecrets(stack, 'secrets', { namespace: ns, secrets: [publish('shared', 'app-shared')], dependsOn: [] });
    expect(synth(stack).locals!.shared_data).toEqual({ USER: 'u', PASSWORD: '${var.pw}' });
  });

  test('no secrets: no resources', () => {
    const { stack, ns } = setup();
    new AppSecrets(stack, 'secrets', { namespace: ns, secrets: [], dependsOn: [] });
    expect(resources(synth(stack), 'kubernetes_secret_v1')).toEqual({});
  });

  test('rejects a secret for another namespace', () => {
    const { stack, ns, publish } = setup();
    expectValidationError(() => new AppSecrets(stack, 'secrets', { namespace: ns, secrets: [publish('s', 'app-shared', 'other')], dependsOn: [] }), 'secrets.app-shared.namespace', 'other');
  });

  test('rejects a bad secret name', () => {
    const { stack, ns, publish } = setup();
    expectValidationError(() => new AppSecrets(stack, 'secrets', { namespace: ns, secrets: [publish('s', 'Bad_Name')], dependsOn: [] }), 'secrets.Bad_Name.name', 'Bad_Name');
  });
});
