import { spawnSync } from 'child_process';
import * as path from 'path';
import { loadedOnFirstUse } from '../../lib/core/deferred-archiver';
import { packageRoot } from '../../lib/core/package-root';

describe('deferCdktfArchiver (in a plain Node process)', () => {
  let probe: Record<string, unknown>;
  beforeAll(() => {
    const r = spawnSync(process.execPath, [path.resolve(__dirname, '..', 'support', 'deferred-archiver-probe.js')], { cwd: packageRoot(), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    probe = JSON.parse(r.stdout) as Record<string, unknown>;
  });

  test('installs once; loading cdktf and synthesizing a zipped asset load no archiver file in this process', () => {
    expect(probe.installed).toEqual([true, false]);
    expect(probe.afterLoadingCdktf).toBe(0);
    expect(probe.afterSynth).toBe(0);
  });

  test('the asset is still zipped (cdktf zips in a process of its own)', () => {
    expect(probe).toMatchObject({ zips: 1, zipHasFile: true });
  });

  test('the stand-in cdktf got loads archiver on first use and then is it', () => {
    expect(probe.isFunction).toBe(true);
    expect(probe.beforeUse).toBe(0);
    expect(probe.afterUse as number).toBeGreaterThan(0);
    expect(probe.archiveHasPipe).toBe(true);
  });
});

describe('loadedOnFirstUse', () => {
  test('loads once, on the first call or property read, and forwards calls, construction, reads, writes and keys', () => {
    const load = jest.fn(() => Object.assign((x: number) => x * 2, { create: (f: string) => `made ${f}`, version: '1' }));
    const m = loadedOnFirstUse(load) as ((x: number) => number) & { create(f: string): string; version: string; extra?: number };
    expect(load).not.toHaveBeenCalled();
    expect(m(21)).toBe(42);
    expect(m.create('zip')).toBe('made zip');
    m.extra = 5;
    expect(m.extra).toBe(5);
    expect('version' in m).toBe(true);
    expect(Object.keys(m)).toEqual(expect.arrayContaining(['create', 'version', 'extra']));
    expect(load).toHaveBeenCalledTimes(1);
  });

  test('a class export is constructed through it', () => {
    class Thing {
      public constructor(public readonly n: number) {}
    }
    const T = loadedOnFirstUse(() => Thing) as typeof Thing;
    expect(new T(3).n).toBe(3);
  });
});
