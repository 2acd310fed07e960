import { Construct } from 'constructs';
import { ValidationError, checkPattern, isUnresolved } from '../../core/validation';
import { DatabaseBootstrapSpec } from '../../kubernetes/database-bootstrap-sql';
import { DB_USERNAME_PREFIX_PATTERN, TASKCLUSTER_DB_SERVICES, TaskclusterDbService, dbUsername } from './services';

/**
 * The collation (and ctype) Taskcluster's database must have: `db:upgrade` checks by behaviour that it sorts
 * `0` < `a` < `A` < `b` < `B`, as en_US.UTF-8 does (C and C.utf8 do not), and a database's collation cannot change.
 */
export const TASKCLUSTER_DB_COLLATION = 'en_US.utf8';

/** The extension `db:upgrade` creates first (it ignores "already exists"); created here so a non-owner admin is not needed for it. */
export const TASKCLUSTER_DB_EXTENSIONS: readonly string[] = ['pgcrypto'];

/** Input of {@link taskclusterDatabaseSpec}. */
export interface TaskclusterDatabaseSpecProps {
  /** Name of Taskcluster's database; created by the bootstrap's admin login, which then owns it. */
  readonly databaseName: string;
  /** Prefix of the service users (`<prefix>_auth`, ...): lower-case letters and `_`; `USERNAME_PREFIX` of db:upgrade. */
  readonly usernamePrefix: string;
  /** Password of each service user: sensitive tokens (random_password results). */
  readonly passwords: { readonly [service in TaskclusterDbService]: string };
  /**
   * Collation and ctype of a new database. Only for servers that spell the locale differently
   * (`en_US.UTF-8`): Taskcluster requires en_US ordering.
   * @default TASKCLUSTER_DB_COLLATION
   */
  readonly collation?: string;
}

/**
 * What Taskcluster needs in PostgreSQL before `db:upgrade`, for the database-bootstrap Job: the database (UTF8,
 * en_US.utf8, pgcrypto) owned by the admin login that runs the bootstrap and the migrations, and the 11 service logins
 * `<prefix>_<service>` with their passwords and nothing else: no attribute (no CREATEDB or CREATEROLE, and the
 * bootstrap never gives SUPERUSER or REPLICATION) and membership of no role, which db:upgrade checks on every run.
 * No grants: db:upgrade grants each user its tables, `usage` on schema public and `select` on tcversion itself, and
 * fails if a user holds a table privilege its access list does not name.
 */
export function taskclusterDatabaseSpec(scope: Construct, props: TaskclusterDatabaseSpecProps): DatabaseBootstrapSpec {
  const prefix = checkUsernamePrefix(scope, 'usernamePrefix', props.usernamePrefix);
  const collation = props.collation ?? TASKCLUSTER_DB_COLLATION;
  if (!isUnresolved(collation) && !/^en_US\.utf-?8$/i.test(collation)) {
    throw new ValidationError(scope, 'collation', collation, 'en_US.utf8 (or its spelling en_US.UTF-8): Taskcluster checks the en_US sort order');
  }
  const roles = TASKCLUSTER_DB_SERVICES.map((service) => {
    const password = props.passwords[service];
    if (password === undefined) throw new ValidationError(scope, `passwords.${service}`, undefined, `a password token for the ${service} service's database user`);
    return { name: dbUsername(prefix, service), password, attributes: [], memberOf: [] };
  });
  for (const key of Object.keys(props.passwords)) {
    if (!(TASKCLUSTER_DB_SERVICES as readonly string[]).includes(key)) {
      throw new ValidationError(scope, `passwords.${key}`, key, `one of the services with a database user: ${TASKCLUSTER_DB_SERVICES.join(', ')}`);
    }
  }
  return {
    roles,
    databases: [{ name: props.databaseName, collation, ctype: collation, extensions: [...TASKCLUSTER_DB_EXTENSIONS] }],
  };
}

/** Checks a db user prefix: `^[a-z_]+$` (what db:upgrade asserts), at most 48 bytes so `<prefix>_worker_manager` fits 63. */
export function checkUsernamePrefix(scope: Construct, field: string, prefix: string): string {
  if (isUnresolved(prefix)) return prefix;
  checkPattern(scope, field, prefix, DB_USERNAME_PREFIX_PATTERN, 'lower-case letters and "_" (Taskcluster\'s db:upgrade accepts nothing else)');
  const longest = dbUsername(prefix, 'worker_manager');
  if (longest.length > 63) throw new ValidationError(scope, field, prefix, `a prefix short enough for "${longest}" to fit PostgreSQL's 63 bytes`);
  return prefix;
}
