import { Construct } from 'constructs';
import { z } from 'zod';
import { TaskclusterAppConfig, taskclusterApp } from '../../lib/apps/taskcluster/app';
import { taskclusterConfigSchema } from '../apps/taskcluster';
import { gkeConfigSchema } from './config';
import { GkeInfraStack } from './infra-stack';
import { GkePlatformStack } from './platform-stack';
import { gkeDeployment } from '.';

/** The zod schema of a `taskcluster-gke` config (docs/taskcluster.md and docs/gke.md): the GKE fields and `taskcluster`. */
export const taskclusterGkeConfigSchema = gkeConfigSchema('taskcluster-gke', 'taskcluster', taskclusterConfigSchema);

/** Config of the `taskcluster-gke` stack pair. */
export type TaskclusterGkeConfig = z.infer<typeof taskclusterGkeConfigSchema>;

/** The stack pair `<name>-gke-infra` and `<name>-gke-platform` for a `taskcluster-gke` config. */
export function taskclusterGke(scope: Construct, config: TaskclusterGkeConfig): { infra: GkeInfraStack<TaskclusterAppConfig>; platform: GkePlatformStack<TaskclusterAppConfig> } {
  return gkeDeployment(scope, config, taskclusterApp);
}
