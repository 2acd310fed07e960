import { spawn, spawnSync, ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The Debian package's server script, used as a throw-away test fixture when installed. */
const SERVER = '/usr/lib/rabbitmq/bin/rabbitmq-server';
const CTL = '/usr/lib/rabbitmq/bin/rabbitmqctl';

/** True when a RabbitMQ server (the Debian `rabbitmq-server` package) and curl are installed. */
export function rabbitMqAvailable(): boolean {
  return fs.existsSync(SERVER) && fs.existsSync(CTL) && spawnSync('curl', ['--version']).status === 0;
}

/** A RabbitMQ node started for the tests, with the management plugin, on free ports, in a temporary folder. */
export interface RabbitMqTestServer {
  /** Base URL of the management API, `http://127.0.0.1:<port>`. */
  readonly apiUrl: string;
  /** `curl` against the management API as the administrator: returns the status code and the body. */
  api(method: string, apiPath: string, body?: string): { status: number; body: string };
  /** `rabbitmqctl` against the node. */
  ctl(args: readonly string[]): { status: number; stdout: string; stderr: string };
  /** Stops the node and removes its folder. */
  stop(): void;
}

/** The administrator the node creates on first boot. */
export const RABBITMQ_TEST_ADMIN = { user: 'admin', password: 'admin-pw' } as const;
const ADMIN = RABBITMQ_TEST_ADMIN;

/** Starts a node and waits (up to a minute) until its management API answers. */
export async function startRabbitMq(): Promise<RabbitMqTestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rabbitmq-test-'));
  const base = 30000 + Math.floor(Math.random() * 20000);
  const ports = { amqp: base, management: base + 1, dist: base + 2, epmd: base + 3 };
  fs.writeFileSync(path.join(dir, 'rabbitmq.conf'), [`listeners.tcp.default = ${ports.amqp}`, `management.tcp.port = ${ports.management}`, 'log.console = false', 'log.file = false', ''].join('\n'));
  fs.writeFileSync(path.join(dir, 'enabled_plugins'), '[rabbitmq_management].\n');
  const node = `rmqtest${ports.amqp}@localhost`;
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    RABBITMQ_HOME: '/usr/lib/rabbitmq',
    RABBITMQ_CONFIG_FILE: path.join(dir, 'rabbitmq.conf'),
    RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'enabled_plugins'),
    RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: path.join(dir, 'log'),
    RABBITMQ_PID_FILE: path.join(dir, 'pid'),
    RABBITMQ_NODENAME: node,
    RABBITMQ_DIST_PORT: String(ports.dist),
    ERL_EPMD_PORT: String(ports.epmd),
    RABBITMQ_DEFAULT_USER: ADMIN.user,
    RABBITMQ_DEFAULT_PASS: ADMIN.password,
    RABBITMQ_ERLANG_COOKIE: `cookie${ports.amqp}`,
  };
  const child: ChildProcess = spawn(SERVER, [], { env, cwd: dir, stdio: ['ignore', 'ignore', 'ignore'], detached: true });
  const api = (method: string, apiPath: string, body?: string) => {
    const args = ['-s', '-o', '-', '-w', '\n%{http_code}', '-u', `${ADMIN.user}:${ADMIN.password}`, '-X', method, `http://127.0.0.1:${ports.management}${apiPath}`];
    if (body !== undefined) args.push('-H', 'content-type: application/json', '--data-binary', '@-');
    const r = spawnSync('curl', args, { input: body, encoding: 'utf8' });
    const text = r.stdout ?? '';
    const cut = text.lastIndexOf('\n');
    return { status: Number(text.slice(cut + 1)), body: text.slice(0, cut) };
  };
  const ctl = (args: readonly string[]) => {
    const r = spawnSync(CTL, ['-n', node, ...args], { env, encoding: 'utf8' });
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  const stop = () => {
    // A throw-away node: killed (its process group, which this started), not stopped politely (which takes seconds).
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    // The node started its own epmd on the test's port: stop that one (by its port), once it has seen the node go.
    for (let i = 0; i < 20; i++) {
      const r = spawnSync('epmd', ['-port', String(ports.epmd), '-kill'], { encoding: 'utf8' });
      if (r.status === 0 || !/living nodes/.test(`${r.stdout}${r.stderr}`)) break;
      spawnSync('sleep', ['0.2']);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 120; i++) {
    if (api('GET', '/api/overview').status === 200) return { apiUrl: `http://127.0.0.1:${ports.management}`, api, ctl, stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  stop();
  throw new Error(`RabbitMQ did not start in ${dir}`);
}
