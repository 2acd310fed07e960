import './provider-package';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration';
import { PostgresqlFlexibleServerDatabase } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-database';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Construct } from 'constructs';
import { AZURE_NAMES, checkName } from '../core/naming';
import { PostgresDatabase, PostgresTlsMode } from '../core/postgres';
import { ValidationError, checkInt, checkList, checkOneOf, checkPattern, isUnresolved } from '../core/validation';
import { AzureNetworkRef, POSTGRES_PORT } from './network';
import { declarePolicyException } from '../core/policy-exceptions';
import { AzureResourceGroupRef } from './resource-group';
import { regionHasZones } from './regions';
import { AZURE_POSTGRES_MAJORS, AZURE_POSTGRES_STORAGE_MB } from './versions';
import { addProviderIfMissing } from '../core/stack-providers';

/** Weekly maintenance window of a flexible server (UTC). */
export interface AzurePostgresMaintenanceWindow {
  /** 0 = Sunday ... 6 = Saturday. @default 0 */
  readonly dayOfWeek?: number;
  /** Hour (UTC). @default 2 */
  readonly startHour?: number;
  /** Minute. @default 0 */
  readonly startMinute?: number;
}

/** Properties of {@link AzurePostgres}. */
export interface AzurePostgresProps {
  /** Resource group the server is created in. */
  readonly resourceGroup: AzureResourceGroupRef;
  /** Network whose delegated Postgres subnet and VNet the server is reached through. */
  readonly network: AzureNetworkRef;
  /** Server name; globally unique (it is a DNS name), so pass one with a unique suffix. */
  readonly serverName: string;
  /** PostgreSQL major version. */
  readonly version: number;
  /** Database the app uses. */
  readonly databaseName: string;
  /** LC_COLLATE of the app's database (set when it is created; a change replaces the database). @default "en_US.utf8" */
  readonly collation?: string;
  /**
   * Extensions the app's database needs, allow-listed on the server (the `azure.extensions` server parameter), e.g.
   * `["pgcrypto"]`. Azure refuses `CREATE EXTENSION` for anything not in that list; creating them in the database is
   * left to whoever owns it (a database bootstrap, the app's migrations). @default none (the parameter is not managed)
   */
  readonly extensions?: readonly string[];
  /** Administrator login the app connects as. @default "pgadmin" */
  readonly administratorLogin?: string;
  /** Compute SKU; burstable (`B_`) SKUs cannot run high availability. @default "GP_Standard_D2ds_v5" */
  readonly sku?: string;
  /** Storage size in MB, one of Azure's sizes; grows automatically. @default 65536 */
  readonly storageMb?: number;
  /** Days of backups kept for point-in-time restore (7-35). @default 14 */
  readonly backupRetentionDays?: number;
  /** Copy backups to the paired region. @default false */
  readonly geoRedundantBackup?: boolean;
  /** Zone-redundant high availability: a hot standby in another zone. @default false */
  readonly highAvailability?: boolean;
  /** Zone of the primary. @default "1" in zonal regions */
  readonly zone?: string;
  /** Zone of the standby when highAvailability is on. @default "2" */
  readonly standbyZone?: string;
  /** When Azure may patch the server. @default Sunday 02:00 UTC */
  readonly maintenanceWindow?: AzurePostgresMaintenanceWindow;
  /**
   * Let `terraform destroy` delete the server and database (turns off `prevent_destroy`), for a deliberate teardown.
   * The construct declares the matching exception to policy AZ-PG-005. @default false
   */
  readonly allowDestroy?: boolean;
  /**
   * TLS mode written into connection URLs. The server refuses clear text either way. With `verify-full` clients check
   * that the server's certificate chains to a trusted root and names the host they dialled
   * (`<serverName>.postgres.database.azure.com`). Azure's server certificates chain to public roots (DigiCert Global
   * Root G2, Microsoft RSA Root CA 2017), so the client's system trust store is enough and no CA file is needed.
   * @default "verify-full"
   */
  readonly tlsMode?: PostgresTlsMode;
  /** Tags for every resource. @default none */
  readonly tags?: { readonly [key: string]: string };
}

const RESERVED_LOGINS = ['azure_superuser', 'azure_pg_admin', 'admin', 'administrator', 'root', 'guest', 'public'];

/** The DNS zone of flexible server host names in Azure's public cloud, and of the names their certificates carry. */
export const AZURE_POSTGRES_DOMAIN = 'postgres.database.azure.com';

/**
 * Postcondition on the server (Terraform checks it after every apply and refresh): the FQDN, which every connection URL
 * uses as host, is exactly `<server name>.postgres.database.azure.com`. That is the name Azure's certificate covers;
 * the private zone's name (`<server>.private.postgres.database.azure.com` records) is not, so a URL with it would fail
 * verify-full. cdktf writes this literal as is; in Terraform's JSON syntax a string that is one `${...}` is an
 * expression, and a postcondition refers to its own resource as `self`.
 */
export const CERTIFICATE_HOST_CONDITION = `\${self.fqdn == format("%s.${AZURE_POSTGRES_DOMAIN}", self.name)}`;

/**
 * Azure Database for PostgreSQL flexible server with private access only (delegated subnet and a private DNS zone
 * linked to the VNet), TLS 1.2+ enforced and verified by clients (verify-full), backups kept for point-in-time
 * restore, a maintenance window, an administrator password generated by Terraform, the app's database (with its
 * collation; the extensions it needs allow-listed on the server), and `prevent_destroy` on by default. Raising
 * `version` upgrades the major version in place.
 */
export class AzurePostgres extends Construct implements PostgresDatabase {
  /** The `azurerm_postgresql_flexible_server` resource. */
  public readonly server: PostgresqlFlexibleServer;
  public readonly host: string;
  public readonly port = POSTGRES_PORT;
  public readonly database: string;
  public readonly username: string;
  public readonly password: string;
  public readonly tlsMode: PostgresTlsMode;
  public readonly majorVersion: number;

  public constructor(scope: Construct, id: string, props: AzurePostgresProps) {
    super(scope, id);
    const rg = props.resourceGroup;
    checkName(this, 'serverName', props.serverName, AZURE_NAMES.postgresServer);
    const version = checkOneOf(this, 'version', props.version, AZURE_POSTGRES_MAJORS);
    checkPattern(this, 'databaseName', props.databaseName, /^[a-z_][a-z0-9_]{0,62}$/, 'a database name: lower-case letters, digits and "_", not starting with a digit, at most 63 characters');
    const login = props.administratorLogin ?? 'pgadmin';
    checkPattern(this, 'administratorLogin', login, /^[a-z_][a-z0-9_]{0,62}$/, 'a login name: lower-case letters, digits and "_", not starting with a digit');
    if (!isUnresolved(login) && (RESERVED_LOGINS.includes(login) || login.startsWith('pg_'))) {
      throw new ValidationError(this, 'administratorLogin', login, `a login other than ${RESERVED_LOGINS.join(', ')} or pg_*`);
    }
    const sku = checkPattern(this, 'sku', props.sku ?? 'GP_Standard_D2ds_v5', /^(B|GP|MO)_Standard_[A-Za-z0-9_]+$/, 'a flexible server SKU such as "GP_Standard_D2ds_v5" (B_ burstable, GP_ general purpose, MO_ memory optimized)');
    const storageMb = checkOneOf(this, 'storageMb', props.storageMb ?? 65536, AZURE_POSTGRES_STORAGE_MB);
    const retention = checkInt(this, 'backupRetentionDays', props.backupRetentionDays ?? 14, 7, 35);
    const ha = props.highAvailability ?? false;
    if (ha && !isUnresolved(sku) && sku.startsWith('B_')) {
      throw new ValidationError(this, 'sku', sku, 'a General Purpose (GP_) or Memory Optimized (MO_) SKU when highAvailability is on');
    }
    const zonal = regionHasZones(rg.location);
    if (ha && !zonal) {
      throw new ValidationError(this, 'highAvailability', ha, `false: ${rg.location} has no availability zones for a zone-redundant standby`);
    }
    if (props.zone !== undefined && !zonal) {
      throw new ValidationError(this, 'zone', props.zone, `no zone: ${rg.location} has no availability zones`);
    }
    const zone = props.zone ?? (zonal ? '1' : undefined);
    if (zone !== undefined) checkOneOf(this, 'zone', zone, ['1', '2', '3']);
    const standbyZone = props.standbyZone ?? (zone === '2' ? '3' : '2');
    if (ha) {
      checkOneOf(this, 'standbyZone', standbyZone, ['1', '2', '3']);
      if (standbyZone === zone) throw new ValidationError(this, 'standbyZone', standbyZone, `a zone other than the primary's (${zone})`);
    }
    const mw = props.maintenanceWindow ?? {};
    const maintenanceWindow = {
      dayOfWeek: checkInt(this, 'maintenanceWindow.dayOfWeek', mw.dayOfWeek ?? 0, 0, 6),
      startHour: checkInt(this, 'maintenanceWindow.startHour', mw.startHour ?? 2, 0, 23),
      startMinute: checkInt(this, 'maintenanceWindow.startMinute', mw.startMinute ?? 0, 0, 59),
    };
    const tlsMode = checkOneOf(this, 'tlsMode', props.tlsMode ?? 'verify-full', ['require', 'verify-ca', 'verify-full'] as const);
    const preventDestroy = !(props.allowDestroy ?? false);
    const collation = checkPattern(this, 'collation', props.collation ?? 'en_US.utf8', /^[A-Za-z0-9_.@-]{1,64}$/, 'a collation name such as "en_US.utf8"');
    const extensions = props.extensions ?? [];
    checkList(this, 'extensions', extensions, (e, f) => {
      // The allow-list is one upper-case string built here, so the names must be known at synth.
      if (isUnresolved(e)) throw new ValidationError(this, f, e, 'a literal extension name');
      checkPattern(this, f, e, /^[a-z][a-z0-9_-]{0,62}$/, 'an extension name such as "pgcrypto"');
    });
    const allowList = extensions.map((e) => e.toUpperCase());

    // The random provider generates the password: added to the stack unless it declares one.
    addProviderIfMissing(this, 'random', (stack, id) => new RandomProvider(stack, id));
    const password = new Password(this, 'admin-password', {
      length: 32,
      minLower: 2,
      minUpper: 2,
      minNumeric: 2,
      minSpecial: 2,
    });

    // A zone per server keeps the name unique and out of other deployments' way.
    const dnsZone = new PrivateDnsZone(this, 'private-dns-zone', {
      name: `${props.serverName}.private.postgres.database.azure.com`,
      resourceGroupName: rg.name,
      tags: props.tags,
    });
    const link = new PrivateDnsZoneVirtualNetworkLink(this, 'private-dns-link', {
      name: `${props.serverName}-vnet`,
      resourceGroupName: rg.name,
      privateDnsZoneName: dnsZone.name,
      virtualNetworkId: props.network.virtualNetworkId,
      registrationEnabled: false,
      tags: props.tags,
    });

    this.server = new PostgresqlFlexibleServer(this, 'server', {
      name: props.serverName,
      resourceGroupName: rg.name,
      location: rg.location,
      version: String(version),
      skuName: sku,
      storageMb,
      autoGrowEnabled: true,
      zone,
      administratorLogin: login,
      administratorPassword: password.result,
      authentication: { passwordAuthEnabled: true, activeDirectoryAuthEnabled: false },
      delegatedSubnetId: props.network.postgresSubnet.id,
      privateDnsZoneId: dnsZone.id,
      publicNetworkAccessEnabled: false,
      backupRetentionDays: retention,
      geoRedundantBackupEnabled: props.geoRedundantBackup ?? false,
      highAvailability: ha ? { mode: 'ZoneRedundant', standbyAvailabilityZone: standbyZone } : undefined,
      maintenanceWindow,
      tags: props.tags,
      dependsOn: [link],
      // No `create_mode`: since azurerm 4.27 (hashicorp/terraform-provider-azurerm#28559) a higher `version` is an
      // in-place major upgrade (a PATCH of the server) whatever `create_mode` says, and only a lower one replaces the
      // server. Setting `create_mode = "Update"` (what older 4.x releases needed) would break the first apply, which
      // creates the server, and is not read back from Azure. `version` is not in ignore_changes, or an upgrade would be
      // silently skipped. The provider bindings pin azurerm 4.55.0 (stacks using this construct with azurerm < 4.27
      // would see a replacement instead), and prevent_destroy turns any replacement (a downgrade) into a failed plan.
      lifecycle: {
        preventDestroy,
        // Azure swaps the zones after a failover; following that is not a change to undo.
        ignoreChanges: ha ? ['zone', 'high_availability[0].standby_availability_zone'] : ['zone'],
        postcondition: [
          {
            // The host name clients dial (and, with verify-full, check against the certificate) is the server's FQDN
            // in the public zone, which resolves through a CNAME into the private DNS zone linked to the VNet.
            condition: CERTIFICATE_HOST_CONDITION,
            errorMessage: `The server's fqdn is not <server name>.${AZURE_POSTGRES_DOMAIN}, the host name its TLS certificate is issued for; clients with sslmode=verify-full would refuse it.`,
          },
        ],
      },
    });

    // TLS is required and at least 1.2 (Azure's defaults, pinned so nobody turns them off by hand). Azure refuses
    // parallel writes to one flexible server ("ServerBusy"), so the configurations and the database are created one
    // after the other: server, then each configuration, then the database (and destroyed in the reverse order).
    const secureTransport = new PostgresqlFlexibleServerConfiguration(this, 'require-secure-transport', {
      serverId: this.server.id,
      name: 'require_secure_transport',
      value: 'on',
    });
    const minTls = new PostgresqlFlexibleServerConfiguration(this, 'ssl-min-protocol-version', {
      serverId: this.server.id,
      name: 'ssl_min_protocol_version',
      value: 'TLSv1.2',
      dependsOn: [secureTransport],
    });

    // Extensions the database may create: Azure keeps them in one comma-separated server parameter (upper case, as
    // its portal writes them). Only managed when asked for, so a server without that need keeps Azure's default.
    const lastConfiguration =
      allowList.length === 0
        ? minTls
        : new PostgresqlFlexibleServerConfiguration(this, 'azure-extensions', {
            serverId: this.server.id,
            name: 'azure.extensions',
            value: allowList.join(','),
            dependsOn: [minTls],
          });

    const db = new PostgresqlFlexibleServerDatabase(this, 'database', {
      name: props.databaseName,
      serverId: this.server.id,
      charset: 'UTF8',
      collation,
      dependsOn: [lastConfiguration],
      lifecycle: { preventDestroy },
    });

    if (!preventDestroy) {
      for (const resource of [this.server, db]) {
        declarePolicyException(resource, 'AZ-PG-005', 'allowDestroy is set: the deployment is being torn down on purpose, so terraform destroy may delete the data');
      }
    }

    this.host = this.server.fqdn;
    this.database = db.name;
    this.username = login;
    this.password = password.result;
    this.tlsMode = tlsMode;
    this.majorVersion = version;
  }
}
