import type { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import type { JobV1SpecTemplateSpecContainerEnv } from '@cdktf/provider-kubernetes/lib/job-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { Fn, ITerraformDependable, TerraformLocal, Token } from 'cdktf';
import { Construct } from 'constructs';
import { DocumentObject, escapeTemplateLiterals } from '../core/document';
import { lazyModule } from '../core/lazy-module';
import { PostgresDatabase } from '../core/postgres';
import { ValidationError, checkInt, checkList, checkOneOf, checkPattern, isUnresolved } from '../core/validation';
import {
  BootstrapGrant,
  BootstrapRole,
  DatabaseBootstrapScript,
  DatabaseBootstrapSpec,
  POSTGRES_DATABASE_PRIVILEGES,
  POSTGRES_ROLE_ATTRIBUTES,
  POSTGRES_SCHEMA_PRIVILEGES,
  POSTGRES_SEQUENCE_PRIVILEGES,
  POSTGRES_TABLE_PRIVILEGES,
  PSQL_FLAGS,
  databaseBootstrapScript,
} from './database-bootstrap-sql';
import { AppNamespace } from './namespace';
import { KubernetesJob } from './resources/job';

// Only a config that bootstraps its database creates the Job and its ConfigMap: load those bindings (job-v1 is 4.7 MB
// of JavaScript) when the first DatabaseBootstrap is built, not with this file.
const configMapV1 = lazyModule(() => require('@cdktf/provider-kubernetes/lib/config-map-v1') as typeof import('@cdktf/provider-kubernetes/lib/config-map-v1'));

/**
 * The psql image: the official `postgres` image (Docker Hub library/postgres), Alpine variant. Its psql 18 talks to
 * every server major this library deploys (13-18). Tag checked in docker-library/official-images `library/postgres`.
 */
export const DATABASE_BOOTSTRAP_IMAGE = 'postgres:18.6-alpine3.24';

/** UID and GID of the `postgres` user in the official image's Alpine variant (70 is Alpine's standard for it). */
export const DATABASE_BOOTSTRAP_UID = 70;

/** Where the script (and the server's CA bundle, when there is one) is mounted in the Job's container. */
export const DATABASE_BOOTSTRAP_MOUNT = '/etc/database-bootstrap';

/** The container's command: psql with {@link PSQL_FLAGS} on the mounted script. */
export const DATABASE_BOOTSTRAP_COMMAND: readonly string[] = ['psql', ...PSQL_FLAGS, '-f', `${DATABASE_BOOTSTRAP_MOUNT}/bootstrap.sql`];

/** A DatabaseBootstrap's objects as Kubernetes manifests (see {@link DatabaseBootstrap.manifests}). */
export interface DatabaseBootstrapManifests {
  /** The credentials Secret: its values are sensitive tokens. */
  readonly secret: { readonly name: string; readonly namespace: string; readonly labels: { readonly [key: string]: string }; readonly stringData: { readonly [key: string]: string } };
  /** The ConfigMap with the script (and the server's CA bundle). */
  readonly configMap: DocumentObject;
  /** What the Job runs, minus the secrets: the document whose hash names the Job. */
  readonly runs: DocumentObject;
  /** The base of the Job's name. */
  readonly baseName: string;
  /** The Job manifest, given its name. */
  readonly job: (name: string) => DocumentObject;
  /** Seconds Terraform waits for the Job to complete. */
  readonly waitSeconds: number;
}

/**
 * The Job's name: the base name and the first 10 hex digits of the SHA-256 of the JSON of what it runs, computed by
 * Terraform from a published local (so a changed spec is a new Job).
 */
export function databaseBootstrapJobName(baseName: string, runs: TerraformLocal): string {
  return `${baseName}-${Fn.substr(Fn.sha256(Fn.jsonencode(runs.expression)), 0, 10)}`;
}

/** Properties of {@link DatabaseBootstrap}. */
export interface DatabaseBootstrapProps {
  /**
   * The admin connection the Job logs in with: a login that may create roles and databases (CREATEROLE, CREATEDB)
   * and grant on the databases (owner, or member of the owner), such as Cloud SQL's built-in users. It needs a
   * password (a sensitive token, which goes only into the Job's Secret) and TLS (`require` or `verify-*`). A server
   * verified with `verify-full` and no `caCertificatePem` (Azure: public CAs) is checked against the image's system
   * trust store (`sslrootcert=system`, psql 16 or newer).
   */
  readonly admin: PostgresDatabase;
  /** Namespace of the Secret, ConfigMap and Job. */
  readonly namespace: AppNamespace;
  /** What to create and grant. */
  readonly spec: DatabaseBootstrapSpec;
  /** Base name of the Secret and ConfigMap, and of the Job (which adds a hash of what it runs). @default "database-bootstrap" */
  readonly name?: string;
  /** Image with psql 15 or newer, of the server's major version or newer. @default {@link DATABASE_BOOTSTRAP_IMAGE} */
  readonly image?: string;
  /** UID (and GID) the container runs as: a non-root user of the image. @default 70, the official Alpine image's postgres user */
  readonly runAsUser?: number;
  /** Seconds the Job may run before Kubernetes stops it (Terraform waits two minutes longer). @default 600 */
  readonly timeoutSeconds?: number;
  /** Retries of a failed run. @default 3 */
  readonly backoffLimit?: number;
  /** What the Job must run after and be destroyed before: the cluster, the database and its users. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * A Kubernetes Job that brings a PostgreSQL server to a declarative spec as an admin login: roles with their
 * attributes, passwords and memberships, databases with their collation and extensions, and grants. Idempotent:
 * Terraform runs it again (replacing the Job) whenever what it runs changes, and waits for it to succeed, so an app
 * release that depends on {@link DatabaseBootstrap.job} starts only once its database is ready.
 *
 * The admin password and the role passwords live only in this Job's Secret; the script (a ConfigMap) and the Job
 * spec hold no credential. The Job's name carries a hash of the script, the image and the non-secret inputs, so a
 * changed spec is a new Job; a changed password (the Secret) replaces the Job too. The pod meets the `restricted`
 * Pod Security Standard.
 */
export class DatabaseBootstrap extends Construct {
  /** The Secret holding the admin password and the role passwords. */
  public readonly secret: SecretV1;
  /** The ConfigMap holding the psql script. */
  public readonly configMap: ConfigMapV1;
  /** The Job: make the app's release depend on it. */
  public readonly job: KubernetesJob;
  /** The generated script and its environment. */
  public readonly script: DatabaseBootstrapScript;
  /** The Job's name, as a Terraform expression: the base name and a hash of what the Job runs. */
  public readonly jobName: string;
  /**
   * The Secret, ConfigMap and Job as Kubernetes manifests with literal names, built from the same pieces as the
   * resources: what the infra stack's `install_commands` applies with kubectl. The Job's name is computed where it is
   * used, by {@link databaseBootstrapJobName} over {@link DatabaseBootstrapManifests.runs} published there.
   */
  public readonly manifests: DatabaseBootstrapManifests;

  public constructor(scope: Construct, id: string, props: DatabaseBootstrapProps) {
    super(scope, id);
    const name = checkPattern(this, 'name', props.name ?? 'database-bootstrap', /^[a-z0-9]([a-z0-9-]{0,40}[a-z0-9])?$/, 'a Kubernetes name of 1-42 lower-case letters, digits and "-" (the Job adds an 11-character hash)');
    const image = checkPattern(this, 'image', props.image ?? DATABASE_BOOTSTRAP_IMAGE, /^[^\s:@]+(:[A-Za-z0-9_.-]+)?(@sha256:[a-f0-9]{64})?$/, 'an image reference with a tag or digest, such as "postgres:18.6-alpine3.24"');
    const uid = checkInt(this, 'runAsUser', props.runAsUser ?? DATABASE_BOOTSTRAP_UID, 1, 2147483647);
    const timeout = checkInt(this, 'timeoutSeconds', props.timeoutSeconds ?? 600, 30, 7200);
    const backoffLimit = checkInt(this, 'backoffLimit', props.backoffLimit ?? 3, 0, 10);
    const admin = this.checkAdmin(props.admin, image);
    checkSpec(this, props.spec);
    this.script = databaseBootstrapScript(props.spec);

    const labels = { 'app.kubernetes.io/name': 'database-bootstrap', 'app.kubernetes.io/instance': name, 'app.kubernetes.io/managed-by': 'terraform' };
    const dependsOn = [...props.dependsOn];
    const secretName = `${name}-credentials`;
    const configMapName = `${name}-script`;
    const secretData: Record<string, string> = { PGPASSWORD: admin.password, ...this.script.secretEnv };

    this.secret = new SecretV1(this, 'secret', {
      metadata: { name: secretName, namespace: props.namespace.name, labels },
      type: 'Opaque',
      data: secretData,
      dependsOn,
    });
    const files: Record<string, string> = { 'bootstrap.sql': this.script.sql };
    if (admin.caCertificatePem !== undefined) files['root.crt'] = admin.caCertificatePem;
    this.configMap = new (configMapV1().ConfigMapV1)(this, 'script', {
      metadata: { name: configMapName, namespace: props.namespace.name, labels },
      data: escapeTemplateLiterals(files),
      dependsOn,
    });

    const plainEnv: Record<string, string> = {
      PGHOST: admin.host,
      PGPORT: Token.isUnresolved(admin.port) ? Token.asString(admin.port) : String(admin.port),
      PGDATABASE: admin.database,
      PGUSER: admin.username,
      PGSSLMODE: admin.tlsMode,
      ...sslRootCert(admin),
      PGCONNECT_TIMEOUT: '10',
      PGAPPNAME: 'database-bootstrap',
      ...this.script.env,
    };
    const secretEnvNames = ['PGPASSWORD', ...Object.keys(this.script.secretEnv)];
    const env: JobV1SpecTemplateSpecContainerEnv[] = [
      ...Object.entries(plainEnv).map(([k, value]) => ({ name: k, value })),
      ...secretEnvNames.map((k) => ({ name: k, valueFrom: { secretKeyRef: { name: this.secret.metadata.name, key: k } } })),
    ];

    // What the Job runs, minus the secrets: its hash names the Job, so a change is a new Job (Terraform replaces it).
    const runsDocument = { image, command: [...DATABASE_BOOTSTRAP_COMMAND], env: plainEnv, files };
    const runs = new TerraformLocal(this, 'runs', escapeTemplateLiterals(runsDocument));
    this.jobName = databaseBootstrapJobName(name, runs);

    const podSecurityContext = { runAsNonRoot: true, runAsUser: uid, runAsGroup: uid, seccompProfile: { type: 'RuntimeDefault' } };
    const containerSecurityContext = {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    };
    const resources = { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } };
    const volumeMount = { name: 'script', mountPath: DATABASE_BOOTSTRAP_MOUNT, readOnly: true };
    const fileMode = 0o444;
    const podMetadata = { labels };

    this.job = new KubernetesJob(this, 'job', {
      metadata: { name: this.jobName, namespace: props.namespace.name, labels },
      spec: {
        backoffLimit,
        activeDeadlineSeconds: timeout,
        template: {
          metadata: podMetadata,
          spec: {
            restartPolicy: 'Never',
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: { ...podSecurityContext, runAsUser: String(uid), runAsGroup: String(uid) },
            container: [
              {
                name: 'psql',
                image,
                imagePullPolicy: 'IfNotPresent',
                command: [...DATABASE_BOOTSTRAP_COMMAND],
                env,
                securityContext: containerSecurityContext,
                resources,
                volumeMount: [volumeMount],
              },
            ],
            volume: [{ name: 'script', configMap: { name: this.configMap.metadata.name, defaultMode: `0${fileMode.toString(8)}` } }],
          },
        },
      },
      waitForCompletion: true,
      timeouts: { create: `${timeout + 120}s`, update: `${timeout + 120}s`, delete: '5m' },
      // A new password changes only the Secret: run the Job again so the role gets it.
      lifecycle: { replaceTriggeredBy: [this.secret] },
      dependsOn,
    });

    // The same three objects as Kubernetes manifests, from the same pieces, with literal names.
    const namespace = props.namespace.literalName;
    this.manifests = {
      secret: { name: secretName, namespace, labels, stringData: secretData },
      configMap: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: configMapName, namespace, labels }, data: files },
      runs: runsDocument,
      baseName: name,
      job: (jobName: string) => ({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: jobName, namespace, labels },
        spec: {
          backoffLimit,
          activeDeadlineSeconds: timeout,
          template: {
            metadata: podMetadata,
            spec: {
              restartPolicy: 'Never',
              automountServiceAccountToken: false,
              enableServiceLinks: false,
              securityContext: podSecurityContext,
              containers: [
                {
                  name: 'psql',
                  image,
                  imagePullPolicy: 'IfNotPresent',
                  command: [...DATABASE_BOOTSTRAP_COMMAND],
                  env: [
                    ...Object.entries(plainEnv).map(([k, value]) => ({ name: k, value })),
                    ...secretEnvNames.map((k) => ({ name: k, valueFrom: { secretKeyRef: { name: secretName, key: k } } })),
                  ],
                  securityContext: containerSecurityContext,
                  resources,
                  volumeMounts: [volumeMount],
                },
              ],
              volumes: [{ name: 'script', configMap: { name: configMapName, defaultMode: fileMode } }],
            },
          },
        },
      }),
      waitSeconds: timeout + 120,
    };
  }

  /** The admin connection must carry a password token and use TLS to the server itself (no proxy in this pod). */
  private checkAdmin(admin: PostgresDatabase, image: string): PostgresDatabase & { password: string } {
    checkOneOf(this, 'admin.tlsMode', admin.tlsMode, ['require', 'verify-ca', 'verify-full']);
    if (admin.password === undefined) {
      throw new ValidationError(this, 'admin.password', undefined, 'the admin login\'s password, a sensitive token (the Job logs in with a password)');
    }
    if (!Token.isUnresolved(admin.password)) {
      throw new ValidationError(this, 'admin.password', '***', 'a sensitive token such as a random_password result or a sensitive variable, never a literal (it would be written into cdktf.out)');
    }
    checkInt(this, 'admin.port', admin.port, 1, 65535);
    const major = /^(?:[^/]+\/)*postgres:(\d+)/.exec(image)?.[1];
    if (major !== undefined && !isUnresolved(admin.majorVersion) && admin.majorVersion > Number(major)) {
      throw new ValidationError(this, 'image', image, `an image whose psql is PostgreSQL ${admin.majorVersion} or newer (the server's major version)`);
    }
    if (admin.tlsMode === 'verify-full' && admin.caCertificatePem === undefined && major !== undefined && Number(major) < 16) {
      throw new ValidationError(this, 'image', image, 'an image whose psql is PostgreSQL 16 or newer: the server is verified against the system trust store (sslrootcert=system)');
    }
    return admin as PostgresDatabase & { password: string };
  }
}

/**
 * Where libpq finds the CA of the server: the mounted bundle when the contract has one; the image's system trust
 * store (`sslrootcert=system`, libpq 16+, which also insists on verify-full) when the server's certificate chains to a
 * public root and is verified with verify-full; otherwise libpq's default (nothing to verify with `require`).
 */
function sslRootCert(admin: PostgresDatabase): { readonly PGSSLROOTCERT?: string } {
  if (admin.caCertificatePem !== undefined) return { PGSSLROOTCERT: `${DATABASE_BOOTSTRAP_MOUNT}/root.crt` };
  return admin.tlsMode === 'verify-full' ? { PGSSLROOTCERT: 'system' } : {};
}

/** PostgreSQL identifiers: 1-63 bytes, no control characters. Quoting makes anything else safe. */
const IDENTIFIER_ALLOWED = 'a PostgreSQL name of 1 to 63 bytes without control characters';

function checkIdentifier(scope: Construct, field: string, value: string, reservedPrefix = false): void {
  if (isUnresolved(value)) return;
  if (typeof value !== 'string' || value === '' || Buffer.byteLength(value, 'utf8') > 63 || /[\u0000-\u001f\u007f]/.test(value)) {
    throw new ValidationError(scope, field, value, IDENTIFIER_ALLOWED);
  }
  if (reservedPrefix && value.startsWith('pg_')) {
    throw new ValidationError(scope, field, value, `${IDENTIFIER_ALLOWED}, not starting with "pg_" (reserved for PostgreSQL's own roles)`);
  }
}

function checkKeywords<T extends string>(scope: Construct, field: string, value: readonly T[] | undefined, allowed: readonly T[]): void {
  if (value === undefined) return;
  checkList(scope, field, value, (item, itemField) => checkOneOf(scope, itemField, item, allowed));
}

/** Checks a spec at synth time: names, keywords from the allowlists, and that grants refer to declared roles and databases. */
export function checkSpec(scope: Construct, spec: DatabaseBootstrapSpec): void {
  const roles = spec.roles ?? [];
  const databases = spec.databases ?? [];
  checkUnique(scope, 'spec.roles', roles.map((r) => r.name));
  checkUnique(scope, 'spec.databases', databases.map((d) => d.name));
  roles.forEach((r, i) => checkRole(scope, `spec.roles[${i}]`, r));
  databases.forEach((d, i) => {
    const f = `spec.databases[${i}]`;
    checkIdentifier(scope, `${f}.name`, d.name);
    const locale = /^[A-Za-z0-9_.@-]{1,64}$/;
    const localeAllowed = 'a locale name such as "en_US.utf8" or "C.utf8" (letters, digits, "_", ".", "@", "-")';
    if (d.collation !== undefined) checkPattern(scope, `${f}.collation`, d.collation, locale, localeAllowed);
    if (d.ctype !== undefined) {
      if (d.collation === undefined) throw new ValidationError(scope, `${f}.ctype`, d.ctype, 'a ctype only together with a collation');
      checkPattern(scope, `${f}.ctype`, d.ctype, locale, localeAllowed);
    }
    if (d.extensions !== undefined) {
      checkList(scope, `${f}.extensions`, d.extensions, (e, ef) => checkPattern(scope, ef, e, /^[a-z_][a-z0-9_-]{0,62}$/, 'an extension name such as "pgcrypto"'));
    }
  });
  (spec.grants ?? []).forEach((g, i) => checkGrant(scope, `spec.grants[${i}]`, g, roles, databases.map((d) => d.name)));
}

function checkUnique(scope: Construct, field: string, names: readonly string[]): void {
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) throw new ValidationError(scope, `${field}[${i}].name`, n, 'a name that appears only once');
  });
}

function checkRole(scope: Construct, f: string, r: BootstrapRole): void {
  checkIdentifier(scope, `${f}.name`, r.name, !(r.existing ?? false));
  const login = r.login ?? true;
  if (r.password !== undefined) {
    if (r.existing) throw new ValidationError(scope, `${f}.password`, '***', 'no password for an existing role (it authenticates outside the bootstrap)');
    if (!login) throw new ValidationError(scope, `${f}.password`, '***', 'no password for a role that cannot log in');
    if (!Token.isUnresolved(r.password)) {
      throw new ValidationError(scope, `${f}.password`, '***', 'a sensitive token such as a random_password result, never a literal (it would be written into cdktf.out)');
    }
  }
  checkKeywords(scope, `${f}.attributes`, r.attributes, POSTGRES_ROLE_ATTRIBUTES);
  if (r.memberOf !== undefined) {
    checkList(scope, `${f}.memberOf`, r.memberOf, (m, mf) => {
      checkIdentifier(scope, mf, m);
      if (m === r.name) throw new ValidationError(scope, mf, m, 'a role other than the role itself');
    });
  }
}

function checkGrant(scope: Construct, f: string, g: BootstrapGrant, roles: readonly BootstrapRole[], databases: readonly string[]): void {
  const roleNames = roles.map((r) => r.name);
  if (!roleNames.includes(g.role)) {
    throw new ValidationError(scope, `${f}.role`, g.role, `one of the spec's roles (${roleNames.map((n) => JSON.stringify(n)).join(', ') || 'none declared'})`);
  }
  if (!databases.includes(g.database)) {
    throw new ValidationError(scope, `${f}.database`, g.database, `one of the spec's databases (${databases.map((n) => JSON.stringify(n)).join(', ') || 'none declared'})`);
  }
  checkKeywords(scope, `${f}.databasePrivileges`, g.databasePrivileges, POSTGRES_DATABASE_PRIVILEGES);
  const schemas = g.schemas ?? [];
  if ((g.databasePrivileges ?? []).length === 0 && schemas.length === 0) {
    throw new ValidationError(scope, f, g.role, 'a grant with databasePrivileges or schemas');
  }
  schemas.forEach((s, i) => {
    const sf = `${f}.schemas[${i}]`;
    checkIdentifier(scope, `${sf}.schema`, s.schema);
    checkKeywords(scope, `${sf}.privileges`, s.privileges, POSTGRES_SCHEMA_PRIVILEGES);
    const defaults = s.defaultPrivileges ?? [];
    if ((s.privileges ?? []).length === 0 && defaults.length === 0) {
      throw new ValidationError(scope, sf, s.schema, 'a schema grant with privileges or defaultPrivileges');
    }
    defaults.forEach((d, k) => {
      const df = `${sf}.defaultPrivileges[${k}]`;
      checkIdentifier(scope, `${df}.forRole`, d.forRole);
      checkKeywords(scope, `${df}.tables`, d.tables, POSTGRES_TABLE_PRIVILEGES);
      checkKeywords(scope, `${df}.sequences`, d.sequences, POSTGRES_SEQUENCE_PRIVILEGES);
      if ((d.tables ?? []).length === 0 && (d.sequences ?? []).length === 0) {
        throw new ValidationError(scope, df, d.forRole, 'default privileges on tables or sequences');
      }
    });
  });
}
