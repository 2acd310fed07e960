import { addressesOf, dependencyGraph, dependsOn } from '../../support/graph';
import { Synthesized } from '../../support/synth';
import { TaskclusterPair, addressAt, taskclusterExample, taskclusterPair } from './fixtures';

/**
 * taskcluster-eks with `messageBus.provider: amazon-mq` (a config variant: the examples keep the in-cluster RabbitMQ):
 * the broker in the infra stack, a users Job in the platform stack, no RabbitMQ in the cluster.
 */

const all = (json: Synthesized, type: string): Record<string, any> => json.resource?.[type] ?? {};

describe('taskcluster-eks with Amazon MQ', () => {
  let pair: TaskclusterPair;
  let inCluster: TaskclusterPair;
  beforeAll(() => {
    const config = taskclusterExample('taskcluster-eks');
    config.messageBus = { provider: 'amazon-mq' };
    pair = taskclusterPair('taskcluster-eks', config);
    inCluster = taskclusterPair('taskcluster-eks');
  });
  const broker = () => {
    const brokers = Object.values(all(pair.infraJson, 'aws_mq_broker'));
    expect(brokers).toHaveLength(1);
    return brokers[0];
  };

  test('one RabbitMQ broker: a private three-zone cluster on mq.m5.large, 3.13 with minor upgrades, general logs', () => {
    expect(broker()).toMatchObject({
      broker_name: 'taskcluster-rabbitmq',
      engine_type: 'RabbitMQ',
      engine_version: '3.13',
      auto_minor_version_upgrade: true,
      deployment_mode: 'CLUSTER_MULTI_AZ',
      host_instance_type: 'mq.m5.large',
      publicly_accessible: false,
      logs: { general: true },
      lifecycle: { prevent_destroy: true },
    });
    // Every private subnet of the VPC, no public one.
    const subnets = broker().subnet_ids as string[];
    expect(subnets).toHaveLength(3);
    for (const s of subnets) expect(s).toMatch(/^\$\{aws_(subnet|route_table_association)\.network_private-\d+[A-Za-z0-9_-]*\.(id|subnet_id)\}$/);
    // Its construct path, which names it forever.
    expect(addressAt(pair.infraJson, 'aws_mq_broker', '/message-bus/broker')).toMatch(/^aws_mq_broker\./);
  });

  test('its security group admits 5671 and 443 from the EKS cluster security group only', () => {
    const rules = Object.values(all(pair.infraJson, 'aws_vpc_security_group_ingress_rule')).filter((r: any) => String(r['//'].metadata.path).includes('/message-bus/'));
    expect(rules.map((r: any) => [r.from_port, r.to_port, r.ip_protocol]).sort()).toEqual([
      [443, 443, 'tcp'],
      [5671, 5671, 'tcp'],
    ]);
    for (const r of rules as any[]) {
      expect(r.referenced_security_group_id).toMatch(/^\$\{aws_eks_cluster\.[^.]+\.vpc_config\[0\]\.cluster_security_group_id\}$/);
      expect(r.cidr_ipv4).toBeUndefined();
    }
    const sg = broker().security_groups[0] as string;
    expect(rules.every((r: any) => r.security_group_id === sg)).toBe(true);
  });

  test('no RabbitMQ in the cluster: no StatefulSet, no NetworkPolicy, no StorageClass, no EBS CSI add-on, no network policy agent', () => {
    expect(all(pair.platformJson, 'kubernetes_stateful_set_v1')).toEqual({});
    expect(all(pair.platformJson, 'kubernetes_network_policy_v1')).toEqual({});
    expect(all(pair.platformJson, 'kubernetes_storage_class_v1')).toEqual({});
    const addons = Object.values(all(pair.infraJson, 'aws_eks_addon')).map((a: any) => a.addon_name);
    expect(addons).not.toContain('aws-ebs-csi-driver');
    expect(JSON.stringify(all(pair.infraJson, 'aws_eks_addon'))).not.toContain('enableNetworkPolicy');
    // The same checks fail on the default (in-cluster) config.
    expect(Object.keys(all(inCluster.platformJson, 'kubernetes_stateful_set_v1'))).toHaveLength(1);
    expect(Object.values(all(inCluster.infraJson, 'aws_eks_addon')).map((a: any) => a.addon_name)).toContain('aws-ebs-csi-driver');
    expect(Object.values(all(inCluster.infraJson, 'aws_mq_broker'))).toHaveLength(0);
  });

  test('Taskcluster dials AMQPS on the broker: pulseAmqps true and the host from the broker endpoint', () => {
    const values = JSON.stringify(pair.infraJson.locals);
    expect(values).toMatch(/"pulseHostname":"\$\{trimsuffix\(trimprefix\(element\(aws_mq_broker\.[^.]+\.instances\[0\]\.endpoints, 0\), \\"amqps:\/\/\\"\), \\":5671\\"\)\}"/);
    expect(values).toContain('"pulseAmqps":true');
    expect(values).not.toContain('.svc.cluster.local');
  });

  describe('ordering', () => {
    let graph: ReturnType<typeof dependencyGraph>;
    let release: string;
    let migrations: string;
    let usersJob: string;
    beforeAll(() => {
      graph = dependencyGraph(pair.platformJson);
      release = addressAt(pair.platformJson, 'helm_release', '/taskcluster/release');
      migrations = addressAt(pair.platformJson, 'kubernetes_job_v1', '/taskcluster-migrations/job');
      usersJob = addressAt(pair.platformJson, 'kubernetes_job_v1', '/message-bus-users/users');
    });

    test('release -> migrations -> users Job, and nothing the other way', () => {
      expect(dependsOn(graph, release, migrations)).toBe(true);
      expect(dependsOn(graph, migrations, usersJob)).toBe(true);
      expect(dependsOn(graph, release, usersJob)).toBe(true);
      expect(dependsOn(graph, usersJob, release)).toBe(false);
      expect(dependsOn(graph, usersJob, migrations)).toBe(false);
    });

    test('the users Job reads the broker (the infra stack, applied first) through the remote state: its console URL', () => {
      const remote = addressesOf(graph, 'data.terraform_remote_state');
      expect(remote).toHaveLength(1);
      expect(dependsOn(graph, usersJob, remote[0]!)).toBe(true);
      const job = all(pair.platformJson, 'kubernetes_job_v1')[usersJob.split('.')[1]!];
      const url = job.spec.template.spec.container[0].env.find((e: any) => e.name === 'RABBITMQ_API_URL').value as string;
      const output = /outputs\.(cross-stack-output-[A-Za-z0-9_-]+)/.exec(url)![1]!;
      expect(pair.infraJson.output![output].value).toMatch(/aws_mq_broker\.[^.]+\.instances\[0\]\.console_url/);
      expect(pair.platform.dependencies).toContain(pair.infra);
    });
  });

  test('the broker administrator\'s password: generated, in the broker and one platform Secret, only through sensitive outputs', () => {
    const user = broker().user[0];
    expect(user.username).toBe('terraform-admin');
    const pw = /^\$\{(random_password\.[^.}]+)\.result\}$/.exec(user.password)![1]!;
    // Every infra output that reads it is sensitive; no shell, Secret or values output reads it.
    const readers = Object.entries(pair.infraJson.output!).filter(([, o]: [string, any]) => JSON.stringify(o.value).includes(pw));
    expect(readers.length).toBeGreaterThan(0);
    for (const [name, o] of readers as [string, any][]) expect({ name, sensitive: o.sensitive }).toEqual({ name, sensitive: true });
    expect(readers.map(([n]) => n)).not.toEqual(expect.arrayContaining(['shell', 'helm_values', 'kubernetes_secrets']));
    // In the platform stack, only the admin Secret mentions those outputs.
    const mentions = Object.entries(pair.platformJson.resource!)
      .flatMap(([type, byName]) => Object.values(byName).map((r: any) => ({ type, path: r['//'].metadata.path as string, text: JSON.stringify(r) })))
      .filter((r) => readers.some(([n]) => r.text.includes(`outputs.${n}`)))
      .map((r) => `${r.type} ${r.path.split('/').slice(1).join('/')}`);
    expect(mentions).toEqual(['kubernetes_secret_v1 message-bus-users/admin-secret']);
  });

  test('the Pulse users\' passwords reach the users Job only through its bodies Secret', () => {
    const job = all(pair.platformJson, 'kubernetes_job_v1')[addressAt(pair.platformJson, 'kubernetes_job_v1', '/message-bus-users/users').split('.')[1]!];
    expect(JSON.stringify(job)).not.toMatch(/random_password|cross-stack-output-random_password/);
    const bodies = Object.values(all(pair.platformJson, 'kubernetes_secret_v1')).find((s: any) => s.metadata.name === 'message-bus-users') as any;
    expect(Object.keys(bodies.data).filter((k) => k.startsWith('user-'))).toHaveLength(Object.keys(bodies.data).filter((k) => k.startsWith('permissions-')).length);
    expect(Object.keys(bodies.data).filter((k) => k.startsWith('user-')).length).toBeGreaterThanOrEqual(8);
  });
});
