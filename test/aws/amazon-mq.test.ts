import { TerraformStack } from 'cdktf';
import { AMAZON_MQ_PASSWORD_SPECIALS, AMAZON_MQ_PORTS, AwsAmazonMq, AwsAmazonMqProps } from '../../lib/aws/amazon-mq';
import { checkPolicies } from '../../lib/policy/aspect';
import { Synthesized, only, resources, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { awsStack, expressionOf, networkRef } from './fixtures';

function props(over: Partial<AwsAmazonMqProps> = {}): AwsAmazonMqProps {
  return { brokerName: 'tc-rabbitmq', network: networkRef(), allowedSecurityGroups: { cluster: 'sg-cluster' }, ...over };
}

function make(over: Partial<AwsAmazonMqProps> = {}): { stack: TerraformStack; mq: AwsAmazonMq; json: Synthesized } {
  const stack = awsStack();
  const mq = new AwsAmazonMq(stack, 'mq', props(over));
  return { stack, mq, json: synth(stack) };
}

describe('AwsAmazonMq', () => {
  let base: ReturnType<typeof make>;
  beforeAll(() => {
    base = make();
  });
  const broker = () => only(base.json, 'aws_mq_broker');

  test('RabbitMQ 3.13, a three-zone cluster on mq.m5.large, private, in every private subnet, its own security group', () => {
    expect(broker()).toMatchObject({
      broker_name: 'tc-rabbitmq',
      engine_type: 'RabbitMQ',
      engine_version: '3.13',
      auto_minor_version_upgrade: true,
      host_instance_type: 'mq.m5.large',
      deployment_mode: 'CLUSTER_MULTI_AZ',
      publicly_accessible: false,
      authentication_strategy: 'simple',
      subnet_ids: ['subnet-private0', 'subnet-private1', 'subnet-private2'],
    });
    expect(broker().security_groups).toEqual([expect.stringMatching(/^\$\{aws_security_group\.[^.]+\.id\}$/)]);
  });

  test('general logs, a Sunday 04:00 UTC maintenance window, the AWS-owned key (RabbitMQ takes no other), prevent_destroy', () => {
    expect(broker().logs).toEqual({ general: true });
    expect(broker().maintenance_window_start_time).toEqual({ day_of_week: 'SUNDAY', time_of_day: '04:00', time_zone: 'UTC' });
    expect(broker().encryption_options).toEqual({ use_aws_owned_key: true });
    expect(broker().lifecycle.prevent_destroy).toBe(true);
    expect(broker().apply_immediately).toBeUndefined();
  });

  test('the security group admits AMQPS and HTTPS from the cluster group only, and nothing else (no egress)', () => {
    const sg = only(base.json, 'aws_security_group');
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
    const rules = Object.values(resources(base.json, 'aws_vpc_security_group_ingress_rule')) as any[];
    expect(rules.map((r) => [r.referenced_security_group_id, r.ip_protocol, r.from_port, r.to_port]).sort()).toEqual([
      ['sg-cluster', 'tcp', 443, 443],
      ['sg-cluster', 'tcp', 5671, 5671],
    ]);
    expect(rules.every((r) => r.cidr_ipv4 === undefined && r.cidr_ipv6 === undefined)).toBe(true);
    expect(Object.keys(resources(base.json, 'aws_vpc_security_group_egress_rule'))).toEqual([]);
  });

  test('the one administrator has a generated password Amazon MQ accepts (no comma, colon, equals; 40 characters)', () => {
    const pw = only(base.json, 'random_password');
    expect(pw.length).toBe(40);
    expect(pw.override_special).toBe(AMAZON_MQ_PASSWORD_SPECIALS);
    expect(AMAZON_MQ_PASSWORD_SPECIALS).not.toMatch(/[,:="'\\\s$`]/);
    expect(broker().user).toEqual([{ username: 'terraform-admin', password: expect.stringMatching(/^\$\{random_password\.[^.]+\.result\}$/) }]);
    const fresh = make();
    expect(expressionOf(fresh.stack, fresh.mq.adminPassword)).toMatch(/^\$\{random_password\.[^.]+\.result\}$/);
  });

  test('the contract: AMQPS on 5671 of the first endpoint, TLS; the management API at the console URL', () => {
    const b = base.mq.messageBroker('taskcluster');
    expect(b).toMatchObject({ port: AMAZON_MQ_PORTS.amqps, vhost: 'taskcluster', tls: true });
    expect(AMAZON_MQ_PORTS).toEqual({ amqps: 5671, management: 443 });
    const fresh = make();
    const resolved = { host: expressionOf(fresh.stack, fresh.mq.amqpsHost), api: expressionOf(fresh.stack, fresh.mq.managementUrl) };
    expect(b.hostname).toBe(base.mq.amqpsHost);
    expect(resolved.host).toMatch(/trimprefix\(element\(aws_mq_broker\.[^.]+\.instances\[0\]\.endpoints, 0\), "amqps:\/\/"\), ":5671"\)/);
    expect(resolved.api).toMatch(/trimsuffix\(aws_mq_broker\.[^.]+\.instances\[0\]\.console_url, "\/"\)/);
  });

  test('the policy pack finds nothing', () => {
    expect(checkPolicies(base.stack).findings.map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
  });

  test('a single instance: one subnet, the cheap burstable type allowed; engine 4.2 defaults to mq.m7g.large', () => {
    const single = make({ deploymentMode: 'SINGLE_INSTANCE', instanceType: 'mq.t3.micro', allowDestroy: true, applyImmediately: true });
    const b = only(single.json, 'aws_mq_broker');
    expect(b).toMatchObject({ deployment_mode: 'SINGLE_INSTANCE', host_instance_type: 'mq.t3.micro', subnet_ids: ['subnet-private0'], apply_immediately: true });
    expect(b.lifecycle.prevent_destroy).toBe(false);
    const four = only(make({ engineVersion: '4.2' }).json, 'aws_mq_broker');
    expect(four).toMatchObject({ engine_version: '4.2', host_instance_type: 'mq.m7g.large', auto_minor_version_upgrade: true });
  });

  test('the in-place way from 3.13 to 4.2: 3.13 on mq.m7g first (AWS\'s step 1), then 4.2 on the same instance type', () => {
    const step1 = only(make({ instanceType: 'mq.m7g.large' }).json, 'aws_mq_broker');
    const step3 = only(make({ engineVersion: '4.2', instanceType: 'mq.m7g.large' }).json, 'aws_mq_broker');
    expect(step1).toMatchObject({ engine_version: '3.13', host_instance_type: 'mq.m7g.large' });
    // Only the engine version differs between the two: nothing that makes Terraform replace the broker.
    const differing = Object.keys({ ...step1, ...step3 }).filter((k) => JSON.stringify(step1[k]) !== JSON.stringify(step3[k]));
    expect(differing).toEqual(['engine_version']);
  });

  describe('rejects at synth', () => {
    test('mq.t3.micro in a cluster', () => expectValidationError(() => make({ instanceType: 'mq.t3.micro' }), 'instanceType', 'mq.t3.micro'));
    test('an instance type of the other engine', () => expectValidationError(() => make({ engineVersion: '4.2', instanceType: 'mq.m5.large' }), 'instanceType', 'mq.m5.large'));
    test('an engine version Amazon MQ no longer creates', () => expectValidationError(() => make({ engineVersion: '3.12' }), 'engineVersion', '3.12'));
    test('ACTIVE_STANDBY_MULTI_AZ (ActiveMQ only)', () => expectValidationError(() => make({ deploymentMode: 'ACTIVE_STANDBY_MULTI_AZ' as never }), 'deploymentMode', 'ACTIVE_STANDBY_MULTI_AZ'));
    test('a broker name with a dot', () => expectValidationError(() => make({ brokerName: 'tc.rabbitmq' }), 'brokerName', 'tc.rabbitmq'));
    test('a maintenance day in lower case', () => expectValidationError(() => make({ maintenanceWindow: { dayOfWeek: 'sunday', timeOfDay: '04:00' } }), 'maintenanceWindow.dayOfWeek', 'sunday'));
    test('a maintenance time past 23:59', () => expectValidationError(() => make({ maintenanceWindow: { dayOfWeek: 'SUNDAY', timeOfDay: '24:00' } }), 'maintenanceWindow.timeOfDay', '24:00'));
    test('no security group', () => expectValidationError(() => make({ allowedSecurityGroups: {} }), 'allowedSecurityGroups', {}));
  });
});
