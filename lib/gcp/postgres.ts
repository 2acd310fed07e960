import './provider-package';
import { Password } from '@cdktf/provider-random/lib/password';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { SqlDatabase } from '@cdktf/provider-google/lib/sql-database';
import { SqlDatabaseInstance } from '@cdktf/provider-google/lib/sql-database-instance';
import { SqlUser } from '@cdktf/provider-google/lib/sql-user';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Fn, ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { GCP_NAMES, checkName } from '../core/naming';
import { PostgresDatabase, PostgresTlsMode } from '../core/postgres';
import { ValidationError, checkInt, checkOneOf, checkPattern, isUnresolved } from '../core/validation';
import { GcpNetworkRef } from './network';
import { CLOUD_SQL_EDITIONS, CLOUD_SQL_POSTGRES_MAJORS, CloudSqlEdition } from './versions';
import { declarePolicyException } from '../core/policy-exceptions';
import { addProviderIfMissing } from '../core/stack-providers';

/** The port Cloud SQL (and the Cloud SQL Auth Proxy on loopback) listens on. */
export const CLOUD_SQL_PORT = 5432;

/** Weekly maintenance window of a Cloud SQL instance. */
export interface CloudSqlMaintenanceWindow {
  /** 1 = Monday ... 7 = Sunday. @default 7 */
  readonly day?: number;
  /** Hour (UTC). @default 3 */
  readonly hour?: number;
}

/** IAM database authentication: the app logs in as its Google service account through the Cloud SQL Auth Proxy. */
export interface CloudSqlIamAuthProps {
  /** E-mail of the Google service account the app runs as (Workload Identity). */
  readonly serviceAccountEmail: string;
  /** `serviceAccount:<email>` of the same account, granted `cloudsql.client` and `cloudsql.instanceUser` on this instance only. */
  readonly serviceAccountMember: string;
}

/** Properties of {@link CloudSqlPostgres}. */
export interface CloudSqlPostgresProps {
  /** Project id. */
  readonly project: string;
  /** Network whose private service access gives the instance its private IP. */
  readonly network: GcpNetworkRef;
  /** Instance name. Cloud SQL keeps a deleted name reserved for a week, so pass one with a unique suffix. */
  readonly instanceName: string;
  /** PostgreSQL major version. */
  readonly version: number;
  /** Database the app uses. */
  readonly databaseName: string;
  /** Login the app connects as with a password (password authentication only). @default "spacelift" */
  readonly username?: string;
  /**
   * Collation (LC_COLLATE and LC_CTYPE) of the database, as Cloud SQL spells it: `<language>_<TERRITORY>.UTF8`, `C`
   * or `POSIX`; other spellings of a UTF-8 locale (`en_US.utf8`, `en_US.UTF-8`) are accepted and written Cloud SQL's
   * way ({@link cloudSqlCollation}). A database's collation cannot change: a new value replaces the database.
   * @default "en_US.UTF8"
   */
  readonly collation?: string;
  /** Machine tier: `db-custom-<vCPUs>-<MiB>` (Enterprise) or `db-perf-optimized-N-<vCPUs>` (Enterprise Plus). @default "db-custom-2-7680" */
  readonly tier?: string;
  /** Edition. @default "ENTERPRISE" */
  readonly edition?: CloudSqlEdition;
  /** Regional availability: a standby in another zone with automatic failover. @default false */
  readonly highAvailability?: boolean;
  /** Disk size in GB (10 or more); grows automatically. @default 50 */
  readonly diskSizeGb?: number;
  /** Daily backups kept (1-365). @default 14 */
  readonly retainedBackups?: number;
  /** Days of write-ahead log kept for point-in-time recovery (1-7; 1-35 with Enterprise Plus), below `retainedBackups`. @default 7 */
  readonly pointInTimeRecoveryDays?: number;
  /** Start of the daily backup, `HH:MM` UTC. @default "01:00" */
  readonly backupStartTime?: string;
  /** When Google may restart the instance for maintenance. @default Sunday 03:00 UTC */
  readonly maintenanceWindow?: CloudSqlMaintenanceWindow;
  /** IAM database authentication instead of a password. @default off (password, TLS enforced) */
  readonly iamAuth?: CloudSqlIamAuthProps;
  /**
   * How clients with a password check the server (not with `iamAuth`, where the proxy holds the TLS connection):
   * `verify-ca` checks the server certificate against the instance's own CA (`caCertificatePem`), which signs
   * certificates for this instance only; `require` encrypts without checking. `verify-full` is not offered: clients
   * connect to the private IP, which the instance's server certificate does not name.
   * @default "verify-ca"
   */
  readonly tlsMode?: 'verify-ca' | 'require';
  /**
   * Connections the app opens at most, all pods together. When the tier's default `max_connections` (Cloud SQL sizes
   * it by memory, see `cloudSqlDefaultMaxConnections`) is lower, the flag is raised to this. @default none
   */
  readonly minConnections?: number;
  /**
   * The `max_connections` flag, set explicitly (14-262143, at least `minConnections`). Changing it restarts the
   * instance. @default the tier's default, raised to `minConnections` when that is lower
   */
  readonly maxConnections?: number;
  /** Let `terraform destroy` delete the instance and database (lifts both deletion protections and `prevent_destroy`). @default false */
  readonly allowDestroy?: boolean;
  /** Labels of the instance. @default none */
  readonly labels?: { readonly [key: string]: string };
  /** What the instance must be created after besides the private service access (the project's APIs). @default none */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * Flags that make the server log what an audit needs (CIS Google Cloud benchmark 6.2; policy rule GCP-SQL-006):
 * connections, lock waits, checkpoints, temporary files and failing statements, but never the text of ordinary
 * statements (by duration, or DDL through log_statement, which would write `ALTER ROLE ... PASSWORD` into the logs).
 */
export const CLOUD_SQL_AUDIT_FLAGS: { readonly [flag: string]: string } = {
  log_connections: 'on',
  log_disconnections: 'on',
  log_lock_waits: 'on',
  log_checkpoints: 'on',
  log_temp_files: '0',
  log_min_error_statement: 'error',
  log_min_duration_statement: '-1',
};

/**
 * Cloud SQL for PostgreSQL with a private IP only (private service access, no public IPv4), TLS enforced
 * (`ENCRYPTED_ONLY`) and clients told to verify the server against the instance's own CA (`verify-ca`,
 * `caCertificatePem`), `max_connections` at least what the app opens (`minConnections`), daily backups with point-in-time recovery, a maintenance window, audit logging flags, query
 * insights, deletion protection both in Terraform and in the Cloud SQL API, and `prevent_destroy`; the app's
 * database and its user with a password generated by Terraform. With `iamAuth` the app logs in as its Google
 * service account through the Cloud SQL Auth Proxy instead: no app password exists, and the contract points at the
 * proxy on loopback (`tlsMode: "proxy"`); a generated `pgadmin` password user remains for the one-time grants.
 */
export class CloudSqlPostgres extends Construct implements PostgresDatabase {
  /** The `google_sql_database_instance` resource. */
  public readonly instance: SqlDatabaseInstance;
  public readonly host: string;
  public readonly port = CLOUD_SQL_PORT;
  public readonly database: string;
  public readonly username: string;
  public readonly password?: string;
  public readonly tlsMode: PostgresTlsMode;
  public readonly majorVersion: number;
  /** `<project>:<region>:<instance>`, what the Cloud SQL Auth Proxy connects to. */
  public readonly connectionName: string;
  /** The instance's private IP address. */
  public readonly privateIpAddress: string;
  /** With IAM authentication: the generated password of the `pgadmin` user that runs the one-time grants. */
  public readonly adminPassword?: string;
  /**
   * With IAM authentication: the `pgadmin` login as a connection (private IP, TLS, the generated password), for the
   * database-bootstrap Job (lib/kubernetes/database-bootstrap.ts) that grants the IAM user what the app needs.
   * @default none (password authentication: the app's own login has what it needs)
   */
  public readonly adminConnection?: PostgresDatabase;
  /** PEM of the instance's server CA, when clients verify the server (`tlsMode` `verify-ca`). */
  public readonly caCertificatePem?: string;
  /** The `max_connections` flag this construct sets, if any (otherwise the tier's default applies). */
  public readonly maxConnections?: number;

  public constructor(scope: Construct, id: string, props: CloudSqlPostgresProps) {
    super(scope, id);
    checkName(this, 'project', props.project, GCP_NAMES.project);
    checkName(this, 'instanceName', props.instanceName, GCP_NAMES.sqlInstance);
    const version = checkOneOf(this, 'version', props.version, CLOUD_SQL_POSTGRES_MAJORS);
    checkPattern(this, 'databaseName', props.databaseName, /^[a-z_][a-z0-9_]{0,62}$/, 'a database name: lower-case letters, digits and "_", not starting with a digit, at most 63 characters');
    const username = checkPattern(this, 'username', props.username ?? 'spacelift', /^[a-z_][a-z0-9_]{0,62}$/, 'a login name: lower-case letters, digits and "_", not starting with a digit');
    if (!isUnresolved(username) && (username === 'postgres' || username.startsWith('cloudsql') || username.startsWith('pg_'))) {
      throw new ValidationError(this, 'username', username, 'a login other than postgres, cloudsql* or pg_* (reserved by Cloud SQL)');
    }
    const edition = checkOneOf(this, 'edition', props.edition ?? 'ENTERPRISE', CLOUD_SQL_EDITIONS);
    const tier = checkCloudSqlTier(this, 'tier', props.tier ?? (edition === 'ENTERPRISE_PLUS' ? 'db-perf-optimized-N-2' : 'db-custom-2-7680'), edition);
    const ha = props.highAvailability ?? false;
    if (ha && !isUnresolved(tier) && /^db-(f1-micro|g1-small)$/.test(tier)) {
      throw new ValidationError(this, 'tier', tier, 'a dedicated-core tier (db-custom-*) when highAvailability is on (shared-core tiers have no SLA)');
    }
    const diskSizeGb = checkInt(this, 'diskSizeGb', props.diskSizeGb ?? 50, 10, 65536);
    const retained = checkInt(this, 'retainedBackups', props.retainedBackups ?? 14, 1, 365);
    const pitrDays = checkInt(this, 'pointInTimeRecoveryDays', props.pointInTimeRecoveryDays ?? 7, 1, edition === 'ENTERPRISE_PLUS' ? 35 : 7);
    if (!isUnresolved(pitrDays) && !isUnresolved(retained) && pitrDays >= retained) {
      throw new ValidationError(this, 'pointInTimeRecoveryDays', pitrDays, `fewer days than retainedBackups (${retained}): recovery starts from a kept backup`);
    }
    const backupStart = checkPattern(this, 'backupStartTime', props.backupStartTime ?? '01:00', /^([01]\d|2[0-3]):[0-5]\d$/, 'a time "HH:MM" (24-hour clock, UTC)');
    const mw = props.maintenanceWindow ?? {};
    const day = checkInt(this, 'maintenanceWindow.day', mw.day ?? 7, 1, 7);
    const hour = checkInt(this, 'maintenanceWindow.hour', mw.hour ?? 3, 0, 23);
    const protect = !(props.allowDestroy ?? false);
    const iam = props.iamAuth;
    if (iam && props.tlsMode !== undefined) {
      throw new ValidationError(this, 'tlsMode', props.tlsMode, 'nothing with iamAuth (the Cloud SQL Auth Proxy holds the TLS connection; the app talks to it over loopback)');
    }
    const tlsMode = checkOneOf(this, 'tlsMode', props.tlsMode ?? 'verify-ca', ['verify-ca', 'require'] as const);
    const maxConnections = this.maxConnectionsFlag(tier, props.minConnections, props.maxConnections);

    const flags = {
      ...CLOUD_SQL_AUDIT_FLAGS,
      ...(iam ? { 'cloudsql.iam_authentication': 'on' } : {}),
      ...(maxConnections === undefined ? {} : { max_connections: String(maxConnections) }),
    };
    this.instance = new SqlDatabaseInstance(this, 'instance', {
      project: props.project,
      name: props.instanceName,
      region: props.network.region,
      databaseVersion: `POSTGRES_${version}`,
      deletionProtection: protect,
      settings: {
        edition,
        tier,
        availabilityType: ha ? 'REGIONAL' : 'ZONAL',
        diskType: 'PD_SSD',
        diskSize: diskSizeGb,
        diskAutoresize: true,
        deletionProtectionEnabled: protect,
        ipConfiguration: {
          ipv4Enabled: false,
          privateNetwork: props.network.networkId,
          sslMode: 'ENCRYPTED_ONLY',
        },
        backupConfiguration: {
          enabled: true,
          startTime: backupStart,
          pointInTimeRecoveryEnabled: true,
          transactionLogRetentionDays: pitrDays,
          backupRetentionSettings: { retainedBackups: retained, retentionUnit: 'COUNT' },
        },
        maintenanceWindow: { day, hour, updateTrack: 'stable' },
        databaseFlags: Object.entries(flags).map(([name, value]) => ({ name, value })),
        insightsConfig: { queryInsightsEnabled: true, recordClientAddress: false },
        userLabels: props.labels,
      },
      dependsOn: [...props.network.privateServiceAccess, ...(props.dependsOn ?? [])],
      lifecycle: { preventDestroy: protect },
    });
    if (!protect) declarePolicyException(this.instance, 'GCP-SQL-004', 'allowDestroy is set: the deployment is being torn down on purpose, so terraform destroy may delete it');

    const db = new SqlDatabase(this, 'database', {
      project: props.project,
      instance: this.instance.name,
      name: props.databaseName,
      charset: 'UTF8',
      collation: cloudSqlCollation(this, 'collation', props.collation ?? 'en_US.UTF8'),
      lifecycle: { preventDestroy: protect },
    });

    // The random provider generates the password: added to the stack unless it declares one.
    addProviderIfMissing(this, 'random', (stack, id) => new RandomProvider(stack, id));
    const password = new Password(this, iam ? 'admin-password' : 'password', {
      length: 32,
      minLower: 2,
      minUpper: 2,
      minNumeric: 2,
      minSpecial: 2,
    });
    const passwordUser = new SqlUser(this, iam ? 'admin-user' : 'user', {
      project: props.project,
      instance: this.instance.name,
      name: iam ? 'pgadmin' : username,
      type: 'BUILT_IN',
      password: password.result,
      // Postgres refuses to drop a role that owns objects; the instance going away removes it anyway.
      deletionPolicy: 'ABANDON',
    });

    if (iam) {
      // Cloud SQL names an IAM service-account user by its e-mail without ".gserviceaccount.com".
      const iamUser = new SqlUser(this, 'iam-user', {
        project: props.project,
        instance: this.instance.name,
        name: Fn.trimsuffix(iam.serviceAccountEmail, '.gserviceaccount.com'),
        type: 'CLOUD_IAM_SERVICE_ACCOUNT',
        deletionPolicy: 'ABANDON',
      });
      // Project-level roles, narrowed by a condition to this one instance.
      for (const role of ['roles/cloudsql.client', 'roles/cloudsql.instanceUser']) {
        new ProjectIamMember(this, `iam-${role.split('.')[1]}`, {
          project: props.project,
          role,
          member: iam.serviceAccountMember,
          condition: {
            title: `only-${props.instanceName}`,
            description: 'Only this Cloud SQL instance',
            expression: `resource.name == 'projects/${props.project}/instances/${this.instance.name}' && resource.type == 'sqladmin.googleapis.com/Instance'`,
          },
        });
      }
      this.username = iamUser.name;
      this.host = '127.0.0.1';
      this.tlsMode = 'proxy';
      this.adminPassword = password.result;
      this.adminConnection = {
        host: this.instance.privateIpAddress,
        port: CLOUD_SQL_PORT,
        database: db.name,
        username: passwordUser.name,
        password: password.result,
        // The bootstrap Job connects to the instance itself (no proxy in its pod): it verifies the server against the
        // instance's own CA, as the app does with password authentication.
        tlsMode: 'verify-ca',
        caCertificatePem: this.instance.serverCaCert.get(0).cert,
        majorVersion: version,
      };
    } else {
      this.username = passwordUser.name;
      this.password = password.result;
      this.host = this.instance.privateIpAddress;
      this.tlsMode = tlsMode;
      // The instance's own CA (GOOGLE_MANAGED_INTERNAL_CA, the default server CA mode): it signs this instance's
      // server certificates only, so a chain that verifies against it is this instance.
      if (tlsMode === 'verify-ca') this.caCertificatePem = this.instance.serverCaCert.get(0).cert;
    }
    this.maxConnections = maxConnections;
    this.database = db.name;
    this.majorVersion = version;
    this.connectionName = this.instance.connectionName;
    this.privateIpAddress = this.instance.privateIpAddress;
  }

  /** The `max_connections` flag to set: the explicit value (checked), or the app's need when the tier's default is lower. */
  private maxConnectionsFlag(tier: string, min: number | undefined, explicit: number | undefined): number | undefined {
    if (min !== undefined) checkInt(this, 'minConnections', min, 1, CLOUD_SQL_MAX_CONNECTIONS_LIMIT);
    if (explicit !== undefined) {
      checkInt(this, 'maxConnections', explicit, 14, CLOUD_SQL_MAX_CONNECTIONS_LIMIT);
      if (min !== undefined && !isUnresolved(explicit) && !isUnresolved(min) && explicit < min) {
        throw new ValidationError(this, 'maxConnections', explicit, `at least ${min}, the connections the app's pods open together`);
      }
      return explicit;
    }
    const tierDefault = cloudSqlDefaultMaxConnections(tier);
    if (min === undefined || isUnresolved(min) || tierDefault === undefined) return undefined;
    return tierDefault < min ? min : undefined;
  }
}

/**
 * A database collation as Cloud SQL's API takes it (`google_sql_database.collation`): a UTF-8 locale as
 * `<language>_<TERRITORY>.UTF8` (`en_US.utf8`, `en_us.UTF-8` become `en_US.UTF8`, the spelling Cloud SQL reads back, so
 * a plan shows no change), or `C` / `POSIX`. PostgreSQL reports the same locale as the database's `datcollate`.
 */
export function cloudSqlCollation(scope: Construct | string, field: string, value: string): string {
  if (isUnresolved(value)) return value;
  if (value === 'C' || value === 'POSIX') return value;
  const m = typeof value === 'string' ? /^([a-z]{2,3})_([a-z]{2})\.utf-?8$/i.exec(value) : null;
  if (m === null) {
    throw new ValidationError(scope, field, value, 'a UTF-8 collation such as "en_US.UTF8" (<language>_<TERRITORY>.UTF8), "C" or "POSIX"');
  }
  return `${m[1]!.toLowerCase()}_${m[2]!.toUpperCase()}.UTF8`;
}

/**
 * A Cloud SQL tier for the edition: Enterprise takes `db-custom-<vCPUs>-<MiB>` (1 or an even number of vCPUs up to
 * 96, 0.9-6.5 GiB per vCPU in multiples of 256 MiB), the legacy `db-n1-standard-*` / `db-n1-highmem-*`, or the
 * shared-core `db-f1-micro` / `db-g1-small`; Enterprise Plus takes `db-perf-optimized-N-<vCPUs>`.
 */
export function checkCloudSqlTier(scope: Construct, field: string, value: string, edition: CloudSqlEdition): string {
  if (isUnresolved(value)) return value;
  const fail = (why: string): never => {
    throw new ValidationError(scope, field, value, why);
  };
  if (typeof value !== 'string') return fail('a Cloud SQL tier such as "db-custom-2-7680"');
  if (edition === 'ENTERPRISE_PLUS') {
    if (!/^db-perf-optimized-N-(2|4|8|16|32|48|64|80|96|128)$/.test(value)) {
      fail('an Enterprise Plus tier "db-perf-optimized-N-<vCPUs>" (2, 4, 8, 16, 32, 48, 64, 80, 96 or 128 vCPUs)');
    }
    return value;
  }
  if (/^db-(f1-micro|g1-small)$/.test(value) || /^db-n1-(standard|highmem)-(1|2|4|8|16|32|64|96)$/.test(value)) return value;
  const m = /^db-custom-(\d+)-(\d+)$/.exec(value);
  if (!m) return fail('an Enterprise tier "db-custom-<vCPUs>-<memory MiB>" such as "db-custom-2-7680" (or db-n1-standard-<n>, db-n1-highmem-<n>, db-f1-micro, db-g1-small; "db-perf-optimized-N-*" needs edition ENTERPRISE_PLUS)');
  const cpus = Number(m[1]);
  const mib = Number(m[2]);
  if (!(cpus === 1 || (cpus % 2 === 0 && cpus >= 2 && cpus <= 96))) fail('a db-custom tier with 1 or an even number of vCPUs up to 96');
  if (mib % 256 !== 0 || mib < 3840 || mib < cpus * 921.6 || mib > cpus * 6656) {
    fail(`a db-custom tier whose memory is a multiple of 256 MiB, at least 3840 MiB and 0.9-6.5 GiB per vCPU (${Math.max(3840, Math.ceil((cpus * 921.6) / 256) * 256)}-${cpus * 6656} MiB for ${cpus} vCPUs)`);
  }
  return value;
}

/** The largest `max_connections` Cloud SQL for PostgreSQL accepts. */
export const CLOUD_SQL_MAX_CONNECTIONS_LIMIT = 262143;

/**
 * Memory of a Cloud SQL tier in MiB: `db-custom-<vCPUs>-<MiB>`, the legacy `db-n1-standard-<n>` (3.75 GiB per vCPU) and
 * `db-n1-highmem-<n>` (6.5 GiB per vCPU), the shared-core `db-f1-micro` (0.6 GiB) and `db-g1-small` (1.7 GiB), and
 * Enterprise Plus `db-perf-optimized-N-<vCPUs>` (8 GiB per vCPU). Undefined for a token or an unknown tier.
 */
export function cloudSqlTierMemoryMib(tier: string): number | undefined {
  if (isUnresolved(tier)) return undefined;
  if (tier === 'db-f1-micro') return 614;
  if (tier === 'db-g1-small') return 1741;
  let m = /^db-custom-(\d+)-(\d+)$/.exec(tier);
  if (m) return Number(m[2]);
  m = /^db-n1-(standard|highmem)-(\d+)$/.exec(tier);
  if (m) return Number(m[2]) * (m[1] === 'standard' ? 3840 : 6656);
  m = /^db-perf-optimized-N-(\d+)$/.exec(tier);
  if (m) return Number(m[1]) * 8192;
  return undefined;
}

/**
 * Cloud SQL for PostgreSQL's default `max_connections` for a tier, by its memory (Cloud SQL documentation, "Quotas and
 * limits", maximum concurrent connections): db-f1-micro 25, db-g1-small 50, 3.75-6 GiB 100, 6-7.5 GiB 200, 7.5-15
 * GiB 400, 15-30 GiB 500, 30-60 GiB 600, 60-120 GiB 800, 120 GiB or more 1000.
 */
export function cloudSqlDefaultMaxConnections(tier: string): number | undefined {
  if (tier === 'db-f1-micro') return 25;
  if (tier === 'db-g1-small') return 50;
  const mib = cloudSqlTierMemoryMib(tier);
  if (mib === undefined) return undefined;
  const gib = mib / 1024;
  if (gib < 6) return 100;
  if (gib < 7.5) return 200;
  if (gib < 15) return 400;
  if (gib < 30) return 500;
  if (gib < 60) return 600;
  if (gib < 120) return 800;
  return 1000;
}
