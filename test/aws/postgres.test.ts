import { AwsPostgres, AwsPostgresProps } from '../../lib/aws/postgres';
import { RDS_CA_CERT_IDENTIFIER } from '../../lib/aws/rds-ca';
import { only, resources, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { KEY_ARN, awsStack, byId, expressionOf, networkRef } from './fixtures';

function props(over: Partial<AwsPostgresProps> = {}): AwsPostgresProps {
  return {
    identifier: 'sl-postgres',
    network: networkRef(),
    version: 16,
    databaseName: 'spacelift',
    allowedSecurityGroups: { cluster: 'sg-cluster' },
    kmsKeyArn: KEY_ARN,
    finalSnapshotSuffix: 'abc123',
    ...over,
  };
}

function make(over: Partial<AwsPostgresProps> = {}) {
  const stack = awsStack();
  const db = new AwsPostgres(stack, 'pg', props(over));
  return { stack, db, json: synth(stack) };
}

describe('AwsPostgres (RDS)', () => {
  test('private, encrypted, 14 days of backups, deletion protection, a final snapshot, logs, minor upgrades', () => {
    const { json } = make();
    const db = only(json, 'aws_db_instance');
    expect(db).toMatchObject({
      identifier: 'sl-postgres',
      engine: 'postgres',
      engine_version: '16',
      instance_class: 'db.m6g.large',
      allocated_storage: 50,
      max_allocated_storage: 200,
      storage_type: 'gp3',
      storage_encrypted: true,
      kms_key_id: KEY_ARN,
      publicly_accessible: false,
      multi_az: false,
      backup_retention_period: 14,
      copy_tags_to_snapshot: true,
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: 'sl-postgres-final-abc123',
      delete_automated_backups: false,
      enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'],
      auto_minor_version_upgrade: true,
      performance_insights_enabled: true,
      performance_insights_kms_key_id: KEY_ARN,
      iam_database_authentication_enabled: true,
      db_name: 'spacelift',
      username: 'spacelift',
      port: 5432,
      lifecycle: { prevent_destroy: true },
    });
    expect(db.password).toMatch(/^\$\{random_password\.[^.]+\.result\}$/);
  });

  test('TLS is forced by the parameter group of the major version', () => {
    const pg = only(make().json, 'aws_db_parameter_group');
    expect(pg).toMatchObject({ family: 'postgres16', parameter: [{ name: 'rds.force_ssl', value: '1', apply_method: 'pending-reboot' }] });
    expect(pg.lifecycle.create_before_destroy).toBe(true);
  });

  test('private subnets; the security group admits only the given groups on 5432', () => {
    const { json } = make();
    expect(only(json, 'aws_db_subnet_group').subnet_ids).toEqual(['subnet-private0', 'subnet-private1', 'subnet-private2']);
    const sg = only(json, 'aws_security_group');
    expect(sg.ingress).toBeUndefined();
    const rule = only(json, 'aws_vpc_security_group_ingress_rule');
    expect(rule).toMatchObject({ referenced_security_group_id: 'sg-cluster', ip_protocol: 'tcp', from_port: 5432, to_port: 5432 });
    expect(rule.cidr_ipv4).toBeUndefined();
  });

  test('the generated password avoids the characters RDS refuses', () => {
    const pw = only(make().json, 'random_password');
    expect(pw.length).toBe(32);
    expect(pw.override_special).not.toMatch(/[/@" ]/);
  });

  test('the contract: host is the address, TLS verified, the major version', () => {
    const { db, stack } = make();
    expect(expressionOf(stack, db.host)).toMatch(/^\$\{aws_db_instance\.[^.]+\.address\}$/);
    expect(db.port).toBe(5432);
    expect(db.tlsMode).toBe('verify-full');
    expect(expressionOf(stack, db.caCertificatePem)).toMatch(/^\$\{data\.http\.[^.]+\.response_body\}$/);
    expect(db.majorVersion).toBe(16);
    expect(db.username).toBe('spacelift');
    expect(db.database).toBe('spacelift');
  });

  test('verify-full by default: Terraform reads the RDS CA bundle (regional when the region is known) and checks the answer', () => {
    const { json } = make({ region: 'eu-central-1' });
    const http = Object.values(json.data!.http!) as any[];
    expect(http).toHaveLength(1);
    expect(http[0].url).toBe('https://truststore.pki.rds.amazonaws.com/eu-central-1/eu-central-1-bundle.pem');
    expect(http[0].lifecycle.postcondition).toEqual([
      { condition: '${self.status_code == 200}', error_message: expect.stringContaining('did not return HTTP 200') },
      { condition: '${strcontains(self.response_body, "-----BEGIN CERTIFICATE-----")}', error_message: expect.stringContaining('no PEM certificate') },
    ]);
    // The server certificate comes from a CA every regional bundle holds.
    expect(only(json, 'aws_db_instance').ca_cert_identifier).toBe(RDS_CA_CERT_IDENTIFIER);
    expect((Object.values(make().json.data!.http!) as any[])[0].url).toBe('https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem');
    expect(make({ tlsMode: 'verify-ca' }).db.caCertificatePem).toBeDefined();
  });

  test('tlsMode require: no CA bundle, nothing read over HTTP', () => {
    const { json, db } = make({ tlsMode: 'require' });
    expect(json.data?.http).toBeUndefined();
    expect(db.caCertificatePem).toBeUndefined();
    expect(db.tlsMode).toBe('require');
  });

  test('a major version change replaces only the parameter group (new family and name, created before the old one goes) and upgrades the instance in place', () => {
    const v16 = make({ version: 16 }).json;
    const v17 = make({ version: 17, applyImmediately: true }).json;
    const changed: string[] = [];
    for (const type of new Set([...Object.keys(v16.resource!), ...Object.keys(v17.resource!)])) {
      const ids = new Set([...Object.keys(resources(v16, type)), ...Object.keys(resources(v17, type))]);
      for (const id of ids) if (JSON.stringify(resources(v16, type)[id]) !== JSON.stringify(resources(v17, type)[id])) changed.push(`${type}.${id}`);
    }
    // Same logical ids: Terraform replaces the group and updates the instance, it creates or destroys nothing else.
    expect(changed.map((a) => a.split('.')[0]).sort()).toEqual(['aws_db_instance', 'aws_db_parameter_group']);
    const [pg16, pg17] = [only(v16, 'aws_db_parameter_group'), only(v17, 'aws_db_parameter_group')];
    expect([pg16.family, pg17.family]).toEqual(['postgres16', 'postgres17']);
    expect([pg16.name_prefix, pg17.name_prefix]).toEqual(['sl-postgres-pg16-', 'sl-postgres-pg17-']);
    expect(pg17.lifecycle).toEqual({ create_before_destroy: true });
    expect(pg17.parameter).toEqual(pg16.parameter);
    const [i16, i17] = [only(v16, 'aws_db_instance'), only(v17, 'aws_db_instance')];
    expect(i16).toMatchObject({ engine_version: '16', allow_major_version_upgrade: true });
    expect(i16.apply_immediately).toBeUndefined();
    expect(i17).toMatchObject({ engine_version: '17', allow_major_version_upgrade: true, apply_immediately: true });
    expect(i17.parameter_group_name).toBe(i16.parameter_group_name);
    const rest = (i: any) => ({ ...i, engine_version: undefined, apply_immediately: undefined });
    expect(rest(i17)).toEqual(rest(i16));
  });

  test('multiAz and IAM authentication are flags; allowDestroy lifts the protections but keeps the final snapshot', () => {
    const db = only(make({ multiAz: true, iamAuthentication: false, allowDestroy: true }).json, 'aws_db_instance');
    expect(db).toMatchObject({ multi_az: true, iam_database_authentication_enabled: false, deletion_protection: false, skip_final_snapshot: false, lifecycle: { prevent_destroy: false } });
  });

  test('throws on backups kept less than 7 days or more than 35', () => {
    expectValidationError(() => make({ backupRetentionDays: 3 }), 'backupRetentionDays', 3);
    expectValidationError(() => make({ backupRetentionDays: 40 }), 'backupRetentionDays', 40);
  });

  test('throws on a major version RDS does not offer', () => {
    expectValidationError(() => make({ version: 12 }), 'version', 12);
  });

  test('throws on an instance class that is not an RDS one', () => {
    expectValidationError(() => make({ instanceClass: 'm6g.large' }), 'instanceClass', 'm6g.large');
    expectValidationError(() => make({ instanceClass: 'db.serverless' }), 'instanceClass', 'db.serverless');
  });

  test('throws on a reserved or malformed user name', () => {
    expectValidationError(() => make({ username: 'rdsadmin' }), 'username', 'rdsadmin');
    expectValidationError(() => make({ username: 'Admin' }), 'username', 'Admin');
  });

  test('throws on a database name PostgreSQL would need quoted', () => {
    expectValidationError(() => make({ databaseName: 'Space-lift' }), 'databaseName', 'Space-lift');
  });

  test('throws on storage below 20 GiB and a ceiling below the size', () => {
    expectValidationError(() => make({ allocatedStorageGb: 10 }), 'allocatedStorageGb', 10);
    expectValidationError(() => make({ allocatedStorageGb: 100, maxAllocatedStorageGb: 50 }), 'maxAllocatedStorageGb', 50);
  });

  test('throws on malformed windows, identifiers and no allowed groups', () => {
    expectValidationError(() => make({ backupWindow: '3-4' }), 'backupWindow', '3-4');
    expectValidationError(() => make({ maintenanceWindow: 'sunday 04:00' }), 'maintenanceWindow', 'sunday 04:00');
    expectValidationError(() => make({ identifier: 'SL_pg' }), 'identifier', 'SL_pg');
    expectValidationError(() => make({ allowedSecurityGroups: {} }), 'allowedSecurityGroups', {});
    expectValidationError(() => make({ tlsMode: 'disable' as any }), 'tlsMode', 'disable');
  });
});

describe('AwsPostgres (Aurora)', () => {
  test('a cluster with the same protections, one writer; a reader in another zone with multiAz', () => {
    const { json, db, stack } = make({ aurora: true });
    expect(only(json, 'aws_rds_cluster')).toMatchObject({
      cluster_identifier: 'sl-postgres',
      engine: 'aurora-postgresql',
      engine_version: '16',
      storage_encrypted: true,
      kms_key_id: KEY_ARN,
      backup_retention_period: 14,
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: 'sl-postgres-final-abc123',
      enabled_cloudwatch_logs_exports: ['postgresql'],
      lifecycle: { prevent_destroy: true },
    });
    expect(only(json, 'aws_rds_cluster_parameter_group')).toMatchObject({ family: 'aurora-postgresql16', parameter: [{ name: 'rds.force_ssl', value: '1' }] });
    expect(only(json, 'aws_rds_cluster_instance')).toMatchObject({ instance_class: 'db.r6g.large', publicly_accessible: false, auto_minor_version_upgrade: true });
    expect(resources(json, 'aws_db_instance')).toEqual({});
    expect(expressionOf(stack, db.host)).toMatch(/^\$\{aws_rds_cluster\.[^.]+\.endpoint\}$/);

    const ha = make({ aurora: true, multiAz: true }).json;
    const zones = (Object.values(resources(ha, 'aws_rds_cluster_instance')) as any[]).map((i) => i.availability_zone);
    expect(zones).toEqual(['eu-west-1a', 'eu-west-1b']);
    expect(byId(ha, 'aws_rds_cluster_instance', 'instance-1').identifier).toBe('sl-postgres-1');
  });

  test('a major version change replaces the cluster parameter group (created first) and upgrades the cluster in place; applyImmediately reaches cluster and instances', () => {
    const v16 = make({ aurora: true, version: 16 }).json;
    const v17 = make({ aurora: true, version: 17, applyImmediately: true }).json;
    const [pg16, pg17] = [only(v16, 'aws_rds_cluster_parameter_group'), only(v17, 'aws_rds_cluster_parameter_group')];
    expect([pg16.family, pg17.family, pg17.name_prefix]).toEqual(['aurora-postgresql16', 'aurora-postgresql17', 'sl-postgres-aurora-pg17-']);
    expect(pg17.lifecycle).toEqual({ create_before_destroy: true });
    expect(Object.keys(resources(v17, 'aws_rds_cluster'))).toEqual(Object.keys(resources(v16, 'aws_rds_cluster')));
    expect(only(v17, 'aws_rds_cluster')).toMatchObject({ engine_version: '17', allow_major_version_upgrade: true, apply_immediately: true });
    expect(only(v17, 'aws_rds_cluster').db_cluster_parameter_group_name).toBe(only(v16, 'aws_rds_cluster').db_cluster_parameter_group_name);
    // The instances use the default instance parameter group, which RDS switches to the new family by itself.
    expect(only(v17, 'aws_rds_cluster_instance').db_parameter_group_name).toBeUndefined();
    expect(only(v17, 'aws_rds_cluster_instance').apply_immediately).toBe(true);
  });

  test('Aurora Serverless v2 with db.serverless', () => {
    const { json } = make({ aurora: true, instanceClass: 'db.serverless' });
    expect(only(json, 'aws_rds_cluster').serverlessv2_scaling_configuration).toEqual({ min_capacity: 0.5, max_capacity: 16 });
  });

  test('throws on RDS storage settings with Aurora', () => {
    expectValidationError(() => make({ aurora: true, allocatedStorageGb: 100 }), 'allocatedStorageGb', 100);
  });
});
