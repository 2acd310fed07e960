import { spawnSync } from 'child_process';
import * as path from 'path';
import { packageRoot } from '../../lib/core/package-root';

/**
 * The preparing pass skipped for stacks declared to read no other stack: same output, and a wrong declaration fails
 * the synth. Run in a plain Node process (test/support/preparing-pass-probe.ts): the setting is process-wide.
 */
interface Run {
  declared: boolean[];
  producerTurned: number;
  consumerTurned: number;
  files: Record<string, string>;
  error?: string;
}

let probe: { without: Run; installed: boolean[]; with: Run; wrong: Run };
beforeAll(() => {
  const r = spawnSync(process.execPath, [path.resolve(__dirname, '..', 'support', 'preparing-pass-probe.js')], { cwd: packageRoot(), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  probe = JSON.parse(r.stdout);
});

test('without the setting the declaration is recorded and changes nothing: both passes for every element, the cross-stack reference made', () => {
  expect(probe.without.declared).toEqual([true, false]);
  // Each element is turned into Terraform twice: in the preparing pass and in the synth.
  expect([probe.without.producerTurned, probe.without.consumerTurned]).toEqual([2, 2]);
  expect(probe.without.files['stacks/consumer/cdk.tf.json']).toContain('terraform_remote_state');
  expect(probe.without.files['stacks/producer/cdk.tf.json']).toContain('cross-stack-output');
});

test('installs once; then the declared stack is not prepared, the other one is, and the output is the same file for file', () => {
  expect(probe.installed).toEqual([true, false]);
  expect([probe.with.producerTurned, probe.with.consumerTurned]).toEqual([1, 2]);
  expect(probe.with.error).toBeUndefined();
  expect(probe.with.files).toEqual(probe.without.files);
});

test('a declared stack that reads another stack fails the synth, naming both stacks', () => {
  expect(probe.wrong.error).toMatch(/producer reads null_resource\.reader\.id of the stack consumer, but was declared to read no other stack's values \(readsNoOtherStack\)/);
});
