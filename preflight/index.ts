import { awsChecks, awsPlan } from './aws';
import { azureChecks, azurePlan } from './azure';
import { CHART_INDEX_MIRROR_ENV, Fetcher, checkCharts, httpsFetcher } from './charts';
import { gcpChecks, gcpPlan } from './gcp';
import { CheckResult, exitCodeOf, formatResult, ok, summaryOf } from './result';
import { CommandRunner, processRunner, readOnly } from './runner';
import { SynthesizedPair } from './synth';
import { providerOf } from './terraform-json';

export { READ_ONLY_COMMANDS, RefusedCommandError, readOnly } from './runner';
export type { CommandRunner, CommandResult } from './runner';
export type { CheckResult } from './result';

/** The cloud a synthesized stack pair deploys to, from its infra stack's providers. */
export type Cloud = 'azure' | 'gcp' | 'aws';

export function cloudOf(pair: SynthesizedPair): Cloud {
  if (providerOf(pair.infra, 'azurerm') !== undefined) return 'azure';
  if (providerOf(pair.infra, 'google') !== undefined) return 'gcp';
  if (providerOf(pair.infra, 'aws') !== undefined) return 'aws';
  throw new Error(`${pair.infraName} configures none of the azurerm, google and aws providers`);
}

export interface PreflightOptions {
  /** Runs the cloud CLIs. Always wrapped in the read-only guard. @default child processes */
  readonly runner?: CommandRunner;
  /** Fetches chart repository indexes. @default Node's fetch over HTTPS */
  readonly fetcher?: Fetcher;
  /** Environment (ARM_SUBSCRIPTION_ID, the test-only chart index mirror). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Every check for a synthesized stack pair, in print order: the cloud's, then the charts'. */
export async function runChecks(pair: SynthesizedPair, options: PreflightOptions = {}): Promise<CheckResult[]> {
  const env = options.env ?? process.env;
  const runner = readOnly(options.runner ?? processRunner);
  const cloud = cloudOf(pair);
  const head = ok('config', `${pair.infraName} + ${pair.platformName} synthesized (every synth-time check and the policy pack passed)`);
  const [cloudResults, chartResults] = await Promise.all([
    cloud === 'azure' ? azureChecks(azurePlan(pair.infra, env), runner) : cloud === 'gcp' ? gcpChecks(gcpPlan(pair.infra), runner) : awsChecks(awsPlan(pair.infra), runner),
    checkCharts(pair.platform, options.fetcher ?? httpsFetcher, env[CHART_INDEX_MIRROR_ENV]),
  ]);
  return [head, ...cloudResults, ...chartResults];
}

/** The printed report (one line per check, then a summary) and the exit code (0 only when nothing failed). */
export function report(results: readonly CheckResult[]): { readonly lines: string[]; readonly exitCode: number } {
  return { lines: [...results.map(formatResult), summaryOf(results)], exitCode: exitCodeOf(results) };
}
