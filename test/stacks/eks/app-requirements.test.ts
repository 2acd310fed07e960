import { Construct } from 'constructs';
import { AppContracts, AppProfile, AppRequirements, RenderedApp } from '../../../lib/apps/profile';
import { taskclusterApp } from '../../../lib/apps/taskcluster/app';
import { S3_OBJECT_ACTIONS } from '../../../lib/aws/identity';
import { checkPolicies, formatFinding } from '../../../lib/policy';
import { eksDeployment } from '../../../stacks/eks';
import { EksInfraStack } from '../../../stacks/eks/infra-stack';
import { Synthesized, resources, synthApp, testApp } from '../../support/synth';
import { expectValidationError } from '../../support/validation-matchers';
import { eksExample } from './example';

/**
 * An app that asks the EKS pair for everything Taskcluster needs: buckets reached with a static S3 key (and one by
 * workload identity), PostgreSQL 15 with a collation, an extension and login roles owned by the admin, and a RabbitMQ
 * message bus. The demo render puts every contract it gets into its Secret, so the test sees what the app would.
 */

interface DemoConfig {
  readonly domain: string;
}

const REQUIREMENTS: AppRequirements = {
  buckets: [
    // Versioned or expiring: a bucket that does neither is a policy finding (AWS-S3-003).
    { purpose: 'public-artifacts', keepsState: true, access: 's3-static-keys' },
    { purpose: 'private-artifacts', keepsState: false, expirationDays: 30, access: 's3-static-keys' },
    { purpose: 'object-backend', keepsState: true, access: 's3-static-keys' },
    { purpose: 'uploads', keepsState: true },
  ],
  postgres: {
    supportedMajorVersions: [15],
    databaseName: 'demo',
    owner: 'admin',
    collation: 'en_US.utf8',
    extensions: ['pgcrypto'],
    roles: [{ name: 'demo_queue' }, { name: 'demo_auth', attributes: ['CREATEROLE'] }],
  },
  serviceAccounts: [{ name: 'demo-web', id: 'demo-web', access: 'object-store' }],
  images: ['demo'],
  messageBus: {
    kind: 'rabbitmq',
    vhost: 'demo',
    users: [
      { name: 'demo-queue', configure: '^queue/.*', write: '^queue/.*', read: '^queue/.*' },
      { name: 'demo-notify', configure: '^notify/.*', write: '^notify/.*', read: '^notify/.*' },
    ],
  },
};

const seen: { contracts?: AppContracts } = {};

function demoApp(requirements: AppRequirements = REQUIREMENTS): AppProfile<DemoConfig> {
  return {
    name: 'demo',
    title: 'Demo',
    configKey: 'demo',
    defaults: { deploymentName: 'demo', namespace: 'demo-ns' },
    domainField: 'domain',
    hostNames: (c) => [{ id: 'dns', fqdn: c.domain }],
    requirements: () => requirements,
    render: (_scope: Construct, c, _cloud, contracts): RenderedApp => {
      seen.contracts = contracts;
      const s3 = contracts.s3Api;
      const bus = contracts.messageBus;
      return {
        releaseName: 'demo',
        chart: { chart: 'demo-chart', repository: 'https://charts.example.com', version: '1.2.3' },
        secrets: [
          {
            name: 'demo-env',
            namespace: contracts.namespace,
            stringData: {
              S3_ACCESS_KEY_ID: s3?.accessKeyId ?? '',
              S3_SECRET_ACCESS_KEY: s3?.secretAccessKey ?? '',
              S3_REGION: s3?.region ?? '',
              S3_PUBLIC_BUCKET: s3?.buckets['public-artifacts'] ?? '',
              S3_SKIP_CORS: String(s3?.skipCorsConfiguration),
              AMQP_HOST: bus?.broker.hostname ?? '',
              AMQP_QUEUE_PASSWORD: bus?.users['demo-queue']?.password ?? '',
              DB_QUEUE_PASSWORD: contracts.databaseRoles?.demo_queue ?? '',
              DB_ADMIN_PASSWORD: contracts.database!.password ?? '',
            },
          },
        ],
        values: { host: c.domain },
        shell: {},
      };
    },
  };
}

function demoConfig(): any {
  const { spacelift: _s, name: _n, ...rest } = eksExample() as any;
  const { namespace: _ns, ...kubernetes } = rest.kubernetes;
  return { ...rest, kind: 'demo-eks', kubernetes, postgres: { ...rest.postgres, version: 15 }, demo: { domain: 'demo.example.com' } };
}

/** Statements of the policy document data source whose logical id starts with `prefix`. */
function statementsOf(json: Synthesized, prefix: string): any[] {
  const docs = Object.entries(json.data?.aws_iam_policy_document ?? {}).filter(([id]) => id.startsWith(prefix));
  if (docs.length !== 1) throw new Error(`expected one policy document ${prefix}*, found ${docs.length}`);
  return (docs[0]![1] as any).statement;
}

/** The logical id of the one resource of `type` whose logical id contains `part`. */
function logicalId(json: Synthesized, type: string, part: string): string {
  const ids = Object.keys(resources(json, type)).filter((id) => id.includes(part));
  if (ids.length !== 1) throw new Error(`expected one ${type} with ${part} in its id, found ${ids.join(', ')}`);
  return ids[0]!;
}

describe('an app that needs static-key buckets, database roles and a message bus on the EKS pair', () => {
  const app = testApp();
  const { infra, platform } = eksDeployment(app, demoConfig(), demoApp());
  const json = synthApp(app);
  const infraJson = json[infra.node.id]!;
  const platformJson = json[platform.node.id]!;
  const contracts = seen.contracts!;
  const bucketArn = (purpose: string) => `\${aws_s3_bucket.${logicalId(infraJson, 'aws_s3_bucket', `bucket-${purpose}`)}.arn}`;

  test('the buckets exist as always; one IAM user with one key over exactly the static-key buckets, the data key only through S3', () => {
    const buckets = Object.values(resources(infraJson, 'aws_s3_bucket')).map((b: any) => b.tags.purpose);
    expect(buckets.sort()).toEqual(['object-backend', 'private-artifacts', 'public-artifacts', 'uploads']);
    const users = Object.values(resources(infraJson, 'aws_iam_user')) as any[];
    expect(users.map((u) => [u.name, u.path])).toEqual([['demo-s3-api', '/s3-api/']]);
    expect(Object.keys(resources(infraJson, 'aws_iam_access_key'))).toHaveLength(1);
    const keyed = ['public-artifacts', 'private-artifacts', 'object-backend'].map(bucketArn);
    const [objects, bucketLevel, key] = statementsOf(infraJson, 's3-api-key_permissions');
    expect(objects).toMatchObject({ actions: [...S3_OBJECT_ACTIONS], resources: keyed.map((a) => `${a}/*`) });
    expect(bucketLevel.resources).toEqual(keyed);
    expect(bucketLevel.actions).not.toContain('s3:PutBucketCORS');
    const dataKey = `\${aws_kms_key.${logicalId(infraJson, 'aws_kms_key', 'data-key')}.arn}`;
    expect(key).toMatchObject({ resources: [dataKey], actions: ['kms:Decrypt', 'kms:GenerateDataKey'] });
    expect(JSON.stringify(key.condition)).toContain('s3.eu-west-1.amazonaws.com');
  });

  test('a service account without bucket grants gets the workload-identity buckets only', () => {
    const permissions = JSON.stringify(statementsOf(infraJson, 'demo-web-identity_permissions'));
    expect(permissions).toContain(bucketArn('uploads'));
    for (const purpose of ['public-artifacts', 'private-artifacts', 'object-backend']) expect(permissions).not.toContain(bucketArn(purpose));
  });

  test('the render step gets the S3 API store: AWS endpoint, the region, the keyed buckets by purpose, CORS left to Terraform', () => {
    const s3 = contracts.s3Api!;
    expect(s3).toBe(infra.s3ApiKey);
    expect(s3).toMatchObject({ endpoint: undefined, region: 'eu-west-1', forcePathStyle: false, skipCorsConfiguration: true });
    expect(Object.keys(s3.buckets).sort()).toEqual(['object-backend', 'private-artifacts', 'public-artifacts']);
    expect(s3.buckets['public-artifacts']).toBe(infra.storage.buckets['public-artifacts']);
    const data = infraJson.locals!.demo_env_data;
    expect(data.S3_ACCESS_KEY_ID).toMatch(/^\$\{aws_iam_access_key\.[^.]+\.id\}$/);
    expect(data.S3_SECRET_ACCESS_KEY).toMatch(/^\$\{aws_iam_access_key\.[^.]+\.secret\}$/);
    expect(data.S3_SKIP_CORS).toBe('true');
  });

  test('PostgreSQL 15 on RDS with the app\'s database; the admin is the master login, verified (verify-full, RDS CA)', () => {
    const db = Object.values(resources(infraJson, 'aws_db_instance'))[0] as any;
    expect(db).toMatchObject({ engine: 'postgres', engine_version: '15', db_name: 'demo' });
    expect(infra.adminDatabase).toBe(infra.postgres);
    expect(infra.adminDatabase).toMatchObject({ database: 'demo', tlsMode: 'verify-full', majorVersion: 15 });
    expect(infra.adminDatabase!.username).toBe(db.username);
    expect(infra.adminDatabase!.caCertificatePem).toBeDefined();
    expect(contracts.database).toBe(infra.adminDatabase);
  });

  test('one generated password per database role and per message bus user; the contracts carry them and the broker', () => {
    const passwords = Object.keys(resources(infraJson, 'random_password'));
    for (const id of ['database-role-demo-queue-password', 'database-role-demo-auth-password', 'message-bus-demo-queue-password', 'message-bus-demo-notify-password']) {
      expect(passwords.filter((p) => p.startsWith(id))).toHaveLength(1);
    }
    expect(Object.keys(contracts.databaseRoles!).sort()).toEqual(['demo_auth', 'demo_queue']);
    expect(contracts.messageBus!.broker).toMatchObject({ hostname: 'rabbitmq.demo-ns.svc.cluster.local', port: 5672, vhost: 'demo' });
    expect(Object.keys(contracts.messageBus!.users).sort()).toEqual(['demo-notify', 'demo-queue']);
    const data = infraJson.locals!.demo_env_data;
    expect(data.AMQP_QUEUE_PASSWORD).toMatch(/^\$\{random_password\.message-bus-demo-queue-password[^.]*\.result\}$/);
    expect(data.DB_QUEUE_PASSWORD).toMatch(/^\$\{random_password\.database-role-demo-queue-password[^.]*\.result\}$/);
  });

  test('the cluster gets the EBS CSI driver (volume key: the data key) and enforces NetworkPolicies', () => {
    const addons = Object.values(resources(infraJson, 'aws_eks_addon')) as any[];
    expect(addons.map((a) => a.addon_name).sort()).toEqual(['aws-ebs-csi-driver', 'coredns', 'kube-proxy', 'vpc-cni']);
    expect(addons.find((a) => a.addon_name === 'vpc-cni').configuration_values).toContain('enableNetworkPolicy');
    expect(JSON.stringify(statementsOf(infraJson, 'cluster_ebs-csi-key-use'))).toContain(logicalId(infraJson, 'aws_kms_key', 'data-key'));
  });

  test('the platform stack: a default encrypted StorageClass, the bootstrap Job, RabbitMQ on the class; the release waits for both', () => {
    const sc = Object.values(resources(platformJson, 'kubernetes_storage_class_v1')) as any[];
    expect(sc).toHaveLength(1);
    expect(sc[0]).toMatchObject({ storage_provisioner: 'ebs.csi.aws.com', parameters: { encrypted: 'true' }, metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } });
    expect(sc[0].parameters.kmsKeyId).toMatch(/terraform_remote_state.*aws_kms_keydata-key.*arn/);
    expect(platform.databaseBootstrap).toBeDefined();
    expect(platform.messageBus).toBeDefined();
    const statefulSet = Object.entries(resources(platformJson, 'kubernetes_stateful_set_v1')).find(([id]) => id.startsWith('message-bus'))!;
    expect(statefulSet[1].depends_on.join()).toContain('kubernetes_storage_class_v1.');
    const release = Object.values(resources(platformJson, 'helm_release')).find((r: any) => r.chart === 'demo-chart') as any;
    const waits = release.depends_on.join();
    expect(waits).toContain(`kubernetes_job_v1.${logicalId(platformJson, 'kubernetes_job_v1', 'app-database-bootstrap')}`);
    expect(waits).toContain(`kubernetes_job_v1.${logicalId(platformJson, 'kubernetes_job_v1', 'message-bus')}`);
  });

  test('the bootstrap connects as the master login with verify-full and the RDS CA, and creates the roles, collation and extension', () => {
    const bootstrap = platform.databaseBootstrap!;
    expect(bootstrap.manifests.configMap).toBeDefined();
    const env = JSON.stringify(resources(platformJson, 'kubernetes_job_v1')[logicalId(platformJson, 'kubernetes_job_v1', 'app-database-bootstrap')]);
    expect(env).toContain('verify-full');
    expect(env).toContain('PGSSLROOTCERT');
    const text = JSON.stringify(platformJson);
    for (const value of ['demo_queue', 'demo_auth', 'en_US.utf8', 'pgcrypto']) expect(text).toContain(value);
  });

  test('the policy pack finds nothing in either stack', () => {
    for (const stack of [infra, platform]) {
      const report = checkPolicies(stack);
      expect({ stack: stack.node.id, errors: report.errors, findings: report.findings.map(formatFinding) }).toEqual({ stack: stack.node.id, errors: [], findings: [] });
    }
  });

  test('no secret value in the synthesized JSON: Secrets hold references, and the outputs that carry them are sensitive', () => {
    const data = infraJson.locals!.demo_env_data;
    for (const key of ['S3_SECRET_ACCESS_KEY', 'AMQP_QUEUE_PASSWORD', 'DB_QUEUE_PASSWORD', 'DB_ADMIN_PASSWORD']) expect(data[key]).toMatch(/^\$\{[^}]+\}$/);
    const outputs = Object.entries(infraJson.output ?? {}) as [string, any][];
    for (const [name, output] of outputs) {
      if (/access_key|random_password|demo_env/.test(JSON.stringify(output.value))) expect({ name, sensitive: output.sensitive }).toEqual({ name, sensitive: true });
    }
    // Every Secret of the platform stack (the app's, RabbitMQ's, the bootstrap's) holds only Terraform expressions.
    const secrets = Object.values(resources(platformJson, 'kubernetes_secret_v1')) as any[];
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    for (const s of secrets) {
      const values = typeof s.data === 'string' ? [s.data] : Object.values(s.data ?? {});
      for (const v of values) expect({ secret: s.metadata.name, value: v }).toEqual({ secret: s.metadata.name, value: expect.stringMatching(/^\$\{[\s\S]*\}$/) });
    }
  });
});

describe('what the EKS pair does not build, and Spacelift-shaped apps', () => {
  test('in-cluster components still fail the synth, naming the field', () => {
    expectValidationError(() => eksDeployment(testApp(), demoConfig(), demoApp({ ...REQUIREMENTS, components: ['s3-gateway'] })), 'requirements.components', ['s3-gateway']);
  });

  test('a collation other than the RDS locale fails the synth (the database exists before the bootstrap runs)', () => {
    const postgres = { ...REQUIREMENTS.postgres!, collation: 'C' };
    expectValidationError(() => eksDeployment(testApp(), demoConfig(), demoApp({ ...REQUIREMENTS, postgres })), 'requirements.postgres.collation', 'C');
  });

  test('an app with no message bus gets no EBS CSI driver, no StorageClass and no network policy agent', () => {
    const app = testApp();
    const { infra, platform } = eksDeployment(app, demoConfig(), demoApp({ ...REQUIREMENTS, messageBus: { kind: 'none' } }));
    expect((infra as EksInfraStack<DemoConfig>).appSecrets.messageBus).toBeUndefined();
    expect(platform.storageClass).toBeUndefined();
    expect(platform.messageBus).toBeUndefined();
    expect(infra.cluster.ebsCsiDriver).toBeUndefined();
  });
});

describe('Taskcluster (taskclusterApp) on the EKS pair', () => {
  const app = testApp();
  const { spacelift: _s, name: _n, demo: _d, ...rest } = demoConfig();
  const config = { ...rest, kind: 'taskcluster-eks', taskcluster: { domain: 'tc.example.com' } };
  const { infra, platform } = eksDeployment(app, config as any, taskclusterApp);
  const json = synthApp(app);

  test('synthesizes: the three buckets behind one key, no ECR repository, the bootstrap, RabbitMQ and the release', () => {
    const infraJson = json[infra.node.id]!;
    expect(Object.values(resources(infraJson, 'aws_iam_user')).map((u: any) => u.name)).toEqual(['taskcluster-s3-api']);
    expect(Object.keys(infra.s3ApiKey!.buckets).sort()).toEqual(['object-backend', 'private-artifacts', 'public-artifacts']);
    expect(resources(infraJson, 'aws_ecr_repository')).toEqual({});
    expect(platform.databaseBootstrap).toBeDefined();
    expect(platform.messageBus).toBeDefined();
    expect(Object.values(resources(json[platform.node.id]!, 'helm_release')).map((r: any) => r.name)).toContain('taskcluster');
  });

  test('the policy pack finds nothing, and nothing is suppressed but what the library declares (the buckets are versioned)', () => {
    const reports = [infra, platform].map((stack) => checkPolicies(stack));
    expect(reports.flatMap((r) => r.errors)).toEqual([]);
    expect(reports.flatMap((r) => r.findings).map(formatFinding)).toEqual([]);
    expect(reports.flatMap((r) => r.suppressed).filter((f) => f.suppressedBy !== 'library')).toEqual([]);
    const versioned = Object.values(resources(json[infra.node.id]!, 'aws_s3_bucket_versioning')).map((v: any) => v.versioning_configuration.status);
    expect(versioned).toEqual(['Enabled', 'Enabled', 'Enabled']);
  });
});
