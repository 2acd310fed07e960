import * as path from 'path';
import { OwnStack } from '../../examples/own-stack/main';
import { packageRoot } from '../../lib/core/package-root';
import { loadConfigFile } from '../../stacks/config-file';
import { DEPLOYMENT_KIND_NAMES, DEPLOYMENT_KINDS, buildDeployment } from '../../stacks/deployments';
import { Graph, addressesOf, dependencyGraph, dependsOn } from '../support/graph';
import { Synthesized, synthApp, testApp } from '../support/synth';

/**
 * Destroy order: Terraform destroys a resource only after everything that depends on it. Every Helm release and
 * Kubernetes object must therefore depend on the cluster (and, in one stack, on its node pools and network), or a
 * destroy deletes the nodes under them, hangs on finalizers and leaves cloud load balancers behind.
 */
const CLUSTER_TYPES = ['azurerm_kubernetes_cluster', 'google_container_cluster', 'aws_eks_cluster'];
const NODE_POOL_TYPES = ['azurerm_kubernetes_cluster_node_pool', 'google_container_node_pool', 'aws_eks_node_group', 'aws_eks_fargate_profile'];
const NETWORK_TYPES = [
  'azurerm_virtual_network', 'azurerm_subnet', 'azurerm_subnet_network_security_group_association', 'azurerm_network_security_group',
  'google_compute_network', 'google_compute_subnetwork', 'google_compute_router', 'google_compute_router_nat',
  'aws_vpc', 'aws_subnet', 'aws_internet_gateway', 'aws_nat_gateway', 'aws_route_table', 'aws_route_table_association', 'aws_route', 'aws_security_group',
];

function inCluster(graph: Graph): string[] {
  return [...graph.keys()].filter((a) => a.startsWith('helm_release.') || a.startsWith('kubernetes_'));
}

function ofTypes(graph: Graph, types: readonly string[]): string[] {
  return types.flatMap((t) => addressesOf(graph, t));
}

/** The data source the kubernetes provider reads its host from. */
function clusterDataSource(json: Synthesized): string | undefined {
  const host = JSON.stringify(json.provider?.kubernetes?.[0]?.host ?? '');
  return /\b(data\.[a-z0-9_]+\.[A-Za-z0-9_-]+)\./.exec(host)?.[1];
}

describe.each(DEPLOYMENT_KIND_NAMES.map((k) => [k] as const))('%s stack pair', (kind) => {
  const app = testApp();
  const { infra, platform } = buildDeployment(app, loadConfigFile(path.join(packageRoot(), DEPLOYMENT_KINDS[kind].example)));
  const json = synthApp(app)[platform.node.id]!;
  const graph = dependencyGraph(json);
  const data = clusterDataSource(json);

  test('the platform stack depends on the infra stack, so cdktf destroys it first', () => {
    expect(platform.dependencies).toContain(infra);
    expect(infra.dependencies).not.toContain(platform);
  });

  test('the kubernetes and helm providers read the cluster from a data source in the platform stack, not from remote state', () => {
    expect(data).toBeDefined();
    expect(data).not.toMatch(/terraform_remote_state/);
    expect(graph.has(data!)).toBe(true);
    expect(JSON.stringify(json.provider?.helm?.[0] ?? {})).toContain(data!);
  });

  test('every Helm release and Kubernetes object depends on the cluster data source', () => {
    const objects = inCluster(graph);
    expect(objects.length).toBeGreaterThanOrEqual(5);
    for (const addr of objects) expect({ addr, onCluster: dependsOn(graph, addr, data!) }).toEqual({ addr, onCluster: true });
  });
});

describe('examples/own-stack (one stack)', () => {
  const app = testApp();
  new OwnStack(app, 'own-stack');
  const graph = dependencyGraph(synthApp(app)['own-stack']!);
  const clusters = ofTypes(graph, CLUSTER_TYPES);
  const pools = ofTypes(graph, NODE_POOL_TYPES);
  // The network the cluster and its node pools run on: what they depend on, directly or not.
  const network = ofTypes(graph, NETWORK_TYPES).filter((n) => [...clusters, ...pools].some((c) => dependsOn(graph, c, n)));

  test('has a cluster and the network it runs on', () => {
    expect(clusters).toHaveLength(1);
    expect(network).toEqual(expect.arrayContaining([expect.stringMatching(/^azurerm_subnet\./), expect.stringMatching(/^azurerm_virtual_network\./)]));
  });

  test('every in-cluster object depends on the cluster, its node pools and its network', () => {
    const objects = inCluster(graph);
    expect(objects.length).toBeGreaterThanOrEqual(7);
    for (const addr of objects) {
      for (const target of [...clusters, ...pools, ...network]) {
        expect({ addr, target, before: dependsOn(graph, addr, target) }).toEqual({ addr, target, before: true });
      }
    }
  });

  test('the check would catch an object that does not wait for the cluster', () => {
    const broken: Graph = new Map(graph);
    const [release] = addressesOf(graph, 'helm_release');
    broken.set(release!, new Set());
    expect(dependsOn(broken, release!, clusters[0]!)).toBe(false);
  });
});
