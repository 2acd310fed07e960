import { SpawnSyncReturns, execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * A real, throw-away PostgreSQL server for SQL tests: initdb into a temporary folder, started with pg_ctl on a Unix
 * socket in that folder only (no TCP listener, so nothing on the machine can clash with it or reach it). The
 * superuser `postgres` logs in without a password; every other role must use its password (scram-sha-256), so a
 * test can prove that a password works. One server per test file: start it in beforeAll, stop it in afterAll.
 *
 * Binaries are looked up in /usr/lib/postgresql/<major>/bin (Debian's layout, often not on the PATH), newest
 * first, then on the PATH. Not a test file: jest only picks up `*.test.ts`.
 */

/** Where initdb, pg_ctl and psql live, and their major version; undefined when PostgreSQL (15+) is not installed. */
export function findPostgres(): { readonly bin: string; readonly major: number } | undefined {
  const candidates: string[] = [];
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const majors = fs.readdirSync(debian).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...majors.map((m) => path.join(debian, m, 'bin')));
  }
  candidates.push(...(process.env.PATH ?? '').split(path.delimiter).filter((d) => d !== ''));
  for (const bin of candidates) {
    if (!['initdb', 'pg_ctl', 'psql'].every((b) => isExecutable(path.join(bin, b)))) continue;
    const version = spawnSync(path.join(bin, 'initdb'), ['--version'], { encoding: 'utf8' }).stdout ?? '';
    const major = Number(/(\d+)(\.\d+)?/.exec(version)?.[1]);
    // psql's \getenv, which the bootstrap script uses, arrived in 15.
    if (major >= 15) return { bin, major };
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Result of one psql run. */
export interface PsqlResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface PsqlOptions {
  /** Login. @default "postgres" (the superuser, no password) */
  readonly user?: string;
  /** Its password (sent as PGPASSWORD). @default none */
  readonly password?: string;
  /** Database. @default "postgres" */
  readonly database?: string;
  /** More environment variables. @default none */
  readonly env?: { readonly [name: string]: string };
}

export interface PostgresServer {
  /** Major version of the server (and of psql). */
  readonly major: number;
  /** The folder holding the socket: the value for PGHOST. */
  readonly socketDir: string;
  /** The port (only part of the socket's file name): the value for PGPORT. */
  readonly port: number;
  /** Absolute path of psql. */
  readonly psql: string;
  /** Runs psql with these arguments against the server (PGHOST/PGPORT set, PGUSER/PGPASSWORD/PGDATABASE from opts). */
  run(args: readonly string[], opts?: PsqlOptions): PsqlResult;
  /** Runs one query (as the superuser unless told otherwise) and returns its rows, fields split on tabs; throws on error. */
  rows(sql: string, opts?: PsqlOptions): string[][];
  /** Runs SQL as the superuser; throws on error. */
  exec(sql: string, opts?: PsqlOptions): void;
  /** Stops the server and removes its folder. */
  stop(): void;
}

/** Starts a server. Throws with the server's log when it does not come up. */
export function startPostgres(install: { bin: string; major: number }): PostgresServer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-test-'));
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  // initdb refuses to run as root: as root, the server runs as the `postgres` user, which must own the folder.
  const asRoot = process.getuid?.() === 0;
  const runAs = (cmd: string, args: string[]): void => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
    execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' } });
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    fs.chownSync(dir, uid, gid);
  }
  // No TCP listener (listen_addresses is empty): the port only names the socket file inside this private folder.
  const port = 20000 + Math.floor(Math.random() * 40000);
  runAs(path.join(install.bin, 'initdb'), ['-D', data, '-U', 'postgres', '-E', 'UTF8', '--locale=C', '-A', 'trust', '--no-instructions']);
  fs.writeFileSync(path.join(data, 'pg_hba.conf'), 'local all postgres trust\nlocal all all scram-sha-256\n');
  const options = `-k ${dir} -p ${port} -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  try {
    runAs(path.join(install.bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', log, '-w', '-t', '60', 'start']);
  } catch (err) {
    const text = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '(no log)';
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${(err as Error).message}\n${text}`);
  }
  const psql = path.join(install.bin, 'psql');

  const run = (args: readonly string[], opts: PsqlOptions = {}): PsqlResult => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('PG')) env[k] = v;
    Object.assign(env, { PGHOST: dir, PGPORT: String(port), PGUSER: opts.user ?? 'postgres', PGDATABASE: opts.database ?? 'postgres' });
    if (opts.password !== undefined) env.PGPASSWORD = opts.password;
    Object.assign(env, opts.env ?? {});
    const r: SpawnSyncReturns<string> = spawnSync(psql, [...args], { env, encoding: 'utf8' });
    if (r.error) throw r.error;
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const rows = (sql: string, opts: PsqlOptions = {}): string[][] => {
    const r = run(['-X', '-q', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', sql], opts);
    if (r.status !== 0) throw new Error(`psql failed (${r.status}): ${r.stderr}`);
    return r.stdout.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
  };
  return {
    major: install.major,
    socketDir: dir,
    port,
    psql,
    run,
    rows,
    exec: (sql, opts) => void rows(sql, opts),
    stop: () => {
      try {
        runAs(path.join(install.bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * `describe` with a server: starts one before the tests and stops it after. When PostgreSQL is not installed the
 * tests are skipped with a printed reason, except under CI (`CI=true`), where that is a failure: CI installs it.
 */
export function describeWithPostgres(title: string, body: (server: () => PostgresServer) => void): void {
  const install = findPostgres();
  if (install === undefined) {
    const reason = 'PostgreSQL 15 or newer is not installed (no initdb, pg_ctl and psql in /usr/lib/postgresql/<major>/bin or on the PATH; Debian: apt-get install postgresql)';
    if (process.env.CI === 'true') {
      describe(title, () => {
        test('PostgreSQL is installed (CI=true: .ci/run installs it)', () => {
          throw new Error(reason);
        });
      });
    } else {
      console.log(`skipping "${title}": ${reason}`);
      describe.skip(title, () => body(() => {
        throw new Error(reason);
      }));
    }
    return;
  }
  describe(title, () => {
    let server: PostgresServer | undefined;
    beforeAll(() => {
      server = startPostgres(install);
    });
    afterAll(() => server?.stop());
    body(() => {
      if (server === undefined) throw new Error('the PostgreSQL server did not start');
      return server;
    });
  });
}

/** A synthesized stack (Terraform JSON), as far as {@link runBootstrapJob} reads it. */
interface StackJson {
  resource?: Record<string, Record<string, any>>;
}

/**
 * Runs a synthesized database-bootstrap Job's psql against the test server exactly as the Job's container would:
 * the same command and flags, the script from the ConfigMap, every environment variable of the container (values,
 * and Secret references read from the Secret's data). Only PGHOST and PGPORT point at the test server's socket (libpq
 * ignores sslmode on a socket). `${var.x}` in the synthesized values is replaced by `values.x`, any other `${expr}` by
 * `values[expr]`; a value missing there fails the run. `match` picks the Job when the stack has several (part of
 * its construct path); the Secret and ConfigMap are the ones the Job refers to.
 */
export function runBootstrapJob(server: PostgresServer, json: StackJson, values: Record<string, string>, match = ''): PsqlResult & { env: Record<string, string>; sql: string } {
  const pick = (type: string): any => {
    const all = Object.values(json.resource?.[type] ?? {}).filter((r: any) => String(r['//']?.metadata?.path ?? '').includes(match));
    if (all.length !== 1) throw new Error(`expected one ${type} matching "${match}", found ${all.length}`);
    return all[0];
  };
  const job = pick('kubernetes_job_v1');
  // The Secret and the ConfigMap the Job refers to.
  const referenced = (type: string, ref: string): any => {
    const id = new RegExp(`^\\$\\{${type}\\.([^.]+)\\.metadata\\[0\\]\\.name\\}$`).exec(ref)?.[1];
    const found = id === undefined ? undefined : json.resource?.[type]?.[id];
    if (!found) throw new Error(`the Job refers to ${ref}, which is no ${type} of the stack`);
    return found;
  };
  const configMap = referenced('kubernetes_config_map_v1', job.spec.template.spec.volume[0].config_map.name);
  const resolve = (text: string): string => {
    const out = text.replace(/(\$\$\{)|\$\{([^{}]+)\}/g, (_m, escaped: string | undefined, expr: string | undefined) => {
      if (escaped) return '\u0000{';
      const v = values[expr!] ?? values[/^var\.([A-Za-z0-9_-]+)$/.exec(expr!)?.[1] ?? ''];
      if (v === undefined) throw new Error(`no test value for \${${expr}}`);
      return v.replace(/\$\{/g, '\u0000{');
    });
    if (out.includes('${')) throw new Error(`a value only Terraform can compute: ${text}`);
    return out.replace(/\u0000\{/g, '${');
  };
  const container = job.spec.template.spec.container[0];
  const mount = job.spec.template.spec.container[0].volume_mount[0].mount_path as string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bootstrap-job-'));
  try {
    const sql = resolve(configMap.data['bootstrap.sql']);
    fs.writeFileSync(path.join(dir, 'bootstrap.sql'), sql);
    const [command, ...args] = container.command as string[];
    if (command !== 'psql') throw new Error(`the Job runs ${command}, not psql`);
    const env: Record<string, string> = {};
    for (const e of container.env as any[]) {
      if (e.value !== undefined) env[e.name] = resolve(e.value);
      else env[e.name] = resolve(referenced('kubernetes_secret_v1', e.value_from.secret_key_ref.name).data[e.value_from.secret_key_ref.key]);
    }
    Object.assign(env, { PGHOST: server.socketDir, PGPORT: String(server.port) });
    const r = server.run(args.map((a) => (a.startsWith(`${mount}/`) ? path.join(dir, a.slice(mount.length + 1)) : a)), { user: env.PGUSER, password: env.PGPASSWORD, database: env.PGDATABASE, env });
    return { ...r, env, sql };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
