import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { ESTAFETTE_CHART } from '../../../lib/apps/estafette/chart';
import { packageRoot } from '../../../lib/core/package-root';
import { loadConfigFile } from '../../../stacks/config-file';
import { DEPLOYMENT_KINDS, buildDeployment } from '../../../stacks/deployments';
import { RenderResult, renderOutputs } from '../../support/render';
import { describeWithTerraform } from '../../support/requirements';
import { synthApp, terraformBinary, testApp } from '../../support/synth';

/**
 * Estafette CI's `helm_values` output (estafette-gke, with Docker Hub credentials) as the real terraform evaluates it,
 * with every resource attribute it reads and both Docker Hub variables given awkward values (quotes, a backslash, a
 * newline, `#`, `:`, `$`, template-looking `${x}` / `%{x}`): parsed back, each value arrives exactly, and every key is
 * one the chart has at the pinned version. A Docker Hub value with `{{` (which the chart's `tpl` would read as a
 * template) is refused by the variable's validation.
 */
const AWKWARD = `a"b'c\\d\ne#f: g $h \${i} %{j} { k }`;
const sample = (address: string, i: number) => `${AWKWARD} <${i}:${address}>`;
const DOCKER = { dockerhub_username: `user ${AWKWARD}`, dockerhub_token: `token ${AWKWARD}` };

const FIXTURE = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'test', 'apps', 'estafette', 'fixtures', `estafette-ci-${ESTAFETTE_CHART.version}-value-keys.json`), 'utf8')) as { keys: Record<string, string> };

describeWithTerraform()('estafette-gke helm_values through the real terraform', () => {
  let result: RenderResult;
  let values: any;
  beforeAll(() => {
    const config = loadConfigFile(path.join(packageRoot(), DEPLOYMENT_KINDS['estafette-gke'].example)) as any;
    config.estafette.dockerHubCredentials = true;
    const app = testApp();
    const { infra } = buildDeployment(app, config);
    result = renderOutputs(terraformBinary()!, { json: synthApp(app)[infra.node.id]!, outputs: ['helm_values'], variables: DOCKER, sample });
    values = parse(result.raw.helm_values!);
  });

  const sampleOf = (pattern: RegExp) => {
    const address = Object.keys(result.samples).find((a) => pattern.test(a));
    if (address === undefined) throw new Error(`no sampled attribute matches ${pattern}: ${Object.keys(result.samples).join(', ')}`);
    return result.samples[address]!;
  };

  test('the generated keys arrive exactly', () => {
    expect(values.api.secret.secretDecryptionKey).toBe(sampleOf(/^random_password\.generated-secret-secret-decryption-key\.result$/));
    expect(values.api.secret.jwtKey).toBe(sampleOf(/^random_password\.generated-secret-jwt-key\.result$/));
  });

  test("CockroachDB's workload identity annotation arrives exactly", () => {
    const annotation = values.db.tls.serviceAccount.annotations['iam.gke.io/gcp-service-account'];
    expect(annotation).toBe(sampleOf(/^google_service_account\..*\.email$/));
  });

  test('the Docker Hub credentials arrive exactly in every component and in the API credentials file', () => {
    for (const s of ['api', 'web', 'db', 'cron-event-sender', 'db-migrator']) expect({ s, credentials: values[s].image.credentials }).toEqual({ s, credentials: expect.objectContaining({ password: DOCKER.dockerhub_token }) });
    const credentials = parse(values.api.config.files['credentials.yaml']) as any;
    expect(credentials.credentials).toEqual([{ name: 'docker-hub-pull', type: 'container-registry-pull', username: DOCKER.dockerhub_username, password: DOCKER.dockerhub_token }]);
  });

  test('a Docker Hub value with "{{" or "}}" is refused at plan time, naming the variable', () => {
    const config = loadConfigFile(path.join(packageRoot(), DEPLOYMENT_KINDS['estafette-gke'].example)) as any;
    config.estafette.dockerHubCredentials = true;
    const app = testApp();
    const { infra } = buildDeployment(app, config);
    const json = synthApp(app)[infra.node.id]!;
    for (const [name, bad] of [['dockerhub_token', 'tok{{ .Values }}en'], ['dockerhub_username', 'user}}']] as const) {
      expect(() => renderOutputs(terraformBinary()!, { json, outputs: ['helm_values'], variables: { ...DOCKER, [name]: bad }, sample })).toThrow(new RegExp(`${name} must not contain`));
    }
  });

  test('every key set is one the chart has at the pinned version', () => {
    const leaves = (v: unknown, prefix: string[] = []): string[] =>
      v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v as object).flatMap(([k, x]) => leaves(x, [...prefix, k.replace(/\./g, '\\.')])) : [prefix.join('.')];
    const has = (p: string) => {
      const parts = p.split(/(?<!\\)\./);
      for (let i = parts.length; i > 0; i--) {
        const kind = FIXTURE.keys[parts.slice(0, i).join('.')];
        if (kind !== undefined) return i === parts.length || kind === 'open';
      }
      return false;
    };
    expect(leaves(values).filter((p) => !has(p))).toEqual([]);
  });
});
