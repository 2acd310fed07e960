import { spaceliftGke } from '../../../stacks/gke';
import { addressesOf, dependencyGraph, dependsOn } from '../../support/graph';
import { synthApp, testApp } from '../../support/synth';
import { gkeConfigWith, gkeExampleConfig } from './fixtures';

describe('dependency graph of the spacelift-gke pair', () => {
  const app = testApp();
  const { infra, platform } = spaceliftGke(app, gkeExampleConfig());
  const json = synthApp(app);
  const infraGraph = dependencyGraph(json[infra.node.id]!);
  const platformGraph = dependencyGraph(json[platform.node.id]!);
  const one = (type: string) => {
    const all = addressesOf(infraGraph, type);
    expect(all).toHaveLength(1);
    return all[0]!;
  };

  test('cluster, Cloud SQL and the buckets do not depend on each other, so Terraform creates them in parallel', () => {
    const cluster = one('google_container_cluster');
    const sql = one('google_sql_database_instance');
    const buckets = addressesOf(infraGraph, 'google_storage_bucket');
    expect(buckets).toHaveLength(10);
    const all = [cluster, sql, ...buckets];
    for (const a of all) {
      for (const b of all) {
        if (a !== b) expect({ from: a, to: b, dependsOn: dependsOn(infraGraph, a, b) }).toEqual({ from: a, to: b, dependsOn: false });
      }
    }
  });

  test('Cloud SQL is created only after the private service access peering, and with IAM auth still independent of the cluster', () => {
    expect(dependsOn(infraGraph, one('google_sql_database_instance'), one('google_service_networking_connection'))).toBe(true);
    const iamApp = testApp();
    const { infra: i } = spaceliftGke(iamApp, gkeConfigWith((c) => (c.postgres = { ...c.postgres, iamAuth: true })));
    const g = dependencyGraph(synthApp(iamApp)[i.node.id]!);
    const [sql] = addressesOf(g, 'google_sql_database_instance');
    const [cluster] = addressesOf(g, 'google_container_cluster');
    expect(dependsOn(g, sql!, cluster!)).toBe(false);
    expect(dependsOn(g, cluster!, sql!)).toBe(false);
  });

  test('the Service Networking agent is created after its API, holds its role, and only then is the peering made', () => {
    const servicenetworking = addressesOf(infraGraph, 'google_project_service').find((s) => s.includes('services_servicenetworking_'))!;
    const agent = one('google_project_service_identity');
    const role = addressesOf(infraGraph, 'google_project_iam_member').find((a) => a.includes('service-networking-agent-role'))!;
    const peering = one('google_service_networking_connection');
    expect(dependsOn(infraGraph, agent, servicenetworking)).toBe(true);
    expect(dependsOn(infraGraph, role, agent)).toBe(true);
    expect(dependsOn(infraGraph, peering, role)).toBe(true);
    expect(dependsOn(infraGraph, one('google_sql_database_instance'), role)).toBe(true);
  });

  test('every cloud resource waits for the APIs it uses', () => {
    const services = addressesOf(infraGraph, 'google_project_service');
    const needs: Record<string, string> = {
      google_container_cluster: 'container',
      google_sql_database_instance: 'sqladmin',
      google_compute_network: 'compute',
      google_artifact_registry_repository: 'artifactregistry',
      google_compute_address: 'compute',
    };
    for (const [type, api] of Object.entries(needs)) {
      const service = services.find((s) => s.includes(`services_${api}_`))!;
      expect({ type, api, waits: dependsOn(infraGraph, one(type), service) }).toEqual({ type, api, waits: true });
    }
  });

  test('the Workload Identity binding waits for the cluster (the pool exists only then)', () => {
    const binding = addressesOf(infraGraph, 'google_service_account_iam_member').find((a) => a.includes('workload-identity-user'))!;
    expect(dependsOn(infraGraph, binding, one('google_container_cluster'))).toBe(true);
  });

  test('the nodes get their role before the cluster creates them', () => {
    const role = addressesOf(infraGraph, 'google_project_iam_member').find((a) => a.includes('node-role'))!;
    expect(dependsOn(infraGraph, one('google_container_cluster'), role)).toBe(true);
    expect(dependsOn(infraGraph, one('google_container_node_pool'), one('google_container_cluster'))).toBe(true);
  });

  test('every Helm release and Kubernetes object depends on the cluster data source, so destroy removes them first', () => {
    const [clusterData] = addressesOf(platformGraph, 'data.google_container_cluster');
    expect(clusterData).toBeDefined();
    const inCluster = [...platformGraph.keys()].filter((a) => a.startsWith('helm_release.') || a.startsWith('kubernetes_'));
    expect(inCluster.length).toBeGreaterThanOrEqual(8);
    for (const addr of inCluster) {
      expect({ addr, onCluster: dependsOn(platformGraph, addr, clusterData!) }).toEqual({ addr, onCluster: true });
    }
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
