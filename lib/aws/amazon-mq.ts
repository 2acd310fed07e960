import './provider-package';
import type { MqBroker } from '@cdktf/provider-aws/lib/mq-broker';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { MessageBroker } from '../core/message-broker';
import { lazyModule } from '../core/lazy-module';
import { addProviderIfMissing } from '../core/stack-providers';
import { ValidationError, checkOneOf, checkPattern, isUnresolved } from '../core/validation';
import { AwsNetworkRef } from './network';

// Only a config with its message bus on Amazon MQ builds a broker: load the binding then, not with this file.
const mqBroker = lazyModule(() => require('@cdktf/provider-aws/lib/mq-broker') as typeof import('@cdktf/provider-aws/lib/mq-broker'));

/**
 * RabbitMQ engine version of new brokers: 3.13, which Amazon MQ runs on the mq.t3, mq.m5 and mq.m7g instance types
 * (RabbitMQ 4.2 runs on mq.m7g only). A 3.13 broker reaches 4.2 in place: first its instance type to mq.m7g, then,
 * with no classic mirrored queues left, the engine version (docs/rabbitmq.md, "Upgrades"). From 3.13 on, Amazon MQ
 * takes the minor version only and applies patch releases itself in the maintenance window, which it requires
 * `auto_minor_version_upgrade = true` for. Checked in the Amazon MQ developer guide ("Managing Amazon MQ for RabbitMQ
 * engine versions", "In-place upgrade from RabbitMQ 3 to 4"), December 2026.
 */
export const AMAZON_MQ_RABBITMQ_VERSION = '3.13';

/** The Graviton instance types of Amazon MQ for RabbitMQ: all that 4.2 runs on, and 3.13's way to it. */
const M7G = ['mq.m7g.medium', 'mq.m7g.large', 'mq.m7g.xlarge', 'mq.m7g.2xlarge', 'mq.m7g.4xlarge', 'mq.m7g.8xlarge', 'mq.m7g.12xlarge', 'mq.m7g.16xlarge'];

/** Engine versions Amazon MQ for RabbitMQ creates brokers on, with the instance types each runs on. */
export const AMAZON_MQ_RABBITMQ_ENGINES: { readonly [version: string]: readonly string[] } = {
  '3.13': ['mq.t3.micro', 'mq.m5.large', 'mq.m5.xlarge', 'mq.m5.2xlarge', 'mq.m5.4xlarge', ...M7G],
  '4.2': M7G,
};

/** Deployment modes of a RabbitMQ broker: a three-node cluster over three zones behind a load balancer, or one node. */
export const AMAZON_MQ_DEPLOYMENT_MODES = ['CLUSTER_MULTI_AZ', 'SINGLE_INSTANCE'] as const;
/** One of {@link AMAZON_MQ_DEPLOYMENT_MODES}. */
export type AmazonMqDeploymentMode = (typeof AMAZON_MQ_DEPLOYMENT_MODES)[number];

/** Instance types a cluster cannot run on (burstable: single-instance development brokers only). */
const SINGLE_INSTANCE_ONLY = ['mq.t3.micro'];

/** Ports of a RabbitMQ broker: AMQP 0-9-1 over TLS, and the management UI and HTTP API over HTTPS. */
export const AMAZON_MQ_PORTS = { amqps: 5671, management: 443 } as const;

/** The administrator Amazon MQ creates with the broker; only the users Job logs in as it. */
export const AMAZON_MQ_ADMIN_USERNAME = 'terraform-admin';

/**
 * Characters of the administrator's password besides letters and digits. Amazon MQ refuses commas, colons and equals
 * signs (and wants 12-250 characters, at least 4 distinct); the users Job also writes the password into a quoted curl
 * config line, so no quotes, backslashes or whitespace either.
 */
export const AMAZON_MQ_PASSWORD_SPECIALS = '!#%*+-._~^';

/** Weekly maintenance window start. */
export interface AmazonMqMaintenanceWindow {
  /** Day, e.g. `SUNDAY`. */
  readonly dayOfWeek: string;
  /** Start time, `HH:MM` (24-hour), in UTC. */
  readonly timeOfDay: string;
}

/** Properties of {@link AwsAmazonMq}. */
export interface AwsAmazonMqProps {
  /** Broker name, unique in the account and region: 1-50 letters, digits, `-` and `_`. */
  readonly brokerName: string;
  /** VPC whose private subnets the broker is placed in. */
  readonly network: AwsNetworkRef;
  /** Security groups (the cluster's) whose members may connect on AMQPS 5671 and HTTPS 443, by a stable id. */
  readonly allowedSecurityGroups: { readonly [id: string]: string };
  /** Engine version, one of {@link AMAZON_MQ_RABBITMQ_ENGINES}. @default {@link AMAZON_MQ_RABBITMQ_VERSION} */
  readonly engineVersion?: string;
  /**
   * `CLUSTER_MULTI_AZ` (three nodes in three zones, quorum queues replicated, covered by the Amazon MQ SLA) or
   * `SINGLE_INSTANCE` (one node: cheaper, for development; a node failure or maintenance stops the bus).
   * @default "CLUSTER_MULTI_AZ"
   */
  readonly deploymentMode?: AmazonMqDeploymentMode;
  /** Host instance type of each node. @default "mq.m5.large" ("mq.m7g.large" with engine 4.2) */
  readonly instanceType?: string;
  /** Weekly maintenance window start (patches, reboots). @default Sunday 04:00 UTC */
  readonly maintenanceWindow?: AmazonMqMaintenanceWindow;
  /** Apply changes now rather than in the next maintenance window (a reboot: the bus is briefly down). @default false */
  readonly applyImmediately?: boolean;
  /** Let `terraform destroy` delete the broker (turns off `prevent_destroy`). @default false */
  readonly allowDestroy?: boolean;
  /** Tags for every resource. @default none */
  readonly tags?: { readonly [key: string]: string };
}

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/**
 * Amazon MQ for RabbitMQ in the VPC's private subnets, not publicly accessible: a three-node cluster over three zones
 * by default, reachable only from the given security groups on AMQPS (5671) and the management API (443). General
 * logs go to CloudWatch Logs, minor versions are applied automatically in the maintenance window, and the one
 * administrator Amazon MQ creates has a password generated by Terraform.
 *
 * Encryption at rest uses an AWS-owned key: Amazon MQ takes a customer-managed KMS key for ActiveMQ brokers only
 * (`encryption_options` does not apply to RabbitMQ brokers). Amazon MQ creates no user but the administrator: the
 * virtual host and the app's users are made through the management API ({@link RabbitMqApiUsers}, docs/rabbitmq.md).
 */
export class AwsAmazonMq extends Construct {
  /** The `aws_mq_broker`. */
  public readonly broker: MqBroker;
  /** The broker's security group, open on 5671 and 443 to the given security groups only. */
  public readonly securityGroup: SecurityGroup;
  /** Host name of the AMQPS endpoint (the cluster's load balancer, or the single node). */
  public readonly amqpsHost: string;
  /** Base URL of the management UI and HTTP API: `https://<host>` (port 443). */
  public readonly managementUrl: string;
  /** The administrator's name. */
  public readonly adminUsername = AMAZON_MQ_ADMIN_USERNAME;
  /** The administrator's password: a sensitive token. */
  public readonly adminPassword: string;
  /** The deployment mode. */
  public readonly deploymentMode: AmazonMqDeploymentMode;

  public constructor(scope: Construct, id: string, props: AwsAmazonMqProps) {
    super(scope, id);
    const name = checkPattern(this, 'brokerName', props.brokerName, /^[A-Za-z0-9_-]{1,50}$/, '1-50 letters, digits, "-" and "_"');
    const version = checkOneOf(this, 'engineVersion', props.engineVersion ?? AMAZON_MQ_RABBITMQ_VERSION, Object.keys(AMAZON_MQ_RABBITMQ_ENGINES));
    const mode = checkOneOf(this, 'deploymentMode', props.deploymentMode ?? 'CLUSTER_MULTI_AZ', AMAZON_MQ_DEPLOYMENT_MODES);
    const types = AMAZON_MQ_RABBITMQ_ENGINES[version]!;
    const instanceType = checkOneOf(this, 'instanceType', props.instanceType ?? (version === '3.13' ? 'mq.m5.large' : 'mq.m7g.large'), types);
    if (mode === 'CLUSTER_MULTI_AZ' && SINGLE_INSTANCE_ONLY.includes(instanceType)) {
      throw new ValidationError(this, 'instanceType', instanceType, `an instance type a cluster runs on (${types.filter((t) => !SINGLE_INSTANCE_ONLY.includes(t)).join(', ')}); ${instanceType} is for SINGLE_INSTANCE brokers only`);
    }
    const window = props.maintenanceWindow ?? { dayOfWeek: 'SUNDAY', timeOfDay: '04:00' };
    checkOneOf(this, 'maintenanceWindow.dayOfWeek', window.dayOfWeek, DAYS);
    checkPattern(this, 'maintenanceWindow.timeOfDay', window.timeOfDay, /^([01]\d|2[0-3]):[0-5]\d$/, 'a time "HH:MM" (24-hour, UTC)');
    if (Object.keys(props.allowedSecurityGroups).length === 0) {
      throw new ValidationError(this, 'allowedSecurityGroups', props.allowedSecurityGroups, "at least one security group (the cluster's) that may connect");
    }
    const subnets = props.network.privateSubnets;
    if (!isUnresolved(subnets) && subnets.length === 0) throw new ValidationError(this, 'network.privateSubnets', subnets, 'at least one private subnet');
    const tags = props.tags;

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      // A prefix, so a replacement can be created before the old group goes. No egress: the broker dials nothing.
      namePrefix: `${name}-mq-`,
      description: `Amazon MQ ${name}: AMQPS ${AMAZON_MQ_PORTS.amqps} and the management API ${AMAZON_MQ_PORTS.management} from the cluster only`,
      vpcId: props.network.vpcId,
      tags: { ...tags, Name: `${name}-mq` },
      lifecycle: { createBeforeDestroy: true },
    });
    for (const [sgId, source] of Object.entries(props.allowedSecurityGroups)) {
      for (const [portName, port] of Object.entries(AMAZON_MQ_PORTS)) {
        new VpcSecurityGroupIngressRule(this, `${portName}-from-${sgId}`, {
          securityGroupId: this.securityGroup.id,
          referencedSecurityGroupId: source,
          ipProtocol: 'tcp',
          fromPort: port,
          toPort: port,
          description: `${portName === 'amqps' ? 'AMQPS' : 'Management API (HTTPS)'} from ${sgId}`,
          tags,
        });
      }
    }

    addProviderIfMissing(this, 'random', (stack, pid) => new RandomProvider(stack, pid));
    const password = new Password(this, 'admin-password', {
      length: 40,
      minLower: 2,
      minUpper: 2,
      minNumeric: 2,
      minSpecial: 2,
      overrideSpecial: AMAZON_MQ_PASSWORD_SPECIALS,
    });

    this.deploymentMode = mode;
    this.broker = new (mqBroker().MqBroker)(this, 'broker', {
      brokerName: name,
      engineType: 'RabbitMQ',
      engineVersion: version,
      // Required from 3.13 on; Amazon MQ applies patch releases in the maintenance window.
      autoMinorVersionUpgrade: true,
      hostInstanceType: instanceType,
      deploymentMode: mode,
      // One subnet for a single node; the cluster spreads its nodes over the zones of the private subnets.
      subnetIds: mode === 'SINGLE_INSTANCE' ? [subnets[0]!.id] : subnets.map((s) => s.id),
      securityGroups: [this.securityGroup.id],
      publiclyAccessible: false,
      authenticationStrategy: 'simple',
      // RabbitMQ brokers are encrypted at rest with an AWS-owned key; a customer key is for ActiveMQ only.
      encryptionOptions: { useAwsOwnedKey: true },
      logs: { general: true },
      maintenanceWindowStartTime: { dayOfWeek: window.dayOfWeek, timeOfDay: window.timeOfDay, timeZone: 'UTC' },
      applyImmediately: props.applyImmediately ? true : undefined,
      // Amazon MQ for RabbitMQ creates this one user only; a changed user block replaces the broker.
      user: [{ username: AMAZON_MQ_ADMIN_USERNAME, password: password.result }],
      tags,
      timeouts: { create: '60m', update: '60m', delete: '60m' },
      lifecycle: { preventDestroy: !(props.allowDestroy ?? false) },
    });
    // The first instance carries the endpoints: the cluster's load balancer, or the single node.
    const instance = this.broker.instances.get(0);
    this.amqpsHost = Fn.trimsuffix(Fn.trimprefix(Fn.element(instance.endpoints, 0), 'amqps://'), `:${AMAZON_MQ_PORTS.amqps}`);
    this.managementUrl = Fn.trimsuffix(instance.consoleUrl, '/');
    this.adminPassword = password.result;
  }

  /** The broker as clients dial it: AMQPS on 5671 of the broker's endpoint, in `vhost`. */
  public messageBroker(vhost: string): MessageBroker {
    return { hostname: this.amqpsHost, port: AMAZON_MQ_PORTS.amqps, vhost, tls: true };
  }
}
