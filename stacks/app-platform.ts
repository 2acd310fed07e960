import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { AppProfile, RenderedApp } from '../lib/apps/profile';
import { AppNamespace } from '../lib/kubernetes/namespace';

/** What a platform stack reads of its infra stack's app. */
export interface InfraApp<C> {
  readonly app: AppProfile<C>;
  readonly appConfig: C;
  readonly rendered: RenderedApp;
}

/**
 * The app's own in-cluster pieces that must exist before its release (its profile's `platform` hook), built in the
 * platform stack after the namespace and Secrets; the release waits for what this returns.
 */
export function appReleaseDependencies<C>(scope: Construct, infra: InfraApp<C>, namespace: AppNamespace, dependsOn: readonly ITerraformDependable[]): readonly ITerraformDependable[] {
  if (infra.app.platform === undefined) return [];
  return infra.app.platform(scope, { config: infra.appConfig, namespace, rendered: infra.rendered, dependsOn });
}
