import { Release } from '@cdktf/provider-helm/lib/release';
import { Fn, ITerraformDependable, TerraformLocal, Token } from 'cdktf';
import { Construct } from 'constructs';
import { escapeTemplateLiterals } from '../core/document';
import { checkInt, checkKubernetesName, checkPattern } from '../core/validation';
import { AppNamespace } from './namespace';
import { pinnedRelease } from './release';
import { checkChartVersion } from './values';

/** Where an app's chart comes from. */
export interface HelmChartRef {
  /** Chart name in the repository (or a local path). */
  readonly chart: string;
  /** Repository URL (https or oci). @default none: `chart` is a local path */
  readonly repository?: string;
  /** Exact chart version. */
  readonly version: string;
  /**
   * For a local chart (no `repository`): what to do when the folder is not there, e.g. the command that fetches it.
   * Synth never needs the chart; with this set, Terraform checks at plan time that `<chart>/Chart.yaml` exists and
   * stops with this text (a precondition of the release) instead of helm's error.
   * @default none: no check
   */
  readonly missingHint?: string;
}

/** Properties of {@link AppRelease}. */
export interface AppReleaseProps {
  /** Release name. */
  readonly name: string;
  /** The app's chart: repository, name and pinned version. */
  readonly chart: HelmChartRef;
  /** Namespace the release is installed in. */
  readonly namespace: AppNamespace;
  /** The values document, published as a local value (possibly in another stack). */
  readonly values: TerraformLocal;
  /** What the release must be installed after and uninstalled before: cluster, Secrets, ingress, cert-manager. */
  readonly dependsOn: readonly ITerraformDependable[];
  /** Seconds to wait for the release to become ready. @default 1200 */
  readonly timeoutSeconds?: number;
}

/** The app's Helm release: pinned chart, atomic (a failed upgrade rolls back), waits for readiness. */
export class AppRelease extends Construct {
  /** The `helm_release` resource. */
  public readonly release: Release;

  public constructor(scope: Construct, id: string, props: AppReleaseProps) {
    super(scope, id);
    checkKubernetesName(this, 'name', props.name);
    checkChartVersion(this, 'chart.version', props.chart.version);
    if (props.chart.repository !== undefined) {
      checkPattern(this, 'chart.repository', props.chart.repository, /^(https|oci):\/\/[^\s]+$/, 'an https:// or oci:// chart repository URL');
    }
    const timeout = checkInt(this, 'timeoutSeconds', props.timeoutSeconds ?? 1200, 60, 7200);
    this.release = pinnedRelease(this, 'release', {
      name: props.name,
      namespace: props.namespace.name,
      repository: props.chart.repository,
      chart: props.chart.chart,
      version: props.chart.version,
      timeout,
      values: [Fn.yamlencode(props.values.expression)],
      dependsOn: props.dependsOn,
    });
    if (props.chart.repository === undefined && props.chart.missingHint !== undefined) {
      const chartFile = `${props.chart.chart.replace(/\/+$/, '')}/Chart.yaml`;
      this.release.addOverride('lifecycle.precondition', [
        { condition: Fn.fileexists(Token.isUnresolved(chartFile) ? chartFile : Fn.rawString(chartFile)), error_message: escapeTemplateLiterals(`No Helm chart at ${props.chart.chart} (${chartFile} is missing): ${props.chart.missingHint}`) },
      ]);
    }
  }
}
