import { Construct } from 'constructs';
import { AzureWorkloadIdentity } from '../../../lib/azure/identity';
import { AzureBlobStorage } from '../../../lib/azure/storage';
import { ObjectStore } from '../../../lib/core/object-store';
import { AppNamespace } from '../../../lib/kubernetes/namespace';
import { TerraformVariable } from 'cdktf';
import { S3PROXY_IMAGE, S3PROXY_PORT, S3Gateway, S3GatewayProps, generateS3GatewayCredentials } from '../../../lib/kubernetes/s3-gateway/s3proxy';
import { checkPolicies } from '../../../lib/policy/aspect';
import { azureStack, only, resources, synth } from '../../support/synth';
import { expectValidationError } from '../../support/validation-matchers';

const RG = { name: 'rg-test', location: 'westeurope', id: '/subscriptions/sub/resourceGroups/rg-test' };
const HOST = 's3.taskcluster.example.com';

/** The Azure wiring the docs describe: a storage account, an identity with Storage Blob Data Contributor on it, the gateway. */
function make(over: Partial<S3GatewayProps> | ((stack: Construct) => Partial<S3GatewayProps>) = {}, namespaceName = 'taskcluster') {
  const stack = azureStack();
  const namespace = new AppNamespace(stack, 'ns', { name: namespaceName, podSecurity: 'restricted', dependsOn: [] });
  const storage = new AzureBlobStorage(stack, 'blob', {
    resourceGroup: RG,
    accountName: 'tcblobabc123',
    containerPrefix: 'tc',
    buckets: [
      { purpose: 'public-artifacts', keepsState: true },
      { purpose: 'private-artifacts', keepsState: true },
      { purpose: 'objects', keepsState: true },
    ],
  });
  const identity = new AzureWorkloadIdentity(stack, 'gateway-identity', {
    resourceGroup: RG,
    name: 'tc-s3proxy',
    oidcIssuerUrl: 'https://oidc.example.com/issuer/',
    serviceAccount: { namespace: 'taskcluster', name: 's3proxy' },
    grants: { blobs: { role: 'Storage Blob Data Contributor', scope: storage.accountId } },
  });
  const gateway = new S3Gateway(stack, 's3-gateway', {
    namespace,
    backend: storage,
    identity,
    ingress: { host: HOST, className: 'traefik', clusterIssuer: 'letsencrypt-prod', annotations: { 'traefik.ingress.kubernetes.io/router.tls': 'true' } },
    dependsOn: [namespace.namespace],
    ...(typeof over === 'function' ? over(stack) : over),
  });
  return { stack, gateway, storage };
}

function env(deployment: any): Record<string, string> {
  return Object.fromEntries(deployment.spec.template.spec.container[0].env.map((e: any) => [e.name, e.value]));
}

describe('S3Gateway', () => {
  const { stack, gateway, storage } = make();
  const json = synth(stack);
  const deployment = only(json, 'kubernetes_deployment_v1');
  const pod = deployment.spec.template.spec;
  const container = pod.container[0];

  test('S3Proxy with the azureblob-sdk backend on the account, signing in with the workload identity (blank backend key)', () => {
    expect(container.image).toBe(S3PROXY_IMAGE);
    expect(S3PROXY_IMAGE).toMatch(/^andrewgaul\/s3proxy:4\.\d+\.\d+$/);
    const e = env(deployment);
    expect(e).toMatchObject({
      JCLOUDS_PROVIDER: 'azureblob-sdk',
      JCLOUDS_IDENTITY: '',
      JCLOUDS_CREDENTIAL: '',
      S3PROXY_AUTHORIZATION: 'aws-v2-or-v4',
      S3PROXY_IGNORE_UNKNOWN_HEADERS: 'true',
      S3PROXY_VIRTUALHOST: '',
      S3PROXY_ENDPOINT: `http://0.0.0.0:${S3PROXY_PORT}`,
    });
    expect(e.JCLOUDS_ENDPOINT).toMatch(/azurerm_storage_account\.[^.]+\.primary_blob_endpoint/);
    // The workload identity: the service account carries its annotations, the pods its label.
    expect(deployment.spec.template.metadata.labels['azure.workload.identity/use']).toBe('true');
    const sa = only(json, 'kubernetes_service_account_v1');
    expect(sa.metadata.name).toBe('s3proxy');
    expect(Object.keys(sa.metadata.annotations).sort()).toEqual(['azure.workload.identity/client-id', 'azure.workload.identity/tenant-id']);
    expect(pod.service_account_name).toMatch(/^\$\{kubernetes_service_account_v1\.[^.]+\.metadata\[0\]\.name\}$/);
  });

  test('the client key pair: random passwords in a Secret, mounted as files, never in the pod spec', () => {
    const passwords = resources(json, 'random_password');
    expect(Object.keys(passwords)).toHaveLength(2);
    for (const p of Object.values(passwords) as any[]) expect(p.special).toBe(false);
    const secret = only(json, 'kubernetes_secret_v1');
    expect(Object.keys(secret.data).sort()).toEqual(['access-key-id', 'secret-access-key']);
    for (const v of Object.values(secret.data)) expect(v).toMatch(/^\$\{random_password\.[^.]+\.result\}$/);
    const e = env(deployment);
    expect(e.S3PROXY_IDENTITY_FILE).toBe('/run/secrets/s3proxy/access-key-id');
    expect(e.S3PROXY_CREDENTIAL_FILE).toBe('/run/secrets/s3proxy/secret-access-key');
    expect(e.S3PROXY_IDENTITY).toBeUndefined();
    expect(e.S3PROXY_CREDENTIAL).toBeUndefined();
    expect(JSON.stringify(container)).not.toContain('random_password');
    // A new key pair rolls the pods.
    expect(deployment.spec.template.metadata.annotations['checksum/credentials']).toMatch(/^\$\{sha256\(join\(":", \[random_password\./);
  });

  test('restricted Pod Security: non-root, read-only root, no capabilities, RuntimeDefault seccomp; probes and resources', () => {
    expect(pod.security_context).toMatchObject({ run_as_non_root: true, run_as_user: '1000', fs_group: '1000', seccomp_profile: { type: 'RuntimeDefault' } });
    expect(container.security_context).toMatchObject({
      run_as_non_root: true,
      allow_privilege_escalation: false,
      privileged: false,
      read_only_root_filesystem: true,
      capabilities: { drop: ['ALL'] },
      seccomp_profile: { type: 'RuntimeDefault' },
    });
    expect(container.security_context.capabilities.add).toBeUndefined();
    for (const probe of ['startup_probe', 'readiness_probe', 'liveness_probe']) {
      expect(container[probe].http_get).toEqual({ path: '/healthz', port: String(S3PROXY_PORT) });
    }
    expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } });
    expect(pod.volume.find((v: any) => v.name === 'tmp').empty_dir).toBeDefined();
    expect(pod.automount_service_account_token).toBe(false);
  });

  test('two replicas spread over zones, a PodDisruptionBudget, a ClusterIP Service', () => {
    expect(deployment.spec.replicas).toBe('2');
    expect(pod.topology_spread_constraint.map((c: any) => c.topology_key)).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
    expect(only(json, 'kubernetes_pod_disruption_budget_v1').spec).toMatchObject({ max_unavailable: '1', selector: { match_labels: deployment.spec.selector.match_labels } });
    const svc = only(json, 'kubernetes_service_v1');
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.port).toEqual([expect.objectContaining({ port: 80, target_port: 'http' })]);
    expect(svc.spec.selector).toEqual(deployment.spec.selector.match_labels);
  });

  test('an Ingress on the host with a cert-manager certificate, the controller class and annotations', () => {
    const ing = only(json, 'kubernetes_ingress_v1');
    expect(ing.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt-prod', 'traefik.ingress.kubernetes.io/router.tls': 'true' });
    expect(ing.spec.ingress_class_name).toBe('traefik');
    expect(ing.spec.tls).toEqual([{ hosts: [HOST], secret_name: 's3proxy-tls' }]);
    expect(ing.spec.rule[0].host).toBe(HOST);
    expect(ing.spec.rule[0].http.path[0].backend.service.port).toEqual({ name: 'http' });
  });

  test('the S3ApiStore: https://<host>, path style, no CORS by the app, the containers as buckets', () => {
    expect(gateway.endpoint).toBe(`https://${HOST}`);
    expect(gateway.forcePathStyle).toBe(true);
    expect(gateway.skipCorsConfiguration).toBe(true);
    expect(gateway.buckets).toEqual(storage.buckets);
    expect(Object.keys(gateway.buckets).sort()).toEqual(['objects', 'private-artifacts', 'public-artifacts']);
  });

  test('a key pair given from elsewhere: no password of its own, the Secret and the checksum read the given pair', () => {
    let pair: ReturnType<typeof generateS3GatewayCredentials> | undefined;
    const { stack: givenStack, gateway: given } = make((st) => {
      pair = generateS3GatewayCredentials(new Construct(st, 'keys'));
      return { credentials: { accessKeyId: pair.accessKeyId, secretAccessKey: pair.secretAccessKey } };
    });
    const givenJson = synth(givenStack);
    expect(given.accessKeyIdPassword).toBeUndefined();
    expect(given.secretAccessKeyPassword).toBeUndefined();
    expect(given.accessKeyId).toBe(pair!.accessKeyId);
    expect(given.secretAccessKey).toBe(pair!.secretAccessKey);
    // The only passwords are the given pair's, under the scope it was generated in: the gateway made none.
    const ids = Object.keys(resources(givenJson, 'random_password')).map((id) => id.replace(/_[0-9A-F]{8}$/, '')).sort();
    expect(ids).toEqual(['keys_access-key-id', 'keys_secret-access-key']);
    const secret = only(givenJson, 'kubernetes_secret_v1');
    expect(secret.data['access-key-id']).toMatch(/^\$\{random_password\.keys_access-key-id_[^.]+\.result\}$/);
    expect(secret.data['secret-access-key']).toMatch(/^\$\{random_password\.keys_secret-access-key_[^.]+\.result\}$/);
    const dep = only(givenJson, 'kubernetes_deployment_v1');
    expect(dep.spec.template.metadata.annotations['checksum/credentials']).toContain('random_password.keys_access-key-id');
  });

  test('given credentials must be tokens, never literals', () => {
    const secret = (st: Construct) => new TerraformVariable(st, 'secret', { type: 'string', sensitive: true }).stringValue;
    expectValidationError(() => make((st) => ({ credentials: { accessKeyId: 'AKIALITERAL', secretAccessKey: secret(st) } })), 'credentials.accessKeyId', 'AKIALITERAL');
    expectValidationError(() => make((st) => ({ credentials: { accessKeyId: secret(st), secretAccessKey: 'plain-text-secret' } })), 'credentials.secretAccessKey', '***');
  });

  test('the policy pack passes', () => {
    expect(checkPolicies(stack)).toMatchObject({ findings: [], suppressed: [] });
  });

  test('CORS: none by default; a rule becomes S3Proxy\'s space-separated gateway-wide lists, any request header', () => {
    expect(env(deployment)).toMatchObject({ S3PROXY_CORS_ALLOW_ALL: 'false', S3PROXY_CORS_ALLOW_ORIGINS: '', S3PROXY_CORS_ALLOW_METHODS: '', S3PROXY_CORS_ALLOW_HEADERS: '' });
    const withCors = make({ cors: { allowedOrigins: ['https://a.example.com', 'https://b.example.com'], allowedMethods: ['GET', 'HEAD'] } });
    expect(env(only(synth(withCors.stack), 'kubernetes_deployment_v1'))).toMatchObject({
      S3PROXY_CORS_ALLOW_ORIGINS: 'https://a.example.com https://b.example.com',
      S3PROXY_CORS_ALLOW_METHODS: 'GET HEAD',
      S3PROXY_CORS_ALLOW_HEADERS: '*',
    });
    expectValidationError(() => make({ cors: { allowedOrigins: ['https://a.example.com https://b'], allowedMethods: ['GET'] } }), 'cors.allowedOrigins', 'https://a.example.com https://b');
  });

  test('validation', () => {
    const s3: ObjectStore = { kind: 's3', endpoint: 'https://s3.eu-west-1.amazonaws.com', region: 'eu-west-1', buckets: { a: 'b' } };
    expectValidationError(() => make({ backend: s3 }), 'backend.kind', 's3');
    expectValidationError(() => make({ replicas: 1 }), 'replicas', 1);
    expectValidationError(() => make({ image: 'andrewgaul/s3proxy:latest' }), 'image', 'andrewgaul/s3proxy:latest');
    expectValidationError(() => make({ ingress: { host: 'not a host', className: 'traefik', clusterIssuer: 'x' } }), 'ingress.host', 'not a host');
    expectValidationError(() => make({}, 'other'), 'identity.serviceAccount.namespace', 'taskcluster');
    expectValidationError(() => make({ resources: { memory: '1G' } }), 'resources.memory', '1G');
  });
});
