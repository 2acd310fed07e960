import * as path from 'path';
import { ITerraformDependable, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../../core/validation';
import { AppCloud, AppContracts, AppHostName, AppPlatformContext, AppProfile, AppRequirements, RenderedApp, requireDatabase } from '../profile';
import { taskclusterBuckets } from './buckets';
import { TASKCLUSTER_POSTGRES_MAJOR, TASKCLUSTER_VERSION } from './chart';
import { TASKCLUSTER_DB_COLLATION, TASKCLUSTER_DB_EXTENSIONS } from './database';
import { TaskclusterIngress } from './ingress';
import { TaskclusterMigrations } from './migrations';
import { TASKCLUSTER_DATABASE_NAME, TaskclusterProfile, checkTaskclusterChartPath } from './profile';
import { TaskclusterSecrets } from './secrets';
import { TASKCLUSTER_DB_SERVICES, TASKCLUSTER_PULSE_SERVICES, TaskclusterDbService, TaskclusterPulseService, dbUsername, pulsePermissions, pulseUsername } from './services';

/** The `taskcluster` section of a deployment config (docs/taskcluster.md). */
export interface TaskclusterAppConfig {
  /** Host name of the root URL (`https://<domain>`), e.g. `tc.example.com`. */
  readonly domain: string;
  /** Taskcluster release (`v106.0.0`). @default TASKCLUSTER_VERSION */
  readonly version?: string;
  /**
   * The chart: folder `infrastructure/k8s` of the Taskcluster repository at the release tag, as
   * `scripts/fetch-taskcluster-chart.sh <version>` puts it. A relative path is taken from the folder `cdktf synth`
   * runs in. Synth works without it; deploy stops with how to get it when it is missing.
   * @default "charts/taskcluster-<version>"
   */
  readonly chartPath?: string;
  /** Prefix of the 11 database users (`<prefix>_<service>`). @default "taskcluster" */
  readonly usernamePrefix?: string;
  /** Replicas of every service's `web` process. @default 2 */
  readonly webReplicas?: number;
}

/** The infra stack's sensitive output holding the root client's access token. */
export const TASKCLUSTER_ROOT_TOKEN_OUTPUT = 'taskcluster_root_access_token';
/** The Pulse vhost the stacks create in the in-cluster RabbitMQ. */
export const TASKCLUSTER_PULSE_VHOST = 'taskcluster';
/** Connections the server must allow: 11 services with pools of their own, the migrations, the bootstrap. */
export const TASKCLUSTER_DATABASE_CONNECTIONS = 200;

function versionOf(config: TaskclusterAppConfig): string {
  return config.version ?? TASKCLUSTER_VERSION;
}

function prefixOf(config: TaskclusterAppConfig): string {
  return config.usernamePrefix ?? 'taskcluster';
}

/** The chart folder as an absolute path (Terraform runs helm in the stack's folder, not where synth ran). */
export function taskclusterChartPath(config: TaskclusterAppConfig): string {
  return path.resolve(config.chartPath ?? path.join('charts', `taskcluster-${versionOf(config)}`));
}

/** What a user runs when the chart is missing (docs/taskcluster.md, "The chart"). */
export function taskclusterChartHint(config: TaskclusterAppConfig): string {
  const dest = taskclusterChartPath(config);
  return `fetch it with: scripts/fetch-taskcluster-chart.sh ${versionOf(config)} ${dest} (docs/taskcluster.md, "The chart")`;
}

/**
 * Taskcluster as an {@link AppProfile}: three buckets reached over the S3 API with a static key, PostgreSQL 15 with
 * collation en_US.utf8, pgcrypto and the 11 service users created by the database bootstrap (the admin owns the
 * database and runs the migrations), an in-cluster RabbitMQ with a user per Pulse service and exactly the
 * permissions Taskcluster documents, no cloud identity. The render step generates the static client tokens, crypto
 * keys and session secret and builds {@link TaskclusterProfile}; the platform hook runs the migrations for the
 * release (after the bootstrap and the broker) and routes the root URL through the ingress controller.
 */
export const taskclusterApp: AppProfile<TaskclusterAppConfig> = {
  name: 'taskcluster',
  title: 'Taskcluster',
  configKey: 'taskcluster',
  defaults: { deploymentName: 'taskcluster', namespace: 'taskcluster' },
  domainField: 'domain',

  hostNames(config: TaskclusterAppConfig): AppHostName[] {
    return [{ id: 'dns', fqdn: config.domain }];
  },

  requirements(config: TaskclusterAppConfig, cloud: AppCloud): AppRequirements {
    const prefix = prefixOf(config);
    return {
      // Taskcluster speaks only S3 with a static key (no workload identity); on Azure through the S3 gateway.
      buckets: taskclusterBuckets().map((b) => ({ ...b, access: 's3-static-keys' as const })),
      postgres: {
        supportedMajorVersions: [TASKCLUSTER_POSTGRES_MAJOR],
        databaseName: TASKCLUSTER_DATABASE_NAME,
        owner: 'admin',
        collation: TASKCLUSTER_DB_COLLATION,
        extensions: TASKCLUSTER_DB_EXTENSIONS,
        // Plain login roles: db:upgrade fails on any attribute or membership, and grants their tables itself.
        roles: TASKCLUSTER_DB_SERVICES.map((s) => ({ name: dbUsername(prefix, s) })),
        minConnections: TASKCLUSTER_DATABASE_CONNECTIONS,
      },
      serviceAccounts: [],
      messageBus: {
        kind: 'rabbitmq',
        vhost: TASKCLUSTER_PULSE_VHOST,
        users: TASKCLUSTER_PULSE_SERVICES.map((s) => ({ name: pulseUsername(s), ...pulsePermissions(s) })),
      },
      components: cloud === 'azure' ? ['s3-gateway'] : [],
    };
  },

  render(scope: Construct, config: TaskclusterAppConfig, _cloud: AppCloud, contracts: AppContracts): RenderedApp {
    const prefix = prefixOf(config);
    // The path as written (the profile sees it resolved, when a URL or "" no longer looks like one).
    if (config.chartPath !== undefined) checkTaskclusterChartPath(scope, `${taskclusterApp.configKey}.chartPath`, config.chartPath);
    if (contracts.s3Api === undefined) throw new ValidationError(scope, 'contracts.s3Api', undefined, 'the S3-API store of the buckets (static keys)');
    if (contracts.messageBus === undefined) throw new ValidationError(scope, 'contracts.messageBus', undefined, 'the message bus with a user per Pulse service');
    const roles = contracts.databaseRoles ?? {};
    const dbPasswords = Object.fromEntries(TASKCLUSTER_DB_SERVICES.map((s) => [s, roles[dbUsername(prefix, s)]])) as Record<TaskclusterDbService, string>;
    const busUsers = contracts.messageBus.users;
    const pulseUsers = Object.fromEntries(TASKCLUSTER_PULSE_SERVICES.map((s) => [s, busUsers[pulseUsername(s)]])) as Record<TaskclusterPulseService, { username: string; password: string }>;
    // Tokens, crypto keys and the session secret; the database and Pulse passwords come from the stacks.
    const secrets = new TaskclusterSecrets(scope, 'taskcluster-secrets', { allowDestroy: contracts.allowDestroy, servicePasswords: false });
    const profile = new TaskclusterProfile(scope, 'taskcluster', {
      rootUrl: `https://${config.domain}`,
      version: versionOf(config),
      chartPath: taskclusterChartPath(config),
      namespace: contracts.namespace,
      database: requireDatabase(scope, contracts),
      usernamePrefix: prefix,
      dbPasswords,
      broker: contracts.messageBus.broker,
      pulseUsers,
      objectStore: contracts.s3Api,
      secrets: { accessTokens: secrets.accessTokens, dbCryptoKeys: secrets.dbCryptoKeys, sessionSecret: secrets.sessionSecret },
      ingress: { className: contracts.ingress.className, clusterIssuer: contracts.ingress.clusterIssuer },
      webReplicas: config.webReplicas,
    });
    // The administrators' client: its token is the one secret people need by hand (UI login, creating clients).
    const root = new TerraformOutput(scope, 'taskcluster-root-access-token', {
      value: secrets.accessTokens.root,
      sensitive: true,
      description: 'Access token of the client static/taskcluster/root: terraform output -raw taskcluster_root_access_token',
    });
    root.overrideLogicalId(TASKCLUSTER_ROOT_TOKEN_OUTPUT);
    const rendered = profile.rendered;
    return { ...rendered, chart: { ...rendered.chart, missingHint: taskclusterChartHint(config) } };
  },

  platform(scope: Construct, context: AppPlatformContext<TaskclusterAppConfig>): readonly ITerraformDependable[] {
    const config = context.config;
    if (context.adminDatabase === undefined) throw new ValidationError(scope, 'adminDatabase', undefined, "the database's admin connection, which runs Taskcluster's migrations");
    // Migrations of this release, after the bootstrap (database, pgcrypto, users) and before the services start.
    const migrations = new TaskclusterMigrations(scope, 'taskcluster-migrations', {
      version: versionOf(config),
      admin: context.adminDatabase,
      usernamePrefix: prefixOf(config),
      namespace: context.namespace,
      dependsOn: [...context.dependsOn, ...context.prerequisites],
    });
    if (context.ingress === undefined) throw new ValidationError(scope, 'ingress', undefined, "the ingress controller's settings, which route Taskcluster's root URL");
    const ingress = new TaskclusterIngress(scope, 'taskcluster-ingress', { host: config.domain, namespace: context.namespace, ingress: context.ingress, dependsOn: context.dependsOn });
    return [migrations.job, ingress.ingress];
  },
};

