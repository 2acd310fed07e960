import './provider-package';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { parseCidr } from '../core/cidr';
import { ValidationError, checkCidr, checkCidrWithin, checkInt, checkList, checkNoOverlap, checkOneOf, isUnresolved } from '../core/validation';
import { AwsAccount } from './account';
import { checkAvailabilityZones, defaultAvailabilityZones } from './regions';

/** A subnet other constructs attach to. */
export interface AwsSubnetRef {
  /** Id of the subnet. */
  readonly id: string;
  /** Address range of the subnet (CIDR). */
  readonly cidr: string;
  /** Availability zone of the subnet. */
  readonly availabilityZone: string;
}

/** The network contract the cluster, the database and the load balancer build on; a bring-your-own VPC implements it too. */
export interface AwsNetworkRef {
  /** Id of the VPC. */
  readonly vpcId: string;
  /** Address range of the VPC (CIDR). */
  readonly cidr: string;
  /** Availability zones the subnets are spread over. */
  readonly availabilityZones: readonly string[];
  /** One private subnet per zone (nodes, database); outbound through NAT. */
  readonly privateSubnets: readonly AwsSubnetRef[];
  /** One public subnet per zone (load balancers, NAT gateways). */
  readonly publicSubnets: readonly AwsSubnetRef[];
  /** What must exist before a public load balancer can be placed (routes to the internet gateway). */
  readonly publicDependables: readonly ITerraformDependable[];
  /** What must exist before anything in the private subnets needs the internet (the NAT routes). @default none */
  readonly privateDependables?: readonly ITerraformDependable[];
}

/** Retention values CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS: readonly number[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** Properties of {@link AwsVpc}. */
export interface AwsVpcProps {
  /** Name prefix of every resource (`Name` tags). */
  readonly name: string;
  /** Region the VPC lives in (zones are checked against it). */
  readonly region: string;
  /** 2 or 3 zones of the region. @default `<region>a`, `b`, `c` (the region's exceptions where those letters are closed) */
  readonly availabilityZones?: readonly string[];
  /** VPC address range, /16 to /24. @default "10.50.0.0/16" */
  readonly vpcCidr?: string;
  /** Prefix length of each private subnet (pods take VPC addresses, so make these big). @default 19 */
  readonly privateSubnetPrefixLength?: number;
  /** Prefix length of each public subnet. @default 24 */
  readonly publicSubnetPrefixLength?: number;
  /** Explicit private subnets, one per zone, inside the VPC. @default carved from the start of the VPC range */
  readonly privateSubnetCidrs?: readonly string[];
  /** Explicit public subnets, one per zone, inside the VPC. @default carved after the private subnets */
  readonly publicSubnetCidrs?: readonly string[];
  /**
   * One NAT gateway (in the first zone) for all zones. With `false`, one per zone: egress survives a zone outage, but
   * each NAT gateway takes an Elastic IP, and three of them plus the three ingress addresses exceed the default
   * `EC2-VPC Elastic IPs` quota of 5 per region.
   * @default true
   */
  readonly singleNatGateway?: boolean;
  /** Days VPC flow logs are kept in CloudWatch Logs (one of CloudWatch's retention values). @default 90 */
  readonly flowLogRetentionDays?: number;
  /** EKS cluster that uses the subnets: they get its `kubernetes.io/cluster/<name>` tag. @default no cluster tag */
  readonly clusterName?: string;
  /** Tags for every resource. @default none */
  readonly tags?: { readonly [key: string]: string };
}

/**
 * A VPC across 2 or 3 availability zones: a private and a public subnet per zone, tagged for Kubernetes load balancers
 * (`kubernetes.io/role/internal-elb` and `kubernetes.io/role/elb`); an internet gateway; one NAT gateway shared by all
 * zones (one per zone as an option); an S3 gateway endpoint so bucket traffic stays off NAT; flow logs of all traffic
 * to CloudWatch Logs; and the default security group stripped of every rule, so nothing can use it by accident.
 * Every NAT address is an `aws_eip` resource of the stack, so a quota check can count them.
 */
export class AwsVpc extends Construct implements AwsNetworkRef {
  /** The `aws_vpc` resource. */
  public readonly vpc: Vpc;
  public readonly vpcId: string;
  public readonly cidr: string;
  public readonly availabilityZones: readonly string[];
  public readonly privateSubnets: readonly AwsSubnetRef[];
  public readonly publicSubnets: readonly AwsSubnetRef[];
  public readonly publicDependables: readonly ITerraformDependable[];
  public readonly privateDependables: readonly ITerraformDependable[];
  /** The NAT gateways (one, or one per zone). */
  public readonly natGateways: readonly NatGateway[];

  public constructor(scope: Construct, id: string, props: AwsVpcProps) {
    super(scope, id);
    const zones = props.availabilityZones ?? defaultAvailabilityZones(this, 'availabilityZones', props.region);
    checkAvailabilityZones(this, 'availabilityZones', zones, props.region);
    const cidr = checkCidr(this, 'vpcCidr', props.vpcCidr ?? '10.50.0.0/16', 16, 24);
    const privatePrefix = checkInt(this, 'privateSubnetPrefixLength', props.privateSubnetPrefixLength ?? 19, 17, 28);
    const publicPrefix = checkInt(this, 'publicSubnetPrefixLength', props.publicSubnetPrefixLength ?? 24, 17, 28);
    const retention = checkOneOf(this, 'flowLogRetentionDays', props.flowLogRetentionDays ?? 90, LOG_RETENTION_DAYS);
    const singleNat = props.singleNatGateway ?? true;
    if (props.clusterName !== undefined && isUnresolved(props.clusterName)) {
      throw new ValidationError(this, 'clusterName', props.clusterName, 'a literal cluster name (it becomes a tag key)');
    }

    const [privateCidrs, publicCidrs] = subnetPlan(this, cidr, zones.length, cidrsOrSize(props.privateSubnetCidrs, privatePrefix), cidrsOrSize(props.publicSubnetCidrs, publicPrefix));
    const tags = { ...props.tags };
    const clusterTag: Record<string, string> = props.clusterName ? { [`kubernetes.io/cluster/${props.clusterName}`]: 'shared' } : {};

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: cidr,
      enableDnsSupport: true,
      // EKS private endpoints and RDS host names need DNS host names.
      enableDnsHostnames: true,
      tags: { ...tags, Name: `${props.name}-vpc` },
    });
    // Taking over the default security group removes its allow-all rules: nothing can use it by accident.
    new DefaultSecurityGroup(this, 'default-security-group', { vpcId: this.vpc.id, tags: { ...tags, Name: `${props.name}-default-deny` } });

    const igw = new InternetGateway(this, 'internet-gateway', { vpcId: this.vpc.id, tags: { ...tags, Name: `${props.name}-igw` } });
    const publicRoutes = new RouteTable(this, 'public-routes', { vpcId: this.vpc.id, tags: { ...tags, Name: `${props.name}-public` } });
    const internetRoute = new Route(this, 'public-internet', { routeTableId: publicRoutes.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });

    const publicSubnets: AwsSubnetRef[] = [];
    const privateSubnets: AwsSubnetRef[] = [];
    const privateRouteTables: RouteTable[] = [];
    const nats: NatGateway[] = [];
    const associations: ITerraformDependable[] = [internetRoute];
    const egress: ITerraformDependable[] = [];
    zones.forEach((zone, i) => {
      const pub = new Subnet(this, `public-${i}`, {
        vpcId: this.vpc.id,
        cidrBlock: publicCidrs[i]!,
        availabilityZone: zone,
        mapPublicIpOnLaunch: false,
        tags: { ...tags, ...clusterTag, Name: `${props.name}-public-${zone}`, 'kubernetes.io/role/elb': '1' },
      });
      associations.push(new RouteTableAssociation(this, `public-${i}-routes`, { subnetId: pub.id, routeTableId: publicRoutes.id }));
      publicSubnets.push({ id: pub.id, cidr: publicCidrs[i]!, availabilityZone: zone });

      if (i === 0 || !singleNat) {
        const eip = new Eip(this, `nat-${i}-address`, { domain: 'vpc', tags: { ...tags, Name: `${props.name}-nat-${zone}` } });
        nats.push(new NatGateway(this, `nat-${i}`, { allocationId: eip.allocationId, subnetId: pub.id, tags: { ...tags, Name: `${props.name}-nat-${zone}` }, dependsOn: [igw] }));
      }

      const priv = new Subnet(this, `private-${i}`, {
        vpcId: this.vpc.id,
        cidrBlock: privateCidrs[i]!,
        availabilityZone: zone,
        mapPublicIpOnLaunch: false,
        tags: { ...tags, ...clusterTag, Name: `${props.name}-private-${zone}`, 'kubernetes.io/role/internal-elb': '1' },
      });
      const rt = new RouteTable(this, `private-${i}-routes`, { vpcId: this.vpc.id, tags: { ...tags, Name: `${props.name}-private-${zone}` } });
      egress.push(new Route(this, `private-${i}-egress`, { routeTableId: rt.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nats[singleNat ? 0 : i]!.id }));
      const assoc = new RouteTableAssociation(this, `private-${i}-association`, { subnetId: priv.id, routeTableId: rt.id });
      privateRouteTables.push(rt);
      // Read the id through the association, so whatever is placed in the subnet waits for its route table.
      privateSubnets.push({ id: assoc.subnetId, cidr: privateCidrs[i]!, availabilityZone: zone });
    });

    // S3 traffic from the private subnets goes through a gateway endpoint: no NAT cost, never on the internet.
    new VpcEndpoint(this, 's3-endpoint', {
      vpcId: this.vpc.id,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: privateRouteTables.map((rt) => rt.id),
      tags: { ...tags, Name: `${props.name}-s3` },
    });

    this.flowLogs(props.name, retention, tags);

    this.vpcId = this.vpc.id;
    this.cidr = cidr;
    this.availabilityZones = zones;
    this.privateSubnets = privateSubnets;
    this.publicSubnets = publicSubnets;
    this.publicDependables = associations;
    this.privateDependables = egress;
    this.natGateways = nats;
  }

  private flowLogs(name: string, retention: number, tags: Record<string, string>): void {
    const account = AwsAccount.of(this);
    const group = new CloudwatchLogGroup(this, 'flow-log-group', {
      name: `/aws/vpc/${name}/flow-logs`,
      retentionInDays: retention,
      tags,
    });
    const trust = new DataAwsIamPolicyDocument(this, 'flow-log-trust', {
      statement: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }],
          // Only flow logs of this account may use the role (confused-deputy protection).
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [account.accountId] }],
        },
      ],
    });
    const role = new IamRole(this, 'flow-log-role', { name: `${name}-vpc-flow-logs`, assumeRolePolicy: trust.json, tags });
    const write = new DataAwsIamPolicyDocument(this, 'flow-log-write', {
      statement: [
        {
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [group.arn, `${group.arn}:*`],
        },
      ],
    });
    new IamRolePolicy(this, 'flow-log-policy', { role: role.id, name: 'write-flow-logs', policy: write.json });
    new FlowLog(this, 'flow-log', {
      vpcId: this.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: group.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 600,
      tags: { ...tags, Name: `${name}-flow-log` },
    });
  }
}

type CidrsOrSize = { readonly cidrs: readonly string[] } | { readonly prefix: number };

function cidrsOrSize(cidrs: readonly string[] | undefined, prefix: number): CidrsOrSize {
  return cidrs !== undefined ? { cidrs } : { prefix };
}

/**
 * Checks explicit subnets, or carves subnets of the given size from the VPC range: private first, then public, each
 * aligned to its size and clear of every subnet already placed.
 */
function subnetPlan(scope: Construct, vpcCidr: string, count: number, priv: CidrsOrSize, pub: CidrsOrSize): [string[], string[]] {
  const vpc = parseCidr(vpcCidr);
  const kinds: Array<[string, CidrsOrSize]> = [['privateSubnet', priv], ['publicSubnet', pub]];
  const taken: Array<{ start: number; end: number }> = [];
  const out: string[][] = [];
  const all: Record<string, string> = {};
  // Explicit lists first, so carved subnets keep clear of them.
  for (const [kind, spec] of kinds) {
    if (!('cidrs' in spec)) continue;
    const field = `${kind}Cidrs`;
    checkList(scope, field, spec.cidrs, (c, f) => {
      checkCidr(scope, f, c, 16, 28);
      checkCidrWithin(scope, f, c, 'cidr', vpcCidr);
    }, { minItems: count, maxItems: count });
    spec.cidrs.forEach((c, i) => {
      all[`${field}[${i}]`] = c;
      const parsed = parseCidr(c);
      if (parsed) taken.push(parsed);
    });
  }
  for (const [kind, spec] of kinds) {
    if ('cidrs' in spec) {
      out.push([...spec.cidrs]);
      continue;
    }
    const field = `${kind}PrefixLength`;
    if (!vpc || isUnresolved(vpcCidr)) throw new ValidationError(scope, 'vpcCidr', vpcCidr, 'a literal CIDR when subnets are carved from it');
    if (spec.prefix < vpc.prefix) throw new ValidationError(scope, field, spec.prefix, `a prefix length of at least the VPC's (/${vpc.prefix})`);
    const size = 2 ** (32 - spec.prefix);
    const cidrs: string[] = [];
    let cursor = vpc.start;
    for (let i = 0; i < count; i++) {
      for (;;) {
        cursor = Math.ceil(cursor / size) * size;
        const clash = taken.find((t) => t.start <= cursor + size - 1 && cursor <= t.end);
        if (!clash) break;
        cursor = clash.end + 1;
      }
      if (cursor + size - 1 > vpc.end) {
        throw new ValidationError(scope, field, spec.prefix, `subnet sizes that fit the VPC ${vpcCidr}: ${count} private and ${count} public subnets of these sizes do not; use longer prefixes or a larger VPC`);
      }
      cidrs.push(`${formatIpv4(cursor)}/${spec.prefix}`);
      taken.push({ start: cursor, end: cursor + size - 1 });
      cursor += size;
    }
    cidrs.forEach((c, i) => (all[`${kind}Cidrs[${i}]`] = c));
    out.push(cidrs);
  }
  checkNoOverlap(scope, all);
  return [out[0]!, out[1]!];
}

function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}
