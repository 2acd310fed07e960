import './provider-package';
import type { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import type { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { AWS_NAMES, checkName } from '../core/naming';
import { PostgresDatabase, PostgresTlsMode } from '../core/postgres';
import { ValidationError, checkInt, checkOneOf, checkPattern, isUnresolved } from '../core/validation';
import { checkDbInstanceClass } from './checks';
import { AwsNetworkRef } from './network';
import { RDS_CA_CERT_IDENTIFIER, RdsCaBundle } from './rds-ca';
import { AURORA_POSTGRES_MAJORS, RDS_POSTGRES_MAJORS } from './versions';
import { declarePolicyException } from '../core/policy-exceptions';
import { addProviderIfMissing } from '../core/stack-providers';
import { lazyModule } from '../core/lazy-module';

// A database is either an RDS instance or an Aurora cluster: load only the bindings of the kind being built.
const dbInstance = lazyModule(() => require('@cdktf/provider-aws/lib/db-instance') as typeof import('@cdktf/provider-aws/lib/db-instance'));
const dbParameterGroup = lazyModule(() => require('@cdktf/provider-aws/lib/db-parameter-group') as typeof import('@cdktf/provider-aws/lib/db-parameter-group'));
const rdsCluster = lazyModule(() => require('@cdktf/provider-aws/lib/rds-cluster') as typeof import('@cdktf/provider-aws/lib/rds-cluster'));
const rdsClusterInstance = lazyModule(() => require('@cdktf/provider-aws/lib/rds-cluster-instance') as typeof import('@cdktf/provider-aws/lib/rds-cluster-instance'));
const rdsClusterParameterGroup = lazyModule(() => require('@cdktf/provider-aws/lib/rds-cluster-parameter-group') as typeof import('@cdktf/provider-aws/lib/rds-cluster-parameter-group'));

/** The PostgreSQL port the security group opens to the cluster. */
export const POSTGRES_PORT = 5432;

/** CloudWatch Logs exports: RDS for PostgreSQL knows `postgresql` and `upgrade`, Aurora only `postgresql`. */
const RDS_LOG_EXPORTS = ['postgresql', 'upgrade'];
const AURORA_LOG_EXPORTS = ['postgresql'];

/** Properties of {@link AwsPostgres}. */
export interface AwsPostgresProps {
  /** DB instance (or Aurora cluster) identifier, unique in the account and region. */
  readonly identifier: string;
  /** VPC whose private subnets the database is placed in. */
  readonly network: AwsNetworkRef;
  /** PostgreSQL major version; the minor follows AWS's default and is upgraded automatically in the maintenance window. */
  readonly version: number;
  /** Database the app uses. */
  readonly databaseName: string;
  /** Security groups (the cluster's) that may connect on 5432, by a stable id. */
  readonly allowedSecurityGroups: { readonly [id: string]: string };
  /** KMS key that encrypts storage, snapshots and Performance Insights. */
  readonly kmsKeyArn: string;
  /** Master login the app connects as. @default "spacelift" */
  readonly username?: string;
  /** Aurora PostgreSQL (a cluster with one writer, plus a reader in another zone with multiAz) instead of RDS. @default false */
  readonly aurora?: boolean;
  /** Instance class. @default "db.m6g.large" (Aurora: "db.r6g.large") */
  readonly instanceClass?: string;
  /** A standby (RDS) or a reader (Aurora) in another zone, with automatic failover. @default false */
  readonly multiAz?: boolean;
  /** Storage in GiB (RDS only; Aurora grows by itself). @default 50 */
  readonly allocatedStorageGb?: number;
  /** Storage autoscaling ceiling in GiB (RDS only). @default 4 x allocatedStorageGb */
  readonly maxAllocatedStorageGb?: number;
  /** Days of automated backups for point-in-time restore (7-35). @default 14 */
  readonly backupRetentionDays?: number;
  /** Daily backup window, UTC `hh:mm-hh:mm`. @default "03:00-04:00" */
  readonly backupWindow?: string;
  /** Weekly maintenance window, UTC `ddd:hh:mm-ddd:hh:mm`. @default "sun:04:30-sun:05:30" */
  readonly maintenanceWindow?: string;
  /** Also allow IAM database authentication for people and tools (the app still uses the password). @default true */
  readonly iamAuthentication?: boolean;
  /**
   * TLS mode written into connection URLs; the server refuses clear text either way (`rds.force_ssl`). With `verify-ca`
   * or `verify-full` the contract carries the RDS CA bundle (`caCertificatePem`), read by Terraform from AWS's trust
   * store; `verify-full` also checks that the server certificate names the host clients connect to.
   * @default "verify-full"
   */
  readonly tlsMode?: PostgresTlsMode;
  /** Region of the database, to read its regional CA bundle. @default the global bundle (the CAs of every region) */
  readonly region?: string;
  /**
   * Apply changes now rather than in the next maintenance window (RDS `apply_immediately`). A major version upgrade
   * needs it: the parameter group of the new family can only replace the old one (which is then deleted) once the
   * engine runs the new major. Changes that restart the database then restart it during the apply.
   * @default false
   */
  readonly applyImmediately?: boolean;
  /** Identifier suffix of the final snapshot taken on destroy, e.g. a random string, so repeated destroys do not collide. */
  readonly finalSnapshotSuffix: string;
  /** Let `terraform destroy` delete the database (turns off deletion protection and `prevent_destroy`; a final snapshot is still taken). @default false */
  readonly allowDestroy?: boolean;
  /** Tags for every resource. @default none */
  readonly tags?: { readonly [key: string]: string };
}

const RESERVED_USERNAMES = ['rdsadmin', 'rdsrepladmin', 'rds_superuser', 'rds_replication', 'rds_password', 'rds_iam', 'postgres', 'public'];

/**
 * PostgreSQL on RDS (or Aurora as an option) in the private subnets, reachable only from the given security groups on
 * 5432; TLS forced by the parameter group (`rds.force_ssl`) and verified by clients by default (`verify-full` against
 * the RDS CA bundle, with the server certificate's CA pinned); storage, snapshots and Performance Insights encrypted
 * with a customer key, 14 days of backups, deletion protection, a final snapshot on destroy, logs exported to
 * CloudWatch, automatic minor upgrades; the master password is generated by Terraform.
 *
 * Major upgrades: the parameter group's name carries the major version and it is created before the old one is
 * destroyed, and major version upgrades are allowed; with `applyImmediately` a changed `version` upgrades the database
 * in the same apply.
 */
export class AwsPostgres extends Construct implements PostgresDatabase {
  /** The DB instance (RDS) or cluster (Aurora). */
  public readonly server: DbInstance | RdsCluster;
  /** The security group of the database, open on 5432 to the given security groups only. */
  public readonly securityGroup: SecurityGroup;
  public readonly host: string;
  public readonly port = POSTGRES_PORT;
  public readonly database: string;
  public readonly username: string;
  public readonly password: string;
  public readonly tlsMode: PostgresTlsMode;
  public readonly majorVersion: number;
  public readonly caCertificatePem?: string;
  /** The CA bundle clients verify the server with (with `verify-ca` and `verify-full`). */
  public readonly caBundle?: RdsCaBundle;

  public constructor(scope: Construct, id: string, props: AwsPostgresProps) {
    super(scope, id);
    checkName(this, 'identifier', props.identifier, AWS_NAMES.rdsIdentifier);
    const aurora = props.aurora ?? false;
    const version = checkOneOf(this, 'version', props.version, aurora ? AURORA_POSTGRES_MAJORS : RDS_POSTGRES_MAJORS);
    checkPattern(this, 'databaseName', props.databaseName, /^[a-z_][a-z0-9_]{0,62}$/, 'a database name: lower-case letters, digits and "_", not starting with a digit, at most 63 characters');
    const username = checkPattern(this, 'username', props.username ?? 'spacelift', /^[a-z][a-z0-9_]{0,62}$/, 'a login name: lower-case letters, digits and "_", starting with a letter, at most 63 characters');
    if (!isUnresolved(username) && (RESERVED_USERNAMES.includes(username) || username.startsWith('pg_') || username.startsWith('rds'))) {
      throw new ValidationError(this, 'username', username, `a login other than ${RESERVED_USERNAMES.join(', ')}, pg_* or rds*`);
    }
    const instanceClass = checkDbInstanceClass(this, 'instanceClass', props.instanceClass ?? (aurora ? 'db.r6g.large' : 'db.m6g.large'), aurora);
    if (aurora && (props.allocatedStorageGb !== undefined || props.maxAllocatedStorageGb !== undefined)) {
      throw new ValidationError(this, props.allocatedStorageGb !== undefined ? 'allocatedStorageGb' : 'maxAllocatedStorageGb', props.allocatedStorageGb ?? props.maxAllocatedStorageGb, 'unset with aurora (Aurora storage grows by itself)');
    }
    const storage = checkInt(this, 'allocatedStorageGb', props.allocatedStorageGb ?? 50, 20, 65536);
    const maxStorage = checkInt(this, 'maxAllocatedStorageGb', props.maxAllocatedStorageGb ?? storage * 4, storage, 65536);
    const retention = checkInt(this, 'backupRetentionDays', props.backupRetentionDays ?? 14, 7, 35);
    const backupWindow = checkPattern(this, 'backupWindow', props.backupWindow ?? '03:00-04:00', /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'a UTC window "hh:mm-hh:mm" of at least 30 minutes');
    const maintenanceWindow = checkPattern(
      this,
      'maintenanceWindow',
      props.maintenanceWindow ?? 'sun:04:30-sun:05:30',
      /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/,
      'a UTC window "ddd:hh:mm-ddd:hh:mm" such as "sun:04:30-sun:05:30"',
    );
    const tlsMode = checkOneOf(this, 'tlsMode', props.tlsMode ?? 'verify-full', ['require', 'verify-ca', 'verify-full'] as const);
    if (Object.keys(props.allowedSecurityGroups).length === 0) {
      throw new ValidationError(this, 'allowedSecurityGroups', props.allowedSecurityGroups, 'at least one security group (the cluster\'s) that may connect');
    }
    const allowDestroy = props.allowDestroy ?? false;
    const multiAz = props.multiAz ?? false;
    const tags = props.tags;

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      // A prefix, so a replacement can be created before the old group goes.
      namePrefix: `${props.identifier}-postgres-`,
      description: `PostgreSQL ${props.identifier}: only the cluster on ${POSTGRES_PORT}`,
      vpcId: props.network.vpcId,
      tags: { ...tags, Name: `${props.identifier}-postgres` },
      lifecycle: { createBeforeDestroy: true },
    });
    for (const [sgId, source] of Object.entries(props.allowedSecurityGroups)) {
      new VpcSecurityGroupIngressRule(this, `from-${sgId}`, {
        securityGroupId: this.securityGroup.id,
        referencedSecurityGroupId: source,
        ipProtocol: 'tcp',
        fromPort: POSTGRES_PORT,
        toPort: POSTGRES_PORT,
        description: `PostgreSQL from ${sgId}`,
        tags,
      });
    }
    const subnets = new DbSubnetGroup(this, 'subnet-group', {
      name: `${props.identifier}-private`,
      description: `Private subnets of ${props.identifier}`,
      subnetIds: props.network.privateSubnets.map((s) => s.id),
      tags,
    });

    // RDS forbids "/", "@", '"' and spaces in master passwords.
    // The random provider generates the password: added to the stack unless it declares one.
    addProviderIfMissing(this, 'random', (stack, id) => new RandomProvider(stack, id));
    const password = new Password(this, 'master-password', {
      length: 32,
      minLower: 2,
      minUpper: 2,
      minNumeric: 2,
      minSpecial: 2,
      overrideSpecial: '!#$%&*()-_=+[]{}<>:?',
    });
    const lifecycle = { preventDestroy: !allowDestroy };
    const common = {
      storageEncrypted: true,
      kmsKeyId: props.kmsKeyArn,
      backupRetentionPeriod: retention,
      copyTagsToSnapshot: true,
      deletionProtection: !allowDestroy,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${props.identifier}-final-${props.finalSnapshotSuffix}`,
      iamDatabaseAuthenticationEnabled: props.iamAuthentication ?? true,
      // A major version change in the config is an explicit request to upgrade.
      allowMajorVersionUpgrade: true,
      applyImmediately: props.applyImmediately ? true : undefined,
      dbSubnetGroupName: subnets.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      port: POSTGRES_PORT,
      tags,
    };

    if (!aurora) {
      const parameters = new (dbParameterGroup().DbParameterGroup)(this, 'parameters', {
        namePrefix: `${props.identifier}-pg${version}-`,
        family: `postgres${version}`,
        description: `TLS-only PostgreSQL ${version} for ${props.identifier}`,
        parameter: [{ name: 'rds.force_ssl', value: '1', applyMethod: 'pending-reboot' }],
        tags,
        // A major upgrade needs a group of the new family before the old one can go.
        lifecycle: { createBeforeDestroy: true },
      });
      const instance = new (dbInstance().DbInstance)(this, 'instance', {
        ...common,
        identifier: props.identifier,
        engine: 'postgres',
        // Major only: RDS picks the minor and upgrades it; the provider does not report that as drift.
        engineVersion: String(version),
        autoMinorVersionUpgrade: true,
        instanceClass,
        allocatedStorage: storage,
        maxAllocatedStorage: maxStorage,
        storageType: 'gp3',
        dbName: props.databaseName,
        username,
        password: password.result,
        multiAz,
        publiclyAccessible: false,
        parameterGroupName: parameters.name,
        backupWindow,
        maintenanceWindow,
        deleteAutomatedBackups: false,
        enabledCloudwatchLogsExports: RDS_LOG_EXPORTS,
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: props.kmsKeyArn,
        performanceInsightsRetentionPeriod: 7,
        caCertIdentifier: RDS_CA_CERT_IDENTIFIER,
        lifecycle,
      });
      this.server = instance;
      this.host = instance.address;
    } else {
      const parameters = new (rdsClusterParameterGroup().RdsClusterParameterGroup)(this, 'parameters', {
        namePrefix: `${props.identifier}-aurora-pg${version}-`,
        family: `aurora-postgresql${version}`,
        description: `TLS-only Aurora PostgreSQL ${version} for ${props.identifier}`,
        parameter: [{ name: 'rds.force_ssl', value: '1', applyMethod: 'pending-reboot' }],
        tags,
        lifecycle: { createBeforeDestroy: true },
      });
      const cluster = new (rdsCluster().RdsCluster)(this, 'cluster', {
        ...common,
        clusterIdentifier: props.identifier,
        engine: 'aurora-postgresql',
        engineVersion: String(version),
        databaseName: props.databaseName,
        masterUsername: username,
        masterPassword: password.result,
        dbClusterParameterGroupName: parameters.name,
        preferredBackupWindow: backupWindow,
        preferredMaintenanceWindow: maintenanceWindow,
        deleteAutomatedBackups: false,
        enabledCloudwatchLogsExports: AURORA_LOG_EXPORTS,
        serverlessv2ScalingConfiguration: instanceClass === 'db.serverless' ? { minCapacity: 0.5, maxCapacity: 16 } : undefined,
        lifecycle,
      });
      const members: TerraformResource[] = [];
      for (let i = 0; i < (multiAz ? 2 : 1); i++) {
        members.push(
          new (rdsClusterInstance().RdsClusterInstance)(this, `instance-${i}`, {
            identifier: `${props.identifier}-${i}`,
            clusterIdentifier: cluster.id,
            engine: 'aurora-postgresql',
            instanceClass,
            autoMinorVersionUpgrade: true,
            publiclyAccessible: false,
            dbSubnetGroupName: subnets.name,
            availabilityZone: props.network.availabilityZones[i % props.network.availabilityZones.length],
            performanceInsightsEnabled: true,
            performanceInsightsKmsKeyId: props.kmsKeyArn,
            performanceInsightsRetentionPeriod: 7,
            caCertIdentifier: RDS_CA_CERT_IDENTIFIER,
            preferredMaintenanceWindow: maintenanceWindow,
            applyImmediately: props.applyImmediately ? true : undefined,
            tags,
            lifecycle,
          }),
        );
      }
      this.server = cluster;
      this.host = cluster.endpoint;
    }
    if (allowDestroy) declarePolicyException(this.server, 'AWS-RDS-004', 'allowDestroy is set: the deployment is being torn down on purpose, so terraform destroy may delete it');

    this.database = props.databaseName;
    this.username = username;
    this.password = password.result;
    this.tlsMode = tlsMode;
    this.majorVersion = version;
    if (tlsMode !== 'require') {
      // The host clients connect to is the instance address (RDS) or the cluster endpoint (Aurora): both are names in
      // the server certificate RDS issues, so verify-full holds.
      this.caBundle = new RdsCaBundle(this, 'ca-bundle', { region: props.region });
      this.caCertificatePem = this.caBundle.pem;
    }
  }
}
