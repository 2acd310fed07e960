import { Construct } from 'constructs';
import { taskclusterApp } from '../../../lib/apps/taskcluster/app';
import { AppContracts, AppProfile, AppRequirements, RenderedApp } from '../../../lib/apps/profile';
import { imageReference } from '../../../lib/core/registry';
import { checkPolicies } from '../../../lib/policy/aspect';
import { S3PROXY_REGION } from '../../../lib/kubernetes/s3-gateway/s3proxy';
import { AksCloudConfig, aksDeployment } from '../../../stacks/aks';
import { exampleConfig, resources, synthApp, testApp } from '../../support/synth';
import { expectValidationError } from '../../support/validation-matchers';

/**
 * An app that needs what Taskcluster needs on AKS, made up for the test: buckets reached with static S3 keys (and one
 * through workload identity), PostgreSQL 15 with a collation, an extension and login roles, a RabbitMQ vhost with
 * users, and the `s3-gateway` component. Its render step writes every contract it gets into a Secret, so the test
 * can see what reached it.
 */

interface DemoConfig {
  readonly domain: string;
}

const STATIC = ['public-artifacts', 'private-artifacts', 'object-backend'];
const ROLES = ['demo_auth', 'demo_queue', 'demo_object'];

function demoRequirements(extra: Partial<AppRequirements> = {}): AppRequirements {
  return {
    buckets: [
      ...STATIC.map((purpose) => ({ purpose, keepsState: true, access: 's3-static-keys' as const })),
      { purpose: 'uploads', keepsState: false, expirationDays: 7 },
    ],
    postgres: {
      supportedMajorVersions: [15],
      databaseName: 'demo',
      owner: 'admin',
      collation: 'en_US.utf8',
      extensions: ['pgcrypto'],
      roles: ROLES.map((name) => ({ name })),
    },
    serviceAccounts: [{ name: 'demo-web', id: 'demo-web', access: 'object-store', buckets: { uploads: { objectActions: ['s3:GetObject'] } } }],
    messageBus: { kind: 'rabbitmq', vhost: 'demo', users: [{ name: 'demo-queue', configure: '^queue/.*', write: '^exchange/.*', read: '^(queue|exchange)/.*' }] },
    components: ['s3-gateway'],
    ...extra,
  };
}

const seen: { contracts?: AppContracts } = {};

function demoApp(extra: Partial<AppRequirements> = {}): AppProfile<DemoConfig> {
  return {
    name: 'demo',
    title: 'Demo',
    configKey: 'demo',
    defaults: { deploymentName: 'demo', namespace: 'demo-ns' },
    domainField: 'domain',
    hostNames: (c) => [{ id: 'dns', fqdn: c.domain }],
    requirements: () => demoRequirements(extra),
    render: (_scope: Construct, c, _cloud, contracts): RenderedApp => {
      seen.contracts = contracts;
      const s3 = contracts.s3Api;
      const bus = contracts.messageBus;
      return {
        releaseName: 'demo',
        chart: { chart: 'demo-chart', repository: 'https://charts.example.com', version: '1.2.3' },
        secrets: [
          {
            name: 'demo-contracts',
            namespace: contracts.namespace,
            stringData: {
              S3_ENDPOINT: s3?.endpoint ?? '',
              S3_REGION: s3?.region ?? '',
              S3_ACCESS_KEY_ID: s3?.accessKeyId ?? '',
              S3_SECRET_ACCESS_KEY: s3?.secretAccessKey ?? '',
              S3_BUCKET_PUBLIC: s3?.buckets['public-artifacts'] ?? '',
              ...Object.fromEntries(Object.entries(contracts.databaseRoles ?? {}).map(([role, pw]) => [`DB_PASSWORD_${role}`, pw])),
              BROKER_HOST: bus?.broker.hostname ?? '',
              BUS_PASSWORD: bus?.users['demo-queue']?.password ?? '',
              DATABASE_HOST: contracts.database!.host,
            },
          },
        ],
        values: { image: imageReference(contracts.registry, 'demo', '1.0.0'), host: c.domain },
        shell: { DEMO_HOST: c.domain },
      };
    },
  };
}

/** The example AKS config with a `demo` section instead of Spacelift's, PostgreSQL 15 and a DNS zone. */
function demoConfig(patch: (c: any) => void = () => undefined): AksCloudConfig & { demo: DemoConfig } {
  const { spacelift: _s, ...base } = exampleConfig() as any;
  const c = {
    ...base,
    kind: 'demo-aks',
    name: 'demo',
    azure: { ...base.azure, resourceGroup: 'demo' },
    postgres: { ...base.postgres, version: 15 },
    dns: { zoneName: 'example.com', zoneResourceGroup: 'dns' },
    kubernetes: { ...base.kubernetes, namespace: undefined },
    demo: { domain: 'demo.example.com' },
  };
  patch(c);
  return c;
}

function build(config = demoConfig(), extra: Partial<AppRequirements> = {}) {
  const app = testApp();
  const stacks = aksDeployment(app, config, demoApp(extra));
  return { app, ...stacks };
}

/** Every resource of the stack whose construct path contains `part`, by type. */
function under(json: any, type: string, part: string): any[] {
  return Object.values(resources(json, type)).filter((r: any) => String(r['//']?.metadata?.path ?? '').includes(part));
}

describe('an app with static-key buckets, a message bus and database roles on the AKS pair', () => {
  const { app, infra, platform } = build();
  const json = synthApp(app);
  const infraJson = json[infra.node.id]!;
  const platformJson = json[platform.node.id]!;
  const contracts = seen.contracts!;
  const infraText = JSON.stringify(infraJson);
  const platformText = JSON.stringify(platformJson);

  test('the storage account has a container per bucket; the gateway serves only the static-key ones', () => {
    const containers = Object.values(resources(infraJson, 'azurerm_storage_container')).map((c: any) => c.name).sort();
    expect(containers).toEqual(['demo-object-backend', 'demo-private-artifacts', 'demo-public-artifacts', 'demo-uploads']);
    expect(Object.keys(infra.s3Gateway!.backend.buckets).sort()).toEqual([...STATIC].sort());
    expect(Object.keys(contracts.s3Api!.buckets).sort()).toEqual([...STATIC].sort());
    expect(contracts.s3Api!.buckets['public-artifacts']).toBe(infra.storage.buckets['public-artifacts']);
  });

  test('the gateway has its own workload identity: Storage Blob Data Contributor on the account only, trusted for its service account', () => {
    const identity = Object.values(resources(infraJson, 'azurerm_user_assigned_identity')).find((i: any) => i.name === 'demo-s3proxy') as any;
    expect(identity).toBeDefined();
    const credentials = under(infraJson, 'azurerm_federated_identity_credential', 's3-gateway-identity');
    expect(credentials.map((c) => c.subject)).toEqual(['system:serviceaccount:demo-ns:s3proxy']);
    const roles = under(infraJson, 'azurerm_role_assignment', 's3-gateway-identity');
    expect(roles).toHaveLength(1);
    expect(roles[0].role_definition_name).toBe('Storage Blob Data Contributor');
    expect(roles[0].scope).toMatch(/^\$\{azurerm_storage_account\.[^.]+\.id\}$/);
  });

  test('the key pair is generated in the infra stack; the host s3.<app host> gets a DNS record to the ingress address', () => {
    const keys = under(infraJson, 'random_password', 's3-gateway-keys');
    expect(keys).toHaveLength(2);
    for (const k of keys) expect(k.special).toBe(false);
    const records = Object.values(resources(infraJson, 'azurerm_dns_a_record')) as any[];
    expect(records.map((r) => r.name).sort()).toEqual(['demo', 's3.demo']);
    const gw = records.find((r) => r.name === 's3.demo');
    expect(gw.target_resource_id).toMatch(/^\$\{azurerm_public_ip\.[^.]+\.id\}$/);
    expect(gw.zone_name).toBe('example.com');
  });

  test('the render step gets the S3 API of the gateway: https://<host>, path style, no CORS, the generated pair', () => {
    const s3 = contracts.s3Api!;
    expect(s3).toMatchObject({ endpoint: 'https://s3.demo.example.com', region: S3PROXY_REGION, forcePathStyle: true, skipCorsConfiguration: true });
    const secret = infraJson.locals!.demo_contracts_data as any;
    expect(secret.S3_ENDPOINT).toBe('https://s3.demo.example.com');
    expect(secret.S3_ACCESS_KEY_ID).toMatch(/^\$\{random_password\.s3-gateway-keys_access-key-id_[^.]+\.result\}$/);
    expect(secret.S3_SECRET_ACCESS_KEY).toMatch(/^\$\{random_password\.s3-gateway-keys_secret-access-key_[^.]+\.result\}$/);
    expect(secret.S3_BUCKET_PUBLIC).toMatch(/azurerm_storage_container\./);
  });

  test('database role and message bus passwords are generated and handed to the render step', () => {
    expect(Object.keys(contracts.databaseRoles!).sort()).toEqual([...ROLES].sort());
    const secret = infraJson.locals!.demo_contracts_data as any;
    for (const role of ROLES) expect(secret[`DB_PASSWORD_${role}`]).toMatch(/^\$\{random_password\.database-role-[a-z-]+-password\.result\}$/);
    expect(secret.BUS_PASSWORD).toMatch(/^\$\{random_password\.message-bus-demo-queue-password\.result\}$/);
    expect(secret.BROKER_HOST).toContain('demo-ns');
    expect(Object.keys(contracts.messageBus!.users)).toEqual(['demo-queue']);
  });

  test('PostgreSQL 15 with the collation on the database and pgcrypto allow-listed, one configuration after the other', () => {
    const server = Object.values(resources(infraJson, 'azurerm_postgresql_flexible_server'))[0] as any;
    expect(server.version).toBe('15');
    const configs = resources(infraJson, 'azurerm_postgresql_flexible_server_configuration');
    const byName = Object.fromEntries(Object.entries(configs).map(([id, c]: [string, any]) => [c.name, { id, ...c }]));
    expect(byName['azure.extensions'].value).toBe('PGCRYPTO');
    expect(byName['azure.extensions'].depends_on).toEqual([`azurerm_postgresql_flexible_server_configuration.${byName.ssl_min_protocol_version.id}`]);
    const db = Object.values(resources(infraJson, 'azurerm_postgresql_flexible_server_database'))[0] as any;
    expect(db.collation).toBe('en_US.utf8');
    expect(db.depends_on).toEqual([`azurerm_postgresql_flexible_server_configuration.${byName['azure.extensions'].id}`]);
  });

  test('adminDatabase is the administrator login, verified with verify-full against the public CAs', () => {
    expect(infra.adminDatabase).toBe(infra.postgres);
    expect(infra.adminDatabase!.tlsMode).toBe('verify-full');
    expect(infra.adminDatabase!.caCertificatePem).toBeUndefined();
    expect(infra.adminDatabase!.majorVersion).toBe(15);
  });

  test('the platform runs the gateway with the infra stack\'s identity and key pair, behind Traefik with a certificate', () => {
    const gateway = platform.s3Gateway!;
    expect(gateway.endpoint).toBe(contracts.s3Api!.endpoint);
    expect(gateway.buckets).toEqual(contracts.s3Api!.buckets);
    // The pair comes from the infra stack: the platform generates none for the gateway.
    expect(under(platformJson, 'random_password', 's3-gateway')).toEqual([]);
    const secret = Object.values(resources(platformJson, 'kubernetes_secret_v1')).find((s: any) => s.metadata.name === 's3proxy-credentials') as any;
    expect(secret.data['access-key-id']).toMatch(/terraform_remote_state\.[^.]+\.outputs\.cross-stack-output-random_passwords3-gateway-keys_access-key-id/);
    const sa = Object.values(resources(platformJson, 'kubernetes_service_account_v1')).find((s: any) => s.metadata.name === 's3proxy') as any;
    expect(sa.metadata.namespace).toMatch(/kubernetes_namespace_v1\./);
    expect(Object.keys(sa.metadata.annotations)).toContain('azure.workload.identity/client-id');
    const ingress = Object.values(resources(platformJson, 'kubernetes_ingress_v1')).find((i: any) => i.metadata.name === 's3proxy') as any;
    expect(ingress.spec.ingress_class_name).toBe('traefik');
    expect(ingress.spec.tls).toEqual([{ hosts: ['s3.demo.example.com'], secret_name: 's3proxy-tls' }]);
    expect(ingress.metadata.annotations).toMatchObject({ 'cert-manager.io/cluster-issuer': 'letsencrypt-prod', 'traefik.ingress.kubernetes.io/router.tls': 'true' });
    expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/proxy-body-size']).toBeUndefined();
    const deps = ingress.depends_on.join();
    expect(deps).toContain('helm_release.ingress');
  });

  test('the platform bootstraps the database as the admin (verify-full, system trust store) and runs RabbitMQ', () => {
    const bootstrap = platform.appPlatform.databaseBootstrap!;
    expect(bootstrap).toBeDefined();
    const job = Object.values(resources(platformJson, 'kubernetes_job_v1')).find((j: any) => j.spec.template.spec.container[0].env.some((e: any) => e.name === 'PGSSLMODE')) as any;
    const env = Object.fromEntries(job.spec.template.spec.container[0].env.filter((e: any) => e.value !== undefined).map((e: any) => [e.name, e.value]));
    expect(env).toMatchObject({ PGSSLMODE: 'verify-full', PGSSLROOTCERT: 'system' });
    expect(env.PGUSER).toBe(infra.postgres!.username);
    expect(platform.appPlatform.messageBus).toBeDefined();
    expect(Object.keys(resources(platformJson, 'kubernetes_stateful_set_v1'))).toHaveLength(1);
  });

  test('no install_commands: the script would leave out the message bus and the gateway, so only the platform stack installs this app', () => {
    expect(platform.databaseBootstrap).toBe(platform.appPlatform.databaseBootstrap);
    expect(platform.messageBus).toBe(platform.appPlatform.messageBus);
    expect(infraJson.output!.install_commands).toBeUndefined();
    expect(infraJson.output!.shell).toBeDefined();
  });

  test('the release waits for the bootstrap, the message bus and the gateway', () => {
    const release = Object.values(resources(platformJson, 'helm_release')).find((r: any) => r.chart === 'demo-chart') as any;
    const deps: string[] = release.depends_on;
    expect(deps).toContain(`kubernetes_job_v1.${platform.appPlatform.databaseBootstrap!.job.friendlyUniqueId}`);
    for (const d of platform.appPlatform.messageBus!.ready) expect(deps).toContain(`${(d as any).terraformResourceType}.${(d as any).friendlyUniqueId}`);
    expect(deps).toContain(`kubernetes_deployment_v1.${platform.s3Gateway!.deployment.friendlyUniqueId}`);
  });

  test('the policy pack passes on both stacks', () => {
    for (const stack of [infra, platform]) expect(checkPolicies(stack).findings).toEqual([]);
  });

  test('no generated secret is a literal in the synthesized JSON; the cross-stack outputs that carry them are sensitive', () => {
    const sensitiveValues = [contracts.s3Api!.secretAccessKey, contracts.s3Api!.accessKeyId, ...Object.values(contracts.databaseRoles!)];
    for (const v of sensitiveValues) expect(v).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
    const out = infraJson.output ?? {};
    const carriers = Object.entries(out).filter(([, o]: [string, any]) => /random_password\./.test(JSON.stringify(o.value)));
    expect(carriers.length).toBeGreaterThan(0);
    for (const [name, o] of carriers as [string, any][]) expect({ name, sensitive: o.sensitive }).toEqual({ name, sensitive: true });
    // The passwords appear only as references.
    expect(infraText).not.toMatch(/"(length|result)":\s*"[A-Za-z0-9]{20,}"/);
    expect(platformText).not.toContain('random_password.s3-gateway');
    expect(platformText).not.toContain('random_password.database-role');
  });
});

describe('the S3 gateway on AKS: settings and checks', () => {
  test('ingress-nginx: the gateway\'s Ingress takes no body limit and no request buffering; a host of its own', () => {
    const { app, platform, infra } = build(
      demoConfig((c) => {
        c.kubernetes = { ...c.kubernetes, ingress: { controller: 'ingress-nginx' } };
        c.storage = { s3Gateway: { host: 'blobs.example.com', replicas: 3 } };
        delete c.dns;
      }),
    );
    const platformJson = synthApp(app)[platform.node.id]!;
    const deployment = Object.values(resources(platformJson, 'kubernetes_deployment_v1')).find((d: any) => d.metadata.name === 's3proxy') as any;
    expect(deployment.spec.replicas).toBe('3');
    const ingress = Object.values(resources(platformJson, 'kubernetes_ingress_v1')).find((i: any) => i.metadata.name === 's3proxy') as any;
    expect(ingress.spec.ingress_class_name).toBe('nginx');
    expect(ingress.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/proxy-body-size': '0',
      'nginx.ingress.kubernetes.io/proxy-request-buffering': 'off',
      'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
    });
    expect(ingress.spec.rule[0].host).toBe('blobs.example.com');
    expect(seen.contracts!.s3Api!.endpoint).toBe('https://blobs.example.com');
    // No zone, no record.
    expect(infra.node.findAll().some((c) => c.node.id === 's3-gateway-dns')).toBe(false);
  });

  test('no static-key bucket: no gateway, no s3Api, no key pair', () => {
    const { infra, platform } = build(demoConfig(), { buckets: [{ purpose: 'uploads', keepsState: false }], components: [] });
    expect(infra.s3Gateway).toBeUndefined();
    expect(platform.s3Gateway).toBeUndefined();
    expect(seen.contracts!.s3Api).toBeUndefined();
  });

  test('validation', () => {
    const noKeys = { buckets: [{ purpose: 'uploads', keepsState: false }] };
    expectValidationError(() => build(demoConfig(), { ...noKeys, components: ['s3-gateway'] }), 'requirements.components', 's3-gateway');
    expectValidationError(() => build(demoConfig((c) => (c.storage = { s3Gateway: {} })), { ...noKeys, components: [] }), 'storage.s3Gateway', {});
    expectValidationError(() => build(demoConfig(), { components: ['minio'] }), 'requirements.components[0]', 'minio');
    expectValidationError(() => build(demoConfig((c) => (c.storage = { s3Gateway: { host: 'demo.example.com' } }))), 'storage.s3Gateway.host', 'demo.example.com');
    expectValidationError(() => build(demoConfig((c) => (c.storage = { s3Gateway: { host: 's3.other.org' } }))), 'storage.s3Gateway.host', 's3.other.org');
    expectValidationError(() => build(demoConfig((c) => (c.storage = { s3Gateway: { replicas: 1 } }))), 'storage.s3Gateway.replicas', 1);
    expectValidationError(() => build(demoConfig((c) => (c.postgres = { ...c.postgres, version: 16 }))), 'postgres.version', 16);
  });
});

describe('taskclusterApp on the AKS pair', () => {
  const { spacelift: _s, ...base } = exampleConfig() as any;
  const config = {
    ...base,
    kind: 'taskcluster-aks',
    name: 'tc',
    azure: { ...base.azure, resourceGroup: 'tc' },
    postgres: { ...base.postgres, version: 15 },
    dns: { zoneName: 'example.com', zoneResourceGroup: 'dns' },
    kubernetes: { ...base.kubernetes, namespace: 'taskcluster' },
    taskcluster: { domain: 'tc.example.com' },
  };
  const app = testApp();
  // The synth runs the policy pack on both stacks: it throws on any finding.
  const { infra, platform } = aksDeployment(app, config, taskclusterApp);
  const platformJson = synthApp(app)[platform.node.id]!;

  test('the gateway serves its three buckets at s3.<domain>; the release waits for the bootstrap, Pulse, the migrations and the gateway', () => {
    expect(infra.s3Gateway!.store.endpoint).toBe('https://s3.tc.example.com');
    expect(Object.keys(infra.s3Gateway!.store.buckets).sort()).toEqual(['object-backend', 'private-artifacts', 'public-artifacts']);
    const release = Object.values(resources(platformJson, 'helm_release')).find((r: any) => r.name === 'taskcluster') as any;
    const deps = (release.depends_on as string[]).map((d) => d.replace(/_[0-9A-F]{8}$/, ''));
    expect(deps).toEqual(
      expect.arrayContaining([
        'kubernetes_job_v1.app-database-bootstrap_job',
        'kubernetes_stateful_set_v1.message-bus_nodes',
        'kubernetes_job_v1.taskcluster-migrations_job',
        'kubernetes_deployment_v1.s3-gateway_deployment',
      ]),
    );
  });
});
