import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { publishDocument } from '../../lib/core/document';
import { AppRelease, AppReleaseProps } from '../../lib/kubernetes/app-release';
import { AppNamespace } from '../../lib/kubernetes/namespace';
import { only, resources, synth, testApp } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';

function make(over: (base: AppReleaseProps) => Partial<AppReleaseProps> = () => ({})) {
  const stack = new TerraformStack(testApp(), 'test');
  const namespace = new AppNamespace(stack, 'ns', { name: 'spacelift', dependsOn: [] });
  const values = publishDocument(stack, 'values', { replicas: 2 });
  const dep = new StringResource(stack, 'dep', { length: 4 });
  const base: AppReleaseProps = {
    name: 'spacelift',
    chart: { chart: 'spacelift-self-hosted', repository: 'https://downloads.spacelift.io/helm', version: '0.62.0' },
    namespace,
    values,
    dependsOn: [dep],
  };
  const release = new AppRelease(stack, 'app', { ...base, ...over(base) });
  return { stack, release };
}

describe('AppRelease', () => {
  test('pinned, atomic, cleans up on failure, waits, values yamlencoded from the local, depends on what it is given', () => {
    const { stack } = make();
    const json = synth(stack);
    const [nsKey] = Object.keys(resources(json, 'kubernetes_namespace_v1'));
    expect(only(json, 'helm_release')).toEqual({
      name: 'spacelift',
      namespace: `\${kubernetes_namespace_v1.${nsKey}.metadata[0].name}`,
      repository: 'https://downloads.spacelift.io/helm',
      chart: 'spacelift-self-hosted',
      version: '0.62.0',
      atomic: true,
      cleanup_on_fail: true,
      wait: true,
      timeout: 1200,
      max_history: 10,
      values: ['${yamlencode(local.values)}'],
      depends_on: ['random_string.dep'],
    });
  });

  test('a timeout of its own', () => {
    const { stack } = make(() => ({ timeoutSeconds: 300 }));
    expect(only(synth(stack), 'helm_release').timeout).toBe(300);
  });

  test('timeout bounds are accepted', () => {
    expect(() => make(() => ({ timeoutSeconds: 60 }))).not.toThrow();
    expect(() => make(() => ({ timeoutSeconds: 7200 }))).not.toThrow();
  });

  test('a local chart: no repository', () => {
    const { stack } = make(() => ({ chart: { chart: './charts/app', version: '1.0.0' } }));
    const r = only(synth(stack), 'helm_release');
    expect(r.repository).toBeUndefined();
    expect(r.chart).toBe('./charts/app');
  });

  test('an oci:// repository', () => {
    const { stack } = make((b) => ({ chart: { ...b.chart, repository: 'oci://registry.example.com/charts' } }));
    expect(only(synth(stack), 'helm_release').repository).toBe('oci://registry.example.com/charts');
  });

  test('a version known only at apply time is accepted', () => {
    const { stack } = make((b) => ({ chart: { ...b.chart, version: new TerraformVariable(b.namespace, 'v', { type: 'string' }).stringValue } }));
    expect(only(synth(stack), 'helm_release').version).toMatch(/^\$\{var\.[\w]+\}$/);
  });

  test('exposes the release', () => {
    const { release } = make();
    expect(release.release.terraformResourceType).toBe('helm_release');
  });

  test('rejects a bad release name', () => expectValidationError(() => make(() => ({ name: 'My_App' })), 'name', 'My_App'));
  test('rejects a chart version range', () => expectValidationError(() => make((b) => ({ chart: { ...b.chart, version: '^0.62.0' } })), 'chart.version', '^0.62.0'));
  test('rejects "latest"', () => expectValidationError(() => make((b) => ({ chart: { ...b.chart, version: 'latest' } })), 'chart.version', 'latest'));
  test('rejects an http:// repository', () =>
    expectValidationError(() => make((b) => ({ chart: { ...b.chart, repository: 'http://charts.example.com' } })), 'chart.repository', 'http://charts.example.com'));
  test('rejects a repository without a scheme', () =>
    expectValidationError(() => make((b) => ({ chart: { ...b.chart, repository: 'charts.example.com' } })), 'chart.repository', 'charts.example.com'));
  test('rejects a timeout under a minute', () => expectValidationError(() => make(() => ({ timeoutSeconds: 59 })), 'timeoutSeconds', 59));
  test('rejects a timeout over two hours', () => expectValidationError(() => make(() => ({ timeoutSeconds: 7201 })), 'timeoutSeconds', 7201));
  test('rejects a fractional timeout', () => expectValidationError(() => make(() => ({ timeoutSeconds: 90.5 })), 'timeoutSeconds', 90.5));
});
