import { Bytes } from '@cdktf/provider-random/lib/bytes';
import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { addProviderIfMissing } from '../../core/stack-providers';
import {
  TASKCLUSTER_CLIENT_SERVICES,
  TASKCLUSTER_DB_SERVICES,
  TASKCLUSTER_PULSE_SERVICES,
  TaskclusterClientService,
  TaskclusterDbService,
  TaskclusterPulseService,
  hyphenated,
} from './services';

/** Length of the generated access tokens (Taskcluster accepts 22 to 66; 44 is what its own tooling generates). */
export const ACCESS_TOKEN_LENGTH = 44;

/**
 * The characters of an access token: exactly those of Taskcluster's `access-token-pattern` `^[a-zA-Z0-9_-]{22,66}$`
 * (services/auth/schemas/constants.yml): letters, digits and the two special characters `-` and `_`, all URL-safe.
 */
export const ACCESS_TOKEN_SPECIALS = '-_';

/** Id of the first `db_crypto_keys` entry; a rotation appends `key-2` (the last entry encrypts, all decrypt). */
export const DB_CRYPTO_KEY_ID = 'key-1';

/**
 * Construct ids of the generated secrets, under the {@link TaskclusterSecrets} construct. Terraform knows each by
 * them: renaming one generates a new value (a new crypto key would make every encrypted column unreadable).
 */
export const TASKCLUSTER_SECRET_IDS = {
  /** `random_password`, 44 URL-safe characters, per static client: `access-token-<service>` (hyphens), `access-token-root`. */
  accessToken: (client: TaskclusterClientService | 'root') => `access-token-${hyphenated(client)}`,
  /** `random_bytes` (32) of the first db crypto key. */
  dbCryptoKey: 'db-crypto-key-1',
  /** `random_password` of the web server's session cookie signing secret. */
  sessionSecret: 'session-secret',
  /** `random_password` of a service's database user: `db-password-<service>` (hyphens). */
  dbPassword: (service: TaskclusterDbService) => `db-password-${hyphenated(service)}`,
  /** `random_password` of a service's Pulse user: `pulse-password-<service>` (hyphens). */
  pulsePassword: (service: TaskclusterPulseService) => `pulse-password-${hyphenated(service)}`,
} as const;

/** Properties of {@link TaskclusterSecrets}. */
export interface TaskclusterSecretsProps {
  /** Let `terraform destroy` delete the db crypto key (losing it makes every encrypted column unreadable). @default false */
  readonly allowDestroy?: boolean;
  /**
   * Generate the passwords of the 11 database users and the 8 Pulse users here. The cloud stacks generate them
   * themselves (for every app's database roles and message bus users) and pass `false`.
   * @default true
   */
  readonly servicePasswords?: boolean;
}

/**
 * The secrets a Taskcluster deployment generates for itself, at apply time (never in the synthesized JSON):
 * an access token per static client (the 11 services and root), the database encryption key list `db_crypto_keys`,
 * the web server's session secret, a password per database user (11) and per Pulse user (8).
 * Every value is a token of a `random_*` resource, sensitive in Terraform's state and plans.
 */
export class TaskclusterSecrets extends Construct {
  /** Access token of each static client, by service (and `root`). */
  public readonly accessTokens: { readonly [client in TaskclusterClientService | 'root']: string };
  /** The 32 random bytes of the current db crypto key. */
  public readonly dbCryptoKey: Bytes;
  /** `db_crypto_keys`: the JSON list `[{"id":"key-1","algo":"aes-256","key":"<base64 of 32 bytes>"}]`. */
  public readonly dbCryptoKeys: string;
  /** `web_server.session_secret`. */
  public readonly sessionSecret: string;
  /** Password of each service's database user (unless `servicePasswords: false`). */
  public readonly dbPasswords?: { readonly [service in TaskclusterDbService]: string };
  /** Password of each service's Pulse user (unless `servicePasswords: false`). */
  public readonly pulsePasswords?: { readonly [service in TaskclusterPulseService]: string };

  public constructor(scope: Construct, id: string, props: TaskclusterSecretsProps = {}) {
    super(scope, id);
    // The random provider generates them: added to the stack unless it declares one.
    addProviderIfMissing(this, 'random', (stack, pid) => new RandomProvider(stack, pid));

    const token = (tid: string) =>
      new Password(this, tid, {
        length: ACCESS_TOKEN_LENGTH,
        upper: true,
        lower: true,
        numeric: true,
        special: true,
        overrideSpecial: ACCESS_TOKEN_SPECIALS,
      }).result;
    // Passwords of letters and digits only: they travel in URLs (amqps://, postgresql://) and broker tooling.
    const password = (pid: string) => new Password(this, pid, { length: 40, upper: true, lower: true, numeric: true, special: false }).result;

    const tokens: Record<string, string> = {};
    for (const client of [...TASKCLUSTER_CLIENT_SERVICES, 'root' as const]) tokens[client] = token(TASKCLUSTER_SECRET_IDS.accessToken(client));
    this.accessTokens = tokens as TaskclusterSecrets['accessTokens'];

    this.dbCryptoKey = new Bytes(this, TASKCLUSTER_SECRET_IDS.dbCryptoKey, {
      length: 32,
      lifecycle: { preventDestroy: !(props.allowDestroy ?? false) },
    });
    this.dbCryptoKeys = Fn.jsonencode([{ id: DB_CRYPTO_KEY_ID, algo: 'aes-256', key: this.dbCryptoKey.base64 }]);
    this.sessionSecret = token(TASKCLUSTER_SECRET_IDS.sessionSecret);

    if (props.servicePasswords === false) return;
    const db: Record<string, string> = {};
    for (const service of TASKCLUSTER_DB_SERVICES) db[service] = password(TASKCLUSTER_SECRET_IDS.dbPassword(service));
    this.dbPasswords = db as TaskclusterSecrets['dbPasswords'];
    const pulse: Record<string, string> = {};
    for (const service of TASKCLUSTER_PULSE_SERVICES) pulse[service] = password(TASKCLUSTER_SECRET_IDS.pulsePassword(service));
    this.pulsePasswords = pulse as TaskclusterSecrets['pulsePasswords'];
  }
}
