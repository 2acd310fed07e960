import { spawnSync } from 'child_process';
import * as path from 'path';
import { lazyModule } from '../../lib/core/lazy-module';
import { packageRoot } from '../../lib/core/package-root';

describe('lazyModule', () => {
  test('loads on the first call, once', () => {
    let loads = 0;
    const get = lazyModule(() => ({ n: ++loads }));
    expect(loads).toBe(0);
    const first = get();
    expect(get()).toBe(first);
    expect(loads).toBe(1);
  });

  test('a load that throws is tried again on the next call', () => {
    let calls = 0;
    const get = lazyModule(() => {
      calls++;
      if (calls === 1) throw new Error('not yet');
      return 'loaded';
    });
    expect(() => get()).toThrow('not yet');
    expect(get()).toBe('loaded');
  });
});

/**
 * The bindings that only some configs need are loaded only when one is built: synthesizing every shipped example
 * (which creates none of these resources) leaves them out of the process. Run in a fresh Node process, since Jest has
 * its own module registry.
 */
describe('bindings only some configs need', () => {
  // (The ConfigMap and DNS record bindings load lazily too, but Taskcluster's examples build ConfigMaps and Estafette
  // CI's examples DNS records.)
  const CONDITIONAL = ['@cdktf/provider-aws/lib/mq-broker', '@cdktf/provider-aws/lib/rds-cluster', '@cdktf/provider-aws/lib/rds-cluster-instance', '@cdktf/provider-aws/lib/rds-cluster-parameter-group'];

  /** Builds every shipped example in a new process and returns the provider binding folders it loaded. */
  function bindingsLoadedBySynth(): string[] {
    const dist = path.resolve(__dirname, '..', '..');
    const script = `
      const path = require('path');
      const dist = process.argv[1];
      const { App } = require('cdktf');
      const { loadConfigFile } = require(path.join(dist, 'stacks/config-file'));
      const { buildDeployment, exampleConfigFiles } = require(path.join(dist, 'stacks/deployments'));
      const { OwnStack } = require(path.join(dist, 'examples/own-stack/main'));
      const app = new App({ outdir: require('fs').mkdtempSync(path.join(require('os').tmpdir(), 'lazy-bindings-')) });
      for (const file of exampleConfigFiles()) buildDeployment(app, loadConfigFile(file));
      new OwnStack(app, 'own-stack');
      const loaded = new Set();
      for (const file of Object.keys(require.cache)) {
        const m = /node_modules[\\\\/](@cdktf[\\\\/]provider-[^\\\\/]+[\\\\/]lib[\\\\/][^\\\\/]+)[\\\\/]/.exec(file);
        if (m) loaded.add(m[1].split(path.sep).join('/'));
      }
      process.stdout.write(JSON.stringify([...loaded]));
    `;
    const r = spawnSync(process.execPath, ['-e', script, dist], { cwd: packageRoot(), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as string[];
  }

  test('are not loaded by a synth of the shipped examples, which uses none of them', () => {
    const loaded = bindingsLoadedBySynth();
    // The probe works: the bindings the examples do use are seen.
    expect(loaded).toEqual(expect.arrayContaining(['@cdktf/provider-kubernetes/lib/secret-v1', '@cdktf/provider-aws/lib/db-instance']));
    expect(loaded.filter((b) => CONDITIONAL.includes(b))).toEqual([]);
  });
});
