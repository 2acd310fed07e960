import { Construct } from 'constructs';
import { z } from 'zod';
import { TaskclusterAppConfig, taskclusterApp } from '../../lib/apps/taskcluster/app';
import { taskclusterConfigSchema } from '../apps/taskcluster';
import { eksConfigSchema } from './config';
import { EksInfraStack } from './infra-stack';
import { EksPlatformStack } from './platform-stack';
import { eksDeployment } from '.';

/** The zod schema of a `taskcluster-eks` config (docs/taskcluster.md and docs/eks.md): the EKS fields and `taskcluster`. */
export const taskclusterEksConfigSchema = eksConfigSchema('taskcluster-eks', 'taskcluster', taskclusterConfigSchema);

/** Config of the `taskcluster-eks` stack pair. */
export type TaskclusterEksConfig = z.infer<typeof taskclusterEksConfigSchema>;

/** The stack pair `<name>-eks-infra` and `<name>-eks-platform` for a `taskcluster-eks` config. */
export function taskclusterEks(scope: Construct, config: TaskclusterEksConfig): { infra: EksInfraStack<TaskclusterAppConfig>; platform: EksPlatformStack<TaskclusterAppConfig> } {
  return eksDeployment(scope, config, taskclusterApp);
}
