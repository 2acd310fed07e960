import { Bytes } from '@cdktf/provider-random/lib/bytes';
import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Construct } from 'constructs';
import { AppDatabaseBackupContract, AppEscrowedSecretContract, AppGeneratedSecret, AppMessageBusContract, AppRequirements } from '../lib/apps/profile';
import { MessageBroker } from '../lib/core/message-broker';
import { EscrowedSecret } from '../lib/core/secret-escrow';
import { ObjectStore } from '../lib/core/object-store';
import { addProviderIfMissing } from '../lib/core/stack-providers';
import { ValidationError } from '../lib/core/validation';
import { rabbitMqBroker } from '../lib/kubernetes/rabbitmq/cluster';

/**
 * What every cloud's infra stack generates for an app the same way, whatever the cloud: the passwords of the
 * database roles and of the message bus users the app's requirements declare (random_password, at apply time), and
 * the broker contract (the in-cluster RabbitMQ the platform stack builds in the app's namespace). The render step
 * reads them from its contracts; the platform stack hands the same tokens to the database bootstrap and the broker.
 */
export interface AppInfraSecrets {
  /** Generated password of each database role, by role name. */
  readonly databaseRoles: { readonly [role: string]: string };
  /** The message bus with its users' generated passwords, when the app needs one. */
  readonly messageBus?: AppMessageBusContract;
  /** Each generated secret of the requirements, by name (sensitive tokens). @default none */
  readonly generatedSecrets?: { readonly [name: string]: string };
}

/** Construct id of the password of database role `role` (forever once released: a new id is a new password). */
export const databaseRolePasswordId = (role: string): string => `database-role-${role.replace(/_/g, '-')}-password`;
/** Construct id of the password of message bus user `user` (forever once released). */
export const messageBusPasswordId = (user: string): string => `message-bus-${user.replace(/_/g, '-')}-password`;

/** Construct id of the generated secret `name` of an app's requirements (forever once released). */
export const generatedSecretId = (name: string): string => `generated-secret-${name}`;

/**
 * Generates each secret of the requirements' `generatedSecrets` under `scope`: a random_password of letters and
 * digits (no escaping anywhere: URL, YAML, shell) or random_bytes (base64).
 */
export function provisionGeneratedSecrets(scope: Construct, requirements: AppRequirements): { readonly [name: string]: string } {
  const out: Record<string, string> = {};
  for (const secret of requirements.generatedSecrets ?? []) {
    const field = 'requirements.generatedSecrets';
    if (!/^[a-z][a-z0-9-]{0,62}$/.test(secret.name)) throw new ValidationError(scope, `${field}.name`, secret.name, 'lower-case letters, digits and "-", starting with a letter');
    if (secret.name in out) throw new ValidationError(scope, `${field}.name`, secret.name, 'each secret once');
    if (!Number.isInteger(secret.length) || secret.length < 16 || secret.length > 256) throw new ValidationError(scope, `${field}.${secret.name}.length`, secret.length, 'an integer from 16 to 256');
    const id = generatedSecretId(secret.name);
    out[secret.name] =
      secret.kind === 'bytes'
        ? new Bytes(scope, id, { length: secret.length }).base64
        : new Password(scope, id, { length: secret.length, upper: true, lower: true, numeric: true, special: false, minUpper: 1, minLower: 1, minNumeric: 1 }).result;
  }
  return out;
}

/**
 * Generates the app's database role and message bus passwords and its generated secrets under `scope` (an infra
 * stack). The broker is the in-cluster RabbitMQ in `namespace` unless `broker` names another (Amazon MQ on EKS), in
 * the requirement's virtual host.
 */
export function provisionAppSecrets(scope: Construct, requirements: AppRequirements, namespace: string, broker?: (vhost: string) => MessageBroker): AppInfraSecrets {
  const roles = requirements.postgres?.roles ?? [];
  const bus = requirements.messageBus ?? { kind: 'none' as const };
  const generated = requirements.generatedSecrets ?? [];
  if (roles.length > 0 || bus.kind !== 'none' || generated.length > 0) addProviderIfMissing(scope, 'random', (stack, id) => new RandomProvider(stack, id));
  const generatedSecrets = generated.length > 0 ? provisionGeneratedSecrets(scope, requirements) : undefined;
  // Letters and digits only: a password then needs no escaping in a URL, a connection string or a shell.
  const password = (id: string): string => new Password(scope, id, { length: 40, upper: true, lower: true, numeric: true, special: false }).result;
  const databaseRoles: Record<string, string> = {};
  for (const role of roles) {
    if (role.name in databaseRoles) throw new ValidationError(scope, 'requirements.postgres.roles', role.name, 'each role once');
    databaseRoles[role.name] = password(databaseRolePasswordId(role.name));
  }
  if (bus.kind === 'none') return generatedSecrets === undefined ? { databaseRoles } : { databaseRoles, generatedSecrets };
  const users: Record<string, { username: string; password: string }> = {};
  for (const user of bus.users) {
    if (user.name in users) throw new ValidationError(scope, 'requirements.messageBus.users', user.name, 'each user once');
    users[user.name] = { username: user.name, password: password(messageBusPasswordId(user.name)) };
  }
  return { databaseRoles, messageBus: { broker: broker === undefined ? rabbitMqBroker(namespace, bus.vhost) : broker(bus.vhost), users }, ...(generatedSecrets === undefined ? {} : { generatedSecrets }) };
}

/**
 * The bucket of the requirements' `databaseBackup` as the render step and the backup Job see it: the store's kind,
 * the bucket's name and the path, plus the region (S3) or, with `auth: storage-key`, the storage account's name and
 * key (Azure). Checks that the bucket is one of the requirements' and that a workload-identity backup names a service
 * account the stack gives a cloud identity.
 */
export function appDatabaseBackup(
  scope: Construct,
  requirements: AppRequirements,
  store: ObjectStore,
  storageKey?: { readonly accountName: string; readonly accountKey: string },
): AppDatabaseBackupContract | undefined {
  const backup = requirements.databaseBackup;
  if (backup === undefined) return undefined;
  const bucket = store.buckets[backup.bucket];
  if (bucket === undefined) throw new ValidationError(scope, 'requirements.databaseBackup.bucket', backup.bucket, `a bucket purpose of the requirements: ${Object.keys(store.buckets).join(', ')}`);
  if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(backup.path)) {
    throw new ValidationError(scope, 'requirements.databaseBackup.path', backup.path, 'a path of letters, digits, ".", "_" and "-" segments separated by "/", without a leading or trailing "/"');
  }
  if (backup.auth === 'workload-identity' && !requirements.serviceAccounts.some((sa) => sa.name === backup.serviceAccount)) {
    throw new ValidationError(scope, 'requirements.databaseBackup.serviceAccount', backup.serviceAccount, 'a service account of the requirements (its cloud identity writes the backups)');
  }
  const base = { kind: store.kind, bucket, path: backup.path };
  if (backup.auth === 'storage-key') {
    if (storageKey === undefined) throw new ValidationError(scope, 'requirements.databaseBackup.auth', backup.auth, `"workload-identity": this cloud's stacks hand out no storage key`);
    return { ...base, accountName: storageKey.accountName, accountKey: storageKey.accountKey };
  }
  return store.region === undefined ? base : { ...base, region: store.region };
}

/**
 * Escrows each generated secret the requirements mark `escrow` with the cloud's construct (`escrow`, given the
 * secret and its value) and returns where each copy is, by name, for the render step.
 */
export function escrowAppSecrets(
  requirements: AppRequirements,
  secrets: AppInfraSecrets,
  escrow: (secret: AppGeneratedSecret, value: string) => EscrowedSecret,
): { readonly [name: string]: AppEscrowedSecretContract } | undefined {
  const wanted = (requirements.generatedSecrets ?? []).filter((s) => s.escrow);
  if (wanted.length === 0) return undefined;
  const out: Record<string, AppEscrowedSecretContract> = {};
  for (const secret of wanted) {
    const copy = escrow(secret, secrets.generatedSecrets![secret.name]!);
    out[secret.name] = { id: copy.name, readCommand: copy.readBackCommand };
  }
  return out;
}

/** True when the requirements escrow a generated secret (the stack then needs its secret store). */
export function needsEscrow(requirements: AppRequirements): boolean {
  return (requirements.generatedSecrets ?? []).some((s) => s.escrow);
}
