import { CommandRunner } from './runner';

/** A cloud CLI command's parsed JSON output, or why there is none. */
export type CliOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly notInstalled: boolean; readonly exitCode: number; readonly error: string };

/** Appends the CLI's JSON output switch and parses what it prints. */
export class Cli {
  public constructor(
    private readonly runner: CommandRunner,
    /** `az`, `gcloud` or `aws`. */
    public readonly executable: string,
    private readonly jsonArgs: readonly string[],
  ) {}

  /** Runs `<executable> <args...> <json switch>` and parses stdout as JSON. */
  public async json<T>(args: readonly string[]): Promise<CliOutcome<T>> {
    const r = await this.runner([this.executable, ...args, ...this.jsonArgs]);
    if (r.notInstalled) return { ok: false, notInstalled: true, exitCode: r.exitCode, error: `${this.executable} is not installed (not on the PATH)` };
    if (r.exitCode !== 0) return { ok: false, notInstalled: false, exitCode: r.exitCode, error: errorText(r.stderr || r.stdout) };
    try {
      return { ok: true, value: JSON.parse(r.stdout.trim() === '' ? 'null' : r.stdout) as T };
    } catch {
      return { ok: false, notInstalled: false, exitCode: r.exitCode, error: `${this.executable} ${args.slice(0, 3).join(' ')} printed no JSON` };
    }
  }
}

export function az(runner: CommandRunner): Cli {
  return new Cli(runner, 'az', ['--only-show-errors', '--output', 'json']);
}

export function gcloud(runner: CommandRunner): Cli {
  return new Cli(runner, 'gcloud', ['--format=json']);
}

export function aws(runner: CommandRunner): Cli {
  return new Cli(runner, 'aws', ['--output', 'json']);
}

/** The first meaningful line of a CLI's error output, trimmed for one printed line. */
export function errorText(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^(WARNING|Fetching|Listed \d+ items)/.test(l));
  const at = Math.max(0, lines.findIndex((l) => /error|denied|not found|forbidden|invalid|expired|login|credential|permission/i.test(l)));
  let line = lines[at] ?? 'failed with no message';
  // A header such as "Could not fetch resource:" says little; the reason is on the next line.
  if (line.endsWith(':') && lines[at + 1] !== undefined) line = `${line} ${lines[at + 1]!.replace(/^-\s*/, '')}`;
  const text = line.replace(/^ERROR:\s*/, '');
  return text.length > 240 ? `${text.slice(0, 237)}...` : text;
}
