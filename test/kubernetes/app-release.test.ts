import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { publishDocument } from '../../lib/core/document';
import { AppRelease, AppReleaseProps } from '../../lib/kubernetes/app-release';
import { AppNamespace } from '../../lib/kubernetes/namespace';
import { describeWithTerraform } from '../support/requirements';
import { only, resources, synth, terraformBinary, testApp } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';

function make(over: (base: AppReleaseProps) => Partial<AppReleaseProps> = () => ({})) {
  const stack = new TerraformStack(testApp(), 'test');
  const namespace = new AppNamespace(stack, 'ns', { name: 'spacelift', dependsOn: [] });
  const values = publishDocument(stack, 'values', { replicas: 2 });
  const dep = new StringResource(stack, 'dep', { length: 4 });
  const base: AppReleaseProps = {
    name: 'spacelift',
    chart: { chart: 'spacelift-self-hosted', repository: 'https://downloads.spacelift.io/helm', version: '0.62.0' },
    namespace,
    values,
    dependsOn: [dep],
  };
  const release = new AppRelease(stack, 'app', { ...base, ...over(base) });
  return { stack, release };
}

describe('AppRelease', () => {
  test('pinned, atomic, cleans up on failure, waits, values yamlencoded from the local, depends on what it is given', () => {
    const { stack } = make();
    const json = synth(stack);
    const [nsKey] = Object.keys(resources(json, 'kubernetes_namespace_v1'));
    expect(only(json, 'helm_release')).toEqual({
      name: 'spacelift',
      namespace: `\${kubernetes_namespace_v1.${nsKey}.metadata[0].name}`,
      repository: 'https://downloads.spacelift.io/helm',
      chart: 'spacelift-self-hosted',
      version: '0.62.0',
      atomic: true,
      cleanup_on_fail: true,
      wait: true,
      timeout: 1200,
      max_history: 10,
      values: ['${yamlencode(local.values)}'],
      depends_on: ['random_string.dep'],
    });
  });

  test('a timeout of its own', () => {
    const { stack } = make(() => ({ timeoutSeconds: 300 }));
    expect(only(synth(stack), 'helm_release').timeout).toBe(300);
  });

  test('timeout bounds are accepted', () => {
    expect(() => make(() => ({ timeoutSeconds: 60 }))).not.toThrow();
    expect(() => make(() => ({ timeoutSeconds: 7200 }))).not.toThrow();
  });

  test('a local chart: no repository', () => {
    const { stack } = make(() => ({ chart: { chart: './charts/app', version: '1.0.0' } }));
    const r = only(synth(stack), 'helm_release');
    expect(r.repository).toBeUndefined();
    expect(r.chart).toBe('./charts/app');
  });

  test('an oci:// repository', () => {
    const { stack } = make((b) => ({ chart: { ...b.chart, repository: 'oci://registry.example.com/charts' } }));
    expect(only(synth(stack), 'helm_release').repository).toBe('oci://registry.example.com/charts');
  });

  test('a version known only at apply time is accepted', () => {
    const { stack } = make((b) => ({ chart: { ...b.chart, version: new TerraformVariable(b.namespace, 'v', { type: 'string' }).stringValue } }));
    expect(only(synth(stack), 'helm_release').version).toMatch(/^\$\{var\.[\w]+\}$/);
  });

  test('exposes the release', () => {
    const { release } = make();
    expect(release.release.terraformResourceType).toBe('helm_release');
  });

  test('rejects a bad release name', () => expectValidationError(() => make(() => ({ name: 'My_App' })), 'name', 'My_App'));
  test('rejects a chart version range', () => expectValidationError(() => make((b) => ({ chart: { ...b.chart, version: '^0.62.0' } })), 'chart.version', '^0.62.0'));
  test('rejects "latest"', () => expectValidationError(() => make((b) => ({ chart: { ...b.chart, version: 'latest' } })), 'chart.version', 'latest'));
  test('rejects an http:// repository', () =>
    expectValidationError(() => make((b) => ({ chart: { ...b.chart, repository: 'http://charts.example.com' } })), 'chart.repository', 'http://charts.example.com'));
  test('rejects a repository without a scheme', () =>
    expectValidationError(() => make((b) => ({ chart: { ...b.chart, repository: 'charts.example.com' } })), 'chart.repository', 'charts.example.com'));
  test('rejects a timeout under a minute', () => expectValidationError(() => make(() => ({ timeoutSeconds: 59 })), 'timeoutSeconds', 59));
  test('rejects a timeout over two hours', () => expectValidationError(() => make(() => ({ timeoutSeconds: 7201 })), 'timeoutSeconds', 7201));
  test('rejects a fractional timeout', () => expectValidationError(() => make(() => ({ timeoutSeconds: 90.5 })), 'timeoutSeconds', 90.5));
});

/**
 * A local chart with a hint: Terraform checks at plan time that the chart is there. The condition is evaluated by the
 * real terraform (its `fileexists`), with and without the chart folder.
 */
describeWithTerraform()('AppRelease with a local chart that may be missing', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'local-chart-'));
  const chartDir = path.join(work, 'charts', 'my "app"');
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  function precondition(chart: AppReleaseProps['chart']): { condition: string; error_message: string } | undefined {
    const { stack } = make(() => ({ chart }));
    return only(synth(stack), 'helm_release').lifecycle?.precondition?.[0];
  }

  function evaluate(condition: string): string {
    const expr = /^\$\{(.*)\}$/s.exec(condition)![1]!;
    const r = spawnSync(terraformBinary()!, ['console'], { cwd: work, input: `${expr}\n`, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
    if (r.status !== 0) throw new Error(r.stderr);
    return r.stdout.trim();
  }

  test('fails the plan with the hint while <chart>/Chart.yaml is missing, passes once it is there', () => {
    const p = precondition({ chart: `${chartDir}/`, version: '0.2.0', missingHint: 'run fetch ${x} %{y}' })!;
    expect(p.error_message).toBe(`No Helm chart at ${chartDir}/ (${chartDir}/Chart.yaml is missing): run fetch $\${x} %%{y}`);
    expect(evaluate(p.condition)).toBe('false');
    fs.mkdirSync(chartDir, { recursive: true });
    fs.writeFileSync(path.join(chartDir, 'Chart.yaml'), 'name: app\n');
    expect(evaluate(p.condition)).toBe('true');
  });

  test('no check without a hint, or for a chart from a repository', () => {
    expect(precondition({ chart: chartDir, version: '0.2.0' })).toBeUndefined();
    expect(precondition({ chart: 'app', repository: 'https://charts.example.com', version: '0.2.0', missingHint: 'x' })).toBeUndefined();
  });
});
