import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { Construct } from 'constructs';
import { AppCloud, AppContracts, AppProfile, AppRequirements, RenderedApp } from '../../lib/apps/profile';
import { imageReference } from '../../lib/core/registry';
import { ValidationError } from '../../lib/core/validation';
import { checkBuildable } from '../../stacks/app-requirements';
import { aksDeployment } from '../../stacks/aks';
import { eksDeployment } from '../../stacks/eks';
import { eksExample } from './eks/example';
import { exampleConfig, resources, synthApp, testApp, thrown } from '../support/synth';

/**
 * The generic stack pairs build an app that is not Spacelift: a small profile with two service accounts (one limited
 * to one bucket), a platform hook the release must wait for, and its own names. Nothing of Spacelift may show up.
 */

interface DemoConfig {
  readonly domain: string;
  readonly extraHost?: string;
}

const rendered: { last?: AppContracts; cloud?: AppCloud } = {};

function demoApp(extra: Partial<AppRequirements> = {}): AppProfile<DemoConfig> {
  return {
    name: 'demo',
    title: 'Demo',
    configKey: 'demo',
    defaults: { deploymentName: 'demo', namespace: 'demo-ns' },
    domainField: 'domain',
    hostNames: (c) => [{ id: 'dns', fqdn: c.domain }, ...(c.extraHost ? [{ id: 'extra-dns', fqdn: c.extraHost }] : [])],
    requirements: (_c, _cloud, domain) => ({
      buckets: [
        { purpose: 'artifacts', expirationDays: 30, keepsState: false, cors: { allowedOrigins: [`https://${domain}`], allowedMethods: ['GET'] } },
        { purpose: 'backups', keepsState: true },
      ],
      postgres: { supportedMajorVersions: [15, 16], databaseName: 'demo' },
      serviceAccounts: [
        { name: 'demo-web', id: 'demo-web', access: 'object-store' },
        { name: 'demo-worker', id: 'demo-worker', access: 'object-store', buckets: { backups: { objectActions: ['s3:GetObject'], bucketActions: ['s3:ListBucket'] } } },
      ],
      images: ['demo'],
      ...extra,
    }),
    render: (_scope: Construct, c, cloud, contracts): RenderedApp => {
      rendered.last = contracts;
      rendered.cloud = cloud;
      return {
        releaseName: 'demo',
        chart: { chart: 'demo-chart', repository: 'https://charts.example.com', version: '1.2.3' },
        secrets: [{ name: 'demo-env', namespace: contracts.namespace, stringData: { DATABASE_HOST: contracts.database!.host, BUCKET: contracts.objectStore.buckets.artifacts ?? '' } }],
        values: { image: imageReference(contracts.registry, 'demo', '1.0.0'), host: c.domain, serviceAccount: { annotations: { ...contracts.identities['demo-web']!.serviceAccountAnnotations } } },
        shell: { DEMO_HOST: c.domain },
      };
    },
    platform: (scope, context) => [
      new ConfigMapV1(scope, 'demo-settings', {
        metadata: { name: 'demo-settings', namespace: context.namespace.name },
        data: { host: context.config.domain },
        dependsOn: [...context.dependsOn],
      }),
    ],
  };
}

/** Every string in the synthesized stacks that names Spacelift, with its path (JSON keys included). */
function spaceliftMentions(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return /spacelift/i.test(value) ? [`${path}: ${value}`] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [...(/spacelift/i.test(k) ? [`${path}.${k}`] : []), ...spaceliftMentions(v, `${path}.${k}`)]);
}

/** An example config with its `spacelift` section replaced by a `demo` one, and no name (the profile's default). */
function demoConfig<T extends { spacelift?: unknown; name?: string; kind: string }>(base: T, kind: string): T {
  const { spacelift: _s, name: _n, azure, ...rest } = base as any;
  if (azure !== undefined) rest.azure = { ...azure, resourceGroup: undefined };
  // The example's own values that name Spacelift go too: the resource group and namespace (defaults then), the e-mail.
  const { namespace: _ns, ...kubernetes } = rest.kubernetes;
  kubernetes.certManager = { ...kubernetes.certManager, email: 'ops@example.com' };
  return { ...rest, kind, kubernetes, demo: { domain: 'demo.example.com', extraHost: 'hooks.example.com' } } as T;
}

describe('an app that is not Spacelift on the EKS pair', () => {
  const app = testApp();
  const { infra, platform } = eksDeployment(app, { ...demoConfig(eksExample(), 'demo-eks'), dns: { zoneName: 'example.com', zoneId: 'Z0123456789ABCDEFGHIJ' } }, demoApp());
  const json = synthApp(app);
  const infraJson = json[infra.node.id]!;
  const platformJson = json[platform.node.id]!;
  const contracts = rendered.last!;
  const cloud = rendered.cloud;

  test('the stacks, tags, namespace and release carry the profile\'s names', () => {
    expect([infra.node.id, platform.node.id]).toEqual(['demo-eks-infra', 'demo-eks-platform']);
    expect(infra.appNamespace).toBe('demo-ns');
    expect(cloud).toBe('aws');
    const bucket = Object.values(resources(infraJson, 'aws_s3_bucket'))[0];
    expect(bucket.tags).toMatchObject({ app: 'demo', deployment: 'demo' });
    const release = Object.values(resources(platformJson, 'helm_release')).find((r: any) => r.chart === 'demo-chart');
    expect(release).toMatchObject({ name: 'demo', version: '1.2.3' });
    expect(Object.values(resources(platformJson, 'kubernetes_namespace_v1')).map((n: any) => n.metadata.name)).toContain('demo-ns');
    expect(infraJson.locals).toHaveProperty('demo_helm_values');
    expect(infraJson.output?.kubernetes_secrets.description).toContain('The Demo Secrets');
    expect(infraJson.output?.helm_values.description).toContain('the demo-chart chart');
  });

  test('nothing of Spacelift is synthesized', () => {
    expect(spaceliftMentions(json)).toEqual([]);
  });

  test('one IRSA role per service account: all buckets by default, only the declared ones otherwise', () => {
    const roles = resources(infraJson, 'aws_iam_role');
    expect(Object.values(roles).map((r: any) => r.name).filter((n: string) => n.startsWith('demo-demo-')).sort()).toEqual(['demo-demo-web', 'demo-demo-worker']);
    const documents = infraJson.data?.aws_iam_policy_document ?? {};
    const permissions = (sa: string) => JSON.stringify(Object.entries(documents).filter(([id]) => id.startsWith(`${sa}-identity_permissions`)).map(([, d]) => d));
    expect(permissions('demo-web')).toContain('"s3:DeleteObject"');
    expect(permissions('demo-web')).toContain('storage_bucket-artifacts');
    expect(permissions('demo-worker')).toContain('"s3:GetObject"');
    expect(permissions('demo-worker')).not.toContain('s3:PutObject');
    expect(permissions('demo-worker')).not.toContain('storage_bucket-artifacts');
    expect(Object.keys(contracts.identities).sort()).toEqual(['demo-web', 'demo-worker']);
  });

  test('ECR repositories are the declared images; no key of the app and no tls provider', () => {
    const repos = Object.values(resources(infraJson, 'aws_ecr_repository')).map((r: any) => r.name);
    expect(repos).toEqual(['demo/demo']);
    expect(contracts.keys).toEqual({});
    expect(infraJson.provider).not.toHaveProperty('tls');
  });

  test('one DNS record per host name, with the ids the profile gives', () => {
    const records = Object.values(resources(infraJson, 'aws_route53_record')) as any[];
    expect(records.map((r) => r.name).sort()).toEqual(['demo.example.com', 'hooks.example.com']);
    expect(records.map((r) => r['//'].metadata.path.split('/')[1]).sort()).toEqual(['dns', 'extra-dns']);
  });

  test('the release waits for what the platform hook returns', () => {
    const release = Object.values(resources(platformJson, 'helm_release')).find((r: any) => r.chart === 'demo-chart') as any;
    expect(release.depends_on.join()).toContain('kubernetes_config_map_v1.demo-settings');
  });
});

describe('an app that is not Spacelift on the AKS pair', () => {
  const app = testApp();
  const { infra, platform } = aksDeployment(app, demoConfig(exampleConfig(), 'demo-aks'), demoApp());
  const json = synthApp(app);

  test('one federated identity per service account, named after it; no Spacelift anywhere', () => {
    expect(Object.keys(infra.serviceAccountIdentities).sort()).toEqual(['demo-web', 'demo-worker']);
    const identities = Object.values(resources(json[infra.node.id]!, 'azurerm_user_assigned_identity')).map((r: any) => r.name);
    expect(identities).toEqual(expect.arrayContaining(['demo-demo-web', 'demo-demo-worker']));
    expect(platform.node.id).toBe('demo-aks-platform');
    expect(spaceliftMentions(json)).toEqual([]);
  });
});

describe('requirements the stacks do not build yet fail the synth, naming them', () => {
  const base = demoApp().requirements({ domain: 'x.example.com' }, 'aws', 'x.example.com');
  test.each([
    ['messageBus', { messageBus: { kind: 'rabbitmq' as const, vhost: 'demo', users: [] } }],
    ['components', { components: ['s3-gateway'] }],
    ['generatedSecrets', { generatedSecrets: [{ name: 'session', kind: 'password' as const, length: 44 }] }],
    ['buckets.access', { buckets: [{ purpose: 'artifacts', keepsState: false, access: 's3-static-keys' as const }] }],
    ['postgres.roles', { postgres: { ...base.postgres!, roles: [{ name: 'demo_reader' }] } }],
    ['postgres.extensions', { postgres: { ...base.postgres!, extensions: ['pgcrypto'] } }],
  ])('%s', (field, patch) => {
    const err = thrown(() => checkBuildable(testApp(), { ...base, ...patch }, 'EKS'));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).field).toBe(`requirements.${field}`);
    expect(err.message).toContain('the EKS stacks build');
  });

  test('the plain requirements pass', () => {
    expect(() => checkBuildable(testApp(), base, 'EKS')).not.toThrow();
  });
});
