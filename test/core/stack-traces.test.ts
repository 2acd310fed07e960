import { spawnSync } from 'child_process';
import * as path from 'path';
import { packageRoot } from '../../lib/core/package-root';
import type { StackTraceProbe } from '../support/stack-trace-probe';

/** Runs the probe in a plain Node process: Jest installs its own stack trace formatter in test files. */
function runProbe(...nodeFlags: string[]): StackTraceProbe {
  const script = path.resolve(__dirname, '..', 'support', 'stack-trace-probe.js');
  const r = spawnSync(process.execPath, [...nodeFlags, script], { cwd: packageRoot(), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as StackTraceProbe;
}

describe('limitStackTraceFormatting', () => {
  const { installed, installedAgain, before, after, fallback } = runProbe();

  test('installs once', () => {
    expect([installed, installedAgain]).toEqual([true, false]);
  });

  test('an ordinary error, a Node error and an error without frames read exactly as before', () => {
    expect(after.ordinary).toBe(before.ordinary);
    expect(after.ordinary).toMatch(/^TypeError: bad "value"\nsecond line\n {4}at /);
    expect(after.node).toBe(before.node);
    expect(after.node).toMatch(/^RangeError \[ERR_OUT_OF_RANGE\]: /);
    expect(after.noFrames).toBe('Error: no frames');
    expect(before.noFrames).toBe('Error: no frames');
  });

  test('a stack captured with a raised limit (as cdktf does) keeps its innermost Error.stackTraceLimit frames', () => {
    expect(before.creation.length).toBeGreaterThan(30);
    expect(after.creation).toEqual(before.creation.slice(0, 10));
    expect(after.creation25).toEqual(before.creation25.slice(0, 25));
  });

  test('cdktf\'s token creation stacks keep at most Error.stackTraceLimit frames', () => {
    expect(before.token.length).toBeGreaterThan(30);
    expect(after.token).toHaveLength(10);
  });

  test('on a Node that does not expose its formatter, the fallback writes what Node writes', () => {
    // This Node exposes it (20.12 and later do), so the fallback can be compared with it.
    expect(fallback).toBeDefined();
    for (const [node, ours] of Object.values(fallback!)) expect(ours).toBe(node);
    expect(fallback!.node[1]).toMatch(/^RangeError \[ERR_OUT_OF_RANGE\]: /);
    expect(fallback!.plain[1]).toMatch(/^Error: x\n/);
  });

  test('with --enable-source-maps, stacks are still mapped to the TypeScript sources, and limited', () => {
    const mapped = runProbe('--enable-source-maps');
    expect(mapped.sourceMaps).toBe(true);
    expect(mapped.installed).toBe(true);
    expect(mapped.after.ordinary).toBe(mapped.before.ordinary);
    expect(mapped.after.ordinary).toMatch(/stack-trace-probe\.ts:\d+:\d+/);
    expect(mapped.after.creation).toEqual(mapped.before.creation.slice(0, 10));
  });
});
