import * as fs from 'fs';
import * as path from 'path';
import { OwnStack } from '../../examples/own-stack/main';
import { packageRoot } from '../../lib/core/package-root';
import { loadConfigFile } from '../../stacks/config-file';
import { DEPLOYMENT_KINDS, buildDeployment, exampleConfigFiles } from '../../stacks/deployments';
import { addressesOf, dependencyGraph, dependsOn } from '../support/graph';
import { synthApp, testApp } from '../support/synth';

/** The resource types that make each kind's infra stack a deployment (cluster, database, storage, registry). */
const INFRA_TYPES: Record<string, string[]> = {
  'spacelift-aks': ['azurerm_kubernetes_cluster', 'azurerm_postgresql_flexible_server', 'azurerm_storage_container', 'azurerm_container_registry'],
  'spacelift-gke': ['google_container_cluster', 'google_sql_database_instance', 'google_storage_bucket', 'google_artifact_registry_repository'],
  'spacelift-eks': ['aws_eks_cluster', 'aws_db_instance', 'aws_s3_bucket', 'aws_ecr_repository'],
  // Taskcluster: the buckets' static key (S3 gateway identity on Azure, HMAC key on Google, IAM user key on AWS);
  // its image comes from Docker Hub, so no registry is needed on EKS (ECR has one repository per image).
  'taskcluster-aks': ['azurerm_kubernetes_cluster', 'azurerm_postgresql_flexible_server', 'azurerm_storage_container', 'azurerm_user_assigned_identity'],
  'taskcluster-gke': ['google_container_cluster', 'google_sql_database_instance', 'google_storage_bucket', 'google_storage_hmac_key'],
  'taskcluster-eks': ['aws_eks_cluster', 'aws_db_instance', 'aws_s3_bucket', 'aws_iam_access_key'],
  // Estafette CI: no PostgreSQL (CockroachDB in the cluster); the backup bucket and the escrowed decryption key.
  'estafette-aks': ['azurerm_kubernetes_cluster', 'azurerm_storage_container', 'azurerm_key_vault_secret'],
  'estafette-gke': ['google_container_cluster', 'google_storage_bucket', 'google_secret_manager_secret'],
  'estafette-eks': ['aws_eks_cluster', 'aws_s3_bucket', 'aws_secretsmanager_secret'],
};

/** The releases of each kind's platform stack besides the ingress controller and cert-manager. */
const APP_RELEASE: Record<string, string> = { spacelift: 'spacelift', taskcluster: 'taskcluster', estafette: 'estafette-ci' };

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
    const scope = testApp();
    const { infra, platform } = buildDeployment(scope, loadConfigFile(path.join(packageRoot(), 'examples', name, 'config.yaml')));
    const json = synthApp(scope);
    // What makes it a deployment of the app: a cluster, a database, buckets and a registry in the infra stack; the
    // ingress controller, cert-manager and the app's release in the platform stack.
    const types = (j: any) => Object.keys(j.resource ?? {});
    const kind = Object.values(DEPLOYMENT_KINDS).find((k) => path.basename(path.dirname(k.example)) === name)!.kind;
    expect(types(json[infra.node.id])).toEqual(expect.arrayContaining(INFRA_TYPES[kind]!));
    const releases = Object.values(json[platform.node.id]!.resource!.helm_release!).map((r: any) => r.name).sort();
    const app = Object.values(DEPLOYMENT_KINDS).find((k) => k.kind === kind)!.app;
    expect(releases).toEqual(expect.arrayContaining(['cert-manager', APP_RELEASE[app]!, 'traefik']));
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

describe('the embedded examples', () => {
  test('a config-less synth builds exactly the kinds marked embedded; each other example says how to synthesize it', () => {
    const embedded = Object.values(DEPLOYMENT_KINDS).filter((k) => k.embedded).map((k) => path.join(packageRoot(), k.example));
    expect(exampleConfigFiles()).toEqual(embedded);
    expect(embedded.length).toBeGreaterThanOrEqual(3);
    for (const k of Object.values(DEPLOYMENT_KINDS).filter((k) => !k.embedded)) {
      expect(fs.readFileSync(path.join(packageRoot(), k.example), 'utf8')).toContain(`PLATFORM_CONFIG=${k.example} npx cdktf synth`);
    }
  });
});
