import { spaceliftAks } from '../../../stacks/aks';
import { addressesOf, dependencyGraph, dependsOn } from '../../support/graph';
import { exampleConfig, synthApp, testApp } from '../../support/synth';

describe('dependency graph of the spacelift-aks pair', () => {
  const app = testApp();
  const { infra, platform } = spaceliftAks(app, exampleConfig());
  const json = synthApp(app);
  const infraGraph = dependencyGraph(json[infra.node.id]!);
  const platformGraph = dependencyGraph(json[platform.node.id]!);

  test('cluster, Postgres and storage do not depend on each other, so Terraform creates them in parallel', () => {
    const [cluster] = addressesOf(infraGraph, 'azurerm_kubernetes_cluster');
    const [postgres] = addressesOf(infraGraph, 'azurerm_postgresql_flexible_server');
    const [storage] = addressesOf(infraGraph, 'azurerm_storage_account');
    expect(cluster && postgres && storage).toBeTruthy();
    const trio = [cluster!, postgres!, storage!];
    for (const a of trio) {
      for (const b of trio) {
        if (a !== b) expect({ from: a, to: b, dependsOn: dependsOn(infraGraph, a, b) }).toEqual({ from: a, to: b, dependsOn: false });
      }
    }
  });

  test('the database is created only after the NSG guards its subnet, and after its DNS zone is linked', () => {
    const [postgres] = addressesOf(infraGraph, 'azurerm_postgresql_flexible_server');
    const [association] = addressesOf(infraGraph, 'azurerm_subnet_network_security_group_association');
    const [link] = addressesOf(infraGraph, 'azurerm_private_dns_zone_virtual_network_link');
    expect(dependsOn(infraGraph, postgres!, association!)).toBe(true);
    expect(dependsOn(infraGraph, postgres!, link!)).toBe(true);
  });

  test('writes to the database server happen one at a time (Azure answers parallel writes with ServerBusy)', () => {
    const [server] = addressesOf(infraGraph, 'azurerm_postgresql_flexible_server');
    const writers = [...addressesOf(infraGraph, 'azurerm_postgresql_flexible_server_configuration'), ...addressesOf(infraGraph, 'azurerm_postgresql_flexible_server_database')];
    expect(writers).toHaveLength(3);
    // Every pair is ordered one way or the other, and all come after the server: Terraform never runs two at once.
    for (const a of writers) {
      expect(dependsOn(infraGraph, a, server!)).toBe(true);
      for (const b of writers) if (a !== b) expect({ a, b, ordered: dependsOn(infraGraph, a, b) || dependsOn(infraGraph, b, a) }).toEqual({ a, b, ordered: true });
    }
  });

  test('the cluster waits for its control plane to be allowed on the node subnet', () => {
    const [cluster] = addressesOf(infraGraph, 'azurerm_kubernetes_cluster');
    const roles = addressesOf(infraGraph, 'azurerm_role_assignment');
    expect(roles.some((r) => r.includes('control-plane-subnet-role') && dependsOn(infraGraph, cluster!, r))).toBe(true);
  });

  test('every Helm release and Kubernetes object depends on the cluster, so destroy removes them first', () => {
    const [clusterData] = addressesOf(platformGraph, 'data.azurerm_kubernetes_cluster');
    expect(clusterData).toBeDefined();
    const inCluster = [...platformGraph.keys()].filter((a) => a.startsWith('helm_release.') || a.startsWith('kubernetes_'));
    expect(inCluster.length).toBeGreaterThanOrEqual(8);
    for (const addr of inCluster) {
      expect({ addr, onCluster: dependsOn(platformGraph, addr, clusterData!) }).toEqual({ addr, onCluster: true });
    }
    // And the platform stack as a whole is applied after, and destroyed before, the infra stack.
    expect(platform.dependencies).toContain(infra);
  });

  test('the Spacelift release waits for its Secrets, the ingress controller and the ClusterIssuers', () => {
    const release = addressesOf(platformGraph, 'helm_release').find((a) => a.includes('spacelift_release'))!;
    for (const prefix of ['kubernetes_secret_v1.', 'helm_release.ingress_release', 'helm_release.cert-manager_issuers', 'kubernetes_namespace_v1.namespace']) {
      const targets = [...platformGraph.keys()].filter((a) => a.startsWith(prefix));
      expect(targets.length).toBeGreaterThan(0);
      for (const t of targets) expect({ t, waits: dependsOn(platformGraph, release, t) }).toEqual({ t, waits: true });
    }
  });
});
