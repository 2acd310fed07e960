import { KubernetesProviders } from '../../../lib/kubernetes/providers';
import { AppNamespace } from '../../../lib/kubernetes/namespace';
import { EksCluster } from '../../../lib/aws/cluster';
import { AwsVpc } from '../../../lib/aws/network';
import { addressesOf, dependencyGraph, dependsOn } from '../../support/graph';
import { synthApp, testApp } from '../../support/synth';
import { KEY_ARN, REGION, awsStack } from '../../aws/fixtures';
import { eksPair } from './example';

describe('dependency graph of the spacelift-eks pair', () => {
  const { infra, platform, infraJson, platformJson } = eksPair();
  const infraGraph = dependencyGraph(infraJson);
  const platformGraph = dependencyGraph(platformJson);
  const one = (graph: typeof infraGraph, type: string, part = '') => {
    const hits = addressesOf(graph, type).filter((a) => a.includes(part));
    if (hits.length !== 1) throw new Error(`expected one ${type} containing ${part}, found ${hits.join(', ')}`);
    return hits[0]!;
  };

  test('cluster, database and storage do not depend on each other, so Terraform creates them in parallel', () => {
    const trio = [one(infraGraph, 'aws_eks_cluster'), one(infraGraph, 'aws_db_instance'), one(infraGraph, 'aws_s3_bucket', 'bucket-states')];
    for (const a of trio) {
      for (const b of trio) {
        if (a !== b) expect({ from: a, to: b, dependsOn: dependsOn(infraGraph, a, b) }).toEqual({ from: a, to: b, dependsOn: false });
      }
    }
  });

  test('the database sits in the routed private subnets, behind its security group', () => {
    const db = one(infraGraph, 'aws_db_instance');
    expect(dependsOn(infraGraph, db, one(infraGraph, 'aws_security_group'))).toBe(true);
    expect(dependsOn(infraGraph, db, one(infraGraph, 'aws_route_table_association', 'private-0-association'))).toBe(true);
  });

  test('nodes come after the networking add-ons, the CNI policy and the NAT routes; CoreDNS after the nodes', () => {
    const nodes = one(infraGraph, 'aws_eks_node_group');
    expect(dependsOn(infraGraph, nodes, one(infraGraph, 'aws_eks_addon', 'vpc-cni'))).toBe(true);
    expect(dependsOn(infraGraph, nodes, one(infraGraph, 'aws_route', 'private-2-egress'))).toBe(true);
    expect(dependsOn(infraGraph, nodes, one(infraGraph, 'aws_nat_gateway', 'nat-0'))).toBe(true);
    const cniPolicy = one(infraGraph, 'aws_iam_role_policy_attachment', 'vpc-cni-identity_managed-AmazonEKS_CNI_Policy');
    expect(dependsOn(infraGraph, one(infraGraph, 'aws_eks_addon', 'vpc-cni'), cniPolicy)).toBe(true);
    expect(dependsOn(infraGraph, nodes, cniPolicy)).toBe(true);
    expect(dependsOn(infraGraph, one(infraGraph, 'aws_eks_addon', 'coredns'), nodes)).toBe(true);
  });

  test('the cluster encrypts with its key and logs into a group created first', () => {
    const cluster = one(infraGraph, 'aws_eks_cluster');
    expect(dependsOn(infraGraph, cluster, one(infraGraph, 'aws_kms_key', 'cluster-key'))).toBe(true);
    expect(dependsOn(infraGraph, cluster, one(infraGraph, 'aws_cloudwatch_log_group', 'control-plane-logs'))).toBe(true);
  });

  test('every Helm release and Kubernetes object depends on the cluster data source, so destroy removes them first', () => {
    const clusterData = one(platformGraph, 'data.aws_eks_cluster');
    const inCluster = [...platformGraph.keys()].filter((a) => a.startsWith('helm_release.') || a.startsWith('kubernetes_'));
    expect(inCluster.length).toBeGreaterThanOrEqual(8);
    for (const addr of inCluster) {
      expect({ addr, onCluster: dependsOn(platformGraph, addr, clusterData) }).toEqual({ addr, onCluster: true });
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

  test('in one stack, in-cluster objects wait for the node group, CoreDNS and the access entries, and the ingress for public routes', () => {
    const app = testApp();
    const stack = awsStack(app, 'own');
    const network = new AwsVpc(stack, 'network', { name: 'own', region: REGION, clusterName: 'own-eks' });
    const cluster = new EksCluster(stack, 'cluster', { name: 'own-eks', region: REGION, network, secretsKeyArn: KEY_ARN, endpointPublicAccessCidrs: ['203.0.113.0/24'] });
    const connection = cluster.connect(stack);
    new KubernetesProviders(stack, 'k8s', { connection });
    new AppNamespace(stack, 'ns', { name: 'tools', dependsOn: connection.dependsOn });
    const graph = dependencyGraph(synthApp(app).own!);
    const ns = one(graph, 'kubernetes_namespace_v1');
    for (const target of [one(graph, 'aws_eks_node_group'), one(graph, 'aws_eks_addon', 'coredns'), one(graph, 'aws_eks_access_policy_association'), one(graph, 'aws_eks_access_entry')]) {
      expect({ target, waits: dependsOn(graph, ns, target) }).toEqual({ target, waits: true });
    }
    expect(graph.has('data.aws_eks_cluster.eks-cluster')).toBe(false);
  });
});
