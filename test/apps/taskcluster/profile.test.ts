import { TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { parse } from 'yaml';
import { TASKCLUSTER_SECRET_KEYS } from '../../../lib/apps/taskcluster/chart';
import { S3ApiStore } from '../../../lib/core/s3-api';
import { TASKCLUSTER_SECRETS_HASH_ANNOTATION, TaskclusterProfile, TaskclusterProfileProps, taskclusterRequirements } from '../../../lib/apps/taskcluster/profile';
import { TaskclusterSecrets } from '../../../lib/apps/taskcluster/secrets';
import { TASKCLUSTER_CHART_SERVICES, TASKCLUSTER_DB_SERVICES, TASKCLUSTER_PULSE_SERVICES, TaskclusterPulseService, staticClientIds, taskclusterSecretName } from '../../../lib/apps/taskcluster/services';
import { publishDocument } from '../../../lib/core/document';
import { yamlDocument } from '../../../lib/core/encoders';
import { AppRelease } from '../../../lib/kubernetes/app-release';
import { AppNamespace } from '../../../lib/kubernetes/namespace';
import { schemaErrors, secretErrors } from '../../support/documents';
import { renderOutputs } from '../../support/render';
import { describeWithSharedSchemas, describeWithTerraform } from '../../support/requirements';
import { sharedSchema, synth, terraformBinary, testApp } from '../../support/synth';
import { expectValidationError } from '../../support/validation-matchers';

/** Awkward values: quotes, backslashes, template sequences, URL delimiters, YAML indicators. */
const AWKWARD = `q"u'o\\te \${x} %{y} @:/?#&=+ %20 - # : {`;

const store = (over: Partial<S3ApiStore> = {}): S3ApiStore => ({
  endpoint: 'https://storage.googleapis.com',
  region: 'europe-west1',
  forcePathStyle: false,
  buckets: { 'public-artifacts': 'tc-public', 'private-artifacts': 'tc-private', 'object-backend': 'tc-objects' },
  accessKeyId: 'GOOG1EXAMPLE',
  secretAccessKey: 'literal-for-synth-only',
  skipCorsConfiguration: false,
  ...over,
});

/** A stack with the secrets and the profile; string inputs that may be awkward come from variables. */
function make(over: (v: (n: string, sensitive?: boolean) => string) => Partial<TaskclusterProfileProps> = () => ({})) {
  const stack = new TerraformStack(testApp(), 'test');
  const vars = new Map<string, string>();
  const v = (name: string, sensitive = false) => {
    if (!vars.has(name)) vars.set(name, new TerraformVariable(stack, name, { type: 'string', sensitive }).stringValue);
    return vars.get(name)!;
  };
  const secrets = new TaskclusterSecrets(stack, 'secrets');
  const pulseUsers = Object.fromEntries(TASKCLUSTER_PULSE_SERVICES.map((s) => [s, { username: `taskcluster-${s}`, password: secrets.pulsePasswords![s] }])) as Record<TaskclusterPulseService, { username: string; password: string }>;
  const props: TaskclusterProfileProps = {
    rootUrl: 'https://tc.example.com',
    chartPath: '/opt/taskcluster/infrastructure/k8s',
    namespace: 'taskcluster',
    database: { host: 'db.internal', port: 5432, database: 'taskcluster', username: 'tc_admin', password: 'unused-admin', tlsMode: 'require', majorVersion: 15 },
    usernamePrefix: 'tc',
    dbPasswords: secrets.dbPasswords!,
    broker: { hostname: 'rabbitmq.messaging.svc.cluster.local', port: 5672, vhost: 'taskcluster', tls: false },
    pulseUsers,
    objectStore: store(),
    secrets,
    ingress: { className: 'traefik', clusterIssuer: 'letsencrypt-prod' },
    ...over(v),
  };
  const profile = new TaskclusterProfile(stack, 'profile', props);
  return { stack, profile, secrets, props };
}

describe('TaskclusterProfile (synthesized)', () => {
  const { profile } = make();
  const r = profile.rendered;
  const values = r.values as any;

  test('a local chart (path, no repository), release "taskcluster"; requirements: 3 buckets, PostgreSQL 15 only', () => {
    expect(r.chart).toEqual({ chart: '/opt/taskcluster/infrastructure/k8s', version: '0.2.0' });
    expect(r.releaseName).toBe('taskcluster');
    const req = taskclusterRequirements();
    expect(req.buckets.map((b) => b.purpose).sort()).toEqual(['object-backend', 'private-artifacts', 'public-artifacts']);
    expect(req.postgres!.supportedMajorVersions).toEqual([15]);
  });

  test('the chart renders no Secret and no Ingress; the image is the release\'s', () => {
    expect(values.skipResourceTypes).toEqual(['secret', 'ingress']);
    expect(values.dockerImage).toBe('taskcluster/taskcluster:v106.0.0');
    expect(values.pulseAmqps).toBe(false);
    expect(values.podAnnotations[TASKCLUSTER_SECRETS_HASH_ANNOTATION]).toMatch(/^\$\{TfToken/);
  });

  test('14 Secrets taskcluster-<service>, each with exactly the keys of the chart\'s template', () => {
    expect(r.secrets.map((s) => s.name).sort()).toEqual(TASKCLUSTER_CHART_SERVICES.map(taskclusterSecretName).sort());
    for (const s of TASKCLUSTER_CHART_SERVICES) {
      const doc = r.secrets.find((d) => d.name === taskclusterSecretName(s))!;
      expect({ s, keys: Object.keys(doc.stringData) }).toEqual({ s, keys: [...TASKCLUSTER_SECRET_KEYS[s]] });
      expect(doc.namespace).toBe('taskcluster');
    }
  });

  test('no token of a secret is in the values: the required Secret fields hold placeholders', () => {
    const text = JSON.stringify(values);
    // The only token in the values is the hash annotation.
    expect(text.match(/\$\{TfToken\[[^\]]+\]\}/g)).toHaveLength(1);
    expect(values.queue.aws_secret_access_key).toBe('(in Secret taskcluster-queue)');
    expect(values.auth.static_clients).toEqual([]);
    expect(values.queue.aws_access_key_id).toBe('(in Secret taskcluster-queue)');
    expect(text).not.toContain('literal-for-synth-only');
  });

  test('web replicas 2 by default; github off without an App (no replicas)', () => {
    expect(values.auth.procs.web.replicas).toBe(2);
    expect(values.queue.procs.claimResolver.replicas).toBe(1);
    expect(values.github.procs.worker.replicas).toBe(0);
    expect(values.queue.procs.expireTask.replicas).toBeUndefined();
  });

  test('the chart\'s own Ingress when asked: nginx type, cert-manager issuer, TLS Secret', () => {
    const v = make(() => ({ ingress: { className: 'nginx', clusterIssuer: 'le', useChartIngress: true } })).profile.rendered.values as any;
    expect(v.skipResourceTypes).toEqual(['secret']);
    expect({ t: v.ingressType, i: v.certManagerClusterIssuerName, s: v.ingressTlsSecretName }).toEqual({ t: 'nginx', i: 'le', s: 'taskcluster-tls' });
  });

  test('AppRelease takes the local chart: helm_release without repository', () => {
    const { stack, profile: p } = make();
    const ns = new AppNamespace(stack, 'ns', { name: 'taskcluster', dependsOn: [] });
    new AppRelease(stack, 'release', { name: p.rendered.releaseName, chart: p.rendered.chart, namespace: ns, values: new TerraformLocal(stack, 'values', {}), dependsOn: [] });
    const release = Object.values(synth(stack).resource!.helm_release!)[0] as any;
    expect({ chart: release.chart, repository: release.repository, version: release.version }).toEqual({ chart: '/opt/taskcluster/infrastructure/k8s', repository: undefined, version: '0.2.0' });
  });

  test('bad input', () => {
    expectValidationError(() => make(() => ({ rootUrl: 'http://tc.example.com' })), 'rootUrl', 'http://tc.example.com');
    expectValidationError(() => make(() => ({ rootUrl: 'https://tc.example.com/' })), 'rootUrl', 'https://tc.example.com/');
    expectValidationError(() => make(() => ({ version: '106.0.0' })), 'version', '106.0.0');
    expectValidationError(() => make(() => ({ chartPath: 'https://example.com/chart.tgz' })), 'chartPath', 'https://example.com/chart.tgz');
    expectValidationError(() => make(() => ({ broker: { hostname: 'mq', port: 5672, vhost: 'v', tls: true } })), 'broker.port', 5672);
    expectValidationError(() => make(() => ({ ingress: { className: 'traefik', clusterIssuer: 'le', useChartIngress: true } })), 'ingress.className', 'traefik');
    expectValidationError(() => make(() => ({ objectStore: store({ buckets: { 'public-artifacts': 'a', 'private-artifacts': 'b' } }) })), 'objectStore.buckets.object-backend', undefined);
    const base = make().props.database;
    expectValidationError(() => make(() => ({ database: { ...base, majorVersion: 16 } })), 'database.majorVersion', 16);
    expectValidationError(() => make(() => ({ database: { ...base, tlsMode: 'proxy' } })), 'database.tlsMode', 'proxy');
    expectValidationError(() => make(() => ({ usernamePrefix: 'TC' })), 'usernamePrefix', 'TC');
  });
});

/**
 * The documents as Terraform makes them: every Secret and the values, with awkward values from variables, rendered by
 * the real `terraform`, then parsed back and checked against the chart's schema and Taskcluster's formats.
 */
describeWithTerraform()('TaskclusterProfile through real terraform', () => {
  let values: any;
  let secrets: Record<string, Record<string, string>>;
  let otherHash: string;
  const awkwardVars = { store_key: AWKWARD, store_id: 'AKIA/with+plus', bucket: 'tc-public', vhost: `v/${AWKWARD}`, app_pem: `-----BEGIN-----\n${AWKWARD}\n-----END-----\n` };
  const sample = (address: string, i: number) => (address.endsWith('.base64') ? Buffer.alloc(32, i).toString('base64') : `Tok${i}-_${'x'.repeat(40)}`);

  const render = (vars: Record<string, string>) => {
    const { stack, profile } = make((v) => ({
      objectStore: store({ accessKeyId: v('store_id'), secretAccessKey: v('store_key', true), buckets: { 'public-artifacts': v('bucket'), 'private-artifacts': 'tc-private', 'object-backend': 'tc-objects' }, endpoint: undefined, forcePathStyle: true }),
      broker: { hostname: 'mq.example.com', port: 5671, vhost: v('vhost'), tls: true },
      github: { appId: '12345', botUsername: 'tc[bot]', privatePem: v('app_pem', true), webhookSecret: v('store_key', true) },
    }));
    new TerraformOutput(stack, 'values', { value: yamlDocument(publishDocument(stack, 'tc_values', profile.rendered.values)) });
    const secretDocs = Object.fromEntries(profile.rendered.secrets.map((s) => [s.name, s.stringData]));
    new TerraformOutput(stack, 'secret_docs', { value: yamlDocument(publishDocument(stack, 'tc_secrets', secretDocs)), sensitive: true });
    return renderOutputs(terraformBinary()!, { json: synth(stack), outputs: ['values', 'secret_docs'], variables: vars, sample }).raw;
  };

  beforeAll(() => {
    const raw = render(awkwardVars);
    values = parse(raw.values!);
    secrets = parse(raw.secret_docs!);
    otherHash = parse(render({ ...awkwardVars, store_key: 'changed' }).values!).podAnnotations[TASKCLUSTER_SECRETS_HASH_ANNOTATION];
  });

  describeWithSharedSchemas()('the chart schema', () => {
    test('the values validate against taskcluster-values.schema.json (v106.0.0)', () => {
      expect(schemaErrors(sharedSchema('taskcluster-values.schema.json'), values)).toEqual([]);
    });
    test('the check can fail: an unknown key or a missing required one is rejected', () => {
      const schema = sharedSchema('taskcluster-values.schema.json');
      expect(schemaErrors(schema, { ...values, queue: { ...values.queue, bucket: 'x' } }).join()).toMatch(/additional/);
      const { rootUrl: _r, ...noRoot } = values;
      expect(schemaErrors(schema, noRoot).join()).toMatch(/rootUrl/);
    });
  });

  test('values carry the awkward inputs exactly, and no secret', () => {
    expect(values.pulseVhost).toBe(awkwardVars.vhost);
    expect(values.queue.public_artifact_bucket).toBe('tc-public');
    expect(values.queue.aws_force_path_style).toBe(true);
    expect(values.queue.aws_endpoint).toBeUndefined();
    const text = JSON.stringify(values);
    expect(text).not.toContain(AWKWARD);
    expect(text).not.toContain('Tok');
  });

  test('each Secret is a valid v1/Secret with string data', () => {
    for (const [name, data] of Object.entries(secrets)) {
      expect(secretErrors({ apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name, namespace: 'taskcluster' }, stringData: data })).toEqual([]);
    }
  });

  test('database URLs: node-postgres reads back each service user, its password, host, database and ssl=1', () => {
    for (const service of TASKCLUSTER_DB_SERVICES) {
      const data = secrets[taskclusterSecretName(service)]!;
      expect(data.READ_DB_URL).toBe(data.WRITE_DB_URL);
      const url = new URL(data.READ_DB_URL!);
      expect({ service, user: decodeURIComponent(url.username), host: url.host, db: url.pathname, ssl: url.searchParams.get('ssl') }).toEqual({ service, user: `tc_${service}`, host: 'db.internal:5432', db: '/taskcluster', ssl: '1' });
      expect(decodeURIComponent(url.password)).toMatch(/^Tok\d+-_x{40}$/);
    }
  });

  test('STATIC_CLIENTS: exactly the required clients with their services\' tokens, no scopes', () => {
    const clients = JSON.parse(secrets['taskcluster-auth']!.STATIC_CLIENTS!) as { clientId: string; accessToken: string }[];
    expect(clients.map((c) => c.clientId).sort()).toEqual(staticClientIds().sort());
    for (const c of clients) expect(Object.keys(c).sort()).toEqual(['accessToken', 'clientId']);
    const queue = clients.find((c) => c.clientId === 'static/taskcluster/queue')!;
    expect(secrets['taskcluster-queue']!.TASKCLUSTER_ACCESS_TOKEN).toBe(queue.accessToken);
    expect(new Set(clients.map((c) => c.accessToken)).size).toBe(clients.length);
  });

  test('store keys, object backends, Pulse users, crypto keys and the GitHub App reach the Secrets exactly', () => {
    expect(secrets['taskcluster-queue']!.AWS_SECRET_ACCESS_KEY).toBe(AWKWARD);
    expect(secrets['taskcluster-queue']!.AWS_ACCESS_KEY_ID).toBe('AKIA/with+plus');
    const backends = JSON.parse(secrets['taskcluster-object']!.BACKENDS!);
    expect(backends).toEqual({ default: { backendType: 'aws', accessKeyId: 'AKIA/with+plus', secretAccessKey: AWKWARD, bucket: 'tc-objects', signGetUrls: true, s3ForcePathStyle: true } });
    expect(secrets['taskcluster-web-server']!.PULSE_USERNAME).toBe('taskcluster-web_server');
    const keys = JSON.parse(secrets['taskcluster-secrets']!.DB_CRYPTO_KEYS!);
    expect(keys).toEqual([{ id: 'key-1', algo: 'aes-256', key: expect.any(String) }]);
    for (const s of ['auth', 'hooks', 'object', 'web_server', 'worker_manager'] as const) expect(secrets[taskclusterSecretName(s)]!.DB_CRYPTO_KEYS).toBe(secrets['taskcluster-secrets']!.DB_CRYPTO_KEYS);
    expect(secrets['taskcluster-github']!.GITHUB_PRIVATE_PEM).toBe(awkwardVars.app_pem);
    expect(secrets['taskcluster-ui']).toEqual({});
    expect(secrets['taskcluster-auth']!.SENTRY_AUTH_TOKEN).toBe('');
  });

  test('the pod annotation is a SHA-256 that changes with any Secret value', () => {
    const hash = values.podAnnotations[TASKCLUSTER_SECRETS_HASH_ANNOTATION];
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(otherHash).toMatch(/^[0-9a-f]{64}$/);
    expect(otherHash).not.toBe(hash);
  });
});
