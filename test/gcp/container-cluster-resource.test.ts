import * as fs from 'fs';
import * as path from 'path';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { bindingArgumentName } from '../../lib/core/binding-shaped-resource';
import { GkeCluster } from '../../lib/gcp/cluster';
import { GOOGLE_CONTAINER_CLUSTER_SHAPE, GoogleContainerCluster, GoogleContainerClusterData } from '../../lib/gcp/container-cluster-resource';
import { PROJECT, googleStack, networkRef } from './fixtures';

/**
 * `google_container_cluster` without its bindings: the shape against the binding's own key table (read as text), and
 * what GkeCluster synthesizes (Standard and Autopilot, public and private endpoint) against the binding given the same
 * arguments, attributes read included.
 */
function keyTable(binding: string): { pairs: [string, string][]; maps: Set<string> } {
  const dir = path.dirname(require.resolve(`@cdktf/provider-google/lib/${binding}`));
  const structs = path.join(dir, 'index-structs');
  const files = [path.join(dir, 'index.js'), ...(fs.existsSync(structs) ? fs.readdirSync(structs).filter((f) => f.endsWith('.js')).map((f) => path.join(structs, f)) : [])];
  const pairs = new Map<string, [string, string]>();
  const maps = new Set<string>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s+([a-z_0-9]+): [^\n]*(?:struct|this)\.(?:_)?([a-zA-Z0-9]+)\)/gm)) if (m[1] !== 'value') pairs.set(`${m[1]} ${m[2]}`, [m[1]!, m[2]!]);
    for (const m of text.matchAll(/^\s+([a-z_0-9]+): cdktf\.hashMapper\(/gm)) if (m[1] !== 'value') maps.add(m[1]!);
  }
  return { pairs: [...pairs.values()], maps };
}

describe('the shape', () => {
  test('names every argument of the container-cluster binding as the binding does, exceptions included', () => {
    const { pairs } = keyTable('container-cluster');
    expect(pairs.length).toBeGreaterThan(250);
    expect(pairs.filter(([snake, camel]) => bindingArgumentName(camel, GOOGLE_CONTAINER_CLUSTER_SHAPE) !== snake)).toEqual([]);
    // Each exception is needed: the rule alone would name it differently.
    for (const [camel, snake] of Object.entries(GOOGLE_CONTAINER_CLUSTER_SHAPE.names ?? {})) {
      expect(pairs).toContainEqual([snake, camel]);
      expect(bindingArgumentName(camel)).not.toBe(snake);
    }
  });

  test('has exactly the binding’s string maps', () => {
    expect([...GOOGLE_CONTAINER_CLUSTER_SHAPE.stringMaps].map((c) => bindingArgumentName(c)).sort()).toEqual([...keyTable('container-cluster').maps].sort());
  });

  test('the data source takes only name, location and project, by the rule', () => {
    const { pairs, maps } = keyTable('data-google-container-cluster');
    expect(pairs.map(([snake]) => snake).sort()).toEqual(['id', 'location', 'name', 'project']);
    expect(pairs.filter(([snake, camel]) => bindingArgumentName(camel) !== snake)).toEqual([]);
    expect(maps.size).toBe(0);
  });
});

/** The bodies of the stack's resources or data sources of `type` named `light` and `binding`, without cdktf's metadata. */
function both(stack: TerraformStack, kind: 'resource' | 'data', type: string): { light: unknown; binding: unknown; outputs: Record<string, { value: string }> } {
  const json = JSON.parse(Testing.synth(stack)) as Record<string, any>;
  const body = (id: string) => {
    const { '//': _m, depends_on: _d, lifecycle: _l, ...rest } = json[kind][type][id];
    return rest;
  };
  return { light: body('light'), binding: body('binding'), outputs: json.output };
}

describe.each([
  ['Standard, public endpoint', {}],
  ['Standard, private endpoint', { privateEndpoint: true }],
  ['Autopilot', { autopilot: true }],
] as const)('GkeCluster %s', (_name, over) => {
  test('synthesizes what the binding synthesizes from the same arguments, and its attributes are the binding’s', () => {
    const stack = googleStack();
    const gke = new GkeCluster(stack, 'gke', { project: PROJECT, network: networkRef(), name: 'sl-gke', masterAuthorizedNetworks: ['203.0.113.0/24'], ...over });
    const light = new GoogleContainerCluster(stack, 'light', gke.cluster.arguments);
    const { ContainerCluster } = require('@cdktf/provider-google/lib/container-cluster') as typeof import('@cdktf/provider-google/lib/container-cluster');
    const binding = new ContainerCluster(stack, 'binding', gke.cluster.arguments);
    const attributes: [string, string, string][] = [
      ['id', light.id, binding.id],
      ['name', light.name, binding.name],
      ['endpoint', light.endpoint, binding.endpoint],
      ['masterVersion', light.masterVersion, binding.masterVersion],
      ['workloadPool', light.workloadPool, binding.workloadIdentityConfig.workloadPool],
      ['privateEndpoint', light.privateEndpoint, binding.privateClusterConfig.privateEndpoint],
      ['clusterCaCertificate', light.clusterCaCertificate, binding.masterAuth.clusterCaCertificate],
    ];
    for (const [n, l, b] of attributes) {
      new TerraformOutput(stack, `light_${n}`, { value: l });
      new TerraformOutput(stack, `binding_${n}`, { value: b });
    }
    const r = both(stack, 'resource', 'google_container_cluster');
    expect(r.light).toEqual(r.binding);
    for (const [n] of attributes) expect({ n, value: r.outputs[`light_${n}`]!.value.replace('.light.', '.X.') }).toEqual({ n, value: r.outputs[`binding_${n}`]!.value.replace('.binding.', '.X.') });
  });
});

test('the data source synthesizes and reads as the binding', () => {
  const stack = googleStack();
  const config = { project: PROJECT, name: 'sl-gke', location: 'europe-west1' };
  const light = new GoogleContainerClusterData(stack, 'light', config);
  const { DataGoogleContainerCluster } = require('@cdktf/provider-google/lib/data-google-container-cluster') as typeof import('@cdktf/provider-google/lib/data-google-container-cluster');
  const binding = new DataGoogleContainerCluster(stack, 'binding', config);
  const attributes: [string, string, string][] = [
    ['endpoint', light.endpoint, binding.endpoint],
    ['privateEndpoint', light.privateEndpoint, binding.privateClusterConfig.get(0).privateEndpoint],
    ['clusterCaCertificate', light.clusterCaCertificate, binding.masterAuth.get(0).clusterCaCertificate],
  ];
  for (const [n, l, b] of attributes) {
    new TerraformOutput(stack, `light_${n}`, { value: l });
    new TerraformOutput(stack, `binding_${n}`, { value: b });
  }
  const r = both(stack, 'data', 'google_container_cluster');
  expect(r.light).toEqual(r.binding);
  expect(r.light).toEqual(config);
  for (const [n] of attributes) expect(r.outputs[`light_${n}`]!.value.replace('.light.', '.X.')).toBe(r.outputs[`binding_${n}`]!.value.replace('.binding.', '.X.'));
});
