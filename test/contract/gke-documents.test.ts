import * as fs from 'fs';
import * as path from 'path';
import { CLUSTER_ISSUERS_CHART_DIR } from '../../lib/kubernetes/cert-manager';
import { spaceliftGke } from '../../stacks/gke';
import { SpaceliftGkeConfig } from '../../stacks/gke/spacelift-config';
import { localNamed, resolveLocals, schemaErrors, secretErrors } from '../support/documents';
import { sharedSchema, synthApp, testApp } from '../support/synth';
import { describeWithSharedSchemas } from '../support/requirements';
import { gkeConfigWith, gkeExampleConfig } from '../stacks/gke/fixtures';

/** GKE config variants that change the documents: every one must satisfy the charts' schemas. */
const VARIANTS: Record<string, SpaceliftGkeConfig> = {
  example: gkeExampleConfig(),
  'IAM database auth (Cloud SQL proxy) + custom proxy image + ingress-nginx + staging issuer': gkeConfigWith((c) => {
    c.postgres = { ...c.postgres, iamAuth: true, cloudSqlProxyImage: 'gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.21.0' };
    c.kubernetes.ingress = { controller: 'ingress-nginx' };
    c.kubernetes.certManager.issuer = 'letsencrypt-staging';
  }),
  'autopilot + vcs gateway + supplied key + no admin login': gkeConfigWith((c) => {
    c.cluster.autopilot = true;
    delete c.cluster.nodePool;
    c.spacelift.vcsGatewayDomain = 'vcs.example.com';
    c.spacelift.encryptionKey = 'variable';
    c.spacelift.adminLogin = false;
  }),
};

function documents(config: SpaceliftGkeConfig) {
  const app = testApp();
  const { infra, platform } = spaceliftGke(app, config);
  const json = synthApp(app);
  const i = json[infra.node.id]!;
  const p = json[platform.node.id]!;
  return {
    spaceliftValues: localNamed(i, 'spacelift_helm_values'),
    secrets: ['spacelift_shared', 'spacelift_server', 'spacelift_drain', 'spacelift_database_ca'].filter((n) => i.locals![n] !== undefined).map((n) => resolveLocals(i, i.locals![n])),
    certManagerValues: localNamed(p, 'cert-manager_values'),
    issuerValues: localNamed(p, 'cert-manager_issuer-values'),
  };
}

const withSchemas = describeWithSharedSchemas();

describe.each(Object.entries(VARIANTS))('GKE documents of %s', (_name, config) => {
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

  test('every Secret is a valid v1/Secret of type Opaque with string data, with the Google storage settings', () => {
    // With a password, the instance's CA travels in a fourth Secret; through the proxy there is nothing to verify.
    const iam = config.postgres?.iamAuth === true;
    expect(docs.secrets.map((s) => s.metadata.name)).toEqual(['spacelift-shared', 'spacelift-server', 'spacelift-drain', ...(iam ? [] : ['spacelift-database-ca'])]);
    if (!iam) expect(Object.keys(docs.secrets[3].stringData)).toEqual(['ca.pem']);
    for (const s of docs.secrets) {
      expect(secretErrors(s)).toEqual([]);
      expect(s.type).toBe('Opaque');
      expect(s.metadata.namespace).toBe(config.kubernetes.namespace ?? 'spacelift');
      expect(Object.values(s.stringData).every((v) => typeof v === 'string')).toBe(true);
    }
    expect(docs.secrets[0].stringData).toMatchObject({ OBJECT_STORAGE_TYPE: 'gcp', GCP_PROJECT: config.google.project });
  });

  test('the service account carries the GKE Workload Identity annotation; the proxy is there exactly with IAM auth', () => {
    expect(Object.keys(docs.spaceliftValues.serviceAccount.annotations)).toEqual(['iam.gke.io/gcp-service-account']);
    expect(docs.spaceliftValues.cloudSqlProxy?.enabled === true).toBe(config.postgres?.iamAuth === true);
  });
});

describe('the GKE contract checks can fail', () => {
  const docs = documents(VARIANTS['IAM database auth (Cloud SQL proxy) + custom proxy image + ingress-nginx + staging issuer']!);
  withSchemas('with schemas', () => {
    test('an unknown key in the Cloud SQL proxy values is rejected by the chart schema', () => {
      const bad = { ...docs.spaceliftValues, cloudSqlProxy: { ...docs.spaceliftValues.cloudSqlProxy, privateIp: true } };
      expect(schemaErrors(sharedSchema('spacelift-values.schema.json'), bad).join()).toMatch(/additional/);
    });
  });
  test('a Secret with a non-string value is rejected', () => {
    expect(secretErrors({ ...docs.secrets[0], stringData: { GCP_PROJECT: 1 } })).not.toEqual([]);
  });
});
