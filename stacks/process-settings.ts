import { limitStackTraceFormatting } from '../lib/core/stack-traces';

/**
 * The process-wide settings of the app's entry point (main.ts; the benchmark makes the same ones). Process-wide, so
 * never made by the library or its tests: today only {@link limitStackTraceFormatting} (cdktf's token creation stacks
 * keep `Error.stackTraceLimit` frames). docs/architecture.md ("Where synth time goes") says what each one saves.
 */
export function configureSynthProcess(): void {
  limitStackTraceFormatting();
}
