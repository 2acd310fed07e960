import { TerraformOutput, TerraformStack } from 'cdktf';
import { TlsProvider } from '@cdktf/provider-tls/lib/provider';
import {
  SpaceliftProfile,
  SpaceliftProfileProps,
  SPACELIFT_COMPONENT_SERVICE_ACCOUNTS,
  SPACELIFT_DATABASE_CA,
  SPACELIFT_SECRETS,
  spaceliftRequirements,
} from '../../../lib/apps/spacelift/profile';
import { WorkloadIdentity } from '../../../lib/core/workload-identity';
import { INGRESS_CONTROLLER_DEFAULTS } from '../../../lib/kubernetes/ingress/types';
import { spaceliftBuckets } from '../../../lib/apps/spacelift/buckets';
import { synth, testApp } from '../../support/synth';
import { expectValidationError } from '../../support/validation-matchers';

function props(over: Partial<SpaceliftProfileProps> = {}): SpaceliftProfileProps {
  const buckets = Object.fromEntries(spaceliftBuckets('x.example.com').map((b) => [b.purpose, `spacelift-${b.purpose}`]));
  return {
    domain: 'spacelift.example.com',
    namespace: 'spacelift',
    version: 'v4.0.0',
    registry: { name: 'reg', loginServer: 'reg.azurecr.io' },
    objectStore: { kind: 'azure-blob', endpoint: 'https://acct.blob.core.windows.net/', buckets },
    database: { host: 'db.internal', port: 5432, database: 'spacelift', username: 'pgadmin', password: 'pw', tlsMode: 'require', majorVersion: 16 },
    identity: {
      serviceAccount: { namespace: 'spacelift', name: 'spacelift-backend' },
      serviceAccountAnnotations: { 'azure.workload.identity/client-id': 'cid' },
      podLabels: { 'azure.workload.identity/use': 'true' },
    },
    ingress: { className: 'traefik', clusterIssuer: 'letsencrypt-prod', annotations: { a: 'b' }, grpcBackend: INGRESS_CONTROLLER_DEFAULTS.traefik.grpcBackend },
    ...over,
  };
}

const sharedIdentity = (): WorkloadIdentity => props().identity!;

function irsa(name: string): WorkloadIdentity {
  return { serviceAccount: { namespace: 'spacelift', name }, serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': `arn:aws:iam::123456789012:role/${name}` }, podLabels: {} };
}

/** The AWS flavour: s3 store, KMS encryption, one identity per component. */
function awsProps(over: Partial<SpaceliftProfileProps> = {}): Partial<SpaceliftProfileProps> {
  const buckets = Object.fromEntries(spaceliftBuckets('x.example.com').map((b) => [b.purpose, `sl-${b.purpose}-abc123`]));
  return {
    objectStore: { kind: 's3', endpoint: 'https://s3.eu-west-1.amazonaws.com', region: 'eu-west-1', buckets },
    identity: undefined,
    componentIdentities: { server: irsa('spacelift-server'), drain: irsa('spacelift-drain'), scheduler: irsa('spacelift-scheduler') },
    kms: { encryptionKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab', signingKeyId: 'alias/spacelift-signing' },
    aws: { accountId: '123456789012', region: 'eu-west-1' },
    ...over,
  };
}

/** The Google flavour: gcs store, IAM database auth through the Cloud SQL proxy. */
function gcpProps(over: Partial<SpaceliftProfileProps> = {}): Partial<SpaceliftProfileProps> {
  const buckets = Object.fromEntries(spaceliftBuckets('x.example.com').map((b) => [b.purpose, `sl-${b.purpose}-abc123`]));
  return {
    objectStore: { kind: 'gcs', endpoint: 'https://storage.googleapis.com', project: 'my-project', buckets },
    identity: {
      serviceAccount: { namespace: 'spacelift', name: 'spacelift-backend' },
      serviceAccountAnnotations: { 'iam.gke.io/gcp-service-account': 'sl-backend@my-project.iam.gserviceaccount.com' },
      podLabels: {},
    },
    database: { host: '127.0.0.1', port: 5432, database: 'spacelift', username: 'sl-backend@my-project.iam', tlsMode: 'proxy', majorVersion: 16 },
    cloudSqlProxy: { connectionName: 'my-project:europe-west1:spacelift-pg' },
    ...over,
  };
}

function make(over: Partial<SpaceliftProfileProps> = {}) {
  const stack = new TerraformStack(testApp(), 'test');
  new TlsProvider(stack, 'tls');
  const profile = new SpaceliftProfile(stack, 'spacelift', props(over));
  return { stack, profile };
}

describe('SpaceliftProfile', () => {
  test('renders the three Secrets with every key the reference lists (Azure flavour)', () => {
    const { profile } = make();
    const byName = Object.fromEntries(profile.rendered.secrets.map((s) => [s.name, s]));
    expect(Object.keys(byName).sort()).toEqual([SPACELIFT_SECRETS.drain, SPACELIFT_SECRETS.server, SPACELIFT_SECRETS.shared].sort());
    const shared = byName[SPACELIFT_SECRETS.shared]!.stringData;
    expect(Object.keys(shared).sort()).toEqual(
      [
        'ENVIRONMENT', 'SERVER_DOMAIN', 'MQTT_BROKER_TYPE', 'MQTT_BROKER_ENDPOINT', 'ENCRYPTION_TYPE', 'ENCRYPTION_RSA_PRIVATE_KEY',
        'MESSAGE_QUEUE_TYPE', 'OBJECT_STORAGE_TYPE', 'OBJECT_STORAGE_AZURE_ACCOUNT_URL',
        'OBJECT_STORAGE_BUCKET_DELIVERIES', 'OBJECT_STORAGE_BUCKET_LARGE_QUEUE_MESSAGES', 'OBJECT_STORAGE_BUCKET_METADATA',
        'OBJECT_STORAGE_BUCKET_MODULES', 'OBJECT_STORAGE_BUCKET_POLICY_INPUTS', 'OBJECT_STORAGE_BUCKET_RUN_LOGS',
        'OBJECT_STORAGE_BUCKET_STATES', 'OBJECT_STORAGE_BUCKET_UPLOADS', 'OBJECT_STORAGE_BUCKET_USER_UPLOADED_WORKSPACES',
        'OBJECT_STORAGE_BUCKET_WORKSPACE', 'OBJECT_STORAGE_BUCKET_USAGE_ANALYTICS', 'OBJECT_STORAGE_BUCKET_UPLOADS_URL',
        'DATABASE_URL', 'DATABASE_READ_ONLY_URL', 'LICENSE_TYPE', 'LICENSE_TOKEN', 'OBSERVABILITY_VENDOR', 'SPACELIFT_PUBLIC_API',
        'VCS_GATEWAY_ENDPOINT',
      ].sort(),
    );
    expect(shared.ENVIRONMENT).toBe('prod');
    expect(shared.MQTT_BROKER_TYPE).toBe('builtin');
    expect(shared.MQTT_BROKER_ENDPOINT).toBe('tls://spacelift-mqtt.spacelift.svc.cluster.local:1984');
    expect(shared.ENCRYPTION_TYPE).toBe('rsa');
    expect(shared.MESSAGE_QUEUE_TYPE).toBe('postgres');
    expect(shared.OBJECT_STORAGE_TYPE).toBe('azure');
    expect(shared.OBJECT_STORAGE_AZURE_ACCOUNT_URL).toBe('https://acct.blob.core.windows.net/');
    expect(shared.OBJECT_STORAGE_BUCKET_UPLOADS_URL).toBe('https://acct.blob.core.windows.net/');
    expect(shared.OBJECT_STORAGE_BUCKET_STATES).toBe('spacelift-states');
    expect(shared.OBJECT_STORAGE_BUCKET_USAGE_ANALYTICS).toBe('');
    expect(shared.LICENSE_TYPE).toBe('jwt');
    expect(shared.OBSERVABILITY_VENDOR).toBe('Disabled');
    expect(shared.SPACELIFT_PUBLIC_API).toBe('');
    expect(shared.VCS_GATEWAY_ENDPOINT).toBe('');
    expect(shared.DATABASE_READ_ONLY_URL).toBe(shared.DATABASE_URL);

    const server = byName[SPACELIFT_SECRETS.server]!.stringData;
    expect(Object.keys(server).sort()).toEqual(['ADMIN_PASSWORD', 'ADMIN_USERNAME', 'WEBHOOKS_ENDPOINT']);
    expect(server.ADMIN_USERNAME).toBe('admin');
    expect(server.WEBHOOKS_ENDPOINT).toBe('https://spacelift.example.com/webhooks');

    const drain = byName[SPACELIFT_SECRETS.drain]!.stringData;
    expect(drain.LAUNCHER_IMAGE).toBe('reg.azurecr.io/spacelift-launcher');
    expect(drain.LAUNCHER_IMAGE_TAG).toBe('v4.0.0');
    for (const q of ['ASYNC_JOBS', 'ASYNC_JOBS_FIFO', 'CRONJOBS', 'DLQ', 'DLQ_FIFO', 'EVENTS', 'IOT', 'WEBHOOKS']) {
      expect(drain[`DRAIN_CONCURRENCY_${q}`]).toBe('1');
    }
  });

  test('drain concurrency is configurable per queue', () => {
    const { profile } = make({ drainConcurrency: { events: 4, webhooks: 8 } });
    const drain = profile.rendered.secrets.find((s) => s.name === SPACELIFT_SECRETS.drain)!.stringData;
    expect(drain.DRAIN_CONCURRENCY_EVENTS).toBe('4');
    expect(drain.DRAIN_CONCURRENCY_WEBHOOKS).toBe('8');
    expect(drain.DRAIN_CONCURRENCY_IOT).toBe('1');
  });

  test('license token and admin password are sensitive variables with stable names', () => {
    const { stack } = make();
    const json = synth(stack);
    expect(json.variable?.spacelift_license_token).toMatchObject({ sensitive: true, type: 'string', nullable: false });
    expect(json.variable?.spacelift_admin_password).toMatchObject({ sensitive: true, type: 'string' });
    expect(json.variable?.spacelift_encryption_rsa_private_key).toBeUndefined();
  });

  test('generates a 4096-bit RSA key that is protected from destroy, base64-encoded into the secret', () => {
    const { stack, profile } = make();
    const json = synth(stack);
    const keys = Object.values(json.resource!.tls_private_key!);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ algorithm: 'RSA', rsa_bits: 4096, lifecycle: { prevent_destroy: true } });
    const shared = profile.rendered.secrets.find((s) => s.name === SPACELIFT_SECRETS.shared)!.stringData;
    expect(shared.ENCRYPTION_RSA_PRIVATE_KEY).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
  });

  test('a supplied key comes from a sensitive variable instead, and no key is generated', () => {
    const { stack } = make({ encryptionKey: 'variable' });
    const json = synth(stack);
    expect(json.resource?.tls_private_key).toBeUndefined();
    expect(json.variable?.spacelift_encryption_rsa_private_key).toMatchObject({ sensitive: true });
  });

  test('admin login can be turned off: no variable, empty keys', () => {
    const { stack, profile } = make({ adminLogin: false });
    expect(synth(stack).variable?.spacelift_admin_password).toBeUndefined();
    const server = profile.rendered.secrets.find((s) => s.name === SPACELIFT_SECRETS.server)!.stringData;
    expect(server.ADMIN_USERNAME).toBe('');
    expect(server.ADMIN_PASSWORD).toBe('');
  });

  test('Helm values: images from the registry, secret refs, ingress with the issuer, workload identity', () => {
    const { profile } = make();
    const v = profile.rendered.values as any;
    expect(v.shared).toEqual({ serverHostname: 'spacelift.example.com', image: 'reg.azurecr.io/spacelift-backend:v4.0.0', secretRef: 'spacelift-shared' });
    expect(v.server.secretRef).toBe('spacelift-server');
    expect(v.drain.secretRef).toBe('spacelift-drain');
    expect(v.ingress).toEqual({ enabled: true, ingressClassName: 'traefik', annotations: { a: 'b', 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' } });
    expect(v.ingressV6).toEqual({ enabled: false });
    expect(v.serviceAccount).toEqual({ create: true, name: 'spacelift-backend', annotations: { 'azure.workload.identity/client-id': 'cid' } });
    for (const c of ['server', 'drain', 'scheduler']) expect(v[c].podLabels).toEqual({ 'azure.workload.identity/use': 'true' });
    expect(v.vcsGateway).toBeUndefined();
    expect(profile.rendered.chart).toEqual({ chart: 'spacelift-self-hosted', repository: 'https://downloads.spacelift.io/helm', version: '0.62.0' });
  });

  test('Google flavour: gcp storage type, GCP_PROJECT, the GCS uploads URL, the proxy sidecar and an IAM user without password', () => {
    const { stack, profile } = make(gcpProps());
    const shared = profile.rendered.secrets.find((s) => s.name === SPACELIFT_SECRETS.shared)!.stringData;
    expect(shared.OBJECT_STORAGE_TYPE).toBe('gcp');
    expect(shared.GCP_PROJECT).toBe('my-project');
    expect(shared.OBJECT_STORAGE_BUCKET_UPLOADS_URL).toBe('https://storage.googleapis.com');
    expect(shared.OBJECT_STORAGE_AZURE_ACCOUNT_URL).toBeUndefined();
    expect(shared.OBJECT_STORAGE_BUCKET_STATES).toBe('sl-states-abc123');
    const v = profile.rendered.values as any;
    expect(v.cloudSqlProxy).toEqual({ enabled: true, dbConnectionName: 'my-project:europe-west1:spacelift-pg' });
    expect(v.serviceAccount.annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'sl-backend@my-project.iam.gserviceaccount.com' });
    // The URL is assembled by Terraform: the IAM user (with its "@") is encoded, there is no password part.
    new TerraformOutput(stack, 'url', { value: shared.DATABASE_URL });
    const url = synth(stack).output!.url.value as string;
    expect(url).toContain('format("postgres://%s@%s:%s/%s?sslmode=%s", replace(urlencode("sl-backend@my-project.iam"), "+", "%20"), "127.0.0.1"');
    expect(url).toContain('"disable")');
  });

  test('AWS flavour: account and region, KMS encryption without an RSA key, s3 uploads URL, one service account per component', () => {
    const { stack, profile } = make(awsProps());
    const shared = profile.rendered.secrets.find((s) => s.name === SPACELIFT_SECRETS.shared)!.stringData;
    expect(shared).toMatchObject({
      OBJECT_STORAGE_TYPE: 'aws',
      AWS_ACCOUNT_ID: '123456789012',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      ENCRYPTION_TYPE: 'kms',
      ENCRYPTION_KMS_ENCRYPTION_KEY_ID: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      ENCRYPTION_KMS_SIGNING_KEY_ID: 'alias/spacelift-signing',
      OBJECT_STORAGE_BUCKET_UPLOADS_URL: 'https://sl-uploads-abc123.s3.eu-west-1.amazonaws.com',
    });
    expect(shared.ENCRYPTION_RSA_PRIVATE_KEY).toBeUndefined();
    expect(profile.encryptionKey).toBeUndefined();
    expect(synth(stack).resource?.tls_private_key).toBeUndefined();
    const v = profile.rendered.values as any;
    for (const [component, name] of Object.entries(SPACELIFT_COMPONENT_SERVICE_ACCOUNTS)) {
      expect(v[component].serviceAccount).toEqual({ create: true, name, annotations: { 'eks.amazonaws.com/role-arn': `arn:aws:iam::123456789012:role/${name}` } });
    }
    // The shared account stays for components without their own, with no cloud access.
    expect(v.serviceAccount).toEqual({ create: true, name: 'spacelift-backend', annotations: {} });
  });

  test('requirements: one service account per component when asked', () => {
    expect(spaceliftRequirements('x.example.com').serviceAccounts.map((a) => a.name)).toEqual(['spacelift-backend']);
    expect(spaceliftRequirements('x.example.com', { perComponentIdentity: true }).serviceAccounts.map((a) => a.name)).toEqual(Object.values(SPACELIFT_COMPONENT_SERVICE_ACCOUNTS));
  });

  test('VCS gateway: values and endpoint', () => {
    const { profile } = make({ vcsGatewayDomain: 'vcs.example.com' });
    const v = profile.rendered.values as any;
    expect(v.vcsGateway).toMatchObject({ enabled: true, domain: 'vcs.example.com', ingress: { ingressClassName: 'traefik' } });
    const shared = profile.rendered.secrets.find((s) => s.name === SPACELIFT_SECRETS.shared)!.stringData;
    expect(shared.VCS_GATEWAY_ENDPOINT).toBe('vcs.example.com:443');
  });

  test('VCS gateway: the controller dials its gRPC listener with h2c (Traefik: Service scheme; every controller: appProtocol)', () => {
    const v = make({ vcsGatewayDomain: 'vcs.example.com' }).profile.rendered.values as any;
    expect(v.vcsGateway.service).toEqual({ appProtocol: 'kubernetes.io/h2c', annotations: { 'traefik.ingress.kubernetes.io/service.serversscheme': 'h2c' } });
    expect(v.vcsGateway.ingress.annotations).toEqual({ a: 'b', 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' });
  });

  test('VCS gateway behind ingress-nginx: backend-protocol GRPC on its Ingress, not on the app\'s', () => {
    const nginx = INGRESS_CONTROLLER_DEFAULTS['ingress-nginx'];
    const v = make({ vcsGatewayDomain: 'vcs.example.com', ingress: { className: 'nginx', clusterIssuer: 'letsencrypt-prod', annotations: nginx.appAnnotations, grpcBackend: nginx.grpcBackend } }).profile.rendered.values as any;
    expect(v.vcsGateway.ingress.annotations['nginx.ingress.kubernetes.io/backend-protocol']).toBe('GRPC');
    expect(v.ingress.annotations['nginx.ingress.kubernetes.io/backend-protocol']).toBeUndefined();
    expect(v.vcsGateway.service).toEqual({ appProtocol: 'kubernetes.io/h2c', annotations: {} });
  });

  test('VCS gateway without gRPC backend settings is refused', () =>
    expectValidationError(() => make({ vcsGatewayDomain: 'vcs.example.com', ingress: { className: 'traefik', clusterIssuer: 'letsencrypt-prod' } }), 'ingress.grpcBackend', undefined));

  test('rejects a bad domain', () => expectValidationError(() => make({ domain: 'https://spacelift.example.com' }), 'domain', 'https://spacelift.example.com'));
  test('rejects a bad namespace', () => expectValidationError(() => make({ namespace: 'Spacelift' }), 'namespace', 'Spacelift'));
  test('rejects a version without the v prefix', () => expectValidationError(() => make({ version: '4.0.0' }), 'version', '4.0.0'));
  test('rejects a chart version range', () => expectValidationError(() => make({ chartVersion: '^0.62.0' }), 'chartVersion', '^0.62.0'));
  test('rejects an unsupported PostgreSQL major', () =>
    expectValidationError(() => make({ database: { ...props().database, majorVersion: 13 } }), 'database.majorVersion', 13));
  test('rejects a bad ingress class', () => expectValidationError(() => make({ ingress: { className: 'Bad_Class', clusterIssuer: 'x' } }), 'ingress.className', 'Bad_Class'));
  test('rejects a bad cluster issuer', () => expectValidationError(() => make({ ingress: { className: 'traefik', clusterIssuer: 'Bad Issuer' } }), 'ingress.clusterIssuer', 'Bad Issuer'));
  test('rejects a bad admin user name', () => expectValidationError(() => make({ adminUsername: 'a b' }), 'adminUsername', 'a b'));
  test('rejects a public API that is not https', () => expectValidationError(() => make({ publicApi: 'http://app.spacelift.io' }), 'publicApi', 'http://app.spacelift.io'));
  test('rejects an unknown encryption key source', () => expectValidationError(() => make({ encryptionKey: 'kms' as any }), 'encryptionKey', 'kms'));
  test('rejects a VCS gateway domain equal to the app domain', () =>
    expectValidationError(() => make({ vcsGatewayDomain: 'spacelift.example.com' }), 'vcsGatewayDomain', 'spacelift.example.com'));
  test('rejects a bad VCS gateway domain', () => expectValidationError(() => make({ vcsGatewayDomain: 'vcs_gw' }), 'vcsGatewayDomain', 'vcs_gw'));
  test('rejects drain concurrency out of range', () => expectValidationError(() => make({ drainConcurrency: { events: 0 } }), 'drainConcurrency.events', 0));
  test('rejects an unknown drain queue', () => expectValidationError(() => make({ drainConcurrency: { bogus: 2 } as any }), 'drainConcurrency.bogus', 'bogus'));
  test('rejects an object store kind it does not know', () =>
    expectValidationError(() => make({ objectStore: { ...props().objectStore, kind: 'minio' as any } }), 'objectStore.kind', 'minio'));
  test('rejects a gcs store without a project', () =>
    expectValidationError(() => make(gcpProps({ objectStore: { ...(gcpProps().objectStore!), project: undefined } })), 'objectStore.project', undefined));
  test('rejects an s3 store without the AWS account', () => expectValidationError(() => make(awsProps({ aws: undefined })), 'aws', undefined));
  test('rejects a malformed AWS account id', () =>
    expectValidationError(() => make(awsProps({ aws: { accountId: '1234', region: 'eu-west-1' } })), 'aws.accountId', '1234'));
  test('rejects a malformed AWS region', () =>
    expectValidationError(() => make(awsProps({ aws: { accountId: '123456789012', region: 'europe-west1' } })), 'aws.region', 'europe-west1'));
  test('rejects a KMS key that is not an ARN, id or alias', () =>
    expectValidationError(() => make(awsProps({ kms: { encryptionKeyId: 'my key', signingKeyId: 'alias/x' } })), 'kms.encryptionKeyId', 'my key'));
  test('rejects an RSA key source together with KMS', () =>
    expectValidationError(() => make(awsProps({ encryptionKey: 'variable' })), 'encryptionKey', 'variable'));
  test('rejects both a shared identity and component identities', () =>
    expectValidationError(() => make(awsProps({ identity: sharedIdentity() })), 'identity', 'both identity and componentIdentities'));
  test('rejects no identity at all', () =>
    expectValidationError(() => make({ identity: undefined }), 'identity', 'neither identity nor componentIdentities'));
  test('rejects a component identity for the wrong service account', () =>
    expectValidationError(
      () => make(awsProps({ componentIdentities: { server: irsa('spacelift-server'), drain: irsa('spacelift-server'), scheduler: irsa('spacelift-scheduler') } })),
      'componentIdentities.drain.serviceAccount',
      { namespace: 'spacelift', name: 'spacelift-server' },
    ));
  test('rejects the proxy settings when the database is not reached through a proxy', () =>
    expectValidationError(() => make(gcpProps({ database: props().database })), 'database.tlsMode', 'require'));
  test('rejects a proxied database without the proxy settings', () =>
    expectValidationError(() => make(gcpProps({ cloudSqlProxy: undefined })), 'cloudSqlProxy', undefined));
  test('rejects a malformed Cloud SQL connection name', () =>
    expectValidationError(() => make(gcpProps({ cloudSqlProxy: { connectionName: 'spacelift-pg' } })), 'cloudSqlProxy.connectionName', 'spacelift-pg'));
  test('rejects an object store missing a bucket', () => {
    const buckets = { ...props().objectStore.buckets };
    delete (buckets as Record<string, string>).states;
    expectValidationError(() => make({ objectStore: { ...props().objectStore, buckets } }), 'objectStore.buckets.states', undefined);
  });
  test('rejects an identity for another service account', () =>
    expectValidationError(
      () => make({ identity: { ...sharedIdentity(), serviceAccount: { namespace: 'spacelift', name: 'other' } } }),
      'identity.serviceAccount',
      { namespace: 'spacelift', name: 'other' },
    ));
});

describe('SpaceliftProfile: database CA outside the system trust store', () => {
  const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  const verified = { host: 'db.internal', port: 5432, database: 'spacelift', username: 'pgadmin', password: 'pw', tlsMode: 'verify-full' as const, majorVersion: 16, caCertificatePem: pem };

  test('verify-full with a CA bundle: a fourth Secret holds it, every database client mounts it and the URL names it', () => {
    const { stack, profile } = make({ database: verified });
    const ca = profile.rendered.secrets.find((s) => s.name === SPACELIFT_DATABASE_CA.secret);
    expect(ca?.stringData).toEqual({ [SPACELIFT_DATABASE_CA.key]: pem });
    for (const component of ['server', 'drain', 'scheduler']) {
      const v = profile.rendered.values[component] as any;
      expect(v.volumes).toEqual([{ name: 'database-ca', secret: { secretName: SPACELIFT_DATABASE_CA.secret } }]);
      expect(v.volumeMounts).toEqual([{ name: 'database-ca', mountPath: SPACELIFT_DATABASE_CA.mountPath, readOnly: true }]);
    }
    const shared = profile.rendered.secrets.find((s) => s.name === SPACELIFT_SECRETS.shared)!.stringData;
    new TerraformOutput(stack, 'url', { value: shared.DATABASE_URL });
    expect(synth(stack).output!.url.value).toContain(`?sslmode=%s&sslrootcert=${SPACELIFT_DATABASE_CA.mountPath}/${SPACELIFT_DATABASE_CA.key}"`);
  });

  test('without verification (require) the bundle is neither mounted nor named', () => {
    const { profile } = make({ database: { ...verified, tlsMode: 'require' } });
    expect(profile.rendered.secrets.map((s) => s.name)).not.toContain(SPACELIFT_DATABASE_CA.secret);
    expect((profile.rendered.values.server as any).volumes).toBeUndefined();
    const { stack: s2, profile: p2 } = make({ database: { ...verified, tlsMode: 'require' } });
    new TerraformOutput(s2, 'url', { value: p2.rendered.secrets.find((s) => s.name === SPACELIFT_SECRETS.shared)!.stringData.DATABASE_URL });
    expect(synth(s2).output!.url.value).not.toContain('sslrootcert');
  });
});

describe('SpaceliftProfile: AWS regions', () => {
  test('AWS_REGION and AWS_DEFAULT_REGION are the deployment\'s region even when the buckets live elsewhere; uploads go to the bucket\'s regional endpoint', () => {
    const base = awsProps();
    const store = { ...(base.objectStore as any), region: 'us-east-1' };
    const { profile } = make(awsProps({ objectStore: store }));
    const shared = profile.rendered.secrets.find((s) => s.name === SPACELIFT_SECRETS.shared)!.stringData;
    expect(shared.AWS_REGION).toBe('eu-west-1');
    expect(shared.AWS_DEFAULT_REGION).toBe('eu-west-1');
    expect(shared.OBJECT_STORAGE_BUCKET_UPLOADS_URL).toBe(`https://${store.buckets.uploads}.s3.us-east-1.amazonaws.com`);
  });
});
