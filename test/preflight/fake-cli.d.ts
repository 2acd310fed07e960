/** Types of fake-cli.js (a plain script, so that the end-to-end test can run it as `az`, `gcloud` and `aws`). */
export interface FakeRule {
  /** The call's argv starts with these words. */
  readonly argv: readonly string[];
  /** Tokens that must also appear in the call. */
  readonly has?: readonly string[];
  readonly stdout?: string;
  readonly stdoutFile?: string;
  readonly stderr?: string;
  readonly stderrFile?: string;
  readonly exitCode?: number;
}

export function respond(rules: readonly FakeRule[], argv: readonly string[]): { exitCode: number; stdout: string; stderr: string };
export function main(name: string, args: readonly string[]): void;
