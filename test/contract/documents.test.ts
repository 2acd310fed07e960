import * as fs from 'fs';
import * as path from 'path';
import { CLUSTER_ISSUERS_CHART_DIR } from '../../lib/kubernetes/cert-manager';
import { spaceliftAks } from '../../stacks/aks';
import { SpaceliftAksConfig } from '../../stacks/aks/spacelift-config';
import { localNamed, resolveLocals, schemaErrors, secretErrors } from '../support/documents';
import { configWith, exampleConfig, sharedSchema, synthApp, testApp } from '../support/synth';
import { describeWithSharedSchemas } from '../support/requirements';

/** Config variants that change the documents: every one must satisfy the charts' schemas. */
const VARIANTS: Record<string, SpaceliftAksConfig> = {
  example: exampleConfig(),
  'ingress-nginx + staging issuer': configWith((c) => {
    c.kubernetes.ingress = { controller: 'ingress-nginx' };
    c.kubernetes.certManager.issuer = 'letsencrypt-staging';
  }),
  'vcs gateway + entra id + supplied key + no admin login': configWith((c) => {
    c.spacelift.vcsGatewayDomain = 'vcs.example.com';
    c.spacelift.encryptionKey = 'variable';
    c.spacelift.adminLogin = false;
    c.cluster.entraId = { adminGroupObjectIds: ['11111111-2222-3333-4444-555555555555'] };
  }),
};

function documents(config: SpaceliftAksConfig) {
  const app = testApp();
  const { infra, platform } = spaceliftAks(app, config);
  const json = synthApp(app);
  const i = json[infra.node.id]!;
  const p = json[platform.node.id]!;
  return {
    spaceliftValues: localNamed(i, 'spacelift_helm_values'),
    secrets: ['spacelift_shared', 'spacelift_server', 'spacelift_drain'].map((n) => resolveLocals(i, i.locals![n])),
    certManagerValues: localNamed(p, 'cert-manager_values'),
    issuerValues: localNamed(p, 'cert-manager_issuer-values'),
  };
}

const withSchemas = describeWithSharedSchemas();

describe.each(Object.entries(VARIANTS))('documents of %s', (_name, config) => {
  const docs = documents(config);

  withSchemas('chart schemas from ../shared/schemas', () => {
    test('Spacelift values validate against spacelift-self-hosted values.schema.json', () => {
      expect(schemaErrors(sharedSchema('spacelift-values.schema.json'), docs.spaceliftValues)).toEqual([]);
    });
    test('cert-manager values validate against the cert-manager chart schema', () => {
      expect(schemaErrors(sharedSchema('cert-manager-values.schema.json'), docs.certManagerValues)).toEqual([]);
    });
  });

  test('ClusterIssuer values validate against the local chart schema', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(CLUSTER_ISSUERS_CHART_DIR, 'values.schema.json'), 'utf8'));
    expect(schemaErrors(schema, docs.issuerValues)).toEqual([]);
  });

  test('every Secret is a valid v1/Secret of type Opaque with string data', () => {
    expect(docs.secrets).toHaveLength(3);
    for (const s of docs.secrets) {
      expect(secretErrors(s)).toEqual([]);
      expect(s.type).toBe('Opaque');
      expect(s.metadata.namespace).toBe(config.kubernetes.namespace ?? 'spacelift');
      expect(Object.values(s.stringData).every((v) => typeof v === 'string')).toBe(true);
    }
  });
});

describe('the contract checks can fail', () => {
  const docs = documents(exampleConfig());
  withSchemas('with schemas', () => {
    test('an unknown key in the Spacelift values is rejected by the chart schema', () => {
      const bad = { ...docs.spaceliftValues, shared: { ...docs.spaceliftValues.shared, imageTag: 'v4' } };
      expect(schemaErrors(sharedSchema('spacelift-values.schema.json'), bad).join()).toMatch(/additional/);
    });
    test('a wrong type in the cert-manager values is rejected', () => {
      expect(schemaErrors(sharedSchema('cert-manager-values.schema.json'), { ...docs.certManagerValues, replicaCount: 'two' })).not.toEqual([]);
    });
  });
  test('a Secret with a non-string value or an unknown field is rejected', () => {
    const s = docs.secrets[0];
    expect(secretErrors({ ...s, stringData: { A: 1 } })).not.toEqual([]);
    expect(secretErrors({ ...s, strinData: {} })).toEqual(['unknown field strinData']);
  });
});
