import { TerraformStack } from 'cdktf';
import {
  INGRESS_CONTROLLER_DEFAULTS,
  IngressControllerKind,
  IngressNginxController,
  TraefikIngressController,
  createIngressController,
} from '../../../lib/kubernetes/ingress';
import { only, synth, testApp } from '../../support/synth';
import { expectValidationError } from '../../support/validation-matchers';

const entryPoint = { ipAddress: '20.1.2.3', serviceAnnotations: { a: 'b' } };

function make(kind: IngressControllerKind, className?: string) {
  const stack = new TerraformStack(testApp(), 'test');
  const controller = createIngressController(stack, 'ingress', kind, { entryPoint, dependsOn: [], className });
  return { stack, controller };
}

describe('createIngressController', () => {
  test('traefik installs Traefik', () => {
    const { stack, controller } = make('traefik');
    expect(controller).toBeInstanceOf(TraefikIngressController);
    expect(controller.className).toBe('traefik');
    expect(only(synth(stack), 'helm_release').chart).toBe('traefik');
  });

  test('ingress-nginx installs ingress-nginx', () => {
    const { stack, controller } = make('ingress-nginx');
    expect(controller).toBeInstanceOf(IngressNginxController);
    expect(controller.className).toBe('nginx');
    expect(only(synth(stack), 'helm_release').chart).toBe('ingress-nginx');
  });

  test.each(['traefik', 'ingress-nginx'] as const)('%s: the props are passed on', (kind) => {
    const { controller } = make(kind, 'public');
    expect(controller.className).toBe('public');
    expect(controller.ingressAnnotations).toEqual(INGRESS_CONTROLLER_DEFAULTS[kind].appAnnotations);
  });

  test('defaults name each controller\'s class and namespace', () => {
    expect(INGRESS_CONTROLLER_DEFAULTS.traefik).toMatchObject({ className: 'traefik', namespace: 'traefik' });
    expect(INGRESS_CONTROLLER_DEFAULTS['ingress-nginx']).toMatchObject({ className: 'nginx', namespace: 'ingress-nginx' });
  });

  test('rejects a bad class name, whichever the kind', () => expectValidationError(() => make('ingress-nginx', 'Bad_Class'), 'className', 'Bad_Class'));
});
