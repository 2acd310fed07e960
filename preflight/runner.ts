import { execFile } from 'child_process';

/**
 * Every cloud read goes through one command runner, and the runner refuses any command that is not on the explicit
 * read-only list below: that is how preflight guarantees it never changes anything in the cloud. Tests replace the
 * process runner with recorded responses; the guard stays in front of both.
 */

/** What a command printed and how it ended. */
export interface CommandResult {
  /** Exit code (127 when the executable was not found). */
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** True when the executable is not installed (not on the PATH). */
  readonly notInstalled?: boolean;
}

/** Runs one command (argv[0] is the executable; no shell). */
export type CommandRunner = (argv: readonly string[]) => Promise<CommandResult>;

/**
 * The only commands preflight may run: each entry is a command path (executable and sub-command words, flags and
 * arguments follow). Every one is a read: show, list, describe, get-*, and IAM's policy simulation, which evaluates
 * policies without acting on anything.
 */
export const READ_ONLY_COMMANDS: readonly (readonly string[])[] = [
  // Azure CLI
  ['az', 'account', 'show'],
  ['az', 'account', 'list-locations'],
  ['az', 'role', 'assignment', 'list'],
  ['az', 'role', 'definition', 'list'],
  ['az', 'vm', 'list-skus'],
  ['az', 'vm', 'list-usage'],
  ['az', 'aks', 'get-versions'],
  ['az', 'postgres', 'flexible-server', 'list-skus'],
  ['az', 'network', 'dns', 'zone', 'show'],
  // Google Cloud CLI
  ['gcloud', 'auth', 'list'],
  ['gcloud', 'projects', 'describe'],
  ['gcloud', 'projects', 'get-ancestors-iam-policy'],
  ['gcloud', 'projects', 'get-iam-policy'],
  ['gcloud', 'compute', 'regions', 'describe'],
  ['gcloud', 'compute', 'machine-types', 'describe'],
  ['gcloud', 'container', 'get-server-config'],
  ['gcloud', 'sql', 'tiers', 'list'],
  ['gcloud', 'sql', 'flags', 'list'],
  ['gcloud', 'dns', 'managed-zones', 'describe'],
  // AWS CLI
  ['aws', 'sts', 'get-caller-identity'],
  ['aws', 'ec2', 'describe-regions'],
  ['aws', 'ec2', 'describe-addresses'],
  ['aws', 'ec2', 'describe-instance-types'],
  ['aws', 'ec2', 'describe-instance-type-offerings'],
  ['aws', 'ec2', 'describe-instances'],
  ['aws', 'service-quotas', 'get-service-quota'],
  ['aws', 'service-quotas', 'get-aws-default-service-quota'],
  ['aws', 'eks', 'describe-cluster-versions'],
  ['aws', 'rds', 'describe-orderable-db-instance-options'],
  ['aws', 'route53', 'list-hosted-zones-by-name'],
  ['aws', 'route53', 'get-hosted-zone'],
  ['aws', 'iam', 'get-role'],
  ['aws', 'iam', 'simulate-principal-policy'],
];

/** The last word of every allowed command must be one of these read verbs. */
export const READ_ONLY_VERB = /^(show|list|list-[a-z-]+|describe|describe-[a-z-]+|get-[a-z-]+|simulate-principal-policy)$/;

/** The allowed command path argv starts with, or undefined. */
export function allowedCommand(argv: readonly string[]): readonly string[] | undefined {
  return READ_ONLY_COMMANDS.find((path) => path.length <= argv.length && path.every((word, i) => argv[i] === word));
}

/** Thrown (as a rejection) for a command that is not on the read-only list. */
export class RefusedCommandError extends Error {
  public constructor(public readonly argv: readonly string[]) {
    super(`preflight refused to run "${argv.join(' ')}": not on its read-only command list`);
    this.name = 'RefusedCommandError';
  }
}

/** Wraps a runner so that it only ever runs commands from READ_ONLY_COMMANDS. */
export function readOnly(runner: CommandRunner): CommandRunner {
  return async (argv) => {
    if (allowedCommand(argv) === undefined) throw new RefusedCommandError(argv);
    return runner(argv);
  };
}

/**
 * Runs commands as child processes (no shell), with the CLIs' pagers, prompts, telemetry and file logs off where
 * they have a switch for it.
 */
export const processRunner: CommandRunner = (argv) =>
  new Promise((resolve) => {
    const env = {
      ...process.env,
      AWS_PAGER: '',
      CLOUDSDK_CORE_DISABLE_PROMPTS: '1',
      CLOUDSDK_CORE_DISABLE_FILE_LOGGING: '1',
      AZURE_CORE_COLLECT_TELEMETRY: 'false',
      AZURE_CORE_NO_COLOR: 'true',
    };
    execFile(argv[0]!, argv.slice(1), { env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 180_000, windowsHide: true }, (err, stdout, stderr) => {
      const code = (err as NodeJS.ErrnoException | null)?.code;
      if (code === 'ENOENT') {
        resolve({ exitCode: 127, stdout: '', stderr: `${argv[0]}: command not found`, notInstalled: true });
        return;
      }
      const exitCode = err === null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1;
      resolve({ exitCode, stdout: String(stdout), stderr: String(stderr) });
    });
  });
