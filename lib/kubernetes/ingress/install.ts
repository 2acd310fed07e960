import { Release } from '@cdktf/provider-helm/lib/release';
import { Construct } from 'constructs';
import { dependablesInStack } from '../../core/dependencies';
import { DocumentObject } from '../../core/document';
import { checkInt, checkKubernetesName } from '../../core/validation';
import { AppNamespace } from '../namespace';
import { pinnedRelease } from '../release';
import { checkChartVersion, helmValues } from '../values';
import { INGRESS_CONTROLLER_DEFAULTS, IngressControllerKind, IngressControllerProps } from './types';

/** Where a controller's chart comes from. */
export interface ControllerChart {
  /** Name of the Helm release. */
  readonly releaseName: string;
  /** Chart name in the repository. */
  readonly chart: string;
  /** Helm repository URL. */
  readonly repository: string;
  /** Chart version used when the props name none. */
  readonly defaultVersion: string;
}

/** What a controller's values are made from. */
export interface ControllerSettings {
  /** IngressClass the controller serves. */
  readonly className: string;
  /** Replicas of the controller. */
  readonly replicas: number;
}

/**
 * The part every controller shares: checks, its namespace, and the pinned release, created after the cluster (and
 * the entry point's prerequisites in the same stack) and destroyed before them.
 */
export function installIngressController(
  scope: Construct,
  kind: IngressControllerKind,
  props: IngressControllerProps,
  chart: ControllerChart,
  values: (settings: ControllerSettings) => DocumentObject,
): { className: string; values: DocumentObject; release: Release; namespace: AppNamespace; ingressAnnotations: { readonly [key: string]: string } } {
  const defaults = INGRESS_CONTROLLER_DEFAULTS[kind];
  const className = checkKubernetesName(scope, 'className', props.className ?? defaults.className);
  const replicas = checkInt(scope, 'replicas', props.replicas ?? 2, 1, 20);
  const version = checkChartVersion(scope, 'chartVersion', props.chartVersion ?? chart.defaultVersion);
  const ns = new AppNamespace(scope, 'namespace', { name: props.namespace ?? defaults.namespace, dependsOn: props.dependsOn });
  const document = values({ className, replicas });
  const release = pinnedRelease(scope, 'release', {
    name: chart.releaseName,
    namespace: ns.name,
    repository: chart.repository,
    chart: chart.chart,
    version,
    timeout: 600,
    values: helmValues(scope, 'values', document),
    dependsOn: [...props.dependsOn, ...dependablesInStack(scope, props.entryPoint.dependables)],
  });
  return { className, values: document, release, namespace: ns, ingressAnnotations: defaults.appAnnotations };
}
