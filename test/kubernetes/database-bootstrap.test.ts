import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { PostgresDatabase } from '../../lib/core/postgres';
import { DATABASE_BOOTSTRAP_COMMAND, DATABASE_BOOTSTRAP_IMAGE, DatabaseBootstrap, DatabaseBootstrapProps } from '../../lib/kubernetes/database-bootstrap';
import { DatabaseBootstrapSpec, databaseBootstrapScript } from '../../lib/kubernetes/database-bootstrap-sql';
import { AppNamespace } from '../../lib/kubernetes/namespace';
import { PostgresServer, describeWithPostgres, runBootstrapJob } from '../support/postgres';
import { renderOutputs } from '../support/render';
import { Synthesized, only, resources, synth, terraformBinary, testApp } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';

const ADMIN_PASSWORD = 'Adm1n "pw" \\ $x';

/** A stack with a namespace, a dependency, password variables and one bootstrap. */
function make(spec: (v: (name: string) => string) => DatabaseBootstrapSpec, over: Partial<DatabaseBootstrapProps> = {}, adminOver: Partial<PostgresDatabase> = {}) {
  const stack = new TerraformStack(testApp(), 'test');
  const namespace = new AppNamespace(stack, 'ns', { name: 'app', dependsOn: [] });
  const dep = new StringResource(stack, 'database', { length: 4 });
  // One token string per variable: a grant names a role by the same string (token) as the role.
  const variables = new Map<string, string>();
  const v = (name: string): string => {
    if (!variables.has(name)) variables.set(name, new TerraformVariable(stack, name, { type: 'string', sensitive: name.includes('pw') }).stringValue);
    return variables.get(name)!;
  };
  const admin: PostgresDatabase = { host: 'db.internal', port: 5432, database: 'postgres', username: 'boot_admin', password: v('admin_pw'), tlsMode: 'require', majorVersion: 15, ...adminOver };
  const boot = new DatabaseBootstrap(stack, 'bootstrap', { admin, namespace, spec: spec(v), dependsOn: [dep], ...over });
  return { stack, boot, json: () => synth(stack) };
}

/** A spec with a bit of everything. */
const FULL = (v: (name: string) => string): DatabaseBootstrapSpec => ({
  roles: [
    { name: 'app', password: v('app_pw'), memberOf: ['readers'] },
    { name: 'readers', login: false },
    { name: 'ops', password: v('ops_pw'), attributes: ['CREATEDB', 'CREATEROLE'] },
    { name: 'legacy', existing: true, attributes: ['CREATEROLE'] },
  ],
  databases: [{ name: 'appdb', collation: 'C.utf8', extensions: ['pgcrypto'] }],
  grants: [
    {
      role: 'app',
      database: 'appdb',
      databasePrivileges: ['CONNECT', 'TEMPORARY'],
      schemas: [{ schema: 'public', privileges: ['USAGE', 'CREATE'], defaultPrivileges: [{ forRole: 'boot_admin', tables: ['SELECT'], sequences: ['USAGE'] }] }],
    },
    { role: 'legacy', database: 'appdb', databasePrivileges: ['ALL'] },
  ],
});

const containerOf = (json: Synthesized) => only(json, 'kubernetes_job_v1').spec.template.spec.container[0];

describe('DatabaseBootstrap (synthesized)', () => {
  test('the passwords are only in the Secret; the Job reads them by reference; the ConfigMap holds the script', () => {
    const json = make(FULL).json();
    const secret = only(json, 'kubernetes_secret_v1');
    expect(secret.type).toBe('Opaque');
    expect(secret.data).toEqual({ PGPASSWORD: '${var.admin_pw}', PGBOOT_ROLE_1_PASSWORD: '${var.app_pw}', PGBOOT_ROLE_3_PASSWORD: '${var.ops_pw}' });
    const job = only(json, 'kubernetes_job_v1');
    const configMap = only(json, 'kubernetes_config_map_v1');
    for (const [what, body] of [['Job', job], ['ConfigMap', configMap], ['locals', json.locals]] as const) {
      expect({ what, leaks: /var\.(admin_pw|app_pw|ops_pw)/.test(JSON.stringify(body)) }).toEqual({ what, leaks: false });
    }
    const secretRefs = (containerOf(json).env as any[]).filter((e) => e.value_from);
    expect(secretRefs.map((e) => e.name)).toEqual(['PGPASSWORD', 'PGBOOT_ROLE_1_PASSWORD', 'PGBOOT_ROLE_3_PASSWORD']);
    for (const e of secretRefs) {
      expect(e.value_from.secret_key_ref).toEqual({ name: expect.stringMatching(/^\$\{kubernetes_secret_v1\.[^.]+\.metadata\[0\]\.name\}$/), key: e.name });
    }
    expect(Object.keys(configMap.data)).toEqual(['bootstrap.sql']);
    expect(job.spec.template.spec.volume).toEqual([{ name: 'script', config_map: { name: expect.stringMatching(/^\$\{kubernetes_config_map_v1\./), default_mode: '0444' } }]);
  });

  test('the script is static: no name, collation or extension of the spec is written in it, they come from the env', () => {
    const spec: DatabaseBootstrapSpec = {
      roles: [{ name: 'marker_role_x1', memberOf: ['marker_group_x2'] }, { name: 'marker_group_x2', login: false }],
      databases: [{ name: 'marker_db_x3', collation: 'marker_locale.x4', extensions: ['marker_ext_x5'] }],
      grants: [{ role: 'marker_role_x1', database: 'marker_db_x3', schemas: [{ schema: 'marker_schema_x6', privileges: ['USAGE'] }] }],
    };
    const script = databaseBootstrapScript(spec);
    expect(script.sql).not.toMatch(/marker/);
    expect(Object.values(script.env).sort()).toEqual(['marker_db_x3', 'marker_ext_x5', 'marker_group_x2', 'marker_group_x2', 'marker_locale.x4', 'marker_locale.x4', 'marker_role_x1', 'marker_schema_x6']);
    expect(script.secretEnv).toEqual({});
    // Terraform reads "${" and "%{" in any JSON string as a template.
    expect(script.sql).not.toMatch(/[$%]\{/);
  });

  test('the connection comes from the admin contract; psql runs the mounted script and stops at the first error', () => {
    const json = make(FULL).json();
    const c = containerOf(json);
    expect(c.command).toEqual(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', '/etc/database-bootstrap/bootstrap.sql']);
    expect(c.command).toEqual([...DATABASE_BOOTSTRAP_COMMAND]);
    const env = Object.fromEntries((c.env as any[]).filter((e) => e.value !== undefined).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({ PGHOST: 'db.internal', PGPORT: '5432', PGDATABASE: 'postgres', PGUSER: 'boot_admin', PGSSLMODE: 'require', PGCONNECT_TIMEOUT: '10' });
    expect(env.PGSSLROOTCERT).toBeUndefined();
    expect(c.image).toBe(DATABASE_BOOTSTRAP_IMAGE);
    expect(DATABASE_BOOTSTRAP_IMAGE).toMatch(/^postgres:\d+\.\d+-alpine[\d.]+$/);
  });

  test('a server verified against its own CA: the bundle is mounted from the ConfigMap and sslrootcert points at it', () => {
    const json = make(FULL, {}, { tlsMode: 'verify-ca', caCertificatePem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' }).json();
    expect(only(json, 'kubernetes_config_map_v1').data['root.crt']).toContain('BEGIN CERTIFICATE');
    const env = Object.fromEntries((containerOf(json).env as any[]).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({ PGSSLMODE: 'verify-ca', PGSSLROOTCERT: '/etc/database-bootstrap/root.crt' });
  });

  test('a server verified with verify-full and no CA of its own (Azure: public roots): the image\'s system trust store', () => {
    const env = Object.fromEntries((containerOf(make(FULL, {}, { tlsMode: 'verify-full' }).json()).env as any[]).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({ PGSSLMODE: 'verify-full', PGSSLROOTCERT: 'system' });
    // libpq reads "system" only from 16 on: an older psql image is refused.
    expectValidationError(() => make(FULL, { image: 'postgres:15.14-alpine3.22' }, { tlsMode: 'verify-full' }), 'image', 'postgres:15.14-alpine3.22');
    expect(() => make(FULL, { image: 'postgres:15.14-alpine3.22' }, { tlsMode: 'require' })).not.toThrow();
  });

  test('the pod meets the restricted Pod Security Standard, has requests and limits, and the Job waits, with timeouts', () => {
    const job = only(make(FULL).json(), 'kubernetes_job_v1');
    const pod = job.spec.template.spec;
    expect(pod.security_context).toEqual({ run_as_non_root: true, run_as_user: '70', run_as_group: '70', seccomp_profile: { type: 'RuntimeDefault' } });
    expect(pod.container[0].security_context).toEqual({
      run_as_non_root: true,
      allow_privilege_escalation: false,
      privileged: false,
      read_only_root_filesystem: true,
      capabilities: { drop: ['ALL'] },
      seccomp_profile: { type: 'RuntimeDefault' },
    });
    expect(pod.container[0].resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } });
    expect(pod).toMatchObject({ restart_policy: 'Never', automount_service_account_token: false, enable_service_links: false });
    expect(pod.container[0].volume_mount).toEqual([{ name: 'script', mount_path: '/etc/database-bootstrap', read_only: true }]);
    expect(job.spec).toMatchObject({ backoff_limit: 3, active_deadline_seconds: 600 });
    expect(job.wait_for_completion).toBe(true);
    expect(job.timeouts).toEqual({ create: '720s', update: '720s', delete: '5m' });
  });

  test('every object depends on what it is given; the Job reads the Secret and the ConfigMap, and a new Secret replaces it', () => {
    const { json, boot } = (() => {
      const m = make(FULL);
      return { json: m.json(), boot: m.boot };
    })();
    for (const type of ['kubernetes_job_v1', 'kubernetes_secret_v1', 'kubernetes_config_map_v1']) {
      expect({ type, deps: only(json, type).depends_on }).toEqual({ type, deps: ['random_string.database'] });
      expect(only(json, type).metadata.namespace).toMatch(/^\$\{kubernetes_namespace_v1\./);
    }
    const job = only(json, 'kubernetes_job_v1');
    const [secretId] = Object.keys(resources(json, 'kubernetes_secret_v1'));
    expect(job.lifecycle).toEqual({ replace_triggered_by: [`\${kubernetes_secret_v1.${secretId}}`] });
    expect(boot.job.terraformResourceType).toBe('kubernetes_job_v1');
  });

  test('the Job is named from a hash of what it runs (script, image, non-secret env), without the passwords', () => {
    const json = make(FULL).json();
    const job = only(json, 'kubernetes_job_v1');
    const [local] = Object.keys(json.locals!);
    expect(job.metadata.name).toBe(`database-bootstrap-\${substr(sha256(jsonencode(local.${local})), 0, 10)}`);
    const runs = json.locals![local!];
    expect(runs.files['bootstrap.sql']).toBe(only(json, 'kubernetes_config_map_v1').data['bootstrap.sql']);
    expect(runs.image).toBe(DATABASE_BOOTSTRAP_IMAGE);
    expect(runs.env).toMatchObject({ PGBOOT_ROLE_1: 'app', PGHOST: 'db.internal' });
    expect(JSON.stringify(runs)).not.toMatch(/_pw/);
  });

  const terraform = terraformBinary();
  (terraform ? test : test.skip)('the name Terraform computes changes with the spec and its values, not with how they are written', () => {
    const stack = new TerraformStack(testApp(), 'names');
    const admin = new TerraformVariable(stack, 'admin_pw', { type: 'string', sensitive: true });
    const names: Record<string, string> = {};
    const add = (id: string, spec: DatabaseBootstrapSpec) => {
      const namespace = new AppNamespace(stack, `ns-${id}`, { name: `ns-${id}`, dependsOn: [] });
      const boot = new DatabaseBootstrap(stack, id, {
        admin: { host: 'db', port: 5432, database: 'postgres', username: 'boot_admin', password: admin.stringValue, tlsMode: 'require', majorVersion: 15 },
        namespace,
        spec,
        dependsOn: [],
      });
      new TerraformOutput(stack, `name_${id}`, { value: boot.jobName });
      names[id] = `name_${id}`;
    };
    const roleVar = (n: string) => new TerraformVariable(stack, n, { type: 'string' }).stringValue;
    add('a', { roles: [{ name: 'app' }] });
    add('same', { roles: [{ name: 'app' }] });
    add('other', { roles: [{ name: 'app', attributes: ['CREATEDB'] }] });
    add('var1', { roles: [{ name: roleVar('role_one') }] });
    add('var2', { roles: [{ name: roleVar('role_two') }] });
    add('var3', { roles: [{ name: roleVar('role_three') }] });
    const json = synth(stack);
    const r = renderOutputs(terraform!, {
      json,
      outputs: Object.values(names),
      variables: { admin_pw: 'x', role_one: 'app', role_two: 'app', role_three: 'other_app' },
      sample: () => 'unused',
    });
    const name = (id: string) => r.raw[names[id]!]!;
    expect(name('a')).toMatch(/^database-bootstrap-[0-9a-f]{10}$/);
    expect(name('same')).toBe(name('a'));
    expect(name('other')).not.toBe(name('a'));
    // The hash is over values: a variable holding "app" names the Job like the literal "app" ...
    expect(name('var1')).toBe(name('a'));
    expect(name('var2')).toBe(name('a'));
    // ... and a different value is a different Job.
    expect(name('var3')).not.toBe(name('a'));
  });
  if (!terraform) console.log('SKIP database-bootstrap job-name render test: no terraform binary on the PATH');

  describe('rejects at synth', () => {
    test('an admin that goes through a proxy', () => expectValidationError(() => make(FULL, {}, { tlsMode: 'proxy' }), 'admin.tlsMode', 'proxy'));
    test('an admin without a password', () => expectValidationError(() => make(FULL, {}, { password: undefined }), 'admin.password', undefined));
    test('a literal admin password', () => expectValidationError(() => make(FULL, {}, { password: 'hunter2' }), 'admin.password', '***'));
    test('a server newer than the image\'s psql', () => expectValidationError(() => make(FULL, {}, { majorVersion: 19 }), 'image', DATABASE_BOOTSTRAP_IMAGE));
    test('an image without a tag format', () => expectValidationError(() => make(FULL, { image: 'postgres:latest tag' }), 'image', 'postgres:latest tag'));
    test('a base name too long for a Job with a hash', () => expectValidationError(() => make(FULL, { name: 'a'.repeat(43) }), 'name', 'a'.repeat(43)));
    test('an empty role name', () => expectValidationError(() => make(() => ({ roles: [{ name: '' }] })), 'spec.roles[0].name', ''));
    test('a role name longer than 63 bytes', () => expectValidationError(() => make(() => ({ roles: [{ name: 'é'.repeat(32) }] })), 'spec.roles[0].name', 'é'.repeat(32)));
    test('a role name with a control character', () => expectValidationError(() => make(() => ({ roles: [{ name: 'a\u0007b' }] })), 'spec.roles[0].name', 'a\u0007b'));
    test('a new role named pg_*', () => expectValidationError(() => make(() => ({ roles: [{ name: 'pg_app' }] })), 'spec.roles[0].name', 'pg_app'));
    test('a role declared twice', () => expectValidationError(() => make(() => ({ roles: [{ name: 'a' }, { name: 'a' }] })), 'spec.roles[1].name', 'a'));
    test('an attribute outside the allowlist', () => expectValidationError(() => make(() => ({ roles: [{ name: 'a', attributes: ['SUPERUSER' as any] }] })), 'spec.roles[0].attributes[0]', 'SUPERUSER'));
    test('a literal role password', () => expectValidationError(() => make(() => ({ roles: [{ name: 'a', password: 'pw' }] })), 'spec.roles[0].password', '***'));
    test('a password for an existing role', () => expectValidationError(() => make((v) => ({ roles: [{ name: 'a', existing: true, password: v('a_pw') }] })), 'spec.roles[0].password', '***'));
    test('a password for a role that cannot log in', () => expectValidationError(() => make((v) => ({ roles: [{ name: 'a', login: false, password: v('a_pw') }] })), 'spec.roles[0].password', '***'));
    test('a role that is a member of itself', () => expectValidationError(() => make(() => ({ roles: [{ name: 'a', memberOf: ['a'] }] })), 'spec.roles[0].memberOf[0]', 'a'));
    test('a bad collation', () => expectValidationError(() => make(() => ({ databases: [{ name: 'd', collation: "en_US'; x" }] })), 'spec.databases[0].collation', "en_US'; x"));
    test('a ctype without a collation', () => expectValidationError(() => make(() => ({ databases: [{ name: 'd', ctype: 'C' }] })), 'spec.databases[0].ctype', 'C'));
    test('a bad extension name', () => expectValidationError(() => make(() => ({ databases: [{ name: 'd', extensions: ['PgCrypto;'] }] })), 'spec.databases[0].extensions[0]', 'PgCrypto;'));
    test('a grant to an undeclared role', () => expectValidationError(() => make(() => ({ databases: [{ name: 'd' }], grants: [{ role: 'x', database: 'd', databasePrivileges: ['CONNECT'] }] })), 'spec.grants[0].role', 'x'));
    test('a grant in an undeclared database', () => expectValidationError(() => make(() => ({ roles: [{ name: 'a' }], grants: [{ role: 'a', database: 'd', databasePrivileges: ['CONNECT'] }] })), 'spec.grants[0].database', 'd'));
    test('a grant of nothing', () => expectValidationError(() => make(() => ({ roles: [{ name: 'a' }], databases: [{ name: 'd' }], grants: [{ role: 'a', database: 'd' }] })), 'spec.grants[0]', 'a'));
    test('a database privilege outside the allowlist', () => expectValidationError(() => make(() => ({ roles: [{ name: 'a' }], databases: [{ name: 'd' }], grants: [{ role: 'a', database: 'd', databasePrivileges: ['DROP' as any] }] })), 'spec.grants[0].databasePrivileges[0]', 'DROP'));
    test('default privileges on nothing', () => expectValidationError(() => make(() => ({ roles: [{ name: 'a' }], databases: [{ name: 'd' }], grants: [{ role: 'a', database: 'd', schemas: [{ schema: 'public', defaultPrivileges: [{ forRole: 'a' }] }] }] })), 'spec.grants[0].schemas[0].defaultPrivileges[0]', 'a'));
  });
});

/** Values of the stack's variables in the SQL tests. */
const VALUES = { admin_pw: ADMIN_PASSWORD, app_pw: 'app-Pa55', ops_pw: 'ops-Pa55' };

describeWithPostgres('DatabaseBootstrap SQL on a real PostgreSQL server', (server) => {
  let pg: PostgresServer;
  const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const one = (sql: string, database = 'postgres') => pg.rows(sql, { database }).map((r) => r.join('|')).join('\n');
  const loginWorks = (user: string, password: string, database = 'postgres') => pg.run(['-X', '-A', '-t', '-c', 'SELECT current_user'], { user, password, database }).status === 0;

  beforeAll(() => {
    pg = server();
    // A managed-database admin: not a superuser, may create roles and databases (as Cloud SQL's built-in users).
    pg.exec(`CREATE ROLE boot_admin LOGIN CREATEROLE CREATEDB PASSWORD ${lit(ADMIN_PASSWORD)}`);
    // A role made outside the bootstrap, already in a group of its own and allowed to create databases.
    pg.exec('CREATE ROLE legacy_group NOLOGIN; CREATE ROLE legacy LOGIN CREATEDB IN ROLE legacy_group');
  });

  /** The catalog facts the spec decides, for comparing one run with the next. */
  const state = () =>
    [
      one("SELECT rolname, rolcanlogin, rolcreatedb, rolcreaterole, rolsuper, rolreplication FROM pg_roles WHERE rolname IN ('app', 'readers', 'ops', 'legacy') ORDER BY 1"),
      one('SELECT u.rolname, g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member ORDER BY 1, 2'),
      one("SELECT datname, pg_encoding_to_char(encoding), datcollate, datctype, pg_get_userbyid(datdba), datacl FROM pg_database WHERE datname = 'appdb'"),
      one("SELECT nspacl FROM pg_namespace WHERE nspname = 'public'", 'appdb'),
      one('SELECT defaclrole::regrole, defaclobjtype, defaclacl FROM pg_default_acl ORDER BY 1, 2', 'appdb'),
      one('SELECT extname FROM pg_extension ORDER BY 1', 'appdb'),
    ].join('\n--\n');

  test('a run creates the roles, memberships, database, extension and grants; a second run succeeds and changes nothing', () => {
    const json = make(FULL).json();
    const first = runBootstrapJob(pg, json, VALUES);
    expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    const after1 = state();
    const second = runBootstrapJob(pg, json, VALUES);
    expect({ status: second.status, stderr: second.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    expect(state()).toBe(after1);

    expect(one("SELECT rolname, rolcanlogin, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname IN ('app', 'readers', 'ops', 'legacy') ORDER BY 1")).toBe(
      // The existing role got CREATEROLE and kept its CREATEDB; the others are exactly as specified.
      ['app|t|f|f', 'legacy|t|t|t', 'ops|t|t|t', 'readers|f|f|f'].join('\n'),
    );
    // app is in readers only; the existing role keeps its own group.
    expect(one("SELECT u.rolname, g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE u.rolname IN ('app', 'readers', 'ops', 'legacy') ORDER BY 1, 2")).toBe(
      ['app|readers', 'legacy|legacy_group'].join('\n'),
    );
    expect(one("SELECT pg_encoding_to_char(encoding), datcollate, datctype, pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'appdb'")).toBe('UTF8|C.utf8|C.utf8|boot_admin');
    expect(one("SELECT extname FROM pg_extension WHERE extname = 'pgcrypto'", 'appdb')).toBe('pgcrypto');
    expect(one("SELECT has_database_privilege('app', 'appdb', 'CONNECT'), has_database_privilege('app', 'appdb', 'TEMPORARY'), has_database_privilege('app', 'appdb', 'CREATE'), has_database_privilege('legacy', 'appdb', 'CREATE')")).toBe('t|t|f|t');
    expect(one("SELECT has_schema_privilege('app', 'public', 'USAGE'), has_schema_privilege('app', 'public', 'CREATE'), has_schema_privilege('ops', 'public', 'CREATE')", 'appdb')).toBe('t|t|f');

    // The roles log in with their passwords (and not with another one); the admin's objects come with default privileges.
    expect(loginWorks('app', VALUES.app_pw, 'appdb')).toBe(true);
    expect(loginWorks('ops', VALUES.ops_pw)).toBe(true);
    expect(loginWorks('app', 'wrong')).toBe(false);
    pg.exec('CREATE TABLE admin_made (id serial PRIMARY KEY)', { user: 'boot_admin', password: ADMIN_PASSWORD, database: 'appdb' });
    expect(one("SELECT has_table_privilege('app', 'admin_made', 'SELECT'), has_table_privilege('app', 'admin_made', 'INSERT'), has_sequence_privilege('app', 'admin_made_id_seq', 'USAGE')", 'appdb')).toBe('t|f|t');
    pg.exec('CREATE TABLE app_made (id int); SELECT gen_random_uuid()', { user: 'app', password: VALUES.app_pw, database: 'appdb' });
  });

  test('a role it manages is brought back to the spec: attributes, memberships and password (member of no other role)', () => {
    const json = make(FULL).json();
    expect(runBootstrapJob(pg, json, VALUES).status).toBe(0);
    // Drift, as another admin could cause it.
    pg.exec("ALTER ROLE app CREATEDB PASSWORD 'changed'; GRANT ops TO app; GRANT legacy_group TO readers; ALTER ROLE ops NOCREATEROLE; ALTER ROLE readers LOGIN");
    expect(loginWorks('app', VALUES.app_pw)).toBe(false);
    const run = runBootstrapJob(pg, json, VALUES);
    expect(run.status).toBe(0);
    expect(one("SELECT rolname, rolcanlogin, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname IN ('app', 'readers', 'ops') ORDER BY 1")).toBe(['app|t|f|f', 'ops|t|t|t', 'readers|f|f|f'].join('\n'));
    expect(one("SELECT u.rolname, g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE u.rolname IN ('app', 'readers', 'ops') ORDER BY 1, 2")).toBe('app|readers');
    expect(loginWorks('app', VALUES.app_pw)).toBe(true);
  });

  test('Taskcluster-style service users: LOGIN, a password each, no other attribute, member of no role', () => {
    const services = ['auth', 'github', 'hooks', 'index', 'notify', 'object', 'purge_cache', 'queue', 'secrets', 'web_server', 'worker_manager'];
    const json = make((v) => ({
      roles: services.map((s) => ({ name: `tc_${s}`, password: v(`tc_${s}_pw`) })),
      databases: [{ name: 'taskcluster', collation: 'C.utf8', extensions: ['pgcrypto'] }],
    })).json();
    const values: Record<string, string> = { ...VALUES, ...Object.fromEntries(services.map((s) => [`tc_${s}_pw`, `pw-${s}-'"\\`])) };
    expect(runBootstrapJob(pg, json, values).status).toBe(0);
    expect(runBootstrapJob(pg, json, values).status).toBe(0);
    const users = services.map((s) => lit(`tc_${s}`)).join(', ');
    expect(one(`SELECT count(*) FROM pg_roles WHERE rolname IN (${users}) AND rolcanlogin AND NOT (rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls)`)).toBe('11');
    expect(one(`SELECT count(*) FROM pg_auth_members m JOIN pg_roles u ON u.oid = m.member WHERE u.rolname IN (${users})`)).toBe('0');
    expect(one("SELECT datcollate, pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'taskcluster'")).toBe('C.utf8|boot_admin');
    for (const s of services) expect({ s, login: loginWorks(`tc_${s}`, values[`tc_${s}_pw`]!, 'taskcluster') }).toEqual({ s, login: true });
  });

  test('hostile names and passwords (quotes, backslashes, $$, ;, newlines) are data, not SQL', () => {
    const hostileRole = `we"ird'; DROP ROLE boot_admin; -- $$ \\x\nname`;
    const hostilePassword = `p'w"d\\; $$ DROP DATABASE postgres; $q$\n--`;
    const hostileDb = `db'; DROP DATABASE appdb; "x" $$ \\\nend`;
    const json = make((v) => ({
      roles: [{ name: v('hostile_role'), password: v('hostile_pw') }],
      databases: [{ name: v('hostile_db') }],
      grants: [{ role: v('hostile_role'), database: v('hostile_db'), databasePrivileges: ['CONNECT'], schemas: [{ schema: 'public', privileges: ['USAGE', 'CREATE'] }] }],
    })).json();
    const values = { ...VALUES, hostile_role: hostileRole, hostile_pw: hostilePassword, hostile_db: hostileDb };
    const roles = Number(one('SELECT count(*) FROM pg_roles'));
    const dbs = Number(one('SELECT count(*) FROM pg_database'));
    const first = runBootstrapJob(pg, json, values);
    expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    expect(runBootstrapJob(pg, json, values).status).toBe(0);
    expect(first.sql).not.toContain('DROP ROLE boot_admin');
    // Exactly one role and one database more, with exactly those names; nothing was dropped.
    expect(Number(one('SELECT count(*) FROM pg_roles'))).toBe(roles + 1);
    expect(Number(one('SELECT count(*) FROM pg_database'))).toBe(dbs + 1);
    expect(one(`SELECT count(*) FROM pg_roles WHERE rolname = ${lit(hostileRole)} AND rolcanlogin`)).toBe('1');
    expect(one(`SELECT has_database_privilege(${lit(hostileRole)}, ${lit(hostileDb)}, 'CONNECT')`)).toBe('t');
    expect(one("SELECT count(*) FROM pg_roles WHERE rolname = 'boot_admin'")).toBe('1');
    expect(loginWorks(hostileRole, hostilePassword, hostileDb)).toBe(true);
    pg.exec('CREATE TABLE hostile_made (id int)', { user: hostileRole, password: hostilePassword, database: hostileDb });
  });

  test('fails, naming the problem and without echoing statements, when an input is missing or the server disagrees', () => {
    const json = make(FULL).json();
    // A missing environment variable (a broken Secret or Job spec).
    const withoutEnv = JSON.parse(JSON.stringify(json));
    const c = withoutEnv.resource.kubernetes_job_v1[Object.keys(withoutEnv.resource.kubernetes_job_v1)[0]!].spec.template.spec.container[0];
    c.env = c.env.filter((e: any) => e.name !== 'PGBOOT_ROLE_2');
    const missing = runBootstrapJob(pg, withoutEnv, VALUES);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('the environment variable PGBOOT_ROLE_2 is not set');

    // A role that must exist but does not (a Cloud SQL IAM user not created yet).
    const absent = runBootstrapJob(pg, make(() => ({ roles: [{ name: 'not_there', existing: true }] })).json(), VALUES);
    expect(absent.status).not.toBe(0);
    expect(absent.stderr).toContain('the role not_there does not exist');
    expect(absent.stderr).not.toMatch(/CONTEXT|LINE \d/);

    // An existing database with another collation cannot become what the spec says.
    pg.exec("CREATE DATABASE c_collated TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
    const collation = runBootstrapJob(pg, make((v) => ({ roles: [{ name: 'x_user', password: v('app_pw') }], databases: [{ name: 'c_collated', collation: 'C.utf8' }] })).json(), VALUES);
    expect(collation.status).not.toBe(0);
    expect(collation.stderr).toContain("the database c_collated has encoding UTF8, LC_COLLATE 'C'");
    expect(collation.stderr).not.toContain(VALUES.app_pw);

    // The admin's own password is checked by the server.
    const wrong = runBootstrapJob(pg, json, { ...VALUES, admin_pw: 'not-the-password' });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toMatch(/password authentication failed/);
  });
});
