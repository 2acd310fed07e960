/**
 * Jest's setup for every test file (jest.config.js `setupFiles`): cdktf runs with two of the settings it has under
 * `cdktf synth` (stacks/process-settings.ts), which make the suite's many synths cheaper and change nothing they
 * write:
 * - fast token resolution (lib/core/token-resolution.ts): the same values as cdktf's own resolver, compared value for
 *   value in test/core/token-resolution.test.ts;
 * - creation stacks formatted only when read (lib/core/creation-stacks.ts): under Jest every stack trace V8 formats
 *   goes through source-map-support, which reads the source maps of every file on the stack, and cdktf captures one
 *   for each token it makes (measured: 29% of a stack test file's time);
 * - no preparing pass for the infra stacks (lib/core/preparing-pass.ts), whose guard also fails any test that makes an
 *   infra stack read another stack's value.
 * test/stacks/process-settings.test.ts synthesizes every example with and without the settings, in child processes;
 * the tarball test synthesizes the own-stack example in a plain Node process without them.
 */
import { deferCreationStacks } from '../../lib/core/creation-stacks';
import { skipUnneededPreparingPasses } from '../../lib/core/preparing-pass';
import { useFastTokenResolution } from '../../lib/core/token-resolution';

useFastTokenResolution();
deferCreationStacks();
skipUnneededPreparingPasses();
