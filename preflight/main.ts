import * as path from 'path';
import { parseArgs } from 'util';
import { CONFIG_ENV, DEFAULT_CONFIG_FILE, loadConfigFile, userConfigPath } from '../stacks/config-file';
import { report, runChecks } from './index';
import { synthesizePair } from './synth';

/**
 * `npm run preflight [-- --config <file>]`: checks, with your own cloud CLI sign-in and read-only calls, what would
 * make a first deploy of your config fail late (quotas, versions and SKUs offered in the region, permissions, the DNS
 * zone, the pinned chart versions). Prints one line per check and exits 1 when a check failed.
 */
const USAGE = `usage: npm run preflight [-- --config <file>]

Reads the config like the app does: --config, else $${CONFIG_ENV}, else ./${DEFAULT_CONFIG_FILE}.
Synthesizes its stack pair in memory, then checks it against your cloud with read-only
az / gcloud / aws calls and the chart repositories. Writes nothing; creates nothing.
Exit code: 0 when no check failed, 1 when one did, 2 when it could not run.`;

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<{ lines: string[]; exitCode: number }> {
  let args;
  try {
    args = parseArgs({ args: [...argv], options: { config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false });
  } catch (err) {
    return { lines: [`preflight: ${(err as Error).message}`, USAGE], exitCode: 2 };
  }
  if (args.values.help) return { lines: [USAGE], exitCode: 0 };
  const file = args.values.config !== undefined ? path.resolve(cwd, args.values.config) : userConfigPath(env, cwd);
  if (file === undefined) {
    return {
      lines: [`preflight: no config found. Preflight checks your own config against your cloud: set $${CONFIG_ENV}, create ./${DEFAULT_CONFIG_FILE} or pass --config <file> (the embedded examples hold placeholder values, so there is nothing to check without yours).`],
      exitCode: 2,
    };
  }
  let pair;
  try {
    pair = synthesizePair(loadConfigFile(file));
  } catch (err) {
    if (err instanceof Error && (err.name === 'ValidationError' || err.message.startsWith('Validation failed with the following errors'))) {
      const problem = err.message.split('\n').map((l) => l.trim()).filter((l) => l !== '').join('; ');
      return { lines: [`FAIL config: ${problem} — fix: correct it in ${file} (nothing was checked against the cloud)`], exitCode: 1 };
    }
    throw err;
  }
  return report(await runChecks(pair, { env }));
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    ({ lines, exitCode }) => {
      process.stdout.write(`${lines.join('\n')}\n`);
      process.exitCode = exitCode;
    },
    (err: unknown) => {
      process.stderr.write(`preflight: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
