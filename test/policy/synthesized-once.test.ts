import * as path from 'path';
import { App, TerraformOutput, TerraformResource, TerraformStack } from 'cdktf';
import { packageRoot } from '../../lib/core/package-root';
import { POLICY_RULES } from '../../lib/policy';
import { collectResources, collectSynthesizedResources, evaluatePolicies } from '../../lib/policy/engine';
import { synthesizeForNextWrite } from '../../lib/policy/synthesized-once';
import { loadConfigFile } from '../../stacks/config-file';
import { DEPLOYMENT_KINDS, buildDeployment } from '../../stacks/deployments';
import { testApp } from '../support/synth';

/**
 * The pack checks at synth time the configuration the synth writes (made once for the rules and the file): the same
 * resources and the same findings as the construct-based check, on every shipped example and on one with findings.
 */
describe.each(Object.keys(DEPLOYMENT_KINDS).map((k) => [k] as const))('%s example', (kind) => {
  test('the synthesized configuration gives the same resources, arguments and report as the constructs', () => {
    const app = testApp();
    const config = loadConfigFile(path.join(packageRoot(), DEPLOYMENT_KINDS[kind as keyof typeof DEPLOYMENT_KINDS].example)) as any;
    // Findings and suppressions to compare too: a teardown switch (suppressed findings), weaker settings (findings).
    config.allowDestroy = true;
    const { infra, platform } = buildDeployment(app, config);
    for (const stack of [infra, platform]) {
      // The construct-based check first (it makes and resolves on its own), then the configuration as written.
      const fromConstructs = collectResources(stack).map((r) => ({ address: r.address, path: r.path, kind: r.kind, attributes: JSON.parse(JSON.stringify(r.attributes)) }));
      const byConstructs = evaluatePolicies(stack, POLICY_RULES);
      const json = stack.toTerraform();
      const fromJson = collectSynthesizedResources(stack, json).map((r) => ({ address: r.address, path: r.path, kind: r.kind, attributes: JSON.parse(JSON.stringify(r.attributes)) }));
      expect(fromJson.length).toBeGreaterThan(5);
      expect(sortBy(fromJson)).toEqual(sortBy(fromConstructs));
      const byJson = evaluatePolicies(stack, POLICY_RULES, json);
      expect(byJson).toEqual(byConstructs);
    }
  });
});

function sortBy<T extends { address: string }>(xs: T[]): T[] {
  return [...xs].sort((a, b) => a.address.localeCompare(b.address));
}

describe('synthesizeForNextWrite', () => {
  function stack(): TerraformStack {
    const s = new TerraformStack(new App({ stackTraces: false }), 's');
    new TerraformResource(s, 'r', { terraformResourceType: 'null_resource' });
    return s;
  }

  test('the next toTerraform() returns the configuration made, once', () => {
    const s = stack();
    const made = synthesizeForNextWrite(s);
    expect(s.toTerraform()).toBe(made);
    const again = s.toTerraform();
    expect(again).not.toBe(made);
    expect(again).toEqual(made);
  });

  test('a construct added in between drops it: the next call makes a fresh one', () => {
    const s = stack();
    const made = synthesizeForNextWrite(s) as { output?: unknown };
    new TerraformOutput(s, 'o', { value: 'x' });
    const next = s.toTerraform() as { output?: Record<string, unknown> };
    expect(next).not.toBe(made);
    expect(made.output).toBeUndefined();
    expect(next.output?.o).toEqual({ value: 'x' });
  });

  test('the synth writes what the pack checked (one configuration made for both)', () => {
    const app = testApp();
    const s = new TerraformStack(app, 'once');
    new TerraformResource(s, 'r', { terraformResourceType: 'null_resource' });
    let made = 0;
    const make = s.toTerraform.bind(s);
    s.toTerraform = () => {
      made++;
      return make();
    };
    const { enforcePolicies } = require('../../lib/policy/aspect') as typeof import('../../lib/policy/aspect');
    enforcePolicies(s);
    app.synth();
    expect(made).toBe(1);
  });
});
