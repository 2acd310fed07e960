import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { postgresUrl } from '../../lib/core/postgres';
import { CLOUD_SQL_AUDIT_FLAGS, CloudSqlPostgres, CloudSqlPostgresProps, cloudSqlCollation, cloudSqlDefaultMaxConnections } from '../../lib/gcp/postgres';
import { only, resources, synth } from '../support/synth';
import { expectValidationError, validationErrorOf } from '../support/validation-matchers';
import { PROJECT, REGION, byId, expressions, googleStack, networkRef } from './fixtures';

function make(over: Partial<CloudSqlPostgresProps> | ((app: ServiceAccount) => Partial<CloudSqlPostgresProps>) = {}) {
  const stack = googleStack();
  const app = new ServiceAccount(stack, 'app', { accountId: 'sl-backend' });
  if (typeof over === 'function') over = over(app);
  const db = new CloudSqlPostgres(stack, 'pg', { project: PROJECT, network: networkRef(), instanceName: 'sl-pg-abc123', version: 16, databaseName: 'spacelift', ...over });
  return { stack, db };
}

function instanceJson(over: Partial<CloudSqlPostgresProps> = {}): any {
  return only(synth(make(over).stack), 'google_sql_database_instance');
}

const ref = (type: string, attr: string) => new RegExp(`^\\$\\{${type}\\.[^.]+\\.${attr}\\}$`);

describe('CloudSqlPostgres', () => {
  test('private IP only, TLS enforced, created after the private service access peering', () => {
    const stack = googleStack();
    const peering = new CloudSqlPostgres(stack, 'other', { project: PROJECT, network: networkRef(), instanceName: 'other', version: 16, databaseName: 'x' });
    new CloudSqlPostgres(stack, 'pg', { project: PROJECT, network: networkRef({ privateServiceAccess: [peering.instance] }), instanceName: 'sl-pg', version: 16, databaseName: 'spacelift' });
    const i = byId(synth(stack), 'google_sql_database_instance', 'pg_instance');
    expect(i.settings.ip_configuration).toEqual({ ipv4_enabled: false, private_network: networkRef().networkId, ssl_mode: 'ENCRYPTED_ONLY' });
    expect(i.settings.ip_configuration.authorized_networks).toBeUndefined();
    expect(i.depends_on).toEqual([expect.stringMatching(/^google_sql_database_instance\.other_instance/)]);
  });

  test('defaults: Enterprise db-custom-2-7680, zonal, 50 GB SSD that grows, in the network region', () => {
    const i = instanceJson({ labels: { team: 'platform' } });
    expect(i).toMatchObject({ project: PROJECT, name: 'sl-pg-abc123', region: REGION, database_version: 'POSTGRES_16' });
    expect(i.settings).toMatchObject({
      edition: 'ENTERPRISE',
      tier: 'db-custom-2-7680',
      availability_type: 'ZONAL',
      disk_type: 'PD_SSD',
      disk_size: 50,
      disk_autoresize: true,
      user_labels: { team: 'platform' },
      insights_config: { query_insights_enabled: true, record_client_address: false },
    });
    expect(i.root_password).toBeUndefined();
  });

  test('backups: daily, 14 kept, point-in-time recovery with 7 days of logs', () => {
    expect(instanceJson().settings.backup_configuration).toEqual({
      enabled: true,
      start_time: '01:00',
      point_in_time_recovery_enabled: true,
      transaction_log_retention_days: 7,
      backup_retention_settings: { retained_backups: 14, retention_unit: 'COUNT' },
    });
  });

  test('maintenance window Sunday 03:00 UTC on the stable track, configurable', () => {
    expect(instanceJson().settings.maintenance_window).toEqual({ day: 7, hour: 3, update_track: 'stable' });
    expect(instanceJson({ maintenanceWindow: { day: 2, hour: 23 } }).settings.maintenance_window).toEqual({ day: 2, hour: 23, update_track: 'stable' });
  });

  test('audit logging flags; no IAM authentication flag with passwords', () => {
    const flags = instanceJson().settings.database_flags;
    expect(flags).toEqual(Object.entries(CLOUD_SQL_AUDIT_FLAGS).map(([name, value]) => ({ name, value })));
    expect(flags.map((f: any) => f.name)).not.toContain('cloudsql.iam_authentication');
  });

  test('deletion protection in Terraform and in the Cloud SQL API, and prevent_destroy, on instance and database', () => {
    const json = synth(make().stack);
    const i = only(json, 'google_sql_database_instance');
    expect(i.deletion_protection).toBe(true);
    expect(i.settings.deletion_protection_enabled).toBe(true);
    expect(i.lifecycle.prevent_destroy).toBe(true);
    expect(only(json, 'google_sql_database').lifecycle.prevent_destroy).toBe(true);
  });

  test('allowDestroy lifts all three', () => {
    const json = synth(make({ allowDestroy: true }).stack);
    const i = only(json, 'google_sql_database_instance');
    expect([i.deletion_protection, i.settings.deletion_protection_enabled, i.lifecycle.prevent_destroy]).toEqual([false, false, false]);
    expect(only(json, 'google_sql_database').lifecycle.prevent_destroy).toBe(false);
  });

  test('high availability: a regional instance', () => {
    expect(instanceJson({ highAvailability: true }).settings.availability_type).toBe('REGIONAL');
  });

  test('Enterprise Plus on a performance-optimized tier with up to 35 days of logs', () => {
    const i = instanceJson({ edition: 'ENTERPRISE_PLUS', pointInTimeRecoveryDays: 35, retainedBackups: 60 });
    expect(i.settings).toMatchObject({ edition: 'ENTERPRISE_PLUS', tier: 'db-perf-optimized-N-2' });
    expect(i.settings.backup_configuration.transaction_log_retention_days).toBe(35);
  });

  test('password authentication: the app user with a strong random_password, UTF-8 database, the contract for the URL', () => {
    const { stack, db } = make();
    const json = synth(stack);
    const [pwId, pw] = Object.entries(resources(json, 'random_password'))[0]!;
    expect(pw).toMatchObject({ length: 32, min_lower: 2, min_upper: 2, min_numeric: 2, min_special: 2 });
    const user = only(json, 'google_sql_user');
    expect(user).toMatchObject({ name: 'spacelift', type: 'BUILT_IN', password: `\${random_password.${pwId}.result}`, deletion_policy: 'ABANDON' });
    expect(only(json, 'google_sql_database')).toMatchObject({ name: 'spacelift', charset: 'UTF8', collation: 'en_US.UTF8' });
    expect(db).toMatchObject({ port: 5432, tlsMode: 'verify-ca', majorVersion: 16 });
    expect(db.adminPassword).toBeUndefined();
    const e = expressions(stack, { host: db.host, user: db.username, password: db.password, database: db.database, conn: db.connectionName });
    expect(e.host).toMatch(ref('google_sql_database_instance', 'private_ip_address'));
    expect(e.user).toMatch(ref('google_sql_user', 'name'));
    expect(e.password).toBe(`\${random_password.${pwId}.result}`);
    expect(e.database).toMatch(ref('google_sql_database', 'name'));
    expect(e.conn).toMatch(ref('google_sql_database_instance', 'connection_name'));
    expect(resources(json, 'google_project_iam_member')).toEqual({});
  });

  test('a given collation is written the way Cloud SQL reads it back', () => {
    expect(only(synth(make({ collation: 'en_US.utf8' }).stack), 'google_sql_database').collation).toBe('en_US.UTF8');
    expect(only(synth(make({ collation: 'de_DE.UTF-8' }).stack), 'google_sql_database').collation).toBe('de_DE.UTF8');
  });

  describe('server verification (password authentication)', () => {
    test("verify-ca by default, against the instance's own server CA, and a URL that names the CA file", () => {
      const { stack, db } = make();
      expect(db.tlsMode).toBe('verify-ca');
      const e = expressions(stack, { ca: db.caCertificatePem, url: postgresUrl(db, { sslRootCert: '/etc/ca/ca.pem' }) });
      expect(e.ca).toMatch(/^\$\{google_sql_database_instance\.[^.]+\.server_ca_cert\[0\]\.cert\}$/);
      expect(e.url).toMatch(/, 5432, .*"verify-ca"\)\}$/);
      expect(e.url).toContain('sslmode=%s&sslrootcert=/etc/ca/ca.pem');
    });

    test('require: encrypted without checking, no CA', () => {
      const { db } = make({ tlsMode: 'require' });
      expect(db.tlsMode).toBe('require');
      expect(db.caCertificatePem).toBeUndefined();
    });

    test('verify-full is refused: clients reach the private IP, which the server certificate does not name', () =>
      expectValidationError(() => make({ tlsMode: 'verify-full' as any }), 'tlsMode', 'verify-full'));
    test('no TLS mode with IAM authentication (the proxy holds the TLS connection)', () =>
      expectValidationError(() => make((app) => ({ tlsMode: 'require', iamAuth: { serviceAccountEmail: app.email, serviceAccountMember: app.member } })), 'tlsMode', 'require'));
  });

  describe('max_connections', () => {
    const flag = (i: any) => i.settings.database_flags.find((f: any) => f.name === 'max_connections')?.value;

    test("Cloud SQL's defaults by memory, per tier", () => {
      expect(
        ['db-f1-micro', 'db-g1-small', 'db-custom-1-3840', 'db-custom-2-7680', 'db-custom-4-15360', 'db-n1-standard-8', 'db-n1-highmem-16', 'db-perf-optimized-N-2', 'db-perf-optimized-N-16'].map(
          cloudSqlDefaultMaxConnections,
        ),
      ).toEqual([25, 50, 100, 400, 500, 600, 800, 500, 1000]);
      expect(cloudSqlDefaultMaxConnections('db-custom-2-6144')).toBe(200);
    });

    test("raised to the app's need when the tier's default is lower; left at the default otherwise", () => {
      expect(flag(instanceJson({ tier: 'db-custom-1-3840', minConnections: 200 }))).toBe('200');
      expect(flag(instanceJson({ tier: 'db-g1-small', minConnections: 200 }))).toBe('200');
      expect(flag(instanceJson({ minConnections: 200 }))).toBeUndefined();
      expect(flag(instanceJson({ tier: 'db-custom-1-3840' }))).toBeUndefined();
    });

    test('an explicit value wins, and is checked against the need and the range', () => {
      expect(flag(instanceJson({ maxConnections: 1000, minConnections: 200 }))).toBe('1000');
      expect(make({ maxConnections: 300 }).db.maxConnections).toBe(300);
      const err = validationErrorOf(() => make({ maxConnections: 150, minConnections: 200 }), 'maxConnections', 150);
      expect(err.allowed).toContain('at least 200');
      expectValidationError(() => make({ maxConnections: 10 }), 'maxConnections', 10);
      expectValidationError(() => make({ maxConnections: 300000 }), 'maxConnections', 300000);
    });
  });

  test('a major upgrade is an in-place change of database_version on the same instance (no replacement)', () => {
    const a = synth(make({ version: 15 }).stack);
    const b = synth(make({ version: 16 }).stack);
    const [idA, iA] = Object.entries(resources(a, 'google_sql_database_instance'))[0]!;
    const [idB, iB] = Object.entries(resources(b, 'google_sql_database_instance'))[0]!;
    expect(idB).toBe(idA);
    expect([iA.database_version, iB.database_version]).toEqual(['POSTGRES_15', 'POSTGRES_16']);
    // Nothing else differs, the name holds no version, and Terraform is not told to ignore the version.
    expect({ ...iB, database_version: undefined }).toEqual({ ...iA, database_version: undefined });
    expect(iB.name).toBe('sl-pg-abc123');
    expect(iB.lifecycle.ignore_changes).toBeUndefined();
    expect(iB.lifecycle.replace_triggered_by).toBeUndefined();
  });

  describe('IAM database authentication', () => {
    const iamAuth = (app: ServiceAccount) => ({ iamAuth: { serviceAccountEmail: app.email, serviceAccountMember: app.member } });

    test('the flag, an IAM service-account user named by the trimmed e-mail, and no app password', () => {
      const { stack, db } = make(iamAuth);
      const json = synth(stack);
      const i = only(json, 'google_sql_database_instance');
      expect(i.settings.database_flags).toContainEqual({ name: 'cloudsql.iam_authentication', value: 'on' });
      const iamUser = byId(json, 'google_sql_user', 'iam-user');
      expect(iamUser).toMatchObject({ type: 'CLOUD_IAM_SERVICE_ACCOUNT', deletion_policy: 'ABANDON', name: '${trimsuffix(google_service_account.app.email, ".gserviceaccount.com")}' });
      expect(iamUser.password).toBeUndefined();
      expect(db.password).toBeUndefined();
      expect(db).toMatchObject({ host: '127.0.0.1', tlsMode: 'proxy', port: 5432 });
    });

    test('a generated pgadmin password user remains for the one-time grants', () => {
      const { stack, db } = make(iamAuth);
      const json = synth(stack);
      const admin = byId(json, 'google_sql_user', 'admin-user');
      expect(admin).toMatchObject({ name: 'pgadmin', type: 'BUILT_IN' });
      expect(expressions(stack, { pw: db.adminPassword }).pw).toMatch(/^\$\{random_password\.[^.]+\.result\}$/);
    });

    test('cloudsql.client and cloudsql.instanceUser for the app account, on this instance only', () => {
      const json = synth(make(iamAuth).stack);
      const members = Object.values(resources(json, 'google_project_iam_member')) as any[];
      expect(members.map((m) => m.role).sort()).toEqual(['roles/cloudsql.client', 'roles/cloudsql.instanceUser']);
      for (const m of members) {
        expect(m.member).toBe('${google_service_account.app.member}');
        expect(m.condition.expression).toMatch(/^resource\.name == 'projects\/my-project-123\/instances\/\$\{google_sql_database_instance\.[^.]+\.name\}' && resource\.type == 'sqladmin\.googleapis\.com\/Instance'$/);
      }
    });

    test('the URL has no password part and goes to the proxy on loopback', () => {
      const { stack, db } = make(iamAuth);
      const url = expressions(stack, { url: postgresUrl(db) }).url;
      expect(url).toMatch(/^\$\{format\("postgres:\/\/%s@%s:%s\/%s\?sslmode=%s", replace\(urlencode\(google_sql_user\.[^)]+\.name\), "\+", "%20"\), "127\.0\.0\.1", 5432, .*"disable"\)\}$/);
    });
  });

  test.each(['db-custom-1-3840', 'db-custom-4-15360', 'db-custom-96-638976', 'db-n1-standard-2', 'db-g1-small'])('accepts the Enterprise tier %s', (tier) => {
    expect(instanceJson({ tier }).settings.tier).toBe(tier);
  });

  test('rejects a malformed project id', () => expectValidationError(() => make({ project: 'PROJECT' }), 'project', 'PROJECT'));
  test('rejects an instance name Cloud SQL does not accept', () => expectValidationError(() => make({ instanceName: 'SL_PG' }), 'instanceName', 'SL_PG'));
  test('rejects a PostgreSQL major Cloud SQL does not offer', () => expectValidationError(() => make({ version: 12 }), 'version', 12));
  test('rejects a bad database name', () => expectValidationError(() => make({ databaseName: 'spacelift-db' }), 'databaseName', 'spacelift-db'));
  test('rejects a reserved user name', () => expectValidationError(() => make({ username: 'postgres' }), 'username', 'postgres'));
  test('rejects a malformed user name', () => expectValidationError(() => make({ username: 'App User' }), 'username', 'App User'));
  test('rejects an unknown edition', () => expectValidationError(() => make({ edition: 'STANDARD' as any }), 'edition', 'STANDARD'));
  test('rejects a tier that is not a Cloud SQL tier', () => {
    const err = validationErrorOf(() => make({ tier: 'GP_Standard_D2ds_v5' }), 'tier', 'GP_Standard_D2ds_v5');
    expect(err.allowed).toContain('db-custom-');
  });
  test('rejects an odd vCPU count', () => expectValidationError(() => make({ tier: 'db-custom-3-7680' }), 'tier', 'db-custom-3-7680'));
  test('rejects too little memory per vCPU', () => {
    const err = validationErrorOf(() => make({ tier: 'db-custom-8-4096' }), 'tier', 'db-custom-8-4096');
    expect(err.allowed).toContain('7424-53248 MiB for 8 vCPUs');
  });
  test('rejects memory that is not a multiple of 256 MiB', () => expectValidationError(() => make({ tier: 'db-custom-2-7000' }), 'tier', 'db-custom-2-7000'));
  test('rejects a performance-optimized tier on Enterprise', () => expectValidationError(() => make({ tier: 'db-perf-optimized-N-4' }), 'tier', 'db-perf-optimized-N-4'));
  test('rejects a custom tier on Enterprise Plus', () => expectValidationError(() => make({ edition: 'ENTERPRISE_PLUS', tier: 'db-custom-2-7680' }), 'tier', 'db-custom-2-7680'));
  test('rejects a shared-core tier with high availability', () => expectValidationError(() => make({ tier: 'db-g1-small', highAvailability: true }), 'tier', 'db-g1-small'));
  test('rejects a disk below 10 GB', () => expectValidationError(() => make({ diskSizeGb: 5 }), 'diskSizeGb', 5));
  test('rejects no kept backups', () => expectValidationError(() => make({ retainedBackups: 0 }), 'retainedBackups', 0));
  test('rejects more than 7 days of logs on Enterprise', () => expectValidationError(() => make({ pointInTimeRecoveryDays: 14 }), 'pointInTimeRecoveryDays', 14));
  test('rejects as many log days as kept backups', () => {
    const err = validationErrorOf(() => make({ retainedBackups: 7, pointInTimeRecoveryDays: 7 }), 'pointInTimeRecoveryDays', 7);
    expect(err.allowed).toContain('fewer days than retainedBackups (7)');
  });
  test('rejects a malformed backup start time', () => expectValidationError(() => make({ backupStartTime: '1:00' }), 'backupStartTime', '1:00'));
  test('rejects a maintenance day out of range (Cloud SQL counts 1-7)', () => expectValidationError(() => make({ maintenanceWindow: { day: 0 } }), 'maintenanceWindow.day', 0));
  test('rejects a maintenance hour out of range', () => expectValidationError(() => make({ maintenanceWindow: { hour: 24 } }), 'maintenanceWindow.hour', 24));
  test('rejects a collation that is not a UTF-8 locale, C or POSIX', () => expectValidationError(() => make({ collation: 'en_US.ISO-8859-1' }), 'collation', 'en_US.ISO-8859-1'));
});

describe('cloudSqlCollation', () => {
  test.each([
    ['en_US.utf8', 'en_US.UTF8'],
    ['en_US.UTF-8', 'en_US.UTF8'],
    ['EN_us.Utf8', 'en_US.UTF8'],
    ['en_US.UTF8', 'en_US.UTF8'],
    ['C', 'C'],
    ['POSIX', 'POSIX'],
  ])('%s -> %s', (given, written) => expect(cloudSqlCollation('postgres', 'collation', given)).toBe(written));
  test.each(['en_US', 'en-US.utf8', 'c', 'en_US.utf8; DROP'])('rejects %s', (v) => expectValidationError(() => cloudSqlCollation('postgres', 'collation', v), 'collation', v));
});
