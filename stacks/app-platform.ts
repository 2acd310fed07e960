import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { AppIngressSettings, AppProfile, AppRequirements, RenderedApp } from '../lib/apps/profile';
import { PostgresDatabase } from '../lib/core/postgres';
import { ValidationError } from '../lib/core/validation';
import { DatabaseBootstrap } from '../lib/kubernetes/database-bootstrap';
import { DatabaseBootstrapSpec } from '../lib/kubernetes/database-bootstrap-sql';
import { AppNamespace } from '../lib/kubernetes/namespace';
import { RabbitMqApiUsers } from '../lib/kubernetes/rabbitmq/api-users';
import { RabbitMqCluster } from '../lib/kubernetes/rabbitmq/cluster';
import { AppInfraSecrets } from './app-infra';

/** What a platform stack reads of its infra stack's app. */
export interface InfraApp<C> {
  readonly app: AppProfile<C>;
  readonly appConfig: C;
  readonly rendered: RenderedApp;
  /** What the app needs, as the infra stack provisioned it. */
  readonly requirements: AppRequirements;
  /** The passwords and broker the infra stack generated for the app (./app-infra.ts). @default none */
  readonly appSecrets?: AppInfraSecrets;
  /**
   * The database as its admin login, when the app's database needs a bootstrap (roles, extensions, a collation):
   * the bootstrap Job connects with it. @default none
   */
  readonly adminDatabase?: PostgresDatabase;
  /**
   * A message broker outside the cluster (Amazon MQ on EKS) whose management API the users Job configures, instead
   * of an in-cluster RabbitMQ. @default none: the app's message bus runs in the cluster
   */
  readonly externalMessageBus?: ExternalMessageBus;
}

/** A RabbitMQ broker the stacks do not run in the cluster: where its management API is, and its administrator. */
export interface ExternalMessageBus {
  /** Base URL of the management API (`https://...`). */
  readonly apiUrl: string;
  /** The administrator's name. */
  readonly adminUsername: string;
  /** The administrator's password: a sensitive token. */
  readonly adminPassword: string;
}

/** What {@link buildAppPlatform} built. */
export interface AppPlatform {
  /** The database bootstrap Job, when the app's database needs one. */
  readonly databaseBootstrap?: DatabaseBootstrap;
  /** The in-cluster message bus, when the app needs one and it runs in the cluster. */
  readonly messageBus?: RabbitMqCluster;
  /** The Job that creates the app's users on an external broker ({@link InfraApp.externalMessageBus}). */
  readonly messageBusUsers?: RabbitMqApiUsers;
  /** What the app's release must wait for. */
  readonly releaseDependencies: readonly ITerraformDependable[];
}

/** True when the app's database needs the bootstrap Job (roles, extensions or a collation). */
export function needsDatabaseBootstrap(requirements: AppRequirements): boolean {
  const pg = requirements.postgres;
  if (pg === undefined) return false;
  return (pg.roles ?? []).length > 0 || (pg.extensions ?? []).length > 0 || pg.collation !== undefined;
}

/**
 * The bootstrap spec of an app's database requirement: the database (collation, extensions) owned by the admin login
 * that runs the Job, and each role as a login with its generated password and exactly the attributes asked for (no
 * memberships, no other attributes: the bootstrap removes what is not in the spec from the roles it manages).
 */
export function appDatabaseBootstrapSpec(requirements: AppRequirements, passwords: { readonly [role: string]: string }): DatabaseBootstrapSpec {
  const pg = requirements.postgres;
  if (pg === undefined) return { databases: [], roles: [] };
  return {
    databases: [{ name: pg.databaseName, collation: pg.collation, extensions: pg.extensions }],
    roles: (pg.roles ?? []).map((r) => ({ name: r.name, login: true, password: passwords[r.name], attributes: r.attributes ?? [] })),
  };
}

/**
 * The app's in-cluster pieces before its release, in the platform stack after the namespace and Secrets: the
 * database bootstrap (as the admin, when the requirements ask for roles, extensions or a collation), the message bus
 * (an in-cluster RabbitMQ with the infra stack's users and passwords), then the profile's own `platform` hook (e.g.
 * migrations), which gets both as prerequisites. The release waits for all of it.
 */
export function buildAppPlatform<C>(
  scope: Construct,
  infra: InfraApp<C>,
  namespace: AppNamespace,
  dependsOn: readonly ITerraformDependable[],
  ingress?: AppIngressSettings,
  certManager?: readonly ITerraformDependable[],
): AppPlatform {
  const requirements = infra.requirements;
  const prerequisites: ITerraformDependable[] = [];
  let databaseBootstrap: DatabaseBootstrap | undefined;
  if (needsDatabaseBootstrap(requirements)) {
    if (infra.adminDatabase === undefined) {
      throw new ValidationError(scope, 'adminDatabase', undefined, `the database's admin connection: ${infra.app.title} needs its database bootstrapped (roles, extensions or collation)`);
    }
    databaseBootstrap = new DatabaseBootstrap(scope, 'app-database-bootstrap', {
      admin: infra.adminDatabase,
      namespace,
      name: `${infra.app.name}-db-bootstrap`,
      spec: appDatabaseBootstrapSpec(requirements, infra.appSecrets?.databaseRoles ?? {}),
      dependsOn,
    });
    prerequisites.push(databaseBootstrap.job);
  }
  let messageBus: RabbitMqCluster | undefined;
  let messageBusUsers: RabbitMqApiUsers | undefined;
  const bus = requirements.messageBus;
  const external = infra.externalMessageBus;
  if (bus !== undefined && bus.kind === 'rabbitmq' && external !== undefined) {
    // A managed broker: no RabbitMQ in the cluster, a Job creates the vhost and the users through its API.
    const users = infra.appSecrets?.messageBus?.users ?? {};
    messageBusUsers = new RabbitMqApiUsers(scope, 'message-bus-users', {
      namespace,
      apiUrl: external.apiUrl,
      adminUsername: external.adminUsername,
      adminPassword: external.adminPassword,
      vhost: bus.vhost,
      users: bus.users.map((u) => {
        const password = users[u.name]?.password;
        if (password === undefined) throw new ValidationError(scope, 'appSecrets.messageBus.users', u.name, 'a generated password for every user of the message bus');
        return { username: u.name, password, configure: u.configure, write: u.write, read: u.read };
      }),
      dependsOn,
    });
    prerequisites.push(...messageBusUsers.ready);
  } else if (bus !== undefined && bus.kind === 'rabbitmq') {
    const users = infra.appSecrets?.messageBus?.users ?? {};
    messageBus = new RabbitMqCluster(scope, 'message-bus', {
      namespace,
      vhost: bus.vhost,
      users: bus.users.map((u) => ({ username: u.name, password: users[u.name]?.password, configure: u.configure, write: u.write, read: u.read })),
      clientNamespaces: [namespace.literalName],
      dependsOn,
    });
    prerequisites.push(...messageBus.ready);
  }
  const own =
    infra.app.platform === undefined
      ? []
      : infra.app.platform(scope, { config: infra.appConfig, namespace, rendered: infra.rendered, dependsOn, adminDatabase: infra.adminDatabase, prerequisites, ingress, certManager });
  return { databaseBootstrap, messageBus, messageBusUsers, releaseDependencies: [...prerequisites, ...own] };
}

/**
 * The profile's `afterRelease` hook, in the platform stack once the release exists: what it builds waits for the
 * release (and for `dependsOn`, the cluster connection). Returns what it built (none without a hook).
 */
export function buildAfterRelease<C>(
  scope: Construct,
  infra: InfraApp<C>,
  namespace: AppNamespace,
  release: ITerraformDependable,
  dependsOn: readonly ITerraformDependable[],
): readonly ITerraformDependable[] {
  if (infra.app.afterRelease === undefined) return [];
  return infra.app.afterRelease(scope, { config: infra.appConfig, namespace, rendered: infra.rendered, dependsOn: [...dependsOn, release] });
}

/**
 * What the release waits for (see {@link buildAppPlatform}); kept for the platform stacks that only need the list.
 */
export function appReleaseDependencies<C>(
  scope: Construct,
  infra: InfraApp<C>,
  namespace: AppNamespace,
  dependsOn: readonly ITerraformDependable[],
  ingress?: AppIngressSettings,
): readonly ITerraformDependable[] {
  return buildAppPlatform(scope, infra, namespace, dependsOn, ingress).releaseDependencies;
}
