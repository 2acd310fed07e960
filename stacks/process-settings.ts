import { deferCreationStacks } from '../lib/core/creation-stacks';
import { deferCdktfArchiver } from '../lib/core/deferred-archiver';
import { compileWithoutInlineSourceMaps } from '../lib/core/inline-source-maps';
import { skipUnneededPreparingPasses } from '../lib/core/preparing-pass';
import { limitStackTraceFormatting } from '../lib/core/stack-traces';
import { useFastTokenResolution } from '../lib/core/token-resolution';

/**
 * The process-wide settings of the app's entry point (main.ts, through ./entry-point; the benchmark makes the same
 * ones). Process-wide, so never made by the library or its tests. docs/architecture.md ("Where synth time goes") says
 * what each one saves:
 * - {@link compileWithoutInlineSourceMaps}: cdktf and the provider bindings compile without their inline source maps
 *   (it has to come before anything loads cdktf);
 * - {@link deferCdktfArchiver}: cdktf's zip library loads only if something zips (so does this one);
 * - {@link limitStackTraceFormatting}: cdktf's token creation stacks keep `Error.stackTraceLimit` frames;
 * - {@link deferCreationStacks}: and are formatted only when read;
 * - {@link useFastTokenResolution}: cdktf resolves tokens with the same results and less work per value;
 * - {@link skipUnneededPreparingPasses}: no preparing pass for the infra stacks, which read no other stack's values.
 */
export function configureSynthProcess(): void {
  compileWithoutInlineSourceMaps();
  deferCdktfArchiver();
  limitStackTraceFormatting();
  deferCreationStacks();
  useFastTokenResolution();
  skipUnneededPreparingPasses();
}
