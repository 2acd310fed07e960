import { Release } from '@cdktf/provider-helm/lib/release';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

/** Properties of {@link pinnedRelease}. */
export interface PinnedReleaseProps {
  /** Release name. */
  readonly name: string;
  /** Namespace the release is installed in. */
  readonly namespace: string;
  /** Chart name in the repository, or a local path. */
  readonly chart: string;
  /** Repository URL. @default none (local chart) */
  readonly repository?: string;
  /** Exact chart version. @default none (local chart) */
  readonly version?: string;
  /** Values as YAML strings (from `helmValues` or `yamlencode` of a published document). */
  readonly values: string[];
  /** Seconds to wait for readiness. */
  readonly timeout: number;
  /** Also wait for the chart's Jobs. @default false */
  readonly waitForJobs?: boolean;
  /** Created after, destroyed before these (the cluster first of all). */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * A helm_release with the settings every release of this library shares: atomic (a failed install or upgrade rolls
 * back), cleans up on failure, waits for readiness, keeps 10 revisions.
 */
export function pinnedRelease(scope: Construct, id: string, props: PinnedReleaseProps): Release {
  return new Release(scope, id, {
    ...props,
    atomic: true,
    cleanupOnFail: true,
    wait: true,
    maxHistory: 10,
    dependsOn: [...props.dependsOn],
  });
}
