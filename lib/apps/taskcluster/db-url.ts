import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { PostgresDatabase, urlComponent } from '../../core/postgres';
import { ValidationError } from '../../core/validation';

/**
 * How Taskcluster's node-postgres connections use TLS, as its `?ssl=` query parameter says
 * (libraries/postgres/src/Database.js at v106.0.0):
 * - `authorized`: TLS, and the server's certificate must chain to a CA Node.js trusts (its built-in Mozilla list);
 * - `1`: TLS without verifying the server (encrypted, but open to an active man in the middle).
 */
export type TaskclusterDbTls = 'authorized' | '1';

/**
 * The strongest TLS Taskcluster can use with a database contract. The chart cannot mount a CA file, and Node.js does
 * not read the system trust store, so a server is verified only when its CA is public:
 * - `verify-full` with no `caCertificatePem` (a public CA, as Azure Database for PostgreSQL): `authorized`, which
 *   checks the chain and the host name (Node.js always checks both);
 * - `verify-ca` (the host name may not match), a private CA (`caCertificatePem`: AWS RDS, a Cloud SQL instance CA),
 *   or `require`: `1`. The connection stays on the cluster's private network to a private address; only the server's
 *   identity is unchecked;
 * - `proxy`: refused (the chart runs no proxy sidecar) - and so is a login without a password (IAM).
 */
export function taskclusterDbTls(scope: Construct, field: string, db: PostgresDatabase): TaskclusterDbTls {
  if (db.tlsMode === 'proxy') {
    throw new ValidationError(scope, `${field}.tlsMode`, db.tlsMode, '"require", "verify-ca" or "verify-full": Taskcluster connects to the server itself (its chart has no proxy sidecar)');
  }
  if (db.password === undefined) {
    throw new ValidationError(scope, `${field}.password`, undefined, 'a password login: Taskcluster has no IAM database authentication');
  }
  return db.tlsMode === 'verify-full' && db.caCertificatePem === undefined ? 'authorized' : '1';
}

/**
 * `postgresql://<user>:<password>@<host>:<port>/<database>?ssl=<tls>` as node-postgres (pg-connection-string) reads
 * it, assembled by Terraform with user, password and database percent-encoded (see {@link urlComponent}).
 */
export function taskclusterDbUrl(db: Pick<PostgresDatabase, 'host' | 'port' | 'database'>, username: string, password: string, tls: TaskclusterDbTls): string {
  return Fn.format(`postgresql://%s:%s@%s:%s/%s?ssl=${tls}`, [urlComponent(username), urlComponent(password), db.host, db.port, urlComponent(db.database)]);
}
