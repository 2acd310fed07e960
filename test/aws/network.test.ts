import { Fn, Token } from 'cdktf';
import { AwsVpc, AwsVpcProps } from '../../lib/aws/network';
import { only, resources, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { REGION, awsStack, byId, statements } from './fixtures';

function make(over: Partial<AwsVpcProps> = {}) {
  const stack = awsStack();
  const vpc = new AwsVpc(stack, 'net', { name: 'sl', region: REGION, clusterName: 'sl-eks', ...over });
  return { stack, vpc, json: synth(stack) };
}

const subnets = (json: any) => Object.values(resources(json, 'aws_subnet')) as any[];

describe('AwsVpc', () => {
  test('three zones: a /19 private and a /24 public subnet each, carved from the VPC range', () => {
    const { json, vpc } = make();
    expect(only(json, 'aws_vpc')).toMatchObject({ cidr_block: '10.50.0.0/16', enable_dns_support: true, enable_dns_hostnames: true });
    const all = subnets(json).map((s) => [s.cidr_block, s.availability_zone]);
    expect(all.sort()).toEqual(
      [
        ['10.50.0.0/19', 'eu-west-1a'],
        ['10.50.32.0/19', 'eu-west-1b'],
        ['10.50.64.0/19', 'eu-west-1c'],
        ['10.50.96.0/24', 'eu-west-1a'],
        ['10.50.97.0/24', 'eu-west-1b'],
        ['10.50.98.0/24', 'eu-west-1c'],
      ].sort(),
    );
    expect(vpc.privateSubnets.map((s) => s.cidr)).toEqual(['10.50.0.0/19', '10.50.32.0/19', '10.50.64.0/19']);
    expect(subnets(json).every((s) => s.map_public_ip_on_launch === false)).toBe(true);
  });

  test('subnets are tagged for Kubernetes load balancers and the cluster', () => {
    const { json } = make();
    const pub = byId(json, 'aws_subnet', 'public-0');
    const priv = byId(json, 'aws_subnet', 'private-0');
    expect(pub.tags).toMatchObject({ 'kubernetes.io/role/elb': '1', 'kubernetes.io/cluster/sl-eks': 'shared' });
    expect(priv.tags).toMatchObject({ 'kubernetes.io/role/internal-elb': '1', 'kubernetes.io/cluster/sl-eks': 'shared' });
    expect(pub.tags['kubernetes.io/role/internal-elb']).toBeUndefined();
  });

  test('by default one NAT gateway, in the first zone, shared by every zone: one Elastic IP', () => {
    const { json, vpc } = make();
    const nats = Object.keys(resources(json, 'aws_nat_gateway'));
    expect(nats).toHaveLength(1);
    expect(byId(json, 'aws_nat_gateway', 'nat-0').subnet_id).toMatch(/aws_subnet\.net_public-0_/);
    for (let i = 0; i < 3; i++) expect(byId(json, 'aws_route', `private-${i}-egress`).nat_gateway_id).toContain(nats[0]!);
    expect(Object.keys(resources(json, 'aws_eip'))).toHaveLength(1);
    expect(vpc.natGateways).toHaveLength(1);
  });

  test('singleNatGateway: false: a NAT gateway (and an Elastic IP) per zone, each private route table through its own zone', () => {
    const { json } = make({ singleNatGateway: false });
    const nats = Object.keys(resources(json, 'aws_nat_gateway'));
    expect(nats).toHaveLength(3);
    expect(Object.keys(resources(json, 'aws_eip'))).toHaveLength(3);
    for (let i = 0; i < 3; i++) {
      const route = byId(json, 'aws_route', `private-${i}-egress`);
      expect(route.nat_gateway_id).toContain(nats.find((n) => n.includes(`nat-${i}`))!);
      expect(route.destination_cidr_block).toBe('0.0.0.0/0');
    }
    expect(byId(json, 'aws_route', 'public-internet').gateway_id).toMatch(/aws_internet_gateway/);
  });

  test('the default security group is taken over with no rules', () => {
    const sg = only(make().json, 'aws_default_security_group');
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
    expect(sg.vpc_id).toMatch(/aws_vpc/);
  });

  test('flow logs of all traffic go to a log group with retention, through a role only flow logs of this account can assume', () => {
    const { json } = make({ flowLogRetentionDays: 365 });
    expect(only(json, 'aws_flow_log')).toMatchObject({ traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' });
    expect(only(json, 'aws_cloudwatch_log_group')).toMatchObject({ name: '/aws/vpc/sl/flow-logs', retention_in_days: 365 });
    const [trust] = statements(json, 'flow-log-trust');
    expect(trust.principals).toEqual([{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }]);
    expect(trust.condition[0]).toMatchObject({ test: 'StringEquals', variable: 'aws:SourceAccount' });
    const [write] = statements(json, 'flow-log-write');
    expect(write.resources).toHaveLength(2);
  });

  test('an S3 gateway endpoint on the private route tables', () => {
    const ep = only(make().json, 'aws_vpc_endpoint');
    expect(ep).toMatchObject({ service_name: 'com.amazonaws.eu-west-1.s3', vpc_endpoint_type: 'Gateway' });
    expect(ep.route_table_ids).toHaveLength(3);
  });

  test('two zones give two of each subnet', () => {
    expect(subnets(make({ availabilityZones: ['eu-west-1a', 'eu-west-1b'] }).json)).toHaveLength(4);
  });

  test('explicit subnets are used as given, and carved ones keep clear of them', () => {
    const { vpc } = make({ privateSubnetCidrs: ['10.50.0.0/20', '10.50.16.0/20', '10.50.32.0/20'] });
    expect(vpc.privateSubnets.map((s) => s.cidr)).toEqual(['10.50.0.0/20', '10.50.16.0/20', '10.50.32.0/20']);
    expect(vpc.publicSubnets.map((s) => s.cidr)).toEqual(['10.50.48.0/24', '10.50.49.0/24', '10.50.50.0/24']);
  });

  test('throws on a VPC CIDR that is not one, or outside /16-/24', () => {
    expectValidationError(() => make({ vpcCidr: '10.50.0.0/33' }), 'vpcCidr', '10.50.0.0/33');
    expectValidationError(() => make({ vpcCidr: '10.0.0.0/8' }), 'vpcCidr', '10.0.0.0/8');
  });

  test('throws when the subnets do not fit the VPC', () => {
    expectValidationError(() => make({ vpcCidr: '10.50.0.0/20' }), 'privateSubnetPrefixLength', 19);
    expectValidationError(() => make({ vpcCidr: '10.50.0.0/22', privateSubnetPrefixLength: 24, publicSubnetPrefixLength: 24 }), 'publicSubnetPrefixLength', 24);
  });

  test('throws on an explicit subnet outside the VPC, overlapping another, or a wrong count', () => {
    expectValidationError(() => make({ publicSubnetCidrs: ['10.50.96.0/24', '10.50.97.0/24', '10.60.0.0/24'] }), 'publicSubnetCidrs[2]', '10.60.0.0/24');
    expectValidationError(
      () => make({ privateSubnetCidrs: ['10.50.0.0/19', '10.50.32.0/19', '10.50.64.0/19'], publicSubnetCidrs: ['10.50.0.0/24', '10.50.97.0/24', '10.50.98.0/24'] }),
      'publicSubnetCidrs[0]',
      '10.50.0.0/24',
    );
    expectValidationError(() => make({ privateSubnetCidrs: ['10.50.0.0/19'] }), 'privateSubnetCidrs', ['10.50.0.0/19']);
  });

  test('throws on zones of another region and on a retention CloudWatch does not offer', () => {
    expectValidationError(() => make({ availabilityZones: ['eu-west-1a', 'us-east-1b'] }), 'availabilityZones[1]', 'us-east-1b');
    expectValidationError(() => make({ flowLogRetentionDays: 45 }), 'flowLogRetentionDays', 45);
  });

  test('throws on subnet prefix lengths outside /17-/28 or larger than the VPC', () => {
    expectValidationError(() => make({ privateSubnetPrefixLength: 16 }), 'privateSubnetPrefixLength', 16);
    expectValidationError(() => make({ publicSubnetPrefixLength: 29 }), 'publicSubnetPrefixLength', 29);
    expectValidationError(() => make({ vpcCidr: '10.50.0.0/20', privateSubnetPrefixLength: 18 }), 'privateSubnetPrefixLength', 18);
  });

  test('throws on an explicit subnet with host bits, a cluster name only known at apply, or carving from an unknown range', () => {
    expectValidationError(() => make({ privateSubnetCidrs: ['10.50.0.1/19', '10.50.32.0/19', '10.50.64.0/19'] }), 'privateSubnetCidrs[0]', '10.50.0.1/19');
    const token = Token.asString(Fn.lower('X'));
    expectValidationError(() => make({ clusterName: token }), 'clusterName', token);
    expectValidationError(() => make({ vpcCidr: token }), 'vpcCidr', token);
  });
});
