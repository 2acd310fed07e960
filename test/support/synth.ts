import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { packageRoot } from '../../lib/core/package-root';
import type { SpaceliftAksConfig } from '../../stacks/aks/spacelift-config';

// Every test file loads this module; the azurerm provider and the stacks (every cloud's bindings) are loaded only by
// the helpers that need them, so a construct test pays for the providers it uses and no more.
/* eslint-disable @typescript-eslint/no-require-imports */

/** A synthesized stack as Terraform JSON. */
export type Synthesized = {
  resource?: Record<string, Record<string, any>>;
  data?: Record<string, Record<string, any>>;
  output?: Record<string, any>;
  locals?: Record<string, any>;
  variable?: Record<string, any>;
  provider?: Record<string, any[]>;
  terraform?: any;
};

/** Synthesizes one stack (with its app's cross-stack wiring) and parses the JSON. */
export function synth(stack: TerraformStack): Synthesized {
  return JSON.parse(Testing.synth(stack));
}

/**
 * Synthesizes a whole app the way `cdktf synth` does (cross-stack references included) and returns each stack's
 * Terraform JSON by stack name. Use this for multi-stack tests: `Testing.synth` of one stack does not always wire
 * references to the other stacks.
 */
export function synthApp(app: App): Record<string, Synthesized> {
  app.synth();
  const out: Record<string, Synthesized> = {};
  const dir = path.join(app.outdir, 'stacks');
  for (const name of fs.readdirSync(dir)) {
    out[name] = JSON.parse(fs.readFileSync(path.join(dir, name, 'cdk.tf.json'), 'utf8'));
  }
  return out;
}

/** A test app (stubbed versions, temporary outdir). */
export function testApp(): App {
  return Testing.app();
}

/** A stack with an azurerm provider, for constructs under test. */
export function azureStack(app: App = testApp(), id = 'test'): TerraformStack {
  const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider') as typeof import('@cdktf/provider-azurerm/lib/provider');
  const stack = new TerraformStack(app, id);
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

/** All resources of a type, by logical id. */
export function resources(json: Synthesized, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** The one resource of a type (fails the test when there are none or several). */
export function only(json: Synthesized, type: string): any {
  const all = Object.values(resources(json, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** The resource of a type whose construct path ends with `suffix`. */
export function byPath(json: Synthesized, type: string, suffix: string): any {
  const hit = Object.values(resources(json, type)).find((r: any) => String(r['//']?.metadata?.path ?? '').endsWith(suffix));
  if (!hit) throw new Error(`no ${type} at a path ending in ${suffix}`);
  return hit;
}

/** The embedded example config, parsed (a fresh object each call). */
export function exampleConfig(): SpaceliftAksConfig {
  const { loadConfigFile, EXAMPLE_CONFIG_FILE } = require('../../stacks/config-file') as typeof import('../../stacks/config-file');
  return loadConfigFile(EXAMPLE_CONFIG_FILE) as SpaceliftAksConfig;
}

/** The example config with parts replaced (one level deep per top-level key). */
export function configWith(patch: (c: SpaceliftAksConfig) => void): SpaceliftAksConfig {
  const c = exampleConfig();
  patch(c);
  return c;
}

/** `../shared/schemas` next to the repository, or undefined (tests that need it skip and say why). */
export function sharedSchemasDir(): string | undefined {
  const dir = path.resolve(packageRoot(), '..', 'shared', 'schemas');
  return fs.existsSync(dir) ? dir : undefined;
}

/** Reads a JSON schema from ../shared/schemas. */
export function sharedSchema(file: string): any {
  const dir = sharedSchemasDir();
  if (!dir) throw new Error('../shared/schemas is absent');
  return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
}

/** Absolute path of a `terraform` binary on the PATH, or undefined. */
export function terraformBinary(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'terraform');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Runs `fn` and returns the error it throws (fails when it does not throw). */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error, none was thrown');
}

/** Helper for constructs that only need some scope. */
export function scopeIn(stack: Construct, id = 'scope'): Construct {
  return new Construct(stack, id);
}
