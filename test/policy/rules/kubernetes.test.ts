import { Release, ReleaseConfig } from '@cdktf/provider-helm/lib/release';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { Namespace } from '@cdktf/provider-kubernetes/lib/namespace';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { Secret } from '@cdktf/provider-kubernetes/lib/secret';
import { SecretV1, SecretV1Config } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { KUBERNETES_RULES } from '../../../lib/policy/rules/kubernetes';
import { RuleCase, merge, ruleCases } from '../support';

const GOOD_RELEASE: ReleaseConfig = {
  name: 'traefik',
  namespace: 'traefik',
  repository: 'https://traefik.github.io/charts',
  chart: 'traefik',
  version: '41.3.0',
  atomic: true,
  maxHistory: 10,
};
const release = (patch?: unknown) => (s: TerraformStack) => new Release(s, 'release', merge(GOOD_RELEASE, patch));

const ns = (labels?: Record<string, string>) => (s: TerraformStack) => new NamespaceV1(s, 'ns', { metadata: { name: 'app', labels } });

const GOOD_SECRET: SecretV1Config = { metadata: { name: 's', namespace: 'app' }, type: 'Opaque' };
/** A Secret whose `data` is built by `data(stack)` (so values can be variables of the same stack). */
const secret = (data: (s: TerraformStack) => Record<string, string>, patch?: unknown) => (s: TerraformStack) => new SecretV1(s, 'secret', merge({ ...GOOD_SECRET, data: data(s) }, patch));
const variable = (s: TerraformStack, name: string) => new TerraformVariable(s, name, { type: 'string', sensitive: true }).stringValue;

/** One case per bad value of a rule, each against the same good resource. */
function badValues(rule: string, what: string, bad: Record<string, (s: TerraformStack) => void>, pass: (s: TerraformStack) => void, message?: RegExp): RuleCase[] {
  return Object.entries(bad).map(([value, fail]) => ({ rule, name: `${what} ${value}`, fail, pass, message }));
}

const CASES: RuleCase[] = [
  { rule: 'K8S-HELM-001', name: 'no chart version (unset)', fail: release({ version: undefined }), pass: release(), message: /no version/ },
  { rule: 'K8S-HELM-001', name: 'an empty chart version', fail: release({ version: '' }), pass: release({ version: 'v1.21.1' }), message: /no version/ },
  ...badValues(
    'K8S-HELM-001',
    'a chart version that is not exact:',
    Object.fromEntries(['~41.0', '^41.5.0', '>=41.0.0', '41.x', '*', 'latest', '41.5'].map((v) => [v, release({ version: v })])),
    release({ version: '41.5.0-rc.1' }),
    /not an exact version/,
  ),
  { rule: 'K8S-HELM-001', name: 'an OCI chart without a version (a local chart needs none)', fail: release({ repository: undefined, chart: 'oci://ghcr.io/acme/charts/app', version: undefined }), pass: release({ repository: undefined, chart: './charts/app', version: undefined }) },
  { rule: 'K8S-HELM-002', name: 'not atomic (unset is false)', fail: release({ atomic: undefined }), pass: release() },
  { rule: 'K8S-HELM-002', name: 'atomic false', fail: release({ atomic: false }), pass: release() },
  { rule: 'K8S-HELM-003', name: 'the default namespace (namespace left out)', fail: release({ namespace: undefined }), pass: release() },
  ...badValues('K8S-HELM-003', 'a system namespace:', Object.fromEntries(['default', 'kube-system', 'kube-public', 'kube-node-lease'].map((n) => [n, release({ namespace: n })])), release({ namespace: 'platform' })),
  { rule: 'K8S-HELM-004', name: 'a chart repository over plain HTTP', fail: release({ repository: 'http://charts.example.com' }), pass: release({ repository: 'oci://registry.example.com/charts' }) },
  { rule: 'K8S-HELM-004', name: 'a chart repository over plain HTTP (upper case scheme)', fail: release({ repository: 'HTTP://charts.example.com' }), pass: release() },
  { rule: 'K8S-HELM-004', name: 'a chart archive URL over plain HTTP', fail: release({ repository: undefined, chart: 'http://charts.example.com/app-1.0.0.tgz', version: undefined }), pass: release({ repository: undefined, chart: 'https://charts.example.com/app-1.0.0.tgz', version: undefined }) },
  { rule: 'K8S-HELM-005', name: 'helm creates the namespace (unset is false)', fail: release({ createNamespace: true }), pass: release({ createNamespace: undefined }) },
  { rule: 'K8S-HELM-006', name: 'no history limit (unset keeps every revision)', fail: release({ maxHistory: undefined }), pass: release(), message: /max_history is not set/ },
  { rule: 'K8S-HELM-006', name: 'max_history 0 (unlimited)', fail: release({ maxHistory: 0 }), pass: release({ maxHistory: 1 }) },
  ...badValues(
    'K8S-SEC-001',
    'a literal credential in a Secret:',
    {
      PASSWORD: secret(() => ({ ADMIN_PASSWORD: 'hunter2' })),
      passwd: secret(() => ({ db_passwd: 'hunter2' })),
      TOKEN: secret(() => ({ LICENSE_TOKEN: 'eyJhbGciOi' })),
      PRIVATE_KEY: secret(() => ({ ENCRYPTION_RSA_PRIVATE_KEY: 'LS0tLS1CRUdJTiBSU0E' })),
      'api-key': secret(() => ({ 'api-key': 'abc123' })),
      secret: secret(() => ({ client_secret: 'abc123' })),
      credentials: secret(() => ({ 'credentials.json': '{"type":"service_account"}' })),
    },
    secret((s) => ({ ADMIN_PASSWORD: variable(s, 'admin_password'), LICENSE_TOKEN: variable(s, 'license'), ADMIN_USERNAME: 'admin', LICENSE_TYPE: 'jwt', EMPTY_PASSWORD: '' })),
    /is a literal/,
  ),
  {
    rule: 'K8S-SEC-001',
    name: 'a literal credential in binary_data of the legacy Secret type',
    fail: (s) => new Secret(s, 'secret', { metadata: { name: 's', namespace: 'app' }, binaryData: { 'tls.key': 'LS0tLS1CRUdJTg==' } }),
    pass: (s) => new Secret(s, 'secret', { metadata: { name: 's', namespace: 'app' }, binaryData: { 'tls.key': variable(s, 'key') } }),
    message: /binary_data\.tls\.key/,
  },
  {
    rule: 'K8S-SEC-001',
    name: 'a literal set_sensitive value and repository password of a Helm release',
    fail: release({ setSensitive: [{ name: 'auth.password', value: 'hunter2' }], repositoryUsername: 'ci', repositoryPassword: 'hunter2' }),
    pass: (s) => new Release(s, 'release', merge(GOOD_RELEASE, { setSensitive: [{ name: 'auth.password', value: variable(s, 'password') }], repositoryUsername: 'ci', repositoryPassword: variable(s, 'repo_password') })),
    message: /set_sensitive auth\.password is a literal/,
  },
  { rule: 'K8S-SEC-002', name: 'a service account token Secret (unset type is Opaque)', fail: secret(() => ({}), { type: 'kubernetes.io/service-account-token' }), pass: secret(() => ({}), { type: undefined }), message: /never expires/ },
  {
    rule: 'K8S-OBJ-001',
    name: 'a Secret without a namespace (unset)',
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
  { rule: 'K8S-NS-001', name: 'a namespace without labels (unset)', fail: ns(), pass: ns({ 'pod-security.kubernetes.io/enforce': 'restricted' }), message: /no pod-security/ },
  { rule: 'K8S-NS-001', name: 'a namespace that only warns and audits', fail: ns({ 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted' }), pass: ns({ 'pod-security.kubernetes.io/enforce': 'baseline' }), message: /no pod-security/ },
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
