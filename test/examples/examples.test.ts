import * as fs from 'fs';
import * as path from 'path';
import { OwnStack } from '../../examples/own-stack/main';
import { packageRoot } from '../../lib/core/package-root';
import { loadConfigFile } from '../../stacks/config-file';
import { DEPLOYMENT_KINDS, buildDeployment } from '../../stacks/deployments';
import { addressesOf, dependencyGraph, dependsOn } from '../support/graph';
import { synthApp, testApp } from '../support/synth';

/** Every shipped example synthesizes, so none of them rots. */
describe('examples', () => {
  const configs = fs
    .readdirSync(path.join(packageRoot(), 'examples'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(packageRoot(), 'examples', d.name, 'config.yaml')))
    .map((d) => d.name);

  test('there is at least the embedded AKS example config', () => expect(configs).toContain('spacelift-aks'));

  test('every example config folder is the embedded example of a deployment kind, and the other way round', () => {
    const embedded = Object.values(DEPLOYMENT_KINDS).map((k) => path.basename(path.dirname(k.example)));
    expect([...configs].sort()).toEqual([...embedded].sort());
  });

  test.each(configs)('examples/%s/config.yaml synthesizes its stack pair', (name) => {
    const app = testApp();
    const { infra, platform } = buildDeployment(app, loadConfigFile(path.join(packageRoot(), 'examples', name, 'config.yaml')));
    const json = synthApp(app);
    const count = (j: any) => Object.values(j.resource ?? {}).reduce((n: number, byName: any) => n + Object.keys(byName).length, 0);
    expect(count(json[infra.node.id])).toBeGreaterThan(30);
    expect(count(json[platform.node.id])).toBeGreaterThanOrEqual(10);
  });

  test('examples/own-stack: one stack, every release and Kubernetes object depends on the cluster resource', () => {
    const app = testApp();
    new OwnStack(app, 'own-stack');
    const json = synthApp(app)['own-stack']!;
    const graph = dependencyGraph(json);
    const [cluster] = addressesOf(graph, 'azurerm_kubernetes_cluster');
    const inCluster = [...graph.keys()].filter((a) => a.startsWith('helm_release.') || a.startsWith('kubernetes_'));
    expect(inCluster.length).toBeGreaterThanOrEqual(7);
    for (const addr of inCluster) expect({ addr, onCluster: dependsOn(graph, addr, cluster!) }).toEqual({ addr, onCluster: true });
    // Same stack: no data source is needed to read the cluster.
    expect(json.data?.azurerm_kubernetes_cluster).toBeUndefined();
    // The ingress release also waits for the control plane to be allowed to use the static IP.
    const ingress = addressesOf(graph, 'helm_release').find((a) => a.includes('traefik'))!;
    const ipRole = addressesOf(graph, 'azurerm_role_assignment').find((a) => a.includes('cluster-may-use-address'))!;
    expect(dependsOn(graph, ingress, ipRole)).toBe(true);
  });
});
