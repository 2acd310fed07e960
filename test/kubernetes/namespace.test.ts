import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { TerraformStack, TerraformVariable, Token } from 'cdktf';
import { AppNamespace, AppNamespaceProps } from '../../lib/kubernetes/namespace';
import { only, synth, testApp } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';

function make(over: Partial<AppNamespaceProps> = {}) {
  const stack = new TerraformStack(testApp(), 'test');
  const cluster = new StringResource(stack, 'cluster', { length: 4 });
  const ns = new AppNamespace(stack, 'ns', { name: 'spacelift', dependsOn: [cluster], ...over });
  return { stack, ns, cluster };
}

describe('AppNamespace', () => {
  test('one namespace with the Pod Security labels (baseline enforced, restricted warned and audited)', () => {
    const { stack } = make();
    const ns = only(synth(stack), 'kubernetes_namespace_v1');
    expect(ns.metadata).toEqual({
      name: 'spacelift',
      labels: {
        'app.kubernetes.io/managed-by': 'terraform',
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
      },
    });
  });

  test.each(['privileged', 'restricted'] as const)('enforces %s when asked', (level) => {
    const { stack } = make({ podSecurity: level });
    expect(only(synth(stack), 'kubernetes_namespace_v1').metadata.labels['pod-security.kubernetes.io/enforce']).toBe(level);
  });

  test('extra labels are added, but cannot weaken the Pod Security labels', () => {
    const { stack } = make({ labels: { team: 'platform', 'pod-security.kubernetes.io/enforce': 'privileged', 'pod-security.kubernetes.io/warn': 'privileged' } });
    const labels = only(synth(stack), 'kubernetes_namespace_v1').metadata.labels;
    expect(labels.team).toBe('platform');
    expect(labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
    expect(labels['pod-security.kubernetes.io/warn']).toBe('restricted');
  });

  test('depends on what it is given', () => {
    const { stack } = make();
    expect(only(synth(stack), 'kubernetes_namespace_v1').depends_on).toEqual(['random_string.cluster']);
  });

  test('name is a reference to the namespace resource; literalName is the name as written', () => {
    const { ns } = make();
    expect(Token.isUnresolved(ns.name)).toBe(true);
    expect(ns.literalName).toBe('spacelift');
    expect(ns.namespace.terraformResourceType).toBe('kubernetes_namespace_v1');
  });

  test('a name known only at apply time is accepted', () => {
    const stack = new TerraformStack(testApp(), 'test');
    const v = new TerraformVariable(stack, 'ns_name', { type: 'string' });
    new AppNamespace(stack, 'ns', { name: v.stringValue, dependsOn: [] });
    expect(only(synth(stack), 'kubernetes_namespace_v1').metadata.name).toBe('${var.ns_name}');
  });

  test('rejects a bad name', () => expectValidationError(() => make({ name: 'Spacelift' }), 'name', 'Spacelift'));
  test('rejects a kube- name', () => expectValidationError(() => make({ name: 'kube-apps' }), 'name', 'kube-apps'));
  test('rejects an unknown Pod Security level', () => expectValidationError(() => make({ podSecurity: 'strict' as any }), 'podSecurity', 'strict'));
});
