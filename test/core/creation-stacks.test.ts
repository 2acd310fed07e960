import { spawnSync } from 'child_process';
import * as path from 'path';
import { lazyLines, stackLines } from '../../lib/core/creation-stacks';
import { packageRoot } from '../../lib/core/package-root';
import type { CreationStackProbe } from '../support/creation-stack-probe';

describe('deferCreationStacks (in a plain Node process)', () => {
  let probe: CreationStackProbe;
  beforeAll(() => {
    const script = path.resolve(__dirname, '..', 'support', 'creation-stack-probe.js');
    const r = spawnSync(process.execPath, [script], { cwd: packageRoot(), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    probe = JSON.parse(r.stdout) as CreationStackProbe;
  });

  test('installs once', () => {
    expect([probe.installed, probe.installedAgain]).toEqual([true, false]);
  });

  test('a token made with it formats no stack until its creation stack is read', () => {
    expect(probe.eager.formattedWhileMaking).toBeGreaterThan(0);
    expect(probe.deferred.formattedWhileMaking).toBe(0);
    expect(probe.deferred.isArray).toBe(true);
    expect(probe.deferred.formattedAfterRead).toBe(probe.deferred.formattedBeforeRead + 1);
    // Read again: formatted once only.
    expect(probe.deferred.formattedAtEnd).toBe(probe.deferred.formattedAfterRead);
  });

  test('the creation stack read is the one cdktf stores (innermost Error.stackTraceLimit frames, without "at")', () => {
    expect(probe.eager.lines).toHaveLength(10);
    expect(probe.deferred.lines).toEqual(probe.eager.lines);
    expect(probe.deferred.length).toBe(10);
    expect(probe.deferred.joined).toBe(probe.eager.lines.join('\n'));
    expect(probe.deferred.lines[0]).toMatch(/^new Lazy|^Lazy|Lazy\.anyValue/);
    expect(probe.deferred.lines.every((l) => !/^\s*at\s/.test(l))).toBe(true);
  });

  test("the message of a token that cannot be resolved still shows where it was made", () => {
    expect(probe.eager.error).toMatch(/cannot produce[\s\S]*Object creation stack:\n {2}at /);
    expect(probe.deferred.error).toMatch(/cannot produce[\s\S]*Object creation stack:\n {2}at /);
    expect(probe.deferred.error).toBe(probe.eager.error);
  });
});

describe('lazyLines', () => {
  test('makes the array on first use, once, and then behaves as it', () => {
    const produce = jest.fn(() => ['a', 'b']);
    const lines = lazyLines(produce);
    expect(produce).not.toHaveBeenCalled();
    expect(Array.isArray(lines)).toBe(true);
    expect(produce).not.toHaveBeenCalled();
    expect(lines.length).toBe(2);
    expect(lines.join('|')).toBe('a|b');
    expect([...lines]).toEqual(['a', 'b']);
    expect(JSON.stringify(lines)).toBe('["a","b"]');
    expect(Object.keys(lines)).toEqual(['0', '1']);
    expect(produce).toHaveBeenCalledTimes(1);
  });

  test('a write first makes the array too', () => {
    const lines = lazyLines(() => ['a']);
    lines.push('b');
    expect([...lines]).toEqual(['a', 'b']);
  });
});

describe('stackLines', () => {
  test('drops the header line and each frame\'s "at"', () => {
    expect(stackLines('Error\n    at f (x.js:1:2)\n    at new G (y.js:3:4)')).toEqual(['f (x.js:1:2)', 'new G (y.js:3:4)']);
  });

  test('no stack, no lines', () => {
    expect(stackLines(undefined)).toEqual([]);
    expect(stackLines('')).toEqual([]);
    expect(stackLines('Error')).toEqual([]);
  });
});
