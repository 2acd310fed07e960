import { PolicyResource, PolicyRule } from '../types';
import { at, block, bool, isUnknown, num, str } from '../values';

const HELM = 'helm_release';
const NAMESPACES = ['kubernetes_namespace', 'kubernetes_namespace_v1'];
const SECRETS = ['kubernetes_secret', 'kubernetes_secret_v1'];

/** Keys of a Secret (or Helm value paths) whose value is a credential. */
const CREDENTIAL_KEY = /passw(or)?d|passphrase|secret|token|private[_.-]?key|api[_.-]?key|credential|(^|\.)key$/i;

/** The literal (known at synth time), non-empty string values of a map argument whose keys name a credential. */
function literalCredentials(map: unknown): string[] {
  const m = block(map);
  if (m === undefined || typeof map === 'string') return []; // absent, or a whole map only known at apply time
  return Object.entries(m)
    .filter(([key, value]) => CREDENTIAL_KEY.test(key) && typeof value === 'string' && value !== '' && !isUnknown(value))
    .map(([key]) => key);
}

/** Namespaced object types of the kubernetes provider (v1 and legacy names). */
const NAMESPACED_KINDS = [
  'config_map', 'cron_job', 'daemon_set', 'daemonset', 'deployment', 'endpoints', 'horizontal_pod_autoscaler', 'ingress',
  'job', 'limit_range', 'network_policy', 'persistent_volume_claim', 'pod', 'pod_disruption_budget', 'replication_controller',
  'resource_quota', 'role', 'role_binding', 'secret', 'service', 'service_account', 'stateful_set',
];
const NAMESPACED = NAMESPACED_KINDS.flatMap((k) => [`kubernetes_${k}`, `kubernetes_${k}_v1`]);

/** An exact semantic version (optionally with a leading v): no ranges, no "latest". */
const EXACT_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** A chart that Helm reads from disk (a local chart directory or archive) needs no version. */
function localChart(r: PolicyResource): boolean {
  const chart = str(r.attributes.chart);
  const repo = str(r.attributes.repository);
  if (repo !== undefined) return false;
  return typeof chart === 'string' && chart !== 'unknown' && !chart.startsWith('oci://') && (chart.startsWith('/') || chart.startsWith('.') || chart.includes('/') || chart.endsWith('.tgz'));
}

const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** The policy rules for Kubernetes objects and Helm releases. */
export const KUBERNETES_RULES: readonly PolicyRule[] = [
  {
    id: 'K8S-HELM-001',
    title: 'Helm releases pin an exact chart version',
    resourceTypes: [HELM],
    category: 'supply chain',
    severity: 'high',
    scanners: {},
    fix: 'Set version to an exact chart version such as "1.2.3" (local charts need none).',
    check(r) {
      if (localChart(r)) return undefined;
      const v = str(r.attributes.version);
      if (v === 'unknown') return undefined;
      if (v === undefined || v === '') return `chart ${String(r.attributes.chart)} has no version: every apply may install whatever is latest`;
      return EXACT_VERSION.test(v) ? undefined : `chart version ${v} is not an exact version`;
    },
  },
  {
    id: 'K8S-HELM-002',
    title: 'Helm releases are atomic (a failed install or upgrade rolls back)',
    resourceTypes: [HELM],
    category: 'upgrades',
    severity: 'medium',
    scanners: {},
    fix: 'Set atomic to true (with a timeout long enough for the rollout).',
    check(r) {
      const v = bool(r.attributes.atomic);
      return v === true || v === 'unknown' ? undefined : 'a failed upgrade leaves the release half-applied';
    },
  },
  {
    id: 'K8S-HELM-003',
    title: 'Helm releases install into their own namespace, not default or kube-system',
    resourceTypes: [HELM],
    category: 'namespaces',
    severity: 'medium',
    scanners: { note: 'the counterpart for Kubernetes objects is checkov CKV_K8S_21 (K8S-OBJ-001)' },
    fix: 'Set namespace to a namespace of the app, created with Pod Security labels (kubernetes_namespace_v1).',
    check(r) {
      const ns = str(r.attributes.namespace);
      if (ns === 'unknown') return undefined;
      return ns === undefined || SYSTEM_NAMESPACES.includes(ns) ? `installs into the ${ns ?? 'default'} namespace` : undefined;
    },
  },
  {
    id: 'K8S-HELM-004',
    title: 'Helm charts come from an https or oci repository',
    resourceTypes: [HELM],
    category: 'supply chain',
    severity: 'high',
    scanners: {},
    fix: 'Use the https:// (or oci://) URL of the chart repository (or of the chart archive).',
    check(r) {
      // The chart comes from the repository, or, without one, from a chart archive URL given as the chart itself.
      const source = str(r.attributes.repository) ?? str(r.attributes.chart);
      return typeof source === 'string' && /^http:\/\//i.test(source) ? `the chart is downloaded over plain HTTP from ${source}` : undefined;
    },
  },
  {
    id: 'K8S-HELM-005',
    title: 'Helm does not create namespaces (they are managed, with Pod Security labels)',
    resourceTypes: [HELM],
    category: 'namespaces',
    severity: 'low',
    scanners: {},
    fix: 'Leave create_namespace at false and create the namespace as a kubernetes_namespace_v1 with Pod Security labels.',
    check(r) {
      return bool(r.attributes.create_namespace) === true ? 'create_namespace makes a namespace without Pod Security labels, which Terraform never deletes' : undefined;
    },
  },
  {
    id: 'K8S-HELM-006',
    title: 'Helm releases keep a bounded history',
    resourceTypes: [HELM],
    category: 'upgrades',
    severity: 'low',
    scanners: {},
    fix: 'Set max_history to a small number such as 10 (the helm provider keeps every revision by default).',
    check(r) {
      const v = num(r.attributes.max_history);
      if (v === 'unknown') return undefined;
      return v === undefined || v <= 0
        ? 'max_history is not set: every revision is kept as a Secret in the namespace, each with the full rendered manifests and values, forever'
        : undefined;
    },
  },
  {
    id: 'K8S-SEC-001',
    title: 'No credential is written as a literal into a Kubernetes Secret or a Helm release',
    resourceTypes: [...SECRETS, HELM],
    category: 'identity',
    severity: 'high',
    scanners: { note: 'checkov finds credentials in code by pattern and entropy (its secrets framework, CKV_SECRET_*); this rule checks the arguments that carry credentials into the cluster' },
    fix: 'Take the value from a sensitive variable or from the resource that generates it (random_password, tls_private_key, a database or identity output), so it is only known at apply time and never lands in cdktf.out.',
    check(r) {
      const problems: string[] = [];
      if (r.type === HELM) {
        for (const s of Array.isArray(r.attributes.set_sensitive) ? r.attributes.set_sensitive : [r.attributes.set_sensitive]) {
          const entry = block(s);
          const value = entry?.value;
          if (typeof value === 'string' && value !== '' && !isUnknown(value)) problems.push(`set_sensitive ${String(entry?.name)} is a literal`);
        }
        const password = r.attributes.repository_password;
        if (typeof password === 'string' && password !== '' && !isUnknown(password)) problems.push('repository_password is a literal');
      } else {
        for (const arg of ['data', 'data_wo', 'binary_data', 'binary_data_wo']) {
          for (const key of literalCredentials(r.attributes[arg])) problems.push(`${arg}.${key} is a literal`);
        }
      }
      return problems.map((p) => `${p}: the credential is in the synthesized configuration and in version control`);
    },
  },
  {
    id: 'K8S-SEC-002',
    title: 'No long-lived service account token Secrets',
    resourceTypes: SECRETS,
    category: 'identity',
    severity: 'medium',
    scanners: {},
    fix: 'Let pods use projected, expiring service account tokens (the default); for a client outside the cluster use its workload identity or kubectl create token.',
    check(r) {
      return str(r.attributes.type) === 'kubernetes.io/service-account-token'
        ? 'a kubernetes.io/service-account-token Secret holds a token that never expires'
        : undefined;
    },
  },
  {
    id: 'K8S-OBJ-001',
    title: 'Kubernetes objects are not created in the default namespace',
    resourceTypes: NAMESPACED,
    category: 'namespaces',
    severity: 'medium',
    scanners: { checkov: ['CKV_K8S_21'] },
    fix: 'Set metadata.namespace to a namespace of the app.',
    check(r) {
      const ns = str(at(r.attributes, 'metadata.namespace'));
      if (ns === 'unknown') return undefined;
      return ns === undefined || ns === 'default' ? 'the object lives in the default namespace' : undefined;
    },
  },
  {
    id: 'K8S-NS-001',
    title: 'Namespaces enforce a Pod Security Standard (baseline or restricted)',
    resourceTypes: NAMESPACES,
    category: 'namespaces',
    severity: 'medium',
    scanners: {},
    fix: 'Label the namespace pod-security.kubernetes.io/enforce: baseline (or restricted).',
    check(r) {
      const labels = at(r.attributes, 'metadata.labels');
      if (typeof labels === 'string') return undefined; // a whole map only known at apply time
      const level = str((labels as Record<string, unknown> | undefined)?.['pod-security.kubernetes.io/enforce']);
      if (level === 'unknown') return undefined;
      if (level === undefined) return 'no pod-security.kubernetes.io/enforce label: any pod, privileged included, is admitted';
      return level === 'baseline' || level === 'restricted' ? undefined : `enforces the ${level} Pod Security Standard`;
    },
  },
];
