import * as path from 'path';
import { TerraformStack } from 'cdktf';
import { packageRoot } from '../../../lib/core/package-root';
import { loadConfigFile } from '../../../stacks/config-file';
import { DEPLOYMENT_KINDS, DeploymentConfig, buildDeployment } from '../../../stacks/deployments';
import { Synthesized, synthApp, testApp } from '../../support/synth';

/**
 * The embedded Taskcluster examples, for the Taskcluster stack, bad-input and render tests. Not a test file: jest
 * only picks up `*.test.ts`.
 */

/** The Taskcluster deployment kinds, one per cloud. */
export const TASKCLUSTER_KINDS = ['taskcluster-aks', 'taskcluster-gke', 'taskcluster-eks'] as const;
export type TaskclusterKind = (typeof TASKCLUSTER_KINDS)[number];

/** Path of a kind's embedded example config. */
export function taskclusterExampleFile(kind: TaskclusterKind): string {
  return path.join(packageRoot(), DEPLOYMENT_KINDS[kind].example);
}

/** A kind's embedded example config, parsed (a fresh object each call; `any` so tests can break it freely). */
export function taskclusterExample(kind: TaskclusterKind): any {
  return loadConfigFile(taskclusterExampleFile(kind));
}

/** A synthesized stack pair. */
export interface TaskclusterPair {
  readonly infra: TerraformStack;
  readonly platform: TerraformStack;
  readonly infraJson: Synthesized;
  readonly platformJson: Synthesized;
}

/** Synthesizes the stack pair of a config (the kind's example by default), cross-stack references included. */
export function taskclusterPair(kind: TaskclusterKind, config: DeploymentConfig = taskclusterExample(kind)): TaskclusterPair {
  const app = testApp();
  const { infra, platform } = buildDeployment(app, config);
  const json = synthApp(app);
  return { infra, platform, infraJson: json[infra.node.id]!, platformJson: json[platform.node.id]! };
}

/** The address (`type.name`) of the one resource of a type whose construct path ends with `suffix`. */
export function addressAt(json: Synthesized, type: string, suffix: string): string {
  const hits = Object.entries(json.resource?.[type] ?? {}).filter(([, r]) => String(r['//']?.metadata?.path ?? '').endsWith(suffix));
  if (hits.length !== 1) throw new Error(`expected one ${type} at a path ending in ${suffix}, found ${hits.length}`);
  return `${type}.${hits[0]![0]}`;
}
