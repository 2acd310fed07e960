import { Construct } from 'constructs';
import { z } from 'zod';
import { TaskclusterAppConfig, taskclusterApp } from '../../lib/apps/taskcluster/app';
import { taskclusterConfigSchema } from '../apps/taskcluster';
import { aksConfigSchema } from './config';
import { AksInfraStack } from './infra-stack';
import { AksPlatformStack } from './platform-stack';
import { aksDeployment } from '.';

/** The zod schema of a `taskcluster-aks` config (docs/taskcluster.md and docs/aks.md): the AKS fields and `taskcluster`. */
export const taskclusterAksConfigSchema = aksConfigSchema('taskcluster-aks', 'taskcluster', taskclusterConfigSchema);

/** Config of the `taskcluster-aks` stack pair. */
export type TaskclusterAksConfig = z.infer<typeof taskclusterAksConfigSchema>;

/** The stack pair `<name>-aks-infra` and `<name>-aks-platform` for a `taskcluster-aks` config. */
export function taskclusterAks(scope: Construct, config: TaskclusterAksConfig): { infra: AksInfraStack<TaskclusterAppConfig>; platform: AksPlatformStack<TaskclusterAppConfig> } {
  return aksDeployment(scope, config, taskclusterApp);
}
