import './provider-package';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsEksAddonVersion } from '@cdktf/provider-aws/lib/data-aws-eks-addon-version';
import { DataAwsEksCluster } from '@cdktf/provider-aws/lib/data-aws-eks-cluster';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { EksCluster as AwsEksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Fn, ITerraformDependable, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { cidrContains, cidrsOverlap } from '../core/cidr';
import { ExecCredential, KubernetesCluster, KubernetesConnection } from '../core/cluster';
import { AWS_NAMES, checkName } from '../core/naming';
import { ValidationError, checkCidr, checkInt, checkList, checkOneOf, checkPattern, isUnresolved } from '../core/validation';
import { AwsAccount } from './account';
import { checkEc2InstanceType, checkIamPrincipalArn, checkSameArchitecture } from './checks';
import { AwsIrsaRole, EksOidcProviderRef } from './identity';
import { AwsNetworkRef, LOG_RETENTION_DAYS } from './network';
import { checkAwsRegion } from './regions';
import { EKS_CORE_ADDONS, EKS_DEFAULT_KUBERNETES_VERSION, EKS_KUBERNETES_MINORS, EksCoreAddon } from './versions';
import { declarePolicyException } from '../core/policy-exceptions';

/** Control-plane log types EKS can send to CloudWatch Logs; all of them are on. */
export const EKS_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;

/** EKS access policy that makes a principal cluster admin. */
export const EKS_CLUSTER_ADMIN_POLICY = 'AmazonEKSClusterAdminPolicy';

/** The managed node group of an EKS cluster. */
export interface EksNodeGroupProps {
  /** Instance types (one CPU architecture); the first that has capacity is used. @default ["m6i.xlarge"] */
  readonly instanceTypes?: readonly string[];
  /** Fewest nodes; at least 2 so a node drain never takes the platform down. @default 3 */
  readonly minSize?: number;
  /** Most nodes. @default 6 */
  readonly maxSize?: number;
  /** Nodes at creation (later changes by hand or an autoscaler are kept). @default minSize */
  readonly desiredSize?: number;
  /** Root volume in GiB (gp3, encrypted). @default 100 */
  readonly diskSizeGb?: number;
  /** `ON_DEMAND`, or `SPOT` for interruptible capacity. @default "ON_DEMAND" */
  readonly capacityType?: 'ON_DEMAND' | 'SPOT';
}

/** Properties of {@link EksCluster}. */
export interface EksClusterProps {
  /** Cluster name. */
  readonly name: string;
  /** Region of the cluster (the `aws eks get-token` call names it). */
  readonly region: string;
  /** VPC whose private subnets the control plane and nodes use. */
  readonly network: AwsNetworkRef;
  /** Kubernetes `1.MINOR`; EKS applies patches itself. @default EKS_DEFAULT_KUBERNETES_VERSION */
  readonly kubernetesVersion?: string;
  /**
   * CIDRs allowed to reach the public API endpoint. Required unless `privateEndpoint` is on; give `["0.0.0.0/0"]` to
   * open it to everyone on purpose.
   * @default none: then `privateEndpoint` must be on
   */
  readonly endpointPublicAccessCidrs?: readonly string[];
  /** API endpoint only inside the VPC; Terraform must then run from inside the network. @default false */
  readonly privateEndpoint?: boolean;
  /** KMS key that envelope-encrypts Kubernetes Secrets. */
  readonly secretsKeyArn: string;
  /** Service CIDR, private (RFC 1918), not overlapping the VPC. @default "172.20.0.0/16" */
  readonly serviceCidr?: string;
  /** Days control-plane logs are kept (one of CloudWatch's retention values). @default 90 */
  readonly logRetentionDays?: number;
  /** The managed node group. @default the defaults of its fields */
  readonly nodeGroup?: EksNodeGroupProps;
  /** Give the IAM principal that runs Terraform an access entry with cluster admin. @default true */
  readonly deployerAccess?: boolean;
  /** More IAM role or user ARNs with cluster admin (not the principal that runs Terraform, which has its own). @default none */
  readonly adminPrincipalArns?: readonly string[];
  /** Exact add-on versions, e.g. `{ coredns: "v1.11.4-eksbuild.2" }`. @default the version EKS marks default for the Kubernetes version */
  readonly addonVersions?: { readonly [addon in EksCoreAddon]?: string };
  /**
   * Persistent volumes for pods (a broker's or a database's disks): the aws-ebs-csi-driver add-on, whose controller
   * runs with its own IRSA role (AmazonEBSCSIDriverPolicy, and the given KMS key through EC2 only, to create and
   * attach volumes encrypted with it). Without it no PersistentVolumeClaim is ever bound: EKS ships no working
   * provisioner. Give the volumes a StorageClass that names the key ({@link EbsStorageClass}).
   * @default none
   */
  readonly blockStorage?: EksBlockStorageProps;
  /**
   * Enforce NetworkPolicies with the VPC CNI's network policy agent (`enableNetworkPolicy` in the add-on's
   * configuration). Off, NetworkPolicy objects are accepted but nothing enforces them.
   * @default false
   */
  readonly networkPolicy?: boolean;
  /** Let `terraform destroy` delete the cluster (turns off deletion protection). @default false */
  readonly allowDestroy?: boolean;
  /** Tags for every resource. @default none */
  readonly tags?: { readonly [key: string]: string };
}

/** The EBS CSI driver of an {@link EksCluster}. */
export interface EksBlockStorageProps {
  /** KMS key the volumes are encrypted with (the StorageClass names the same key). */
  readonly kmsKeyArn: string;
  /** Exact add-on version, e.g. `v1.48.0-eksbuild.1`. @default the version EKS marks default for the Kubernetes version */
  readonly addonVersion?: string;
}

/** The EKS add-on that provisions EBS volumes. */
export const EBS_CSI_DRIVER_ADDON = 'aws-ebs-csi-driver';
/** The service account of the EBS CSI driver's controller, which its IRSA role trusts. */
export const EBS_CSI_CONTROLLER_SERVICE_ACCOUNT = { namespace: 'kube-system', name: 'ebs-csi-controller-sa' } as const;

/**
 * An EKS cluster: Kubernetes Secrets envelope-encrypted with a customer key, all control-plane logs, a public endpoint
 * restricted to CIDRs (or a private-only endpoint), access entries (API authentication) instead of the aws-auth
 * ConfigMap, an IAM OIDC provider for IRSA, the core add-ons at explicit versions (the VPC CNI with its own IRSA role, so
 * the nodes carry no network permissions), and a managed node group across the private subnets of every zone with
 * IMDSv2 only and a hop limit of 1 (pods cannot reach the node's credentials) and encrypted gp3 root volumes.
 */
export class EksCluster extends Construct implements KubernetesCluster {
  /** The `aws_eks_cluster` resource. */
  public readonly cluster: AwsEksCluster;
  /** The `aws_eks_node_group` resource. */
  public readonly nodeGroup: EksNodeGroup;
  /** The IAM role the nodes run as. */
  public readonly nodeRole: IamRole;
  /** The cluster's IAM OIDC provider, which IRSA roles trust. */
  public readonly oidcProvider: EksOidcProviderRef;
  /** The EKS add-ons the cluster runs, by name. */
  public readonly addons: { readonly [addon in EksCoreAddon]: EksAddon };
  /** The aws-ebs-csi-driver add-on, with `blockStorage`. */
  public readonly ebsCsiDriver?: EksAddon;
  /** Access entries and their policy associations, by id (`deployer`, `admin-0`, ...). */
  public readonly accessPolicies: readonly EksAccessPolicyAssociation[];
  public readonly name: string;
  public readonly oidcIssuerUrl: string;
  public readonly kubernetesVersion: string;
  /** The security group EKS attaches to the control plane and the managed nodes (and so to every pod). */
  public readonly clusterSecurityGroupId: string;
  /** AWS region of the cluster. */
  public readonly region: string;
  /** The name as given (known at synth), for the exec plugin and the data source of other stacks. */
  private readonly givenName: string;

  public constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    checkName(this, 'name', props.name, AWS_NAMES.eksCluster);
    const region = checkAwsRegion(this, 'region', props.region);
    const version = props.kubernetesVersion ?? EKS_DEFAULT_KUBERNETES_VERSION;
    checkPattern(this, 'kubernetesVersion', version, /^1\.\d+$/, `a Kubernetes version "1.MINOR" (EKS applies patches itself), one of ${EKS_KUBERNETES_MINORS.join(', ')}`);
    checkOneOf(this, 'kubernetesVersion', version, EKS_KUBERNETES_MINORS);

    const privateEndpoint = props.privateEndpoint ?? false;
    const cidrs = props.endpointPublicAccessCidrs;
    if (!privateEndpoint) {
      if (cidrs === undefined || (!isUnresolved(cidrs) && cidrs.length === 0)) {
        throw new ValidationError(
          this,
          'endpointPublicAccessCidrs',
          cidrs ?? [],
          'the CIDRs that may reach the Kubernetes API (your office or CI egress, e.g. ["203.0.113.0/24"]); ["0.0.0.0/0"] opens it to everyone; or set privateEndpoint',
        );
      }
      checkList(this, 'endpointPublicAccessCidrs', cidrs, (c, f) => checkCidr(this, f, c), { minItems: 1, maxItems: 40 });
    } else if (cidrs !== undefined && cidrs.length > 0) {
      throw new ValidationError(this, 'endpointPublicAccessCidrs', cidrs, 'none when privateEndpoint is on (a private endpoint has no public address to restrict)');
    }

    const serviceCidr = checkCidr(this, 'serviceCidr', props.serviceCidr ?? '172.20.0.0/16', 12, 24);
    if (!isUnresolved(serviceCidr)) {
      const rfc1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
      if (!rfc1918.some((r) => cidrContains(r, serviceCidr))) {
        throw new ValidationError(this, 'serviceCidr', serviceCidr, 'a private block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16');
      }
      if (!isUnresolved(props.network.cidr) && cidrsOverlap(serviceCidr, props.network.cidr)) {
        throw new ValidationError(this, 'serviceCidr', serviceCidr, `a CIDR that does not overlap the VPC (${props.network.cidr})`);
      }
    }
    const logRetention = checkOneOf(this, 'logRetentionDays', props.logRetentionDays ?? 90, LOG_RETENTION_DAYS);

    const ng = props.nodeGroup ?? {};
    const instanceTypes = ng.instanceTypes ?? ['m6i.xlarge'];
    checkList(this, 'nodeGroup.instanceTypes', instanceTypes, (t, f) => checkEc2InstanceType(this, f, t), { minItems: 1, maxItems: 20 });
    const arch = checkSameArchitecture(this, 'nodeGroup.instanceTypes', instanceTypes);
    const minSize = checkInt(this, 'nodeGroup.minSize', ng.minSize ?? 3, 2, 450);
    const maxSize = checkInt(this, 'nodeGroup.maxSize', ng.maxSize ?? 6, 2, 450);
    if (maxSize < minSize) throw new ValidationError(this, 'nodeGroup.maxSize', maxSize, `a number no smaller than nodeGroup.minSize (${minSize})`);
    const desiredSize = checkInt(this, 'nodeGroup.desiredSize', ng.desiredSize ?? minSize, minSize, maxSize);
    const diskSize = checkInt(this, 'nodeGroup.diskSizeGb', ng.diskSizeGb ?? 100, 20, 16384);
    const capacityType = checkOneOf(this, 'nodeGroup.capacityType', ng.capacityType ?? 'ON_DEMAND', ['ON_DEMAND', 'SPOT'] as const);
    if (props.network.privateSubnets.length < 2) {
      throw new ValidationError(this, 'network.privateSubnets', props.network.privateSubnets.length, 'private subnets in at least 2 zones (the node group spreads over them)');
    }
    const admins = props.adminPrincipalArns ?? [];
    checkList(this, 'adminPrincipalArns', admins, (a, f) => checkIamPrincipalArn(this, f, a), { maxItems: 50 });
    for (const key of Object.keys(props.addonVersions ?? {})) {
      checkOneOf(this, 'addonVersions', key, EKS_CORE_ADDONS);
      checkPattern(this, `addonVersions.${key}`, props.addonVersions![key as EksCoreAddon]!, /^v\d+\.\d+\.\d+-eksbuild\.\d+$/, 'an EKS add-on version such as "v1.19.2-eksbuild.1" (see "aws eks describe-addon-versions")');
    }
    if (props.blockStorage?.addonVersion !== undefined) {
      checkPattern(this, 'blockStorage.addonVersion', props.blockStorage.addonVersion, /^v\d+\.\d+\.\d+-eksbuild\.\d+$/, 'an EKS add-on version such as "v1.48.0-eksbuild.1" (see "aws eks describe-addon-versions")');
    }

    const account = AwsAccount.of(this);
    const tags = props.tags;
    const privateSubnetIds = props.network.privateSubnets.map((s) => s.id);

    // --- control plane ------------------------------------------------------------------------------------------
    const clusterTrust = new DataAwsIamPolicyDocument(this, 'cluster-trust', {
      statement: [{ effect: 'Allow', actions: ['sts:AssumeRole', 'sts:TagSession'], principals: [{ type: 'Service', identifiers: ['eks.amazonaws.com'] }] }],
    });
    const clusterRole = new IamRole(this, 'cluster-role', { name: `${props.name}-cluster`, assumeRolePolicy: clusterTrust.json, tags });
    const clusterPolicy = new IamRolePolicyAttachment(this, 'cluster-policy', { role: clusterRole.name, policyArn: account.managedPolicyArn('AmazonEKSClusterPolicy') });
    const secretsKeyUse = new DataAwsIamPolicyDocument(this, 'cluster-secrets-key-use', {
      statement: [{ effect: 'Allow', actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey'], resources: [props.secretsKeyArn] }],
    });
    const secretsKeyPolicy = new IamRolePolicy(this, 'cluster-secrets-key', { role: clusterRole.id, name: 'encrypt-kubernetes-secrets', policy: secretsKeyUse.json });

    // Created first, so EKS writes into a group whose retention we control.
    const logGroup = new CloudwatchLogGroup(this, 'control-plane-logs', { name: `/aws/eks/${props.name}/cluster`, retentionInDays: logRetention, tags });

    this.cluster = new AwsEksCluster(this, 'cluster', {
      name: props.name,
      version,
      roleArn: clusterRole.arn,
      vpcConfig: {
        subnetIds: privateSubnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: !privateEndpoint,
        publicAccessCidrs: privateEndpoint ? undefined : [...(cidrs ?? [])],
      },
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false },
      // The core add-ons are managed below, at explicit versions.
      bootstrapSelfManagedAddons: false,
      encryptionConfig: { provider: { keyArn: props.secretsKeyArn }, resources: ['secrets'] },
      enabledClusterLogTypes: [...EKS_LOG_TYPES],
      kubernetesNetworkConfig: { ipFamily: 'ipv4', serviceIpv4Cidr: serviceCidr },
      deletionProtection: !(props.allowDestroy ?? false),
      tags,
      dependsOn: [logGroup, clusterPolicy, secretsKeyPolicy],
    });
    if (props.allowDestroy ?? false) declarePolicyException(this.cluster, 'AWS-EKS-005', 'allowDestroy is set: the deployment is being torn down on purpose, so terraform destroy may delete it');
    const issuer = this.cluster.identity.get(0).oidc.get(0).issuer;
    const oidc = new IamOpenidConnectProvider(this, 'oidc-provider', { url: issuer, clientIdList: ['sts.amazonaws.com'], tags });
    this.oidcProvider = { arn: oidc.arn, issuerHostPath: Fn.replace(issuer, 'https://', '') };

    // --- access entries -------------------------------------------------------------------------------------------
    const principals: Array<[string, string]> = [];
    if (props.deployerAccess ?? true) principals.push(['deployer', account.principalArn]);
    admins.forEach((arn, i) => principals.push([`admin-${i}`, arn]));
    this.accessPolicies = principals.map(([entryId, principalArn]) => {
      const entry = new EksAccessEntry(this, `access-${entryId}`, { clusterName: this.cluster.name, principalArn, type: 'STANDARD', tags });
      return new EksAccessPolicyAssociation(this, `access-${entryId}-admin`, {
        clusterName: this.cluster.name,
        principalArn: entry.principalArn,
        policyArn: `arn:${account.partition}:eks::aws:cluster-access-policy/${EKS_CLUSTER_ADMIN_POLICY}`,
        accessScope: { type: 'cluster' },
      });
    });

    // --- add-ons before nodes: networking ----------------------------------------------------------------------------
    const cniRole = new AwsIrsaRole(this, 'vpc-cni-identity', {
      oidcProvider: this.oidcProvider,
      serviceAccount: { namespace: 'kube-system', name: 'aws-node' },
      roleName: `${props.name}-vpc-cni`,
      managedPolicyArns: { AmazonEKS_CNI_Policy: account.managedPolicyArn('AmazonEKS_CNI_Policy') },
      tags,
    });
    const addon = (name: EksCoreAddon | typeof EBS_CSI_DRIVER_ADDON, serviceAccountRoleArn?: string, dependsOn: ITerraformDependable[] = [], configurationValues?: string): EksAddon => {
      const pinned = name === EBS_CSI_DRIVER_ADDON ? props.blockStorage?.addonVersion : props.addonVersions?.[name];
      const versionOf = pinned ?? new DataAwsEksAddonVersion(this, `${name}-default-version`, { addonName: name, kubernetesVersion: version, mostRecent: false }).version;
      return new EksAddon(this, `addon-${name}`, {
        clusterName: this.cluster.name,
        addonName: name,
        addonVersion: versionOf,
        serviceAccountRoleArn,
        configurationValues,
        resolveConflictsOnCreate: 'OVERWRITE',
        resolveConflictsOnUpdate: 'OVERWRITE',
        tags,
        dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
      });
    };
    // The add-on's pods run with the CNI role from their first start, and nodes only become Ready once the CNI works:
    // both wait for the role's AmazonEKS_CNI_Policy attachment, and a destroy removes them before it.
    // The network policy agent runs in the aws-node pods once the add-on's configuration turns it on.
    const cniConfiguration = props.networkPolicy ? JSON.stringify({ enableNetworkPolicy: 'true' }) : undefined;
    const vpcCni = addon('vpc-cni', cniRole.roleArn, [...cniRole.permissions], cniConfiguration);
    const kubeProxy = addon('kube-proxy');

    // --- nodes ----------------------------------------------------------------------------------------------------------
    const nodeTrust = new DataAwsIamPolicyDocument(this, 'node-trust', {
      statement: [{ effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }] }],
    });
    this.nodeRole = new IamRole(this, 'node-role', { name: `${props.name}-nodes`, assumeRolePolicy: nodeTrust.json, tags });
    // Join the cluster and pull images; no network permissions (the CNI has its own role), no storage access.
    const nodePolicies = ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryPullOnly'].map(
      (policy) => new IamRolePolicyAttachment(this, `node-${policy}`, { role: this.nodeRole.name, policyArn: account.managedPolicyArn(policy) }),
    );
    const template = new LaunchTemplate(this, 'node-template', {
      namePrefix: `${props.name}-nodes-`,
      description: `Nodes of ${props.name}: IMDSv2 only, encrypted gp3 root volume`,
      // Hop limit 1: containers (one hop further) cannot read the node role's credentials from the metadata service.
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' },
      blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: diskSize, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' } }],
      tagSpecifications: [
        { resourceType: 'instance', tags: { ...tags, Name: `${props.name}-node` } },
        { resourceType: 'volume', tags: { ...tags, Name: `${props.name}-node` } },
      ],
      tags,
    });
    this.nodeGroup = new EksNodeGroup(this, 'nodes', {
      clusterName: this.cluster.name,
      nodeGroupNamePrefix: `${props.name}-nodes-`,
      // Follows the control plane: an upgrade of the cluster rolls the nodes in the same apply.
      version: this.cluster.version,
      nodeRoleArn: this.nodeRole.arn,
      subnetIds: privateSubnetIds,
      amiType: arch === 'arm64' ? 'AL2023_ARM_64_STANDARD' : 'AL2023_x86_64_STANDARD',
      capacityType,
      instanceTypes: [...instanceTypes],
      launchTemplate: { id: template.id, version: Fn.tostring(template.latestVersion) },
      scalingConfig: { minSize, maxSize, desiredSize },
      updateConfig: { maxUnavailable: 1 },
      tags,
      // Nodes need the NAT routes to join the cluster and pull images.
      dependsOn: [...nodePolicies, ...cniRole.permissions, vpcCni, kubeProxy, ...(props.network.privateDependables ?? [])],
      lifecycle: {
        // Scaling by hand or by an autoscaler is not undone; a replaced group comes up before the old one goes.
        ignoreChanges: ['scaling_config[0].desired_size'],
        createBeforeDestroy: true,
      },
    });
    // CoreDNS is a Deployment: it becomes ready only once nodes exist.
    const coredns = addon('coredns', undefined, [this.nodeGroup]);
    this.addons = { 'vpc-cni': vpcCni, 'kube-proxy': kubeProxy, coredns };

    // --- persistent volumes -----------------------------------------------------------------------------------------
    if (props.blockStorage !== undefined) {
      const ebsRole = new AwsIrsaRole(this, 'ebs-csi-identity', {
        oidcProvider: this.oidcProvider,
        serviceAccount: EBS_CSI_CONTROLLER_SERVICE_ACCOUNT,
        roleName: `${props.name}-ebs-csi`,
        managedPolicyArns: { AmazonEBSCSIDriverPolicy: account.managedPolicyArn('service-role/AmazonEBSCSIDriverPolicy') },
        tags,
      });
      // EC2 uses the key on the driver's behalf: it creates a grant for the volume, generates its data key, and
      // decrypts it when the volume is attached. Only through EC2 in this region.
      const viaEc2 = { test: 'StringEquals', variable: 'kms:ViaService', values: [`ec2.${region}.amazonaws.com`] };
      const keyUse = new DataAwsIamPolicyDocument(this, 'ebs-csi-key-use', {
        statement: [
          {
            sid: 'VolumeKey',
            effect: 'Allow',
            actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey'],
            resources: [props.blockStorage.kmsKeyArn],
            condition: [viaEc2],
          },
          {
            sid: 'VolumeKeyGrants',
            effect: 'Allow',
            actions: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
            resources: [props.blockStorage.kmsKeyArn],
            condition: [viaEc2, { test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] }],
          },
        ],
      });
      const keyPolicy = new IamRolePolicy(this, 'ebs-csi-key', { role: ebsRole.role.id, name: 'encrypted-volumes', policy: keyUse.json });
      // The controller is a Deployment: it needs nodes, and its role's permissions from its first start.
      this.ebsCsiDriver = addon(EBS_CSI_DRIVER_ADDON, ebsRole.roleArn, [this.nodeGroup, ...ebsRole.permissions, keyPolicy]);
    }

    this.name = this.cluster.name;
    this.oidcIssuerUrl = issuer;
    this.kubernetesVersion = version;
    this.clusterSecurityGroupId = this.cluster.vpcConfig.clusterSecurityGroupId;
    this.region = region;
    this.givenName = props.name;
  }

  /** The `aws eks get-token` exec plugin for this cluster (the AWS CLI must be on the PATH of whoever runs Terraform). */
  public execCredential(): ExecCredential {
    return {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: 'aws',
      args: ['eks', 'get-token', '--cluster-name', this.givenName, '--region', this.region, '--output', 'json'],
    };
  }

  public connect(scope: Construct, id = 'eks-cluster'): KubernetesConnection {
    const sameStack = TerraformStack.of(scope) === TerraformStack.of(this);
    if (sameStack) {
      return {
        host: this.cluster.endpoint,
        clusterCaCertificate: Fn.base64decode(this.cluster.certificateAuthority.get(0).data),
        exec: this.execCredential(),
        // Nodes, DNS and the deployer's access must exist before anything goes into the cluster, and stay until it is gone.
        dependsOn: [this.cluster, this.nodeGroup, this.addons.coredns, ...this.accessPolicies],
      };
    }
    // Read the cluster in the consuming stack, when Terraform runs there: nothing expires in remote state. By its given
    // name, so the provider settings are known at plan time and never come from the other stack's state.
    const data = new DataAwsEksCluster(scope, id, { name: this.givenName });
    return {
      host: data.endpoint,
      clusterCaCertificate: Fn.base64decode(data.certificateAuthority.get(0).data),
      exec: this.execCredential(),
      dependsOn: [data],
    };
  }
}
