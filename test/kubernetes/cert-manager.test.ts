import * as fs from 'fs';
import * as path from 'path';
import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import Ajv from 'ajv';
import { TerraformStack } from 'cdktf';
import { packageRoot } from '../../lib/core/package-root';
import {
  CERT_MANAGER_CHART_REPOSITORY,
  CERT_MANAGER_CHART_VERSION,
  CLUSTER_ISSUERS_CHART_DIR,
  CertManager,
  CertManagerProps,
  LETSENCRYPT_ISSUERS,
} from '../../lib/kubernetes/cert-manager';
import { Synthesized, only, resources, synth, testApp } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';

function make(over: Partial<CertManagerProps> = {}) {
  const stack = new TerraformStack(testApp(), 'test');
  const cluster = new StringResource(stack, 'cluster', { length: 4 });
  const cm = new CertManager(stack, 'cm', { email: 'ops@example.com', ingressClassName: 'traefik', dependsOn: [cluster], ...over });
  const json = synth(stack);
  const releases = Object.values(resources(json, 'helm_release'));
  const byName = (name: string) => {
    const r = releases.filter((x: any) => x.name === name);
    expect(r).toHaveLength(1);
    return r[0];
  };
  return { json, cm, releases, main: byName('cert-manager'), issuers: byName('cluster-issuers') };
}

/** The local value a release's values refer to. */
function valuesOf(json: Synthesized, release: any): any {
  expect(release.values).toHaveLength(1);
  const m = /^\$\{yamlencode\(local\.([^)]+)\)\}$/.exec(release.values[0]);
  expect(m).not.toBeNull();
  return json.locals![m![1]!];
}

describe('CertManager', () => {
  test('two releases only', () => {
    const { releases } = make();
    expect(releases).toHaveLength(2);
  });

  test('cert-manager from the pinned chart: atomic, waits (for jobs too), in its namespace, after the cluster', () => {
    const { json, main } = make();
    const [nsKey] = Object.keys(resources(json, 'kubernetes_namespace_v1'));
    expect(main).toMatchObject({
      chart: 'cert-manager',
      repository: CERT_MANAGER_CHART_REPOSITORY,
      version: CERT_MANAGER_CHART_VERSION,
      namespace: `\${kubernetes_namespace_v1.${nsKey}.metadata[0].name}`,
      atomic: true,
      cleanup_on_fail: true,
      wait: true,
      wait_for_jobs: true,
      timeout: 900,
      max_history: 10,
      depends_on: ['random_string.cluster'],
    });
    expect(CERT_MANAGER_CHART_REPOSITORY).toBe('https://charts.jetstack.io');
    expect(CERT_MANAGER_CHART_VERSION).toMatch(/^v\d+\.\d+\.\d+$/);
  });

  test('values: CRDs installed and kept, leader election in its own namespace, replicas and PDBs everywhere', () => {
    const { json, main, cm } = make();
    const v = valuesOf(json, main);
    expect(v).toEqual(cm.values);
    expect(v.crds).toEqual({ enabled: true, keep: true });
    expect(v.global.leaderElection.namespace).toBe('cert-manager');
    for (const part of [v, v.webhook, v.cainjector]) {
      expect(part.replicaCount).toBe(2);
      expect(part.podDisruptionBudget).toEqual({ enabled: true, maxUnavailable: 1 });
      expect(part.resources.requests).toEqual({ cpu: '100m', memory: '256Mi' });
    }
    expect(v.startupapicheck.resources.requests).toBeDefined();
  });

  test('one replica: no PDB', () => {
    const { json, main } = make({ replicas: 1 });
    const v = valuesOf(json, main);
    expect(v.replicaCount).toBe(1);
    expect(v.podDisruptionBudget.enabled).toBe(false);
    expect(v.webhook.podDisruptionBudget.enabled).toBe(false);
  });

  test('a namespace of its own: restricted Pod Security, after the cluster; leader election follows it', () => {
    const { json, main } = make({ namespace: 'certs' });
    const ns = only(json, 'kubernetes_namespace_v1');
    expect(ns.metadata.name).toBe('certs');
    expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(ns.depends_on).toEqual(['random_string.cluster']);
    expect(valuesOf(json, main).global.leaderElection.namespace).toBe('certs');
  });

  test('default namespace is cert-manager', () => {
    const { json } = make();
    expect(only(json, 'kubernetes_namespace_v1').metadata.name).toBe('cert-manager');
  });

  test('a chart version of its own', () => {
    const { main } = make({ chartVersion: 'v1.19.0' });
    expect(main.version).toBe('v1.19.0');
  });

  test('both Let\'s Encrypt ClusterIssuers by default, with the ACME servers, e-mail and ingress class', () => {
    const { json, issuers, cm } = make();
    expect(cm.issuerNames).toEqual(['letsencrypt-prod', 'letsencrypt-staging']);
    expect(valuesOf(json, issuers)).toEqual({
      issuers: [
        {
          name: 'letsencrypt-prod',
          server: 'https://acme-v02.api.letsencrypt.org/directory',
          email: 'ops@example.com',
          privateKeySecretName: 'letsencrypt-prod-account-key',
          ingressClassName: 'traefik',
        },
        {
          name: 'letsencrypt-staging',
          server: 'https://acme-staging-v02.api.letsencrypt.org/directory',
          email: 'ops@example.com',
          privateKeySecretName: 'letsencrypt-staging-account-key',
          ingressClassName: 'traefik',
        },
      ],
    });
    expect(LETSENCRYPT_ISSUERS['letsencrypt-prod']).toBe('https://acme-v02.api.letsencrypt.org/directory');
  });

  test('only the issuers asked for', () => {
    const { json, issuers } = make({ issuers: ['letsencrypt-staging'] });
    expect(valuesOf(json, issuers).issuers.map((i: any) => i.name)).toEqual(['letsencrypt-staging']);
  });

  test('the issuer values satisfy the local chart\'s values.schema.json', () => {
    const { json, issuers } = make();
    const schema = JSON.parse(fs.readFileSync(path.join(CLUSTER_ISSUERS_CHART_DIR, 'values.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(valuesOf(json, issuers))).toBe(true);
    expect(validate({ issuers: [{ name: 'x' }] })).toBe(false);
  });

  test('the issuers release installs the local chart after cert-manager (and the cluster), in the same namespace', () => {
    const { json, main, issuers } = make();
    const [mainKey] = Object.entries(resources(json, 'helm_release')).find(([, r]) => r === main)!;
    expect(issuers.depends_on).toEqual([`helm_release.${mainKey}`, 'random_string.cluster']);
    expect(issuers.namespace).toBe(main.namespace);
    expect(issuers).toMatchObject({ atomic: true, cleanup_on_fail: true, wait: true, timeout: 300, max_history: 10 });
    expect(issuers.repository).toBeUndefined();
    expect(issuers.version).toBeUndefined();
    expect(issuers.chart).toMatch(/^assets\/[^/]+\/[0-9A-F]+$/);
  });

  test('the local chart ships with the package', () => {
    expect(CLUSTER_ISSUERS_CHART_DIR).toBe(path.join(packageRoot(), 'lib', 'kubernetes', 'charts', 'cluster-issuers'));
    for (const f of ['Chart.yaml', 'values.yaml', 'values.schema.json', 'templates/cluster-issuers.yaml']) {
      expect(fs.existsSync(path.join(CLUSTER_ISSUERS_CHART_DIR, f))).toBe(true);
    }
  });

  test('rejects a bad e-mail', () => expectValidationError(() => make({ email: 'not-an-email' }), 'email', 'not-an-email'));
  test('rejects a bad ingress class', () => expectValidationError(() => make({ ingressClassName: 'Bad_Class' }), 'ingressClassName', 'Bad_Class'));
  test('rejects a chart version range', () => expectValidationError(() => make({ chartVersion: '^1.21.0' }), 'chartVersion', '^1.21.0'));
  test('rejects "latest" as chart version', () => expectValidationError(() => make({ chartVersion: 'latest' }), 'chartVersion', 'latest'));
  test('rejects zero replicas', () => expectValidationError(() => make({ replicas: 0 }), 'replicas', 0));
  test('rejects more than five replicas', () => expectValidationError(() => make({ replicas: 6 }), 'replicas', 6));
  test('rejects an empty issuer list', () => expectValidationError(() => make({ issuers: [] }), 'issuers', []));
  test('rejects an unknown issuer name', () => expectValidationError(() => make({ issuers: ['letsencrypt-dev' as any] }), 'issuers[0]', 'letsencrypt-dev'));
  test('rejects a duplicate issuer', () =>
    expectValidationError(() => make({ issuers: ['letsencrypt-prod', 'letsencrypt-prod'] }), 'issuers[1]', 'letsencrypt-prod'));
  test('rejects a bad namespace', () => expectValidationError(() => make({ namespace: 'kube-certs' }), 'name', 'kube-certs'));
});
