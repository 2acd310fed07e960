import { TerraformStack } from 'cdktf';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AzurePostgres, AzurePostgresProps, CERTIFICATE_HOST_CONDITION } from '../../lib/azure/postgres';
import { checkPolicies } from '../../lib/policy/aspect';
import { PostgresDatabase } from '../../lib/core/postgres';
import { azureStack, only, resources, synth, terraformBinary } from '../support/synth';
import { expectValidationError, validationErrorOf } from '../support/validation-matchers';
import { NON_ZONAL_REGION, expressions, networkRef, resourceGroup } from './fixtures';

function props(over: Partial<AzurePostgresProps> = {}): AzurePostgresProps {
  return {
    resourceGroup: resourceGroup(),
    network: networkRef(),
    serverName: 'sl-pg-abc123',
    version: 16,
    databaseName: 'spacelift',
    ...over,
  };
}

function make(over: Partial<AzurePostgresProps> = {}) {
  const stack: TerraformStack = azureStack();
  new RandomProvider(stack, 'random');
  const db = new AzurePostgres(stack, 'pg', props(over));
  return { stack, db };
}

function serverJson(over: Partial<AzurePostgresProps> = {}): any {
  return only(synth(make(over).stack), 'azurerm_postgresql_flexible_server');
}

const terraform = terraformBinary();
if (!terraform) console.log('SKIP postcondition evaluation: no terraform binary on the PATH');
const withTerraform = terraform ? test : test.skip;

/** Evaluates a lifecycle condition written against `self` with the real terraform binary, `self` given as values. */
function evaluateWithSelf(binary: string, condition: string, self: Record<string, string>): unknown {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condition-'));
  const config = { locals: { self }, output: { ok: { value: condition.replace(/\bself\./g, 'local.self.') } } };
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(config));
  const env = { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: '/dev/null' };
  for (const args of [['init', '-input=false', '-no-color'], ['apply', '-auto-approve', '-input=false', '-no-color']]) {
    const r = spawnSync(binary, args, { cwd: dir, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`terraform ${args[0]} failed: ${r.stderr}`);
  }
  const out = spawnSync(binary, ['output', '-json', 'ok'], { cwd: dir, env, encoding: 'utf8' });
  return JSON.parse(out.stdout);
}

const ref = (type: string) => new RegExp(`^\\$\\{${type}\\.[^.]+\\.`);

describe('AzurePostgres', () => {
  test('private access only: delegated subnet, private DNS zone linked to the VNet, no public network access', () => {
    const json = synth(make({ tags: { team: 'platform' } }).stack);
    const zone = only(json, 'azurerm_private_dns_zone');
    expect(zone).toEqual({ name: 'sl-pg-abc123.private.postgres.database.azure.com', resource_group_name: 'rg-test', tags: { team: 'platform' } });
    const link = only(json, 'azurerm_private_dns_zone_virtual_network_link');
    expect(link).toMatchObject({
      name: 'sl-pg-abc123-vnet',
      resource_group_name: 'rg-test',
      virtual_network_id: networkRef().virtualNetworkId,
      registration_enabled: false,
    });
    expect(link.private_dns_zone_name).toMatch(ref('azurerm_private_dns_zone'));

    const server = only(json, 'azurerm_postgresql_flexible_server');
    expect(server).toMatchObject({
      name: 'sl-pg-abc123',
      resource_group_name: 'rg-test',
      location: 'westeurope',
      delegated_subnet_id: networkRef().postgresSubnet.id,
      public_network_access_enabled: false,
      tags: { team: 'platform' },
    });
    expect(server.private_dns_zone_id).toMatch(/^\$\{azurerm_private_dns_zone\.[^.]+\.id\}$/);
    // The server waits for the link, or it cannot resolve its own name.
    const [linkId] = Object.keys(resources(json, 'azurerm_private_dns_zone_virtual_network_link'));
    expect(server.depends_on).toEqual([`azurerm_private_dns_zone_virtual_network_link.${linkId}`]);
  });

  test('defaults: version, general-purpose SKU, 64 GiB growing storage, zone 1, 14 days of local backups, no HA', () => {
    const s = serverJson();
    expect(s).toMatchObject({
      version: '16',
      sku_name: 'GP_Standard_D2ds_v5',
      storage_mb: 65536,
      auto_grow_enabled: true,
      zone: '1',
      backup_retention_days: 14,
      geo_redundant_backup_enabled: false,
      administrator_login: 'pgadmin',
      authentication: { password_auth_enabled: true, active_directory_auth_enabled: false },
    });
    expect(s.high_availability).toBeUndefined();
    expect(s.lifecycle.ignore_changes).toEqual(['zone']);
  });

  test('TLS is enforced: require_secure_transport on and TLS 1.2 at least, on this server', () => {
    const json = synth(make().stack);
    const configs = Object.values(resources(json, 'azurerm_postgresql_flexible_server_configuration'));
    const byName = Object.fromEntries(configs.map((c: any) => [c.name, c]));
    expect(Object.keys(byName).sort()).toEqual(['require_secure_transport', 'ssl_min_protocol_version']);
    expect(byName.require_secure_transport.value).toBe('on');
    expect(byName.ssl_min_protocol_version.value).toBe('TLSv1.2');
    for (const c of configs) expect(c.server_id).toMatch(/^\$\{azurerm_postgresql_flexible_server\.[^.]+\.id\}$/);
  });

  test('administrator password comes from a strong random_password', () => {
    const { stack, db } = make();
    const json = synth(stack);
    const [pwId, pw] = Object.entries(resources(json, 'random_password'))[0]!;
    expect(Object.keys(resources(json, 'random_password'))).toHaveLength(1);
    expect(pw.length).toBeGreaterThanOrEqual(32);
    expect(pw).toMatchObject({ min_lower: 2, min_upper: 2, min_numeric: 2, min_special: 2 });
    const server = only(json, 'azurerm_postgresql_flexible_server');
    expect(server.administrator_password).toBe(`\${random_password.${pwId}.result}`);
    const e = expressions(stack, { password: db.password });
    expect(e.password).toBe(`\${random_password.${pwId}.result}`);
  });

  test('creates the database, UTF-8, and exposes the connection contract', () => {
    const { stack, db } = make({ administratorLogin: 'spacelift_admin', tlsMode: 'verify-full' });
    const json = synth(stack);
    const database = only(json, 'azurerm_postgresql_flexible_server_database');
    expect(database).toMatchObject({ name: 'spacelift', charset: 'UTF8', collation: 'en_US.utf8' });
    expect(database.server_id).toMatch(/^\$\{azurerm_postgresql_flexible_server\.[^.]+\.id\}$/);
    expect(only(json, 'azurerm_postgresql_flexible_server').administrator_login).toBe('spacelift_admin');
    expect(db.port).toBe(5432);
    expect(db.username).toBe('spacelift_admin');
    expect(db.tlsMode).toBe('verify-full');
    expect(db.majorVersion).toBe(16);
    const e = expressions(stack, { host: db.host, database: db.database });
    expect(e.host).toMatch(/^\$\{azurerm_postgresql_flexible_server\.[^.]+\.fqdn\}$/);
    expect(e.database).toMatch(/^\$\{azurerm_postgresql_flexible_server_database\.[^.]+\.name\}$/);
  });

  test('tlsMode defaults to verify-full: Azure server certificates chain to public roots, so no CA file is needed', () => {
    const { db } = make();
    expect(db.tlsMode).toBe('verify-full');
    expect((db as PostgresDatabase).caCertificatePem).toBeUndefined();
  });

  test('require stays available for clients that cannot verify', () => {
    expect(make({ tlsMode: 'require' }).db.tlsMode).toBe('require');
  });

  test('the host every URL uses must be the name the certificate carries: a postcondition on the server', () => {
    const server = serverJson();
    expect(server.lifecycle.postcondition).toEqual([{ condition: CERTIFICATE_HOST_CONDITION, error_message: expect.stringContaining('verify-full') }]);
    const { stack, db } = make();
    // The URL host is the server's fqdn, the attribute the postcondition checks.
    expect(expressions(stack, { host: db.host }).host).toMatch(/^\$\{azurerm_postgresql_flexible_server\.[^.]+\.fqdn\}$/);
  });

  withTerraform('the postcondition, evaluated by terraform: the public-zone FQDN passes, anything else fails', () => {
    const check = (fqdn: string, name: string) => evaluateWithSelf(terraform!, CERTIFICATE_HOST_CONDITION, { fqdn, name });
    expect(check('sl-pg-abc123.postgres.database.azure.com', 'sl-pg-abc123')).toBe(true);
    expect(check('sl-pg-abc123.sl-pg-abc123.private.postgres.database.azure.com', 'sl-pg-abc123')).toBe(false);
    expect(check('sl-pg-abc123.postgres.database.chinacloudapi.cn', 'sl-pg-abc123')).toBe(false);
    expect(check('10.40.16.4', 'sl-pg-abc123')).toBe(false);
  });

  test('Azure refuses parallel writes to a server (ServerBusy): configurations and database are created one after another', () => {
    const json = synth(make().stack);
    const configs = resources(json, 'azurerm_postgresql_flexible_server_configuration');
    const idOf = (name: string) => Object.entries(configs).find(([, c]) => c.name === name)![0];
    const secure = idOf('require_secure_transport');
    const minTls = idOf('ssl_min_protocol_version');
    // server -> require_secure_transport -> ssl_min_protocol_version -> database (destroyed in the reverse order)
    expect(configs[secure].depends_on).toBeUndefined();
    expect(configs[secure].server_id).toMatch(/^\$\{azurerm_postgresql_flexible_server\.[^.]+\.id\}$/);
    expect(configs[minTls].depends_on).toEqual([`azurerm_postgresql_flexible_server_configuration.${secure}`]);
    expect(only(json, 'azurerm_postgresql_flexible_server_database').depends_on).toEqual([`azurerm_postgresql_flexible_server_configuration.${minTls}`]);
  });

  test('extensions are allow-listed in azure.extensions (upper case), in the same one-after-another chain', () => {
    const json = synth(make({ extensions: ['pgcrypto', 'uuid-ossp'] }).stack);
    const configs = resources(json, 'azurerm_postgresql_flexible_server_configuration');
    const idOf = (name: string) => Object.entries(configs).find(([, c]) => c.name === name)![0];
    const allowList = configs[idOf('azure.extensions')];
    expect(allowList.value).toBe('PGCRYPTO,UUID-OSSP');
    expect(allowList.server_id).toMatch(/^\$\{azurerm_postgresql_flexible_server\.[^.]+\.id\}$/);
    // server -> require_secure_transport -> ssl_min_protocol_version -> azure.extensions -> database
    expect(allowList.depends_on).toEqual([`azurerm_postgresql_flexible_server_configuration.${idOf('ssl_min_protocol_version')}`]);
    expect(only(json, 'azurerm_postgresql_flexible_server_database').depends_on).toEqual([`azurerm_postgresql_flexible_server_configuration.${idOf('azure.extensions')}`]);
  });

  test('without extensions the server parameter is not managed (Azure keeps its default)', () => {
    const configs = Object.values(resources(synth(make().stack), 'azurerm_postgresql_flexible_server_configuration')).map((c: any) => c.name);
    expect(configs.sort()).toEqual(['require_secure_transport', 'ssl_min_protocol_version']);
  });

  test('the database collation is configurable', () => {
    expect(only(synth(make({ collation: 'C' }).stack), 'azurerm_postgresql_flexible_server_database').collation).toBe('C');
  });

  test('rejects a malformed extension or collation', () => {
    expectValidationError(() => make({ extensions: ['PGCRYPTO'] }), 'extensions[0]', 'PGCRYPTO');
    expectValidationError(() => make({ extensions: ['pgcrypto', 'a,b'] }), 'extensions[1]', 'a,b');
    expectValidationError(() => make({ extensions: ['pgcrypto', 'pgcrypto'] }), 'extensions[1]', 'pgcrypto');
    expectValidationError(() => make({ collation: "en_US'; DROP" }), 'collation', "en_US'; DROP");
  });

  test('raising version is an in-place major upgrade: no create_mode, version not ignored, and any replacement blocked', () => {
    // azurerm >= 4.27 PATCHes a higher version in place whatever create_mode says and replaces only on a downgrade;
    // create_mode "Update" would break the first apply (it creates the server).
    const before = serverJson({ version: 16 });
    const after = serverJson({ version: 17 });
    expect(before.create_mode).toBeUndefined();
    expect(after.create_mode).toBeUndefined();
    expect(after.lifecycle.ignore_changes).not.toContain('version');
    expect(after.lifecycle.prevent_destroy).toBe(true);
    // The only difference between the two servers is the version itself.
    const { version: v16, ...rest16 } = before;
    const { version: v17, ...rest17 } = after;
    expect([v16, v17]).toEqual(['16', '17']);
    expect(rest17).toEqual(rest16);
  });

  test('server and database are protected from destroy by default', () => {
    const json = synth(make().stack);
    expect(only(json, 'azurerm_postgresql_flexible_server').lifecycle.prevent_destroy).toBe(true);
    expect(only(json, 'azurerm_postgresql_flexible_server_database').lifecycle.prevent_destroy).toBe(true);
  });

  test('allowDestroy turns prevent_destroy off on server and database', () => {
    const json = synth(make({ allowDestroy: true }).stack);
    expect(only(json, 'azurerm_postgresql_flexible_server').lifecycle.prevent_destroy).toBe(false);
    expect(only(json, 'azurerm_postgresql_flexible_server_database').lifecycle.prevent_destroy).toBe(false);
  });

  test('high availability: zone-redundant standby in another zone, and failover zone swaps are ignored', () => {
    const s = serverJson({ highAvailability: true });
    expect(s.zone).toBe('1');
    expect(s.high_availability).toEqual({ mode: 'ZoneRedundant', standby_availability_zone: '2' });
    expect(s.lifecycle.ignore_changes).toEqual(['zone', 'high_availability[0].standby_availability_zone']);
  });

  test('high availability with the primary in zone 2 puts the standby in zone 3 by default', () => {
    expect(serverJson({ highAvailability: true, zone: '2' }).high_availability).toEqual({ mode: 'ZoneRedundant', standby_availability_zone: '3' });
  });

  test('geo-redundant backups, retention, SKU and storage are configurable', () => {
    const s = serverJson({ geoRedundantBackup: true, backupRetentionDays: 35, sku: 'MO_Standard_E4ds_v5', storageMb: 131072, version: 17 });
    expect(s).toMatchObject({ geo_redundant_backup_enabled: true, backup_retention_days: 35, sku_name: 'MO_Standard_E4ds_v5', storage_mb: 131072, version: '17' });
  });

  test('maintenance window: Sunday 02:00 by default, configurable', () => {
    expect(serverJson().maintenance_window).toEqual({ day_of_week: 0, start_hour: 2, start_minute: 0 });
    expect(serverJson({ maintenanceWindow: { dayOfWeek: 3, startHour: 23, startMinute: 30 } }).maintenance_window).toEqual({
      day_of_week: 3,
      start_hour: 23,
      start_minute: 30,
    });
  });

  test('in a region without zones no zone is pinned', () => {
    const s = serverJson({ resourceGroup: resourceGroup(NON_ZONAL_REGION) });
    expect(s.zone).toBeUndefined();
    expect(s.location).toBe(NON_ZONAL_REGION);
  });

  test('rejects a server name Azure does not accept', () => expectValidationError(() => make({ serverName: 'SL-PG' }), 'serverName', 'SL-PG'));
  test('rejects an unsupported PostgreSQL major', () => expectValidationError(() => make({ version: 13 }), 'version', 13));
  test('rejects a bad database name', () => expectValidationError(() => make({ databaseName: '1spacelift' }), 'databaseName', '1spacelift'));
  test('rejects a malformed administrator login', () => {
    const err = validationErrorOf(() => make({ administratorLogin: 'Admin-User' }), 'administratorLogin', 'Admin-User');
    expect(err.allowed).toContain('a login name');
  });
  test('rejects a reserved administrator login', () => {
    const err = validationErrorOf(() => make({ administratorLogin: 'azure_superuser' }), 'administratorLogin', 'azure_superuser');
    expect(err.allowed).toContain('a login other than');
  });
  test('rejects a malformed SKU', () => {
    const err = validationErrorOf(() => make({ sku: 'Standard_D2ds_v5' }), 'sku', 'Standard_D2ds_v5');
    expect(err.allowed).toContain('a flexible server SKU');
  });
  test('rejects a storage size Azure does not offer', () => expectValidationError(() => make({ storageMb: 50000 }), 'storageMb', 50000));
  test('rejects backup retention out of range', () => expectValidationError(() => make({ backupRetentionDays: 6 }), 'backupRetentionDays', 6));
  test('rejects a burstable SKU with high availability', () => {
    const err = validationErrorOf(() => make({ sku: 'B_Standard_B2s', highAvailability: true }), 'sku', 'B_Standard_B2s');
    expect(err.allowed).toContain('when highAvailability is on');
  });
  test('rejects high availability in a region without zones', () =>
    expectValidationError(() => make({ resourceGroup: resourceGroup(NON_ZONAL_REGION), highAvailability: true }), 'highAvailability', true));
  test('rejects an unknown zone', () => expectValidationError(() => make({ zone: '4' }), 'zone', '4'));
  test('rejects a zone in a region without zones', () =>
    expectValidationError(() => make({ resourceGroup: resourceGroup(NON_ZONAL_REGION), zone: '1' }), 'zone', '1'));
  test('rejects an unknown standby zone', () => {
    const err = validationErrorOf(() => make({ highAvailability: true, standbyZone: '0' }), 'standbyZone', '0');
    expect(err.allowed).toContain('one of');
  });
  test('rejects a standby zone equal to the primary zone', () => {
    const err = validationErrorOf(() => make({ highAvailability: true, zone: '3', standbyZone: '3' }), 'standbyZone', '3');
    expect(err.allowed).toContain("other than the primary's (3)");
  });
  test('rejects a maintenance day out of range', () =>
    expectValidationError(() => make({ maintenanceWindow: { dayOfWeek: 7 } }), 'maintenanceWindow.dayOfWeek', 7));
  test('rejects a maintenance hour out of range', () =>
    expectValidationError(() => make({ maintenanceWindow: { startHour: 24 } }), 'maintenanceWindow.startHour', 24));
  test('rejects a maintenance minute out of range', () =>
    expectValidationError(() => make({ maintenanceWindow: { startMinute: 60 } }), 'maintenanceWindow.startMinute', 60));
  test('rejects a TLS mode that allows clear text', () => expectValidationError(() => make({ tlsMode: 'disable' as any }), 'tlsMode', 'disable'));
});

describe('AzurePostgres and the policy pack', () => {
  test('passes with the defaults', () => {
    expect(checkPolicies(make().stack)).toMatchObject({ findings: [], suppressed: [] });
  });

  test('allowDestroy declares the deletion-protection exception on server and database, for the teardown', () => {
    const report = checkPolicies(make({ allowDestroy: true }).stack);
    expect(report.findings).toEqual([]);
    expect(report.suppressed.map((f) => [f.ruleId, f.address.split('.')[0], f.suppressedBy])).toEqual([
      ['AZ-PG-005', 'azurerm_postgresql_flexible_server', 'library'],
      ['AZ-PG-005', 'azurerm_postgresql_flexible_server_database', 'library'],
    ]);
  });
});
