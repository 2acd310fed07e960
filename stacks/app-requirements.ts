import { IConstruct } from 'constructs';
import { AppHostName, AppRequirements } from '../lib/apps/profile';
import { ValidationError, isUnresolved } from '../lib/core/validation';

/** A requirement field some cloud stacks do not build yet. */
export type BuildableRequirement =
  | 'messageBus'
  | 'components'
  | 'generatedSecrets'
  | 'buckets.access'
  | 'postgres.roles'
  | 'postgres.extensions'
  | 'postgres.collation'
  | 'postgres.owner'
  | 'generatedSecrets.escrow'
  | 'databaseBackup'
  | 'storageClass';

/**
 * Fails the synth when an app profile declares something the cloud stacks do not build yet, naming it, instead of
 * deploying an app that cannot start. Each entry goes when the stacks learn to build it (issue 12): a message bus,
 * in-cluster components, generated secrets (and their escrow in the cloud's secret store), backups of an in-cluster
 * database, a StorageClass, buckets reached with static S3 keys, database roles, extensions and collation. `built`
 * lists the fields the calling cloud's stacks build.
 */
export function checkBuildable(scope: IConstruct, requirements: AppRequirements, cloud: string, built: readonly BuildableRequirement[] = []): void {
  const missing: [BuildableRequirement, unknown][] = [];
  if (requirements.messageBus !== undefined && requirements.messageBus.kind !== 'none') missing.push(['messageBus', requirements.messageBus.kind]);
  if ((requirements.components ?? []).length > 0) missing.push(['components', requirements.components]);
  if ((requirements.generatedSecrets ?? []).length > 0) missing.push(['generatedSecrets', requirements.generatedSecrets!.map((s) => s.name)]);
  const escrowed = (requirements.generatedSecrets ?? []).filter((s) => s.escrow);
  if (escrowed.length > 0) missing.push(['generatedSecrets.escrow', escrowed.map((s) => s.name)]);
  if (requirements.databaseBackup !== undefined) missing.push(['databaseBackup', requirements.databaseBackup.bucket]);
  if (requirements.storageClass !== undefined) missing.push(['storageClass', requirements.storageClass.name]);
  const keyed = requirements.buckets.filter((b) => (b.access ?? 'workload-identity') !== 'workload-identity');
  if (keyed.length > 0) missing.push(['buckets.access', keyed.map((b) => `${b.purpose}: ${b.access}`)]);
  const pg = requirements.postgres ?? { supportedMajorVersions: [], databaseName: '' };
  if ((pg.roles ?? []).length > 0) missing.push(['postgres.roles', pg.roles!.map((r) => r.name)]);
  if ((pg.extensions ?? []).length > 0) missing.push(['postgres.extensions', pg.extensions]);
  if (pg.collation !== undefined) missing.push(['postgres.collation', pg.collation]);
  if (pg.owner === 'app') missing.push(['postgres.owner', pg.owner]);
  const unbuilt = missing.filter(([f]) => !built.includes(f));
  const [field, value] = unbuilt[0] ?? [];
  if (field !== undefined) {
    throw new ValidationError(scope, `requirements.${field}`, value, `a requirement the ${cloud} stacks build (not built yet: ${unbuilt.map(([f]) => f).join(', ')})`);
  }
}

/**
 * The PostgreSQL major of a new server when the config names none: 16 when the app supports it (the default so far),
 * otherwise the newest major the app supports and the cloud offers (Taskcluster: 15 only).
 */
export function defaultPostgresMajor(supported: readonly number[], offered: readonly number[]): number {
  if (supported.includes(16) && offered.includes(16)) return 16;
  const both = supported.filter((v) => offered.includes(v));
  return both.length > 0 ? Math.max(...both) : 16;
}

/**
 * Each host name with a config field lies inside the deployment's DNS zone, else a ValidationError naming that field
 * (before the DNS record construct would report its own `fqdn` prop). Unresolved names are not checked.
 */
export function checkHostsInZone(scope: IConstruct, hosts: readonly AppHostName[], zone: string | undefined, zoneField: string): void {
  if (zone === undefined || isUnresolved(zone)) return;
  const z = zone.replace(/\.$/, '');
  for (const host of hosts) {
    if (host.field === undefined || isUnresolved(host.fqdn)) continue;
    if (host.fqdn !== z && !host.fqdn.endsWith(`.${z}`)) throw new ValidationError(scope, host.field, host.fqdn, `a name inside the DNS zone ${z} (${zoneField})`);
  }
}
