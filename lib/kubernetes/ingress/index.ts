/**
 * Ingress controllers installed from their pinned charts on a public entry point: Traefik (maintained, the default)
 * and ingress-nginx. They need the helm provider ({@link KubernetesProviders}).
 *
 * @packageDocumentation
 */
import { Construct } from 'constructs';
import { IngressNginxController } from './ingress-nginx';
import { TraefikIngressController } from './traefik';
import { IngressController, IngressControllerKind, IngressControllerProps } from './types';

export * from './ingress-nginx';
export * from './traefik';
export * from './types';

/** Installs the chosen ingress controller. */
export function createIngressController(scope: Construct, id: string, kind: IngressControllerKind, props: IngressControllerProps): IngressController {
  switch (kind) {
    case 'traefik':
      return new TraefikIngressController(scope, id, props);
    case 'ingress-nginx':
      return new IngressNginxController(scope, id, props);
  }
}
export * from './install';
