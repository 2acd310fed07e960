import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { TerraformStack } from 'cdktf';
import { PublicEntryPoint } from '../../../lib/core/entry-point';
import { INGRESS_NGINX_CHART_REPOSITORY, INGRESS_NGINX_CHART_VERSION, INGRESS_NGINX_WEBHOOK_PORT, IngressNginxController } from '../../../lib/kubernetes/ingress/ingress-nginx';
import { INGRESS_CONTROLLER_DEFAULTS, IngressControllerProps } from '../../../lib/kubernetes/ingress/types';
import { Synthesized, only, resources, synth, testApp } from '../../support/synth';
import { expectValidationError } from '../../support/validation-matchers';

const annotations = { 'service.beta.kubernetes.io/azure-pip-name': 'pip-ingress' };

function make(over: Partial<IngressControllerProps> = {}, entry: Partial<PublicEntryPoint> = {}) {
  const app = testApp();
  const infra = new TerraformStack(app, 'infra');
  const stack = new TerraformStack(app, 'test');
  const cluster = new StringResource(stack, 'cluster', { length: 4 });
  const roleHere = new StringResource(stack, 'role_here', { length: 4 });
  const roleThere = new StringResource(infra, 'role_there', { length: 4 });
  const entryPoint: PublicEntryPoint = { ipAddress: '20.1.2.3', serviceAnnotations: annotations, dependables: [roleHere, roleThere], ...entry };
  const controller = new IngressNginxController(stack, 'nginx', { entryPoint, dependsOn: [cluster], ...over });
  const json = synth(stack);
  return { json, controller, release: only(json, 'helm_release') };
}

function valuesOf(json: Synthesized, release: any): any {
  const m = /^\$\{yamlencode\(local\.([^)]+)\)\}$/.exec(release.values[0]);
  expect(m).not.toBeNull();
  return json.locals![m![1]!];
}

describe('IngressNginxController', () => {
  test('the admission webhook listens on 10250, which private GKE control planes may reach (8443 they may not)', () => {
    const { json, release } = make();
    expect(INGRESS_NGINX_WEBHOOK_PORT).toBe(10250);
    expect(valuesOf(json, release).controller.admissionWebhooks).toEqual({ port: 10250 });
  });

  test('the pinned chart: atomic, waits, in the ingress-nginx namespace', () => {
    const { json, release } = make();
    const [nsKey] = Object.keys(resources(json, 'kubernetes_namespace_v1'));
    expect(release).toMatchObject({
      name: 'ingress-nginx',
      chart: 'ingress-nginx',
      repository: INGRESS_NGINX_CHART_REPOSITORY,
      version: INGRESS_NGINX_CHART_VERSION,
      namespace: `\${kubernetes_namespace_v1.${nsKey}.metadata[0].name}`,
      atomic: true,
      cleanup_on_fail: true,
      wait: true,
      timeout: 600,
      max_history: 10,
    });
    expect(only(json, 'kubernetes_namespace_v1').metadata.name).toBe('ingress-nginx');
    expect(INGRESS_NGINX_CHART_REPOSITORY).toBe('https://kubernetes.github.io/ingress-nginx');
  });

  test("depends on the connection's dependables and the entry point's, only those in its own stack", () => {
    const { json, release } = make();
    expect(release.depends_on).toEqual(['random_string.cluster', 'random_string.role_here']);
    expect(only(json, 'kubernetes_namespace_v1').depends_on).toEqual(['random_string.cluster']);
  });

  test('values: the LoadBalancer Service takes the entry point annotations and keeps client addresses', () => {
    const { json, release, controller } = make();
    const v = valuesOf(json, release);
    expect(v).toEqual(controller.values);
    expect(v.controller.service).toEqual({ annotations, externalTrafficPolicy: 'Local' });
  });

  test('values: loadBalancerIP when the entry point gives one', () => {
    const { json, release } = make({}, { loadBalancerIp: '20.1.2.3' });
    expect(valuesOf(json, release).controller.service.loadBalancerIP).toBe('20.1.2.3');
  });

  test('values: its own, non-default IngressClass, published Service address, RBAC', () => {
    const { json, release } = make();
    const v = valuesOf(json, release);
    expect(v.controller.ingressClass).toBe('nginx');
    expect(v.controller.ingressClassResource).toEqual({ enabled: true, default: false, name: 'nginx' });
    expect(v.controller.publishService).toEqual({ enabled: true });
    expect(v.rbac).toEqual({ create: true });
  });

  test('values: two replicas, at least one always available', () => {
    const { json, release } = make();
    const v = valuesOf(json, release);
    expect(v.controller.replicaCount).toBe(2);
    expect(v.controller.minAvailable).toBe(1);
  });

  test('class name, namespace, replicas and chart version of its own', () => {
    const { json, release, controller } = make({ className: 'public', namespace: 'edge', replicas: 4, chartVersion: '4.14.0' });
    const v = valuesOf(json, release);
    expect(controller.className).toBe('public');
    expect(v.controller.ingressClass).toBe('public');
    expect(v.controller.ingressClassResource.name).toBe('public');
    expect(v.controller.replicaCount).toBe(4);
    expect(release.version).toBe('4.14.0');
    expect(only(json, 'kubernetes_namespace_v1').metadata.name).toBe('edge');
  });

  test('apps get the class name and the SSL-redirect annotation', () => {
    const { controller } = make();
    expect(controller.className).toBe('nginx');
    expect(controller.ingressAnnotations).toEqual({ 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' });
    expect(controller.ingressAnnotations).toEqual(INGRESS_CONTROLLER_DEFAULTS['ingress-nginx'].appAnnotations);
  });

  test('rejects a bad class name', () => expectValidationError(() => make({ className: 'Nginx!' }), 'className', 'Nginx!'));
  test('rejects zero replicas', () => expectValidationError(() => make({ replicas: 0 }), 'replicas', 0));
  test('rejects more than 20 replicas', () => expectValidationError(() => make({ replicas: 21 }), 'replicas', 21));
  test('rejects a chart version range', () => expectValidationError(() => make({ chartVersion: '4.x' }), 'chartVersion', '4.x'));
  test('rejects a bad namespace', () => expectValidationError(() => make({ namespace: 'Ingress' }), 'name', 'Ingress'));
});
