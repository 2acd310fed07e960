import { EksCluster, EksClusterProps } from '../../lib/aws/cluster';
import { EKS_DEFAULT_KUBERNETES_VERSION } from '../../lib/aws/versions';
import { dependencyGraph, dependsOn } from '../support/graph';
import { only, resources, synth, synthApp, testApp } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { KEY_ARN, REGION, awsStack, byId, networkRef, statements } from './fixtures';

function props(over: Partial<EksClusterProps> = {}): EksClusterProps {
  return {
    name: 'sl-eks',
    region: REGION,
    network: networkRef(),
    secretsKeyArn: KEY_ARN,
    endpointPublicAccessCidrs: ['203.0.113.0/24'],
    ...over,
  };
}

function make(over: Partial<EksClusterProps> = {}) {
  const stack = awsStack();
  const cluster = new EksCluster(stack, 'cluster', props(over));
  return { stack, cluster, json: synth(stack) };
}

describe('EksCluster', () => {
  test('the control plane: version, private subnets, restricted public endpoint, Secrets encrypted, all logs, API auth, deletion protection', () => {
    const { json } = make();
    const c = only(json, 'aws_eks_cluster');
    expect(c).toMatchObject({
      name: 'sl-eks',
      version: EKS_DEFAULT_KUBERNETES_VERSION,
      vpc_config: { subnet_ids: ['subnet-private0', 'subnet-private1', 'subnet-private2'], endpoint_private_access: true, endpoint_public_access: true, public_access_cidrs: ['203.0.113.0/24'] },
      encryption_config: { provider: { key_arn: KEY_ARN }, resources: ['secrets'] },
      enabled_cluster_log_types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
      access_config: { authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false },
      bootstrap_self_managed_addons: false,
      kubernetes_network_config: { ip_family: 'ipv4', service_ipv4_cidr: '172.20.0.0/16' },
      deletion_protection: true,
    });
    // The log group exists first, with our retention.
    expect(only(json, 'aws_cloudwatch_log_group')).toMatchObject({ name: '/aws/eks/sl-eks/cluster', retention_in_days: 90 });
    expect(c.depends_on.some((d: string) => d.startsWith('aws_cloudwatch_log_group.'))).toBe(true);
  });

  test('private endpoint: no public access and no CIDRs', () => {
    const c = only(make({ privateEndpoint: true, endpointPublicAccessCidrs: undefined }).json, 'aws_eks_cluster');
    expect(c.vpc_config.endpoint_public_access).toBe(false);
    expect(c.vpc_config.public_access_cidrs).toBeUndefined();
  });

  test('the cluster role may use the Secrets key (encrypt, decrypt, grants, describe) and nothing more', () => {
    const { json } = make();
    const [s] = statements(json, 'cluster-secrets-key-use');
    expect(s).toEqual({ effect: 'Allow', actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey'], resources: [KEY_ARN] });
    const [trust] = statements(json, 'cluster-trust');
    expect(trust.principals).toEqual([{ type: 'Service', identifiers: ['eks.amazonaws.com'] }]);
  });

  test('an IAM OIDC provider for the STS audience', () => {
    const p = only(make().json, 'aws_iam_openid_connect_provider');
    expect(p.client_id_list).toEqual(['sts.amazonaws.com']);
    expect(p.url).toMatch(/aws_eks_cluster\.[^.]+\.identity\[0\]\.oidc\[0\]\.issuer/);
  });

  test('access entries: the deploying principal and each extra admin get cluster admin', () => {
    const { json } = make({ adminPrincipalArns: ['arn:aws:iam::123456789012:role/platform-admins'] });
    const entries = Object.values(resources(json, 'aws_eks_access_entry')) as any[];
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => e.principal_arn)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\$\{data\.aws_iam_session_context\.[^.]+\.issuer_arn\}$/), 'arn:aws:iam::123456789012:role/platform-admins']),
    );
    const policies = Object.values(resources(json, 'aws_eks_access_policy_association')) as any[];
    expect(policies).toHaveLength(2);
    for (const p of policies) {
      expect(p.policy_arn).toMatch(/:eks::aws:cluster-access-policy\/AmazonEKSClusterAdminPolicy$/);
      expect(p.access_scope).toEqual({ type: 'cluster' });
    }
  });

  test('deployerAccess: false leaves the deploying principal out', () => {
    expect(resources(make({ deployerAccess: false }).json, 'aws_eks_access_entry')).toEqual({});
  });

  test('node group: across every private subnet, min 3, AL2023, launch template with IMDSv2 only and hop limit 1, encrypted gp3', () => {
    const { json } = make();
    const ng = only(json, 'aws_eks_node_group');
    expect(ng).toMatchObject({
      subnet_ids: ['subnet-private0', 'subnet-private1', 'subnet-private2'],
      scaling_config: { min_size: 3, max_size: 6, desired_size: 3 },
      ami_type: 'AL2023_x86_64_STANDARD',
      capacity_type: 'ON_DEMAND',
      instance_types: ['m6i.xlarge'],
      update_config: { max_unavailable: 1 },
      lifecycle: { ignore_changes: ['scaling_config[0].desired_size'], create_before_destroy: true },
    });
    expect(ng.version).toMatch(/aws_eks_cluster\.[^.]+\.version/);
    const lt = only(json, 'aws_launch_template');
    expect(lt.metadata_options).toEqual({ http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1, instance_metadata_tags: 'disabled' });
    expect(lt.block_device_mappings[0].ebs).toEqual({ volume_size: 100, volume_type: 'gp3', encrypted: 'true', delete_on_termination: 'true' });
  });

  test('Graviton instance types get the arm64 AMI', () => {
    expect(only(make({ nodeGroup: { instanceTypes: ['m7g.xlarge', 'r7g.large'] } }).json, 'aws_eks_node_group').ami_type).toBe('AL2023_ARM_64_STANDARD');
  });

  test('node role: join and pull only; the VPC CNI gets its own IRSA role with the CNI policy', () => {
    const { json } = make();
    const attachments = Object.values(resources(json, 'aws_iam_role_policy_attachment')) as any[];
    const nodePolicies = attachments.filter((a) => String(a.role).includes('node-role')).map((a) => a.policy_arn.split('/').pop());
    expect(nodePolicies.sort()).toEqual(['AmazonEC2ContainerRegistryPullOnly', 'AmazonEKSWorkerNodePolicy']);
    const cni = attachments.filter((a) => String(a.role).includes('vpc-cni'));
    expect(cni.map((a) => a.policy_arn.split('/').pop())).toEqual(['AmazonEKS_CNI_Policy']);
    const [trust] = statements(json, 'vpc-cni-identity_trust');
    expect(trust.condition[0].values).toEqual(['system:serviceaccount:kube-system:aws-node']);
    expect(byId(json, 'aws_eks_addon', 'vpc-cni').service_account_role_arn).toMatch(/aws_iam_role\.[^.]*vpc-cni/);
  });

  test('the AmazonEKS_CNI_Policy attachment is a depends_on of the vpc-cni add-on and of the nodes (created before, destroyed after)', () => {
    const { json } = make();
    const attachment = Object.entries(resources(json, 'aws_iam_role_policy_attachment')).find(([, a]: [string, any]) => String(a.policy_arn).endsWith('/AmazonEKS_CNI_Policy'))![0];
    const address = `aws_iam_role_policy_attachment.${attachment}`;
    expect(byId(json, 'aws_eks_addon', 'addon-vpc-cni').depends_on).toContain(address);
    expect(only(json, 'aws_eks_node_group').depends_on).toContain(address);
    // The other add-ons do not run with the CNI role.
    expect(byId(json, 'aws_eks_addon', 'addon-kube-proxy').depends_on).toBeUndefined();
  });

  test('core add-ons at explicit versions: the default for the Kubernetes version, or pinned', () => {
    const { json } = make({ addonVersions: { coredns: 'v1.11.4-eksbuild.2' } });
    const addons = Object.values(resources(json, 'aws_eks_addon')) as any[];
    expect(addons.map((a) => a.addon_name).sort()).toEqual(['coredns', 'kube-proxy', 'vpc-cni']);
    expect(byId(json, 'aws_eks_addon', 'addon-coredns').addon_version).toBe('v1.11.4-eksbuild.2');
    expect(byId(json, 'aws_eks_addon', 'addon-kube-proxy').addon_version).toMatch(/^\$\{data\.aws_eks_addon_version\./);
    const lookups = Object.values(json.data!.aws_eks_addon_version!) as any[];
    expect(lookups.map((l) => [l.addon_name, l.kubernetes_version, l.most_recent]).sort()).toEqual([
      ['kube-proxy', EKS_DEFAULT_KUBERNETES_VERSION, false],
      ['vpc-cni', EKS_DEFAULT_KUBERNETES_VERSION, false],
    ]);
  });

  test('order: networking add-ons before nodes, CoreDNS after them', () => {
    const graph = dependencyGraph(make().json);
    const node = [...graph.keys()].find((a) => a.startsWith('aws_eks_node_group.'))!;
    const addon = (n: string) => [...graph.keys()].find((a) => a.startsWith('aws_eks_addon.') && a.includes(n))!;
    expect(dependsOn(graph, node, addon('vpc-cni'))).toBe(true);
    expect(dependsOn(graph, node, addon('kube-proxy'))).toBe(true);
    expect(dependsOn(graph, addon('coredns'), node)).toBe(true);
  });

  test('connect() in the same stack: the cluster resource, exec with aws eks get-token, waits for nodes and access', () => {
    const stack = awsStack();
    const cluster = new EksCluster(stack, 'cluster', props());
    const c = cluster.connect(stack);
    expect(c.exec).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: 'aws',
      args: ['eks', 'get-token', '--cluster-name', 'sl-eks', '--region', REGION, '--output', 'json'],
    });
    expect(c.dependsOn).toEqual(expect.arrayContaining([cluster.cluster, cluster.nodeGroup, cluster.addons.coredns, ...cluster.accessPolicies]));
    expect(c.clientKey).toBeUndefined();
  });

  test('connect() from another stack reads the cluster there, by its name, when Terraform runs', () => {
    const app = testApp();
    const infra = awsStack(app, 'infra');
    const cluster = new EksCluster(infra, 'cluster', props());
    const platform = awsStack(app, 'platform');
    const c = cluster.connect(platform, 'eks');
    expect(c.dependsOn).toHaveLength(1);
    const json = synthApp(app).platform!;
    expect(json.data!.aws_eks_cluster!.eks).toMatchObject({ name: 'sl-eks' });
    expect(c.exec!.args).toContain('sl-eks');
  });

  test('throws on a Kubernetes version EKS does not offer, or with a patch', () => {
    expectValidationError(() => make({ kubernetesVersion: '1.20' }), 'kubernetesVersion', '1.20');
    expectValidationError(() => make({ kubernetesVersion: '1.34.2' }), 'kubernetesVersion', '1.34.2');
    // Extended support of 1.31 ended on 2026-11-26: EKS creates no 1.31 cluster any more.
    expectValidationError(() => make({ kubernetesVersion: '1.31' }), 'kubernetesVersion', '1.31');
  });

  test('throws on a public endpoint without CIDRs, and on CIDRs with a private endpoint', () => {
    expectValidationError(() => make({ endpointPublicAccessCidrs: [] }), 'endpointPublicAccessCidrs', []);
    expectValidationError(() => make({ endpointPublicAccessCidrs: undefined }), 'endpointPublicAccessCidrs', []);
    expectValidationError(() => make({ privateEndpoint: true }), 'endpointPublicAccessCidrs', ['203.0.113.0/24']);
    expectValidationError(() => make({ endpointPublicAccessCidrs: ['203.0.113.1/24'] }), 'endpointPublicAccessCidrs[0]', '203.0.113.1/24');
  });

  test('throws on a service CIDR that overlaps the VPC or is not private', () => {
    expectValidationError(() => make({ serviceCidr: '10.50.128.0/20' }), 'serviceCidr', '10.50.128.0/20');
    expectValidationError(() => make({ serviceCidr: '100.64.0.0/16' }), 'serviceCidr', '100.64.0.0/16');
  });

  test('throws on node counts: min below 2, max below min, desired outside', () => {
    expectValidationError(() => make({ nodeGroup: { minSize: 1 } }), 'nodeGroup.minSize', 1);
    expectValidationError(() => make({ nodeGroup: { minSize: 4, maxSize: 3 } }), 'nodeGroup.maxSize', 3);
    expectValidationError(() => make({ nodeGroup: { minSize: 3, maxSize: 5, desiredSize: 6 } }), 'nodeGroup.desiredSize', 6);
  });

  test('throws on instance types that are not, or mix architectures', () => {
    expectValidationError(() => make({ nodeGroup: { instanceTypes: ['Standard_D4ds_v5'] } }), 'nodeGroup.instanceTypes[0]', 'Standard_D4ds_v5');
    expectValidationError(() => make({ nodeGroup: { instanceTypes: ['m6i.xlarge', 'm7g.xlarge'] } }), 'nodeGroup.instanceTypes', ['m6i.xlarge', 'm7g.xlarge']);
  });

  test('throws on an admin that is not an IAM role or user ARN', () => {
    expectValidationError(() => make({ adminPrincipalArns: ['admins'] }), 'adminPrincipalArns[0]', 'admins');
  });

  test('throws on a malformed add-on version, an unknown add-on, a bad name, log retention or subnets in one zone', () => {
    expectValidationError(() => make({ addonVersions: { coredns: 'latest' } }), 'addonVersions.coredns', 'latest');
    expectValidationError(() => make({ addonVersions: { 'aws-ebs-csi-driver': 'v1.0.0-eksbuild.1' } as any }), 'addonVersions', 'aws-ebs-csi-driver');
    expectValidationError(() => make({ name: '-eks' }), 'name', '-eks');
    expectValidationError(() => make({ logRetentionDays: 10 }), 'logRetentionDays', 10);
    expectValidationError(() => make({ network: { ...networkRef(), privateSubnets: networkRef().privateSubnets.slice(0, 1) } }), 'network.privateSubnets', 1);
  });

  test('allowDestroy turns deletion protection off', () => {
    expect(only(make({ allowDestroy: true }).json, 'aws_eks_cluster').deletion_protection).toBe(false);
  });

  test('throws on an unknown region, a service CIDR of the wrong size, a tiny disk or an unknown capacity type', () => {
    expectValidationError(() => make({ region: 'eu-west-7' }), 'region', 'eu-west-7');
    expectValidationError(() => make({ serviceCidr: '10.0.0.0/8' }), 'serviceCidr', '10.0.0.0/8');
    expectValidationError(() => make({ nodeGroup: { diskSizeGb: 10 } }), 'nodeGroup.diskSizeGb', 10);
    expectValidationError(() => make({ nodeGroup: { capacityType: 'RESERVED' as any } }), 'nodeGroup.capacityType', 'RESERVED');
  });
});

describe('EksCluster: what a refactor must not move', () => {
  test('the cluster is created after (and destroyed before) the role policy that lets it use the Secrets key', () => {
    const { json } = make();
    const policy = Object.entries(json.resource!.aws_iam_role_policy!).find(([, p]: [string, any]) => p.name === 'encrypt-kubernetes-secrets');
    expect(policy).toBeDefined();
    // Without it EKS validates the key with a role that may not use it yet, and cluster creation fails.
    expect(only(json, 'aws_eks_cluster').depends_on).toContain(`aws_iam_role_policy.${policy![0]}`);
  });

  test('IAM role names are fixed by the cluster name: a renamed role is a replaced role (and breaks what trusts it)', () => {
    const names = Object.values(make().json.resource!.aws_iam_role!).map((r: any) => r.name).sort();
    expect(names).toEqual(['sl-eks-cluster', 'sl-eks-nodes', 'sl-eks-vpc-cni']);
  });

  describe('blockStorage and networkPolicy', () => {
    const { json } = make({ blockStorage: { kmsKeyArn: KEY_ARN }, networkPolicy: true });

    test('off by default: no EBS CSI driver, the VPC CNI without configuration', () => {
      const plain = make().json;
      expect((Object.values(resources(plain, 'aws_eks_addon')) as any[]).map((a) => a.addon_name)).not.toContain('aws-ebs-csi-driver');
      expect(byId(plain, 'aws_eks_addon', 'addon-vpc-cni').configuration_values).toBeUndefined();
    });

    test('networkPolicy turns on the VPC CNI network policy agent', () => {
      expect(JSON.parse(byId(json, 'aws_eks_addon', 'addon-vpc-cni').configuration_values)).toEqual({ enableNetworkPolicy: 'true' });
    });

    test('the EBS CSI driver add-on runs with its own IRSA role, after the nodes and its permissions', () => {
      const addon = byId(json, 'aws_eks_addon', 'addon-aws-ebs-csi-driver');
      expect(addon.addon_name).toBe('aws-ebs-csi-driver');
      expect(addon.service_account_role_arn).toMatch(/aws_iam_role\.[^.]*ebs-csi/);
      expect(addon.addon_version).toMatch(/^\$\{data\.aws_eks_addon_version\./);
      expect(addon.depends_on.join()).toMatch(/aws_eks_node_group\./);
      expect(addon.depends_on.join()).toMatch(/aws_iam_role_policy\.[^,]*ebs-csi-key/);
      expect(addon.depends_on.join()).toMatch(/aws_iam_role_policy_attachment\./);
      const [trust] = statements(json, 'ebs-csi-identity');
      expect(JSON.stringify(trust)).toContain('system:serviceaccount:kube-system:ebs-csi-controller-sa');
      expect(byId(json, 'aws_iam_role_policy_attachment', 'ebs-csi').policy_arn).toMatch(/:iam::aws:policy\/service-role\/AmazonEBSCSIDriverPolicy$/);
    });

    test('the driver may use the volume key only through EC2, grants only for AWS resources', () => {
      const viaEc2 = { test: 'StringEquals', variable: 'kms:ViaService', values: [`ec2.${REGION}.amazonaws.com`] };
      const [use, grants] = statements(json, 'ebs-csi-key-use');
      expect(use).toMatchObject({ effect: 'Allow', resources: [KEY_ARN], condition: [viaEc2] });
      expect(use.actions).not.toContain('kms:CreateGrant');
      expect(grants).toMatchObject({
        effect: 'Allow',
        actions: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
        resources: [KEY_ARN],
        condition: [viaEc2, { test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] }],
      });
    });

    test('a pinned driver version is used as given, a malformed one is refused', () => {
      const pinned = make({ blockStorage: { kmsKeyArn: KEY_ARN, addonVersion: 'v1.48.0-eksbuild.1' } }).json;
      expect(byId(pinned, 'aws_eks_addon', 'addon-aws-ebs-csi-driver').addon_version).toBe('v1.48.0-eksbuild.1');
      expectValidationError(() => make({ blockStorage: { kmsKeyArn: KEY_ARN, addonVersion: 'latest' } }), 'blockStorage.addonVersion', 'latest');
    });
  });
});
