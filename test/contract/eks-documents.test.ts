import { SpaceliftEksConfig } from '../../stacks/eks';
import { localNamed, resolveLocals, schemaErrors, secretErrors } from '../support/documents';
import { sharedSchema } from '../support/synth';
import { describeWithSharedSchemas } from '../support/requirements';
import { eksConfigWith, eksExample, eksPair } from '../stacks/eks/example';

/** EKS config variants that change the documents: every one must satisfy the charts' schemas. */
const VARIANTS: Record<string, SpaceliftEksConfig> = {
  example: eksExample(),
  'RSA key generated, ingress-nginx, staging issuer': eksConfigWith((c) => {
    c.spacelift.encryptionKey = 'generate';
    c.kubernetes.ingress = { controller: 'ingress-nginx' };
    c.kubernetes.certManager.issuer = 'letsencrypt-staging';
  }),
  'VCS gateway, supplied RSA key, no admin login, Aurora': eksConfigWith((c) => {
    c.spacelift.vcsGatewayDomain = 'vcs.example.com';
    c.spacelift.encryptionKey = 'variable';
    c.spacelift.adminLogin = false;
    c.postgres = { aurora: true, multiAz: true };
  }),
  'database TLS require (no CA bundle)': eksConfigWith((c) => (c.postgres = { tlsMode: 'require' })),
};

function documents(config: SpaceliftEksConfig) {
  const { infra, infraJson: i, platformJson: p } = eksPair(config);
  return {
    spaceliftValues: localNamed(i, 'spacelift_helm_values'),
    secrets: infra.rendered.secrets.map((doc) => resolveLocals(i, i.locals![doc.name.replace(/-/g, '_')])),
    certManagerValues: localNamed(p, 'cert-manager_values'),
    ingressValues: localNamed(p, 'ingress_values'),
  };
}

const withSchemas = describeWithSharedSchemas();

describe.each(Object.entries(VARIANTS))('EKS documents of %s', (_name, config) => {
  const docs = documents(config);

  withSchemas('chart schemas from ../shared/schemas', () => {
    test('Spacelift values (one service account per component) validate against the chart values schema', () => {
      expect(schemaErrors(sharedSchema('spacelift-values.schema.json'), docs.spaceliftValues)).toEqual([]);
    });
    test('cert-manager values validate against the cert-manager chart schema', () => {
      expect(schemaErrors(sharedSchema('cert-manager-values.schema.json'), docs.certManagerValues)).toEqual([]);
    });
  });

  test('every Secret is a valid v1/Secret of type Opaque with string data, in the app namespace', () => {
    // The three Spacelift reads, plus the database CA bundle when the server is verified.
    const verified = (config.postgres?.tlsMode ?? 'verify-full') !== 'require';
    expect(docs.secrets.map((x) => x.metadata.name)).toEqual(['spacelift-shared', 'spacelift-server', 'spacelift-drain', ...(verified ? ['spacelift-database-ca'] : [])]);
    for (const s of docs.secrets) {
      expect(secretErrors(s)).toEqual([]);
      expect(s.type).toBe('Opaque');
      expect(s.metadata.namespace).toBe(config.kubernetes.namespace ?? 'spacelift');
      expect(Object.values(s.stringData).every((v) => typeof v === 'string')).toBe(true);
    }
  });

  test('the shared Secret carries the AWS account, region and S3 settings Spacelift reads', () => {
    const shared = docs.secrets[0].stringData;
    for (const key of ['AWS_ACCOUNT_ID', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'OBJECT_STORAGE_TYPE', 'OBJECT_STORAGE_BUCKET_UPLOADS_URL', 'DATABASE_URL']) {
      expect({ key, present: key in shared }).toEqual({ key, present: true });
    }
    const kms = (config.spacelift.encryptionKey ?? 'kms') === 'kms';
    expect('ENCRYPTION_KMS_ENCRYPTION_KEY_ID' in shared).toBe(kms);
    expect('ENCRYPTION_RSA_PRIVATE_KEY' in shared).toBe(!kms);
  });

  test('the ingress controller Service is a Network Load Balancer on the Elastic IPs', () => {
    const annotations = (docs.ingressValues.service ?? docs.ingressValues.controller.service).annotations;
    expect(annotations['service.beta.kubernetes.io/aws-load-balancer-type']).toBe('nlb');
    expect(annotations['service.beta.kubernetes.io/aws-load-balancer-eip-allocations']).toBeDefined();
    expect(annotations['service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled']).toBe('true');
  });
});

describe('the EKS contract checks can fail', () => {
  const docs = documents(eksExample());
  withSchemas('with schemas', () => {
    test('a per-component service account with an unknown key is rejected by the chart schema', () => {
      const bad = { ...docs.spaceliftValues, server: { ...docs.spaceliftValues.server, serviceAccount: { ...docs.spaceliftValues.server.serviceAccount, roleArn: 'x' } } };
      expect(schemaErrors(sharedSchema('spacelift-values.schema.json'), bad).join()).toMatch(/additional/);
    });
  });
  test('a Secret with a non-string value is rejected', () => {
    expect(secretErrors({ ...docs.secrets[0], stringData: { A: 1 } })).not.toEqual([]);
  });
});
