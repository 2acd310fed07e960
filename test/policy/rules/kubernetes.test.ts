import { Release, ReleaseConfig } from '@cdktf/provider-helm/lib/release';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { Namespace } from '@cdktf/provider-kubernetes/lib/namespace';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { TerraformStack } from 'cdktf';
import { KUBERNETES_RULES } from '../../../lib/policy/rules/kubernetes';
import { RuleCase, merge, ruleCases } from '../support';

const GOOD_RELEASE: ReleaseConfig = {
  name: 'traefik',
  namespace: 'traefik',
  repository: 'https://traefik.github.io/charts',
  chart: 'traefik',
  version: '41.3.0',
  atomic: true,
};
const release = (patch?: unknown) => (s: TerraformStack) => new Release(s, 'release', merge(GOOD_RELEASE, patch));

const ns = (labels?: Record<string, string>) => (s: TerraformStack) => new NamespaceV1(s, 'ns', { metadata: { name: 'app', labels } });

const CASES: RuleCase[] = [
  { rule: 'K8S-HELM-001', name: 'no chart version', fail: release({ version: undefined }), pass: release(), message: /no version/ },
  { rule: 'K8S-HELM-001', name: 'a version range', fail: release({ version: '~41.0' }), pass: release({ version: 'v1.21.1' }) },
  { rule: 'K8S-HELM-001', name: 'an OCI chart without a version (a local chart needs none)', fail: release({ repository: undefined, chart: 'oci://ghcr.io/acme/charts/app', version: undefined }), pass: release({ repository: undefined, chart: './charts/app', version: undefined }) },
  { rule: 'K8S-HELM-002', name: 'not atomic', fail: release({ atomic: undefined }), pass: release() },
  { rule: 'K8S-HELM-003', name: 'the default namespace (namespace left out)', fail: release({ namespace: undefined }), pass: release() },
  { rule: 'K8S-HELM-003', name: 'kube-system', fail: release({ namespace: 'kube-system' }), pass: release({ namespace: 'platform' }) },
  { rule: 'K8S-HELM-004', name: 'a chart over plain HTTP', fail: release({ repository: 'http://charts.example.com' }), pass: release({ repository: 'oci://registry.example.com/charts' }) },
  { rule: 'K8S-HELM-005', name: 'helm creates the namespace', fail: release({ createNamespace: true }), pass: release({ createNamespace: false }) },
  {
    rule: 'K8S-OBJ-001',
    name: 'a Secret without a namespace',
    fail: (s) => new SecretV1(s, 'secret', { metadata: { name: 's' }, data: { A: 'b' } }),
    pass: (s) => new SecretV1(s, 'secret', { metadata: { name: 's', namespace: 'app' }, data: { A: 'b' } }),
  },
  {
    rule: 'K8S-OBJ-001',
    name: 'a ConfigMap in default',
    fail: (s) => new ConfigMapV1(s, 'cm', { metadata: { name: 'c', namespace: 'default' } }),
    pass: (s) => {
      const n = ns({ 'pod-security.kubernetes.io/enforce': 'baseline' })(s);
      new ConfigMapV1(s, 'cm', { metadata: { name: 'c', namespace: n.metadata.name } });
    },
  },
  { rule: 'K8S-NS-001', name: 'a namespace without Pod Security labels', fail: ns(), pass: ns({ 'pod-security.kubernetes.io/enforce': 'restricted' }) },
  {
    rule: 'K8S-NS-001',
    name: 'a privileged (legacy resource type) namespace',
    fail: (s) => new Namespace(s, 'ns', { metadata: { name: 'app', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } } }),
    pass: ns({ 'pod-security.kubernetes.io/enforce': 'baseline' }),
    message: /privileged/,
  },
];

describe('Kubernetes and Helm rules', () => {
  test('every Kubernetes rule has at least one case', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    expect(KUBERNETES_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });
  ruleCases(CASES);
});
