import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { TerraformStack } from 'cdktf';
import { PublicEntryPoint } from '../../../lib/core/entry-point';
import { INGRESS_CONTROLLER_DEFAULTS, IngressControllerProps } from '../../../lib/kubernetes/ingress/types';
import { TRAEFIK_CHART_REPOSITORY, TRAEFIK_CHART_VERSION, TraefikIngressController } from '../../../lib/kubernetes/ingress/traefik';
import { Synthesized, only, resources, synth, testApp } from '../../support/synth';
import { expectValidationError } from '../../support/validation-matchers';

const annotations = {
  'service.beta.kubernetes.io/azure-load-balancer-resource-group': 'rg-net',
  'service.beta.kubernetes.io/azure-pip-name': 'pip-ingress',
};

function make(over: Partial<IngressControllerProps> = {}, entry: Partial<PublicEntryPoint> = {}) {
  const app = testApp();
  const infra = new TerraformStack(app, 'infra');
  const stack = new TerraformStack(app, 'test');
  const cluster = new StringResource(stack, 'cluster', { length: 4 });
  const roleHere = new StringResource(stack, 'role_here', { length: 4 });
  const roleThere = new StringResource(infra, 'role_there', { length: 4 });
  const entryPoint: PublicEntryPoint = { ipAddress: '20.1.2.3', serviceAnnotations: annotations, dependables: [roleThere, roleHere], ...entry };
  const controller = new TraefikIngressController(stack, 'traefik', { entryPoint, dependsOn: [cluster], ...over });
  const json = synth(stack);
  return { json, controller, release: only(json, 'helm_release') };
}

function valuesOf(json: Synthesized, release: any): any {
  const m = /^\$\{yamlencode\(local\.([^)]+)\)\}$/.exec(release.values[0]);
  expect(m).not.toBeNull();
  return json.locals![m![1]!];
}

describe('TraefikIngressController', () => {
  test('the pinned chart: atomic, waits, in the traefik namespace', () => {
    const { json, release } = make();
    const ns = only(json, 'kubernetes_namespace_v1');
    const [nsKey] = Object.keys(resources(json, 'kubernetes_namespace_v1'));
    expect(release).toMatchObject({
      name: 'traefik',
      chart: 'traefik',
      repository: TRAEFIK_CHART_REPOSITORY,
      version: TRAEFIK_CHART_VERSION,
      namespace: `\${kubernetes_namespace_v1.${nsKey}.metadata[0].name}`,
      atomic: true,
      cleanup_on_fail: true,
      wait: true,
      timeout: 600,
      max_history: 10,
    });
    expect(release.values).toHaveLength(1);
    expect(ns.metadata.name).toBe('traefik');
    expect(TRAEFIK_CHART_REPOSITORY).toBe('https://traefik.github.io/charts');
  });

  test("depends on the connection's dependables and the entry point's, only those in its own stack", () => {
    const { json, release } = make();
    expect(release.depends_on).toEqual(['random_string.cluster', 'random_string.role_here']);
    expect(only(json, 'kubernetes_namespace_v1').depends_on).toEqual(['random_string.cluster']);
  });

  test('an entry point without dependables: only the connection', () => {
    const { release } = make({}, { dependables: undefined });
    expect(release.depends_on).toEqual(['random_string.cluster']);
  });

  test('values: the LoadBalancer Service takes the entry point annotations and keeps client addresses', () => {
    const { json, release, controller } = make();
    const v = valuesOf(json, release);
    expect(v).toEqual(controller.values);
    expect(v.service).toEqual({ annotations, spec: { externalTrafficPolicy: 'Local' } });
  });

  test('values: loadBalancerIP when the entry point gives one', () => {
    const { json, release } = make({}, { loadBalancerIp: '20.1.2.3' });
    expect(valuesOf(json, release).service.spec).toEqual({ externalTrafficPolicy: 'Local', loadBalancerIP: '20.1.2.3' });
  });

  test('values: its own, non-default IngressClass, watched by the Ingress provider which publishes the Service address', () => {
    const { json, release } = make();
    const v = valuesOf(json, release);
    expect(v.ingressClass).toEqual({ enabled: true, isDefaultClass: false, name: 'traefik' });
    expect(v.providers.kubernetesIngress).toEqual({ enabled: true, ingressClass: 'traefik', publishedService: { enabled: true } });
  });

  test('values: plain HTTP is permanently redirected to HTTPS', () => {
    const { json, release } = make();
    expect(valuesOf(json, release).ports.web).toEqual({ http: { redirections: { entryPoint: { to: 'websecure', scheme: 'https', permanent: true } } } });
  });

  test('values: two replicas with a PDB by default', () => {
    const { json, release } = make();
    const v = valuesOf(json, release);
    expect(v.deployment).toEqual({ replicas: 2 });
    expect(v.podDisruptionBudget).toEqual({ enabled: true, maxUnavailable: 1 });
  });

  test('one replica: no PDB', () => {
    const { json, release } = make({ replicas: 1 });
    const v = valuesOf(json, release);
    expect(v.deployment.replicas).toBe(1);
    expect(v.podDisruptionBudget.enabled).toBe(false);
  });

  test('class name, namespace, replicas and chart version of its own', () => {
    const { json, release, controller } = make({ className: 'public', namespace: 'edge', replicas: 3, chartVersion: '40.0.0' });
    const v = valuesOf(json, release);
    expect(controller.className).toBe('public');
    expect(v.ingressClass.name).toBe('public');
    expect(v.providers.kubernetesIngress.ingressClass).toBe('public');
    expect(v.deployment.replicas).toBe(3);
    expect(release.version).toBe('40.0.0');
    expect(only(json, 'kubernetes_namespace_v1').metadata.name).toBe('edge');
  });

  test('apps get the class name and the HTTPS-only annotations', () => {
    const { controller } = make();
    expect(controller.className).toBe('traefik');
    expect(controller.ingressAnnotations).toEqual({
      'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure',
      'traefik.ingress.kubernetes.io/router.tls': 'true',
    });
    expect(controller.ingressAnnotations).toEqual(INGRESS_CONTROLLER_DEFAULTS.traefik.appAnnotations);
    expect(controller.release.terraformResourceType).toBe('helm_release');
  });

  test('rejects a bad class name', () => expectValidationError(() => make({ className: 'Bad_Class' }), 'className', 'Bad_Class'));
  test('rejects zero replicas', () => expectValidationError(() => make({ replicas: 0 }), 'replicas', 0));
  test('rejects more than 20 replicas', () => expectValidationError(() => make({ replicas: 21 }), 'replicas', 21));
  test('rejects a chart version range', () => expectValidationError(() => make({ chartVersion: '~41.3.0' }), 'chartVersion', '~41.3.0'));
  test('rejects a bad namespace', () => expectValidationError(() => make({ namespace: 'kube-ingress' }), 'name', 'kube-ingress'));
});
