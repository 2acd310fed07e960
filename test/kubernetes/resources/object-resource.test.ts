import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { KubernetesDeployment } from '../../../lib/kubernetes/resources/deployment';
import { KubernetesJob } from '../../../lib/kubernetes/resources/job';
import { STRING_MAP_ARGUMENTS, terraformArgumentName, toTerraformArguments } from '../../../lib/kubernetes/resources/object-resource';
import { KubernetesStatefulSet } from '../../../lib/kubernetes/resources/stateful-set';

/**
 * The light workload resources synthesize what the provider's prebuilt bindings synthesize: the key rule and the
 * string maps are checked against each binding's own key table (read as text from its files), and a rich config is
 * synthesized both ways.
 */
const BINDINGS = ['job-v1', 'stateful-set-v1', 'deployment-v1'] as const;

function bindingDir(binding: string): string {
  return path.dirname(require.resolve(`@cdktf/provider-kubernetes/lib/${binding}`));
}

/** `terraform_name: cdktf.x(struct.camelName)` pairs of a binding's toTerraform functions, and its string-map arguments. */
function keyTable(binding: string): { pairs: [string, string][]; maps: Set<string> } {
  const dir = bindingDir(binding);
  const files = [path.join(dir, 'index.js'), ...fs.readdirSync(path.join(dir, 'index-structs')).filter((f) => f.endsWith('.js')).map((f) => path.join(dir, 'index-structs', f))];
  const pairs = new Map<string, string>();
  const maps = new Set<string>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s+([a-z_0-9]+): [^\n]*struct\.([a-zA-Z0-9]+)\)/gm)) if (m[1] !== 'value') pairs.set(`${m[1]} ${m[2]}`, m[1]);
    for (const m of text.matchAll(/^\s+([a-z_0-9]+): cdktf\.hashMapper\(/gm)) maps.add(m[1]!);
  }
  return { pairs: [...pairs.keys()].map((k) => k.split(' ') as [string, string]), maps };
}

describe.each(BINDINGS)('the %s binding', (binding) => {
  const table = keyTable(binding);

  test('names every argument by the rule terraformArgumentName follows', () => {
    expect(table.pairs.length).toBeGreaterThan(150);
    const differing = table.pairs.filter(([snake, camel]) => terraformArgumentName(camel) !== snake);
    expect(differing).toEqual([]);
  });

  test('has exactly the string maps whose keys are kept', () => {
    expect([...table.maps].sort()).toEqual([...STRING_MAP_ARGUMENTS].map(terraformArgumentName).sort());
  });
});

test('toTerraformArguments renames keys, keeps string-map keys and tokens, drops undefined', () => {
  const app = new App({ stackTraces: false });
  const stack = new TerraformStack(app, 's');
  const v = new TerraformVariable(stack, 'v', {});
  const name = v.stringValue;
  const token = v.value as unknown;
  const converted = toTerraformArguments(
    toTerraformArguments({
      activeDeadlineSeconds: 5,
      skipped: undefined,
      metadata: { labels: { 'app.kubernetes.io/name': 'x', someCamel: 'y' }, generateName: name },
      list: [{ runAsNonRoot: true }, 'text'],
      token,
    }),
  ) as Record<string, unknown>;
  expect(converted.token).toBe(token);
  expect(converted).toEqual({
    active_deadline_seconds: 5,
    metadata: { labels: { 'app.kubernetes.io/name': 'x', someCamel: 'y' }, generate_name: name },
    list: [{ run_as_non_root: true }, 'text'],
    token,
  });
});

/** A pod template using most shapes: maps with camelCase and dotted keys, lists of blocks, tokens, numbers as strings. */
function podTemplate(stack: TerraformStack) {
  const v = new TerraformVariable(stack, 'image', { type: 'string' });
  const labels = { 'app.kubernetes.io/name': 'demo', camelCaseKey: 'kept' };
  return {
    labels,
    template: {
      metadata: { labels, annotations: { 'checksum/config': 'abc', someAnnotation: 'x' } },
      spec: {
        restartPolicy: 'Never',
        automountServiceAccountToken: false,
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        securityContext: { runAsNonRoot: true, runAsUser: '1000', fsGroup: '1000', seccompProfile: { type: 'RuntimeDefault' } },
        affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: [{ matchLabels: labels }] } }] } },
        container: [
          {
            name: 'main',
            image: v.stringValue,
            command: ['sh', '-c', 'echo ${HOME}'],
            env: [{ name: 'A', value: '1' }, { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }],
            resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
            readinessProbe: { httpGet: { path: '/healthz', port: '8080' }, periodSeconds: 5 },
            volumeMount: [{ name: 'data', mountPath: '/data', readOnly: true }],
          },
        ],
        volume: [{ name: 'data', configMap: { name: 'cm', defaultMode: '0444' } }, { name: 'csi', csi: { driver: 'd', volumeAttributes: { someAttr: 'x' } } }],
      },
    },
  };
}

/** The arguments of the stack's resources `light` and `binding` of a type, as cdktf synthesizes them, without cdktf's metadata. */
function bothSynthesized(stack: TerraformStack, type: string): { light: unknown; binding: unknown } {
  const resources = (JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, Record<string, unknown>>> }).resource[type]!;
  const body = (id: string) => {
    const { '//': _meta, ...rest } = resources[id]!;
    return rest;
  };
  return { light: body('light'), binding: body('binding') };
}

describe('synthesized like the bindings', () => {
  test('a Job', () => {
    const stack = new TerraformStack(new App({ stackTraces: false }), 's');
    const { labels, template } = podTemplate(stack);
    const config = { metadata: { name: 'job', namespace: 'ns', labels }, spec: { backoffLimit: 3, activeDeadlineSeconds: 600, template }, waitForCompletion: true, timeouts: { create: '5m' } };
    const { JobV1 } = require('@cdktf/provider-kubernetes/lib/job-v1') as typeof import('@cdktf/provider-kubernetes/lib/job-v1');
    const light = new KubernetesJob(stack, 'light', { ...config, lifecycle: { createBeforeDestroy: false } });
    new JobV1(stack, 'binding', { ...config, lifecycle: { createBeforeDestroy: false } });
    new TerraformVariable(stack, 'name', { default: light.metadataName });
    const both = bothSynthesized(stack, 'kubernetes_job_v1');
    expect(both.light).toEqual(both.binding);
    expect(both.light).toMatchObject({ wait_for_completion: true, spec: { active_deadline_seconds: 600 }, lifecycle: { create_before_destroy: false } });
    expect((JSON.parse(Testing.synth(stack)) as { variable: { name: { default: string } } }).variable.name.default).toBe('${kubernetes_job_v1.light.metadata[0].name}');
  });

  test('a StatefulSet', () => {
    const stack = new TerraformStack(new App({ stackTraces: false }), 's');
    const { labels, template } = podTemplate(stack);
    const config = {
      metadata: { name: 'set', namespace: 'ns', labels },
      spec: {
        replicas: '3',
        serviceName: 'headless',
        podManagementPolicy: 'Parallel',
        selector: { matchLabels: labels },
        template,
        volumeClaimTemplate: [{ metadata: { name: 'data', labels }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'ssd', resources: { requests: { storage: '10Gi' } } } }],
        persistentVolumeClaimRetentionPolicy: [{ whenDeleted: 'Retain', whenScaled: 'Retain' }],
      },
      waitForRollout: true,
    };
    const { StatefulSetV1 } = require('@cdktf/provider-kubernetes/lib/stateful-set-v1') as typeof import('@cdktf/provider-kubernetes/lib/stateful-set-v1');
    new KubernetesStatefulSet(stack, 'light', config);
    new StatefulSetV1(stack, 'binding', config);
    const both = bothSynthesized(stack, 'kubernetes_stateful_set_v1');
    expect(both.light).toEqual(both.binding);
    expect(both.light).toMatchObject({ spec: { volume_claim_template: [{ spec: { access_modes: ['ReadWriteOnce'] } }] } });
  });

  test('a Deployment', () => {
    const stack = new TerraformStack(new App({ stackTraces: false }), 's');
    const { labels, template } = podTemplate(stack);
    const config = {
      metadata: { name: 'dep', namespace: 'ns', labels, annotations: { 'a.b/c': 'd' } },
      spec: { replicas: '2', selector: { matchLabels: labels }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '0', maxSurge: '1' } }, template },
      waitForRollout: true,
    };
    const { DeploymentV1 } = require('@cdktf/provider-kubernetes/lib/deployment-v1') as typeof import('@cdktf/provider-kubernetes/lib/deployment-v1');
    new KubernetesDeployment(stack, 'light', config);
    new DeploymentV1(stack, 'binding', config);
    const both = bothSynthesized(stack, 'kubernetes_deployment_v1');
    expect(both.light).toEqual(both.binding);
    expect(both.light).toMatchObject({ spec: { template: { spec: { node_selector: { 'kubernetes.io/os': 'linux' } } } } });
  });
});

test('HCL synth is refused with the resource path', () => {
  const stack = new TerraformStack(new App({ stackTraces: false }), 's');
  const job = new KubernetesJob(stack, 'job', { metadata: { name: 'j' }, spec: { template: { metadata: {}, spec: { container: [{ name: 'c', image: 'i' }] } } } });
  expect(() => job.toHclTerraform()).toThrow('s/job: kubernetes_job_v1 is synthesized as JSON only');
});
