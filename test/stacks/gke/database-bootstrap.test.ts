import { spaceliftGke } from '../../../stacks/gke';
import { SpaceliftGkeConfig } from '../../../stacks/gke/spacelift-config';
import { Graph, dependencyGraph, dependsOn } from '../../support/graph';
import { PostgresServer, describeWithPostgres, runBootstrapJob } from '../../support/postgres';
import { Synthesized, only, resources, synthApp, testApp } from '../../support/synth';
import { gkeConfigWith, gkeExampleConfig } from './fixtures';

/**
 * `postgres.iamAuth: true` on GKE: Spacelift logs in as a Cloud SQL IAM user, which Cloud SQL creates with no
 * privileges. The platform stack grants it what Spacelift's migrations need with the database-bootstrap Job, run as
 * the generated pgadmin user before the Spacelift release.
 */
function pair(config: SpaceliftGkeConfig) {
  const app = testApp();
  const { infra, platform } = spaceliftGke(app, config);
  const json = synthApp(app);
  return { infra: json[infra.node.id]!, platform: json[platform.node.id]! };
}

const iamConfig = () => gkeConfigWith((c) => (c.postgres = { ...c.postgres, iamAuth: true }));

/** The infra stack's output behind a platform stack's `${data.terraform_remote_state...outputs.<name>}`. */
function crossStackSource(infra: Synthesized, expr: string): { name: string; value: string; sensitive: boolean } {
  const name = /outputs\.([^}]+)$/.exec(expr.replace(/^\$\{|\}$/g, ''))?.[1];
  const out = name === undefined ? undefined : infra.output?.[name];
  if (!out) throw new Error(`no infra output behind ${expr}`);
  return { name: name!, value: out.value, sensitive: out.sensitive === true };
}

describe('GKE database bootstrap (IAM authentication)', () => {
  const { infra, platform } = pair(iamConfig());
  const job = only(platform, 'kubernetes_job_v1');
  const env = Object.fromEntries((job.spec.template.spec.container[0].env as any[]).map((e) => [e.name, e]));
  const graph: Graph = dependencyGraph(platform);
  const jobAddress = `kubernetes_job_v1.${Object.keys(resources(platform, 'kubernetes_job_v1'))[0]}`;

  test('no Job with password authentication: the app login has what it needs', () => {
    const { platform: p } = pair(gkeExampleConfig());
    expect(resources(p, 'kubernetes_job_v1')).toEqual({});
    expect(Object.values(resources(p, 'kubernetes_secret_v1')).map((s: any) => s.metadata.name).sort()).toEqual(['spacelift-database-ca', 'spacelift-drain', 'spacelift-server', 'spacelift-shared']);
  });

  test('the Job runs as pgadmin over the private IP with TLS, on the Spacelift database', () => {
    const source = (name: string) => crossStackSource(infra, env[name].value).value;
    expect(source('PGHOST')).toMatch(/^\$\{google_sql_database_instance\.[^.]+\.private_ip_address\}$/);
    expect(source('PGUSER')).toMatch(/^\$\{google_sql_user\.postgres_admin-user_[^.]+\.name\}$/);
    expect(source('PGDATABASE')).toMatch(/^\$\{google_sql_database\.postgres_database_[^.]+\.name\}$/);
    // It verifies the server against the instance's own CA, mounted from its ConfigMap.
    expect(env.PGSSLMODE.value).toBe('verify-ca');
    expect(env.PGSSLROOTCERT.value).toBe('/etc/database-bootstrap/root.crt');
    const script = Object.values(resources(platform, 'kubernetes_config_map_v1'))[0] as any;
    expect(crossStackSource(infra, script.data['root.crt']).value).toMatch(/^\$\{google_sql_database_instance\.[^.]+\.server_ca_cert\[0\]\.cert\}$/);
    expect(env.PGPORT.value).toBe('5432');
    // The grantee is the IAM user Cloud SQL created; the database is the app's.
    expect(source('PGBOOT_ROLE_1')).toMatch(/^\$\{google_sql_user\.postgres_iam-user_[^.]+\.name\}$/);
    expect(source('PGBOOT_DATABASE_1')).toBe(source('PGDATABASE'));
    expect(job.spec.template.spec.container[0].image).toMatch(/^postgres:18\./);
  });

  test('the pgadmin password reaches only the Job\'s Secret, through a sensitive cross-stack output; no other output has it', () => {
    const secret = Object.values(resources(platform, 'kubernetes_secret_v1')).find((s: any) => s.metadata.name === 'database-bootstrap-credentials') as any;
    expect(Object.keys(secret.data)).toEqual(['PGPASSWORD']);
    const source = crossStackSource(infra, secret.data.PGPASSWORD);
    expect(source.value).toMatch(/^\$\{random_password\.postgres_admin-password_[^.]+\.result\}$/);
    expect(source.sensitive).toBe(true);
    expect(env.PGPASSWORD).toEqual({ name: 'PGPASSWORD', value_from: { secret_key_ref: { key: 'PGPASSWORD', name: expect.stringMatching(/^\$\{kubernetes_secret_v1\.database-bootstrap_secret_[^.]+\.metadata\[0\]\.name\}$/) } } });
    const admin = source.value.slice(2, -1);
    const carriers = Object.entries(infra.output ?? {}).filter(([, o]: [string, any]) => JSON.stringify(o.value).includes(admin)).map(([n]) => n);
    expect(carriers).toEqual([source.name]);
    expect(infra.output!.postgres_admin_password).toBeUndefined();
    // Nowhere else in the platform stack.
    const elsewhere = JSON.stringify({ ...platform, resource: { ...platform.resource, kubernetes_secret_v1: {} } });
    expect(elsewhere).not.toContain(source.name);
  });

  test('the Job waits for the cluster and the namespace; the Spacelift release waits for the Job', () => {
    const cluster = Object.keys(platform.data!.google_container_cluster!)[0];
    expect(dependsOn(graph, jobAddress, `data.google_container_cluster.${cluster}`)).toBe(true);
    expect(dependsOn(graph, jobAddress, `kubernetes_namespace_v1.${Object.keys(resources(platform, 'kubernetes_namespace_v1')).find((k) => k.startsWith('namespace'))}`)).toBe(true);
    const release = Object.values(resources(platform, 'helm_release')).find((r: any) => r.name === 'spacelift') as any;
    expect(release.depends_on).toContain(jobAddress);
  });
});

describeWithPostgres('GKE database bootstrap SQL on a real PostgreSQL server, with Cloud SQL stand-ins', (server) => {
  const ADMIN_PASSWORD = `pgadmin "pw" ' \\ $x`;
  const IAM_USER = 'spacelift-backend@my-spacelift-project.iam';
  // Cloud SQL checks an IAM token where this stand-in has a password.
  const IAM_TOKEN = 'stand-in-for-an-iam-token';
  let pg: PostgresServer;
  const { infra, platform } = pair(iamConfig());
  const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const asIam = (sql: string) => pg.run(['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], { user: IAM_USER, password: IAM_TOKEN, database: 'spacelift' });

  /** Values for the cross-stack references in the platform Job, from what each infra output is. */
  const values = (): Record<string, string> => {
    const out: Record<string, string> = {};
    const stand: Array<[RegExp, string]> = [
      [/^\$\{google_sql_database_instance\.[^.]+\.private_ip_address\}$/, '10.20.0.3'],
      [/^\$\{google_sql_user\.postgres_admin-user_[^.]+\.name\}$/, 'pgadmin'],
      [/^\$\{google_sql_user\.postgres_iam-user_[^.]+\.name\}$/, IAM_USER],
      [/^\$\{google_sql_database\.postgres_database_[^.]+\.name\}$/, 'spacelift'],
      [/^\$\{random_password\.postgres_admin-password_[^.]+\.result\}$/, ADMIN_PASSWORD],
    ];
    for (const m of JSON.stringify(platform.resource).matchAll(/\$\{(data\.terraform_remote_state\.[^}]+)\}/g)) {
      const name = /outputs\.(.+)$/.exec(m[1]!)![1]!;
      const hit = stand.find(([re]) => re.test(infra.output?.[name]?.value ?? ''));
      if (hit) out[m[1]!] = hit[1];
    }
    return out;
  };

  beforeAll(() => {
    pg = server();
    // What Cloud SQL sets up: built-in users in cloudsqlsuperuser with CREATEROLE and CREATEDB (google_sql_user
    // BUILT_IN), a database created through the API and owned by cloudsqlsuperuser (google_sql_database), and the IAM
    // service-account user in cloudsqliamserviceaccount with no privileges (google_sql_user CLOUD_IAM_SERVICE_ACCOUNT).
    pg.exec('CREATE ROLE cloudsqlsuperuser NOLOGIN CREATEROLE CREATEDB');
    pg.exec(`CREATE ROLE pgadmin LOGIN CREATEROLE CREATEDB PASSWORD ${lit(ADMIN_PASSWORD)} IN ROLE cloudsqlsuperuser`);
    pg.exec("CREATE DATABASE spacelift OWNER cloudsqlsuperuser TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.utf8' LC_CTYPE 'C.utf8'");
    pg.exec('CREATE ROLE cloudsqliamserviceaccount NOLOGIN');
    pg.exec(`CREATE ROLE ${JSON.stringify(IAM_USER)} LOGIN PASSWORD ${lit(IAM_TOKEN)} IN ROLE cloudsqliamserviceaccount`);
  });

  test('before the Job, the IAM user cannot run Spacelift\'s migrations (PostgreSQL 15+: no CREATE on public for everyone)', () => {
    expect(asIam('SELECT 1').status).toBe(0);
    const table = asIam('CREATE TABLE public.before_grants (id int)');
    expect(table.status).not.toBe(0);
    expect(table.stderr).toMatch(/permission denied for schema public/);
    expect(asIam('CREATE ROLE before_grants_role').stderr).toMatch(/permission denied to create role/);
  });

  test('after the Job (twice), the IAM user can: create roles, schemas, tables in public, temporary tables', () => {
    const v = values();
    expect(Object.keys(v)).toHaveLength(5);
    for (const run of [1, 2]) {
      const r = runBootstrapJob(pg, platform, v);
      expect({ run, status: r.status, stderr: r.stderr }).toEqual({ run, status: 0, stderr: expect.any(String) });
      expect(r.env.PGUSER).toBe('pgadmin');
      expect(r.env.PGDATABASE).toBe('spacelift');
    }
    const migrate = asIam(
      [
        'CREATE ROLE spacelift_migration_role NOLOGIN',
        'CREATE SCHEMA spacelift_migration_schema',
        'CREATE TABLE public.schema_migrations (version bigint PRIMARY KEY)',
        'INSERT INTO public.schema_migrations VALUES (1)',
        'CREATE TEMPORARY TABLE scratch (id int)',
      ].join('; '),
    );
    expect({ status: migrate.status, stderr: migrate.stderr }).toEqual({ status: 0, stderr: '' });
    expect(pg.rows(`SELECT rolcreaterole, rolcreatedb, rolsuper FROM pg_roles WHERE rolname = ${lit(IAM_USER)}`)).toEqual([['t', 'f', 'f']]);
    // Still in Cloud SQL's own role: the bootstrap only adds to a role it did not create.
    expect(pg.rows(`SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = ${lit(IAM_USER)}`)).toEqual([['cloudsqliamserviceaccount']]);
    // The database still belongs to cloudsqlsuperuser; pgadmin granted on its behalf.
    expect(pg.rows("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'spacelift'")).toEqual([['cloudsqlsuperuser']]);
  });
});
