import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { TASKCLUSTER_DB_COLLATION, taskclusterDatabaseSpec } from '../../../lib/apps/taskcluster/database';
import { TASKCLUSTER_DB_SERVICES, TaskclusterDbService } from '../../../lib/apps/taskcluster/services';
import { DatabaseBootstrap } from '../../../lib/kubernetes/database-bootstrap';
import { AppNamespace } from '../../../lib/kubernetes/namespace';
import { IN_CI } from '../../support/requirements';
import { PostgresServer, describeWithPostgres, runBootstrapJob } from '../../support/postgres';
import { synth, testApp } from '../../support/synth';
import { expectValidationError } from '../../support/validation-matchers';

const ADMIN_PASSWORD = 'tc "admin" \\ $x';
const PREFIX = 'tc_prod';

/** A stack with the bootstrap Job for Taskcluster's spec; each service password is a sensitive variable `pw_<service>`. */
function make(collation?: string) {
  const stack = new TerraformStack(testApp(), 'test');
  const namespace = new AppNamespace(stack, 'ns', { name: 'taskcluster', dependsOn: [] });
  const dep = new StringResource(stack, 'database', { length: 4 });
  const passwords = Object.fromEntries(TASKCLUSTER_DB_SERVICES.map((s) => [s, new TerraformVariable(stack, `pw_${s}`, { type: 'string', sensitive: true }).stringValue])) as Record<TaskclusterDbService, string>;
  const admin = new TerraformVariable(stack, 'admin_pw', { type: 'string', sensitive: true }).stringValue;
  const spec = taskclusterDatabaseSpec(stack, { databaseName: 'taskcluster', usernamePrefix: PREFIX, passwords, collation });
  new DatabaseBootstrap(stack, 'bootstrap', {
    admin: { host: 'db.internal', port: 5432, database: 'postgres', username: 'tc_admin', password: admin, tlsMode: 'require', majorVersion: 15 },
    namespace,
    spec,
    dependsOn: [dep],
  });
  return { spec, json: synth(stack) };
}

const VALUES: Record<string, string> = {
  admin_pw: ADMIN_PASSWORD,
  ...Object.fromEntries(TASKCLUSTER_DB_SERVICES.map((s) => [`pw_${s}`, `pw-${s}-'"\\ ;$$`])),
};

describe('taskclusterDatabaseSpec', () => {
  const { spec } = make();
  test('the database: en_US.utf8 collation and ctype, pgcrypto; no grants (db:upgrade grants)', () => {
    expect(spec.databases).toEqual([{ name: 'taskcluster', collation: 'en_US.utf8', ctype: 'en_US.utf8', extensions: ['pgcrypto'] }]);
    expect(spec.grants).toBeUndefined();
  });
  test('11 login users <prefix>_<service> with a password token each, no attribute, member of no role', () => {
    expect(spec.roles!.map((r) => r.name).sort()).toEqual(TASKCLUSTER_DB_SERVICES.map((s) => `${PREFIX}_${s}`).sort());
    for (const r of spec.roles!) {
      expect({ attributes: r.attributes, memberOf: r.memberOf, existing: r.existing, login: r.login }).toEqual({ attributes: [], memberOf: [], existing: undefined, login: undefined });
      expect(r.password).toMatch(/\$\{TfToken/);
    }
  });
  test('the prefix is what db:upgrade accepts, and short enough for the longest user name', () => {
    const stack = new TerraformStack(testApp(), 's');
    const passwords = Object.fromEntries(TASKCLUSTER_DB_SERVICES.map((s) => [s, 'x'])) as Record<TaskclusterDbService, string>;
    expectValidationError(() => taskclusterDatabaseSpec(stack, { databaseName: 'tc', usernamePrefix: 'tc-prod', passwords }), 'usernamePrefix', 'tc-prod');
    expectValidationError(() => taskclusterDatabaseSpec(stack, { databaseName: 'tc', usernamePrefix: 'TC', passwords }), 'usernamePrefix', 'TC');
    expectValidationError(() => taskclusterDatabaseSpec(stack, { databaseName: 'tc', usernamePrefix: 'a'.repeat(49), passwords }), 'usernamePrefix', 'a'.repeat(49));
    expectValidationError(() => taskclusterDatabaseSpec(stack, { databaseName: 'tc', usernamePrefix: 'tc', passwords, collation: 'C.utf8' }), 'collation', 'C.utf8');
    const { queue: _q, ...missing } = passwords;
    expectValidationError(() => taskclusterDatabaseSpec(stack, { databaseName: 'tc', usernamePrefix: 'tc', passwords: missing as never }), 'passwords.queue', undefined);
  });
});

describeWithPostgres('Taskcluster database bootstrap on a real PostgreSQL server', (server) => {
  let pg: PostgresServer;
  const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
  let enUs = false;

  /**
   * Taskcluster's own checks of its service users (libraries/postgres/src/Database.js `_checkPermissions`, v106.0.0),
   * with its LIKE pattern (only the first "_" of the prefix escaped, as its code does): users with a forbidden
   * attribute, and users that are members of a role.
   */
  const taskclusterIssues = (prefix: string): string[] => {
    const pattern = `${prefix.replace('_', '\\_')}\\_%`;
    const attrs = pg.rows(`select rolname as user, rolsuper, rolcreaterole, rolcreatedb, rolreplication from pg_catalog.pg_roles
      where (rolsuper or rolcreaterole or rolcreatedb or rolreplication) and rolname like ${lit(pattern)}`);
    const roles = pg.rows(`select r.rolname as role, u.rolname as user from pg_catalog.pg_roles as r, pg_catalog.pg_roles as u, pg_catalog.pg_auth_members
      where r.oid = roleid and u.oid = member and u.rolname like ${lit(pattern)}`);
    return [...attrs.map((r) => `${r[0]} has a forbidden attribute`), ...roles.map((r) => `${r[1]} has unexpected role ${r[0]}`)];
  };

  beforeAll(() => {
    pg = server();
    // A managed-database admin: not a superuser, may create roles and databases.
    pg.exec(`CREATE ROLE tc_admin LOGIN CREATEROLE CREATEDB PASSWORD ${lit(ADMIN_PASSWORD)}`);
    // Whether the server has the en_US.utf8 locale (an OS locale: Debian needs locales-all or a generated en_US.UTF-8).
    const probe = pg.run(['-X', '-q', '-c', `CREATE DATABASE tc_locale_probe TEMPLATE template0 LC_COLLATE ${lit(TASKCLUSTER_DB_COLLATION)} LC_CTYPE ${lit(TASKCLUSTER_DB_COLLATION)}`]);
    enUs = probe.status === 0;
    if (enUs) pg.exec('DROP DATABASE tc_locale_probe');
  });

  test('the users exist, log in with their passwords, and pass Taskcluster\'s attribute and membership check; a second run changes nothing', () => {
    // Without en_US.utf8 on this machine, the roles part runs on its own (the database part is the next test).
    const { json } = enUs ? make() : makeRolesOnly();
    const first = runBootstrapJob(pg, json, VALUES);
    expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: expect.not.stringMatching(/ERROR|FATAL/) });
    const state = () => pg.rows(`SELECT rolname, rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls FROM pg_roles WHERE rolname LIKE 'tc\\_prod\\_%' ORDER BY 1`);
    const before = state();
    expect(before.map((r) => r[0])).toEqual(TASKCLUSTER_DB_SERVICES.map((s) => `${PREFIX}_${s}`).sort());
    for (const r of before) expect(r.slice(1)).toEqual(['t', 'f', 'f', 'f', 'f', 'f']);
    expect(taskclusterIssues(PREFIX)).toEqual([]);
    const second = runBootstrapJob(pg, json, VALUES);
    expect({ status: second.status, stderr: second.stderr }).toEqual({ status: 0, stderr: expect.not.stringMatching(/ERROR|FATAL/) });
    expect(state()).toEqual(before);
    for (const s of ['queue', 'web_server', 'purge_cache']) {
      const login = pg.run(['-X', '-A', '-t', '-c', 'SELECT current_user'], { user: `${PREFIX}_${s}`, password: VALUES[`pw_${s}`]!, database: 'postgres' });
      expect({ s, status: login.status, out: login.stdout.trim() }).toEqual({ s, status: 0, out: `${PREFIX}_${s}` });
    }
  });

  test('the check can fail: a membership or CREATEDB given behind the bootstrap\'s back is found (and the next run removes it)', () => {
    pg.exec(`CREATE ROLE tc_group NOLOGIN; GRANT tc_group TO ${PREFIX}_queue; ALTER ROLE ${PREFIX}_hooks CREATEDB`);
    expect(taskclusterIssues(PREFIX).sort()).toEqual([`${PREFIX}_hooks has a forbidden attribute`, `${PREFIX}_queue has unexpected role tc_group`]);
    const { json } = enUs ? make() : makeRolesOnly();
    expect(runBootstrapJob(pg, json, VALUES).status).toBe(0);
    expect(taskclusterIssues(PREFIX)).toEqual([]);
  });

  test('the database: UTF8, en_US.utf8, owned by the admin, pgcrypto, and Taskcluster\'s collation check passes', () => {
    if (!enUs) {
      const reason = `the PostgreSQL server cannot create a database with locale ${TASKCLUSTER_DB_COLLATION} (the OS has no such locale; Debian: apt-get install locales-all)`;
      if (IN_CI) throw new Error(`CI=true: ${reason}`);
      console.log(`SKIP the database part of the Taskcluster bootstrap test: ${reason}`);
      return;
    }
    const { json } = make();
    expect(runBootstrapJob(pg, json, VALUES).status).toBe(0);
    expect(pg.rows("SELECT pg_encoding_to_char(encoding), datcollate, datctype, pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'taskcluster'")).toEqual([['UTF8', 'en_US.utf8', 'en_US.utf8', 'tc_admin']]);
    expect(pg.rows("SELECT extname FROM pg_extension WHERE extname = 'pgcrypto'", { database: 'taskcluster' })).toEqual([['pgcrypto']]);
    // Taskcluster's _checkDbSettings: none of these pairs may sort first >= second.
    for (const pair of ['aA', 'ab', 'Ab', 'aB', 'AB', '0a', '0A']) {
      expect({ pair, rows: pg.rows(`select 1 where ${lit(pair[0]!)} >= ${lit(pair[1]!)}`, { database: 'taskcluster' }) }).toEqual({ pair, rows: [] });
    }
  });
});

/** The same users without the database (for servers without the en_US.utf8 locale). */
function makeRolesOnly() {
  const stack = new TerraformStack(testApp(), 'test');
  const namespace = new AppNamespace(stack, 'ns', { name: 'taskcluster', dependsOn: [] });
  const passwords = Object.fromEntries(TASKCLUSTER_DB_SERVICES.map((s) => [s, new TerraformVariable(stack, `pw_${s}`, { type: 'string', sensitive: true }).stringValue])) as Record<TaskclusterDbService, string>;
  const admin = new TerraformVariable(stack, 'admin_pw', { type: 'string', sensitive: true }).stringValue;
  const spec = taskclusterDatabaseSpec(stack, { databaseName: 'taskcluster', usernamePrefix: PREFIX, passwords });
  new DatabaseBootstrap(stack, 'bootstrap', {
    admin: { host: 'db.internal', port: 5432, database: 'postgres', username: 'tc_admin', password: admin, tlsMode: 'require', majorVersion: 15 },
    namespace,
    spec: { roles: spec.roles },
    dependsOn: [],
  });
  return { json: synth(stack) };
}
