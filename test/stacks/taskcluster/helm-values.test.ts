import { parse } from 'yaml';
import { schemaErrors } from '../../support/documents';
import { RenderResult, renderOutputs } from '../../support/render';
import { describeWithSharedSchemas, describeWithTerraform } from '../../support/requirements';
import { sharedSchema, terraformBinary } from '../../support/synth';
import { taskclusterExample, taskclusterPair } from './fixtures';

/**
 * The EKS stack's `helm_values` output as the real terraform evaluates it, with every resource attribute it reads
 * replaced by an awkward value (quotes, a backslash, a newline, `#`, `:`, `$` and template-looking `${x}` / `%{x}`),
 * parsed back and checked against the Taskcluster chart's values schema (v106.0.0).
 */
const AWKWARD = `a"b'c\\d\ne#f: g $h \${i} %{j}`;
const sample = (address: string, i: number) => `${AWKWARD} <${i}:${address}>`;

/** The example with every Taskcluster field set, to values the checks accept. */
function config() {
  const c = taskclusterExample('taskcluster-eks');
  c.taskcluster = { ...c.taskcluster, usernamePrefix: 'tc_ci', webReplicas: 3, chartPath: `/opt/charts/o'q"$x\${y}%{z}/tc` };
  c.kubernetes.ingress = { controller: 'ingress-nginx' };
  return c;
}

describeWithTerraform()('taskcluster-eks helm_values through the real terraform', () => {
  let result: RenderResult;
  let values: any;
  beforeAll(() => {
    const { infraJson } = taskclusterPair('taskcluster-eks', config());
    result = renderOutputs(terraformBinary()!, { json: infraJson, outputs: ['helm_values'], variables: {}, sample });
    values = parse(result.raw.helm_values!);
  });

  test('every attribute the values read got an awkward sample', () => {
    expect(Object.keys(result.samples).length).toBeGreaterThan(10);
  });

  describeWithSharedSchemas()('the chart schema', () => {
    test('the values validate against taskcluster-values.schema.json', () => {
      expect(schemaErrors(sharedSchema('taskcluster-values.schema.json'), values)).toEqual([]);
    });

    test('the check can fail: an unknown key, a missing required one, a wrong type', () => {
      const schema = sharedSchema('taskcluster-values.schema.json');
      expect(schemaErrors(schema, { ...values, queue: { ...values.queue, bucket: 'x' } }).join()).toMatch(/additional/);
      const { rootUrl: _r, ...noRoot } = values;
      expect(schemaErrors(schema, noRoot).join()).toMatch(/rootUrl/);
      expect(schemaErrors(schema, { ...values, auth: { ...values.auth, procs: { ...values.auth.procs, web: { ...values.auth.procs.web, replicas: '3' } } } })).not.toEqual([]);
    });
  });

  test('the config reaches the values: the root URL, the replicas of every web process', () => {
    expect(values.rootUrl).toBe('https://tc.example.com');
    const webs = Object.entries(values).filter(([, v]: [string, any]) => v?.procs?.web !== undefined);
    expect(webs.length).toBeGreaterThan(5);
    for (const [service, v] of webs as [string, any][]) expect({ service, replicas: v.procs.web.replicas }).toEqual({ service, replicas: 3 });
  });

  test('no secret is in the values: no sample of any attribute shows up, only the hash of the Secrets', () => {
    const text = JSON.stringify(values);
    expect(text).not.toContain(AWKWARD.slice(0, 5));
    expect(text).not.toContain('ADMIN_DB_URL');
    const hashes = Object.values(values.podAnnotations ?? {}) as string[];
    expect(hashes.length).toBeGreaterThan(0);
    for (const h of hashes) expect(h).toMatch(/^[0-9a-f]{64}$/);
  });
});
