/**
 * The SQL of the database-bootstrap Job (./database-bootstrap.ts): a psql script generated from a declarative spec.
 *
 * The script holds no value of the spec. Every name, password, collation and extension reaches psql through the
 * environment (`\getenv`), and psql quotes it (`:'var'` as a literal) before `format('%I' / '%L')` quotes it again
 * for the statement it builds; statements that PostgreSQL cannot run inside a function (CREATE DATABASE) go through
 * `\gexec`. Only keywords from fixed lists (privileges, attributes) are part of the text. So the script is the same
 * for any values with the same shape, a name or password with quotes, backslashes, `$$`, `;` or newlines is just
 * data, and no token ever lands in it.
 *
 * Running it again is safe and converges: what is missing is created; attributes, passwords and (for the roles it
 * creates) memberships are set to the spec on every run; grants are re-applied (GRANT of a held privilege is a no-op).
 * It never drops or revokes privileges: removing a grant from the spec leaves it in place.
 */

/** Role attributes the bootstrap manages. A role gets the listed ones and loses the others of this list. */
export const POSTGRES_ROLE_ATTRIBUTES = ['CREATEDB', 'CREATEROLE'] as const;
/** A role attribute the bootstrap may set (from a fixed list). */
export type PostgresRoleAttribute = (typeof POSTGRES_ROLE_ATTRIBUTES)[number];

/** Privileges on a database. `ALL` is CONNECT, CREATE (schemas) and TEMPORARY. */
export const POSTGRES_DATABASE_PRIVILEGES = ['CONNECT', 'CREATE', 'TEMPORARY', 'ALL'] as const;
/** A privilege on a database the bootstrap may grant. */
export type PostgresDatabasePrivilege = (typeof POSTGRES_DATABASE_PRIVILEGES)[number];

/** Privileges on a schema. `ALL` is USAGE and CREATE. */
export const POSTGRES_SCHEMA_PRIVILEGES = ['USAGE', 'CREATE', 'ALL'] as const;
/** A privilege on a schema the bootstrap may grant. */
export type PostgresSchemaPrivilege = (typeof POSTGRES_SCHEMA_PRIVILEGES)[number];

/** Privileges on tables, for default privileges. */
export const POSTGRES_TABLE_PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER', 'ALL'] as const;
/** A privilege on tables the bootstrap may grant. */
export type PostgresTablePrivilege = (typeof POSTGRES_TABLE_PRIVILEGES)[number];

/** Privileges on sequences, for default privileges. */
export const POSTGRES_SEQUENCE_PRIVILEGES = ['USAGE', 'SELECT', 'UPDATE', 'ALL'] as const;
/** A privilege on sequences the bootstrap may grant. */
export type PostgresSequencePrivilege = (typeof POSTGRES_SEQUENCE_PRIVILEGES)[number];

/** A role (user) the bootstrap creates or brings to the spec. */
export interface BootstrapRole {
  /** Role name; may be a token (known at apply time). */
  readonly name: string;
  /**
   * The role is created outside the bootstrap and must exist already (a Cloud SQL IAM user, which Cloud SQL creates
   * and authenticates): the Job fails when it does not, instead of creating a look-alike. It is only ever added to:
   * its other attributes and memberships stay as they are.
   * @default false: created when missing, attributes and memberships exactly as specified
   */
  readonly existing?: boolean;
  /** The role may log in. @default true for a role the bootstrap creates; an existing role's is left as it is */
  readonly login?: boolean;
  /**
   * Its password: a sensitive token (e.g. a `random_password` result), set on every run. Only for roles the
   * bootstrap creates and that log in. It reaches the Job only through the Job's Secret.
   * @default none: a new role has no password, an existing one keeps its own
   */
  readonly password?: string;
  /**
   * Attributes the role has. A role the bootstrap creates loses the other attributes of
   * {@link POSTGRES_ROLE_ATTRIBUTES} on every run; an existing role keeps them.
   * @default none
   */
  readonly attributes?: readonly PostgresRoleAttribute[];
  /** Roles it is a member of (they must exist when the Job runs: declare them first or create them elsewhere). @default none */
  readonly memberOf?: readonly string[];
}

/** A database the bootstrap creates when missing (owned by the admin login, UTF8, from template0). */
export interface BootstrapDatabase {
  /** Database name; may be a token. */
  readonly name: string;
  /** LC_COLLATE of a new database; an existing database must have it (a collation cannot change). @default the server's */
  readonly collation?: string;
  /** LC_CTYPE, likewise. Only together with `collation`. @default `collation` */
  readonly ctype?: string;
  /** Extensions created in it (`CREATE EXTENSION IF NOT EXISTS`). @default none */
  readonly extensions?: readonly string[];
}

/** Default privileges on objects a role creates later in a schema (ALTER DEFAULT PRIVILEGES). */
export interface BootstrapDefaultPrivileges {
  /** The role whose future objects get them; the admin login must be that role or a member of it. */
  readonly forRole: string;
  /** On its future tables. @default none */
  readonly tables?: readonly PostgresTablePrivilege[];
  /** On its future sequences. @default none */
  readonly sequences?: readonly PostgresSequencePrivilege[];
}

/** Privileges on one schema of the grant's database. */
export interface BootstrapSchemaGrant {
  /** Schema name (it must exist, e.g. `public`). */
  readonly schema: string;
  /** Privileges on the schema itself. @default none */
  readonly privileges?: readonly PostgresSchemaPrivilege[];
  /** Default privileges in the schema. @default none */
  readonly defaultPrivileges?: readonly BootstrapDefaultPrivileges[];
}

/** What one role of the spec is granted in one database of the spec. */
export interface BootstrapGrant {
  /** The grantee: the name of one of the spec's roles (the same string; for a token, the same token string). */
  readonly role: string;
  /** The name of one of the spec's databases (likewise). */
  readonly database: string;
  /** Privileges on the database. @default none */
  readonly databasePrivileges?: readonly PostgresDatabasePrivilege[];
  /** Privileges on schemas of the database. @default none */
  readonly schemas?: readonly BootstrapSchemaGrant[];
}

/** Everything the bootstrap brings about, as data. */
export interface DatabaseBootstrapSpec {
  /** Roles, created or brought to their attributes in this order. @default none */
  readonly roles?: readonly BootstrapRole[];
  /** Databases, created when missing. @default none */
  readonly databases?: readonly BootstrapDatabase[];
  /** Grants to the roles in the databases. @default none */
  readonly grants?: readonly BootstrapGrant[];
}

/** The generated script and the environment it reads. */
export interface DatabaseBootstrapScript {
  /** The psql script (static text; run with {@link PSQL_FLAGS}). */
  readonly sql: string;
  /** Environment variables with the spec's non-secret values (names, collations, extensions); values may be tokens. */
  readonly env: { readonly [name: string]: string };
  /** Environment variables with secret values (role passwords); they belong in a Secret. */
  readonly secretEnv: { readonly [name: string]: string };
}

/**
 * How psql runs the script: no psqlrc (`-X`), quiet, and stop at the first error. The script sets ON_ERROR_STOP
 * itself as well, and terse error messages (no statement text, which could hold a password).
 */
export const PSQL_FLAGS: readonly string[] = ['-X', '-q', '-v', 'ON_ERROR_STOP=1'];

/** Prefix of the environment variables the script reads. */
export const BOOTSTRAP_ENV_PREFIX = 'PGBOOT_';

/** Helper functions, created in the session's temporary schema (gone when the session ends). */
const HELPERS = `-- A role: created when missing (or required to exist), then its attributes and password set to the spec. A NULL
-- attribute is left as it is.
CREATE FUNCTION pg_temp.pgboot_role(role_name text, must_exist boolean, can_login boolean, create_db boolean, create_role boolean, new_password text)
RETURNS void LANGUAGE plpgsql AS $pgboot$
DECLARE
  found_role pg_catalog.pg_roles%ROWTYPE;
  changes text := '';
BEGIN
  IF role_name = '' OR octet_length(role_name) > 63 THEN
    RAISE EXCEPTION 'database bootstrap: the role name % is empty or longer than 63 bytes', quote_literal(role_name);
  END IF;
  SELECT * INTO found_role FROM pg_catalog.pg_roles WHERE rolname = role_name;
  IF NOT FOUND THEN
    IF must_exist THEN
      RAISE EXCEPTION 'database bootstrap: the role % does not exist; it is created outside the bootstrap and must exist first', quote_ident(role_name);
    END IF;
    EXECUTE format('CREATE ROLE %I', role_name);
    RAISE NOTICE 'database bootstrap: created role %', quote_ident(role_name);
    SELECT * INTO found_role FROM pg_catalog.pg_roles WHERE rolname = role_name;
  END IF;
  IF found_role.rolsuper OR found_role.rolreplication OR found_role.rolbypassrls THEN
    RAISE EXCEPTION 'database bootstrap: the role % has SUPERUSER, REPLICATION or BYPASSRLS, which the spec never gives', quote_ident(role_name);
  END IF;
  -- Only what differs is altered, so a role already as specified needs no privilege over it.
  IF can_login IS NOT NULL AND found_role.rolcanlogin <> can_login THEN changes := changes || CASE WHEN can_login THEN ' LOGIN' ELSE ' NOLOGIN' END; END IF;
  IF create_db IS NOT NULL AND found_role.rolcreatedb <> create_db THEN changes := changes || CASE WHEN create_db THEN ' CREATEDB' ELSE ' NOCREATEDB' END; END IF;
  IF create_role IS NOT NULL AND found_role.rolcreaterole <> create_role THEN changes := changes || CASE WHEN create_role THEN ' CREATEROLE' ELSE ' NOCREATEROLE' END; END IF;
  IF changes <> '' THEN
    EXECUTE format('ALTER ROLE %I WITH%s', role_name, changes);
    RAISE NOTICE 'database bootstrap: role %:%', quote_ident(role_name), changes;
  END IF;
  IF new_password IS NOT NULL THEN
    IF new_password = '' THEN
      RAISE EXCEPTION 'database bootstrap: the password of the role % is empty', quote_ident(role_name);
    END IF;
    EXECUTE format('ALTER ROLE %I WITH PASSWORD %L', role_name, new_password);
  END IF;
END
$pgboot$;

-- Memberships: the wanted ones granted; with only_these, every other one revoked (and the Job fails if one stays).
CREATE FUNCTION pg_temp.pgboot_memberships(role_name text, wanted text[], only_these boolean)
RETURNS void LANGUAGE plpgsql AS $pgboot$
DECLARE
  group_name text;
BEGIN
  FOREACH group_name IN ARRAY wanted LOOP
    IF NOT EXISTS (
      SELECT FROM pg_catalog.pg_auth_members m
        JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
        JOIN pg_catalog.pg_roles u ON u.oid = m.member
      WHERE u.rolname = role_name AND g.rolname = group_name
    ) THEN
      EXECUTE format('GRANT %I TO %I', group_name, role_name);
      RAISE NOTICE 'database bootstrap: role % joined %', quote_ident(role_name), quote_ident(group_name);
    END IF;
  END LOOP;
  IF only_these THEN
    FOR group_name IN
      SELECT DISTINCT g.rolname FROM pg_catalog.pg_auth_members m
        JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
        JOIN pg_catalog.pg_roles u ON u.oid = m.member
      WHERE u.rolname = role_name AND g.rolname <> ALL (wanted)
    LOOP
      EXECUTE format('REVOKE %I FROM %I', group_name, role_name);
      RAISE NOTICE 'database bootstrap: role % left %', quote_ident(role_name), quote_ident(group_name);
    END LOOP;
    SELECT g.rolname INTO group_name FROM pg_catalog.pg_auth_members m
      JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
      JOIN pg_catalog.pg_roles u ON u.oid = m.member
    WHERE u.rolname = role_name AND g.rolname <> ALL (wanted)
    LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'database bootstrap: the role % is still a member of %, which the spec does not list', quote_ident(role_name), quote_ident(group_name);
    END IF;
  END IF;
END
$pgboot$;

-- A database that exists must have the encoding and collation the spec asks for (neither can change later).
CREATE FUNCTION pg_temp.pgboot_check_database(db_name text, want_collate text, want_ctype text)
RETURNS void LANGUAGE plpgsql AS $pgboot$
DECLARE
  found_db record;
BEGIN
  SELECT pg_catalog.pg_encoding_to_char(encoding) AS enc, datcollate, datctype INTO found_db
    FROM pg_catalog.pg_database WHERE datname = db_name;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'database bootstrap: the database % does not exist', quote_ident(db_name);
  END IF;
  IF want_collate IS NULL THEN
    RETURN;
  END IF;
  -- Locale names are compared the way glibc matches them: case-insensitive, "-" ignored (en_US.UTF-8 = en_US.utf8).
  IF found_db.enc <> 'UTF8'
     OR lower(replace(found_db.datcollate, '-', '')) <> lower(replace(want_collate, '-', ''))
     OR lower(replace(found_db.datctype, '-', '')) <> lower(replace(want_ctype, '-', '')) THEN
    RAISE EXCEPTION 'database bootstrap: the database % has encoding %, LC_COLLATE % and LC_CTYPE %; the spec asks for UTF8, % and %, and these cannot change',
      quote_ident(db_name), found_db.enc, quote_literal(found_db.datcollate), quote_literal(found_db.datctype), quote_literal(want_collate), quote_literal(want_ctype);
  END IF;
END
$pgboot$;`;

interface Var {
  /** psql variable name. */
  readonly psql: string;
  /** Environment variable name. */
  readonly env: string;
  readonly value: string;
  readonly secret: boolean;
}

/** Generates the script for a spec. The spec must have passed the construct's checks (grants name its roles and databases). */
export function databaseBootstrapScript(spec: DatabaseBootstrapSpec): DatabaseBootstrapScript {
  const vars: Var[] = [];
  const input = (key: string, value: string, secret = false): string => {
    const env = `${BOOTSTRAP_ENV_PREFIX}${key.toUpperCase()}`;
    const psql = `pgboot_${key.toLowerCase()}`;
    vars.push({ psql, env, value, secret });
    return `:'${psql}'`;
  };

  const roles = spec.roles ?? [];
  const databases = spec.databases ?? [];
  const grants = spec.grants ?? [];
  const roleRef = roles.map((r, i) => input(`role_${i + 1}`, r.name));
  const dbRef = databases.map((d, i) => input(`database_${i + 1}`, d.name));
  const indexOf = <T extends { name: string }>(list: readonly T[], name: string, what: string): number => {
    const i = list.findIndex((x) => x.name === name);
    if (i < 0) throw new Error(`database bootstrap: a grant names ${what} ${JSON.stringify(name)}, which the spec does not declare`);
    return i;
  };

  const body: string[] = [];
  if (roles.length > 0 || databases.length > 0) body.push('-- Helpers for this session', HELPERS, '');
  if (roles.length > 0) {
    body.push('-- Roles');
    roles.forEach((r, i) => {
      const existing = r.existing ?? false;
      const attrs = new Set(r.attributes ?? []);
      // An existing role is only added to: what the spec does not say stays as it is (NULL).
      const login = r.login !== undefined ? bool(r.login) : existing ? 'NULL' : 'true';
      const attr = (a: PostgresRoleAttribute) => (attrs.has(a) ? 'true' : existing ? 'NULL' : 'false');
      const password = r.password === undefined ? 'NULL' : input(`role_${i + 1}_password`, r.password, true);
      body.push(`SELECT pg_temp.pgboot_role(${roleRef[i]}, ${bool(existing)}, ${login}, ${attr('CREATEDB')}, ${attr('CREATEROLE')}, ${password});`);
    });
    body.push('', '-- Memberships (after every role exists)');
    roles.forEach((r, i) => {
      const existing = r.existing ?? false;
      const members = (r.memberOf ?? []).map((m, j) => input(`role_${i + 1}_member_${j + 1}`, m));
      if (existing && members.length === 0) return;
      body.push(`SELECT pg_temp.pgboot_memberships(${roleRef[i]}, ARRAY[${members.join(', ')}]::text[], ${bool(!existing)});`);
    });
  }

  if (databases.length > 0) {
    body.push('', '-- Databases: created when missing (CREATE DATABASE cannot run in a function, hence \\gexec), then checked');
    databases.forEach((d, i) => {
      const collate = d.collation === undefined ? undefined : input(`database_${i + 1}_collation`, d.collation);
      const ctype = d.collation === undefined ? undefined : input(`database_${i + 1}_ctype`, d.ctype ?? d.collation);
      const locale = collate === undefined ? '' : ` LC_COLLATE %L LC_CTYPE %L`;
      const localeArgs = collate === undefined ? '' : `, ${collate}, ${ctype}`;
      body.push(
        `SELECT format('CREATE DATABASE %I TEMPLATE template0 ENCODING %L${locale}', ${dbRef[i]}, 'UTF8'${localeArgs})`,
        `  WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_database WHERE datname = ${dbRef[i]}) \\gexec`,
        `SELECT pg_temp.pgboot_check_database(${dbRef[i]}, ${collate ?? 'NULL'}, ${ctype ?? 'NULL'});`,
      );
    });

    databases.forEach((d, i) => {
      const dbGrants = grants.map((g, gi) => ({ g, gi })).filter(({ g }) => indexOf(databases, g.database, 'the database') === i);
      const extensions = d.extensions ?? [];
      if (extensions.length === 0 && dbGrants.length === 0) return;
      body.push(
        '',
        `-- In database ${i + 1}: connect (the name goes into a quoted connection string, so no part of it is read as a setting)`,
        `SELECT 'dbname=''' || replace(replace(${dbRef[i]}, E'\\\\', E'\\\\\\\\'), '''', E'\\\\''') || '''' AS pgboot_conninfo \\gset`,
        '\\connect -reuse-previous=on :"pgboot_conninfo"',
      );
      extensions.forEach((e, j) => {
        body.push(`SELECT format('CREATE EXTENSION IF NOT EXISTS %I', ${input(`database_${i + 1}_extension_${j + 1}`, e)}) \\gexec`);
      });
      for (const { g, gi } of dbGrants) {
        const grantee = roleRef[indexOf(roles, g.role, 'the role')];
        if ((g.databasePrivileges ?? []).length > 0) {
          body.push(`SELECT format('GRANT ${privileges(g.databasePrivileges!)} ON DATABASE %I TO %I', current_database(), ${grantee}) \\gexec`);
        }
        (g.schemas ?? []).forEach((s, si) => {
          const schema = input(`grant_${gi + 1}_schema_${si + 1}`, s.schema);
          if ((s.privileges ?? []).length > 0) {
            body.push(`SELECT format('GRANT ${privileges(s.privileges!)} ON SCHEMA %I TO %I', ${schema}, ${grantee}) \\gexec`);
          }
          (s.defaultPrivileges ?? []).forEach((dp, k) => {
            const owner = input(`grant_${gi + 1}_schema_${si + 1}_owner_${k + 1}`, dp.forRole);
            for (const [objects, privs] of [['TABLES', dp.tables], ['SEQUENCES', dp.sequences]] as const) {
              if ((privs ?? []).length === 0) continue;
              body.push(
                `SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT ${privileges(privs!)} ON ${objects} TO %I', ${owner}, ${schema}, ${grantee}) \\gexec`,
              );
            }
          });
        });
      }
    });
  }

  const header = [
    '-- Database bootstrap, generated by lib/kubernetes/database-bootstrap-sql.ts. Run: psql -X -q -v ON_ERROR_STOP=1 -f <file>',
    '-- No value is written here: names and passwords come from the environment (PGBOOT_*) and are quoted by psql and',
    '-- format(). Safe to run again: it creates what is missing and sets the rest to the spec.',
    '\\set ON_ERROR_STOP on',
    '\\set VERBOSITY terse',
    '\\set SHOW_CONTEXT never',
    '\\o /dev/null',
    '',
    '-- Inputs',
  ];
  for (const v of vars) {
    header.push(
      `\\getenv ${v.psql} ${v.env}`,
      `\\if :{?${v.psql}}`,
      '\\else',
      `DO $pgboot$ BEGIN RAISE EXCEPTION 'database bootstrap: the environment variable ${v.env} is not set'; END $pgboot$;`,
      '\\endif',
    );
  }
  const sql = [...header, '', ...body, '', "\\echo 'database bootstrap: done'", ''].join('\n');
  // Terraform's JSON syntax reads "${" and "%{" in any string as a template; the script never needs them.
  if (/[$%]\{/.test(sql)) throw new Error('database bootstrap: the generated script contains a Terraform template sequence');
  const env: Record<string, string> = {};
  const secretEnv: Record<string, string> = {};
  for (const v of vars) (v.secret ? secretEnv : env)[v.env] = v.value;
  return { sql, env, secretEnv };
}

function bool(b: boolean): string {
  return b ? 'true' : 'false';
}

/** A privilege list from a fixed keyword list; `ALL` alone stands for everything. */
function privileges(list: readonly string[]): string {
  return list.includes('ALL') ? 'ALL PRIVILEGES' : [...new Set(list)].join(', ');
}
