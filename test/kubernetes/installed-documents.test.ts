import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { TerraformLocal, TerraformStack, TerraformVariable } from 'cdktf';
import { CertManager } from '../../lib/kubernetes/cert-manager';
import { DatabaseBootstrap } from '../../lib/kubernetes/database-bootstrap';
import { IngressControllerKind, createIngressController } from '../../lib/kubernetes/ingress';
import { AppNamespace } from '../../lib/kubernetes/namespace';
import { localNamed, resolveLocals } from '../support/documents';
import { Synthesized, only, resources, synth, testApp } from '../support/synth';

/**
 * What the namespace, ingress controller, cert-manager and database-bootstrap constructs expose for the infra stack's
 * `install_commands` (the manifests and values documents they install) is what they synthesize: the same labels, the
 * same values, the same Job.
 */

const entryPoint = { ipAddress: '20.1.2.3', loadBalancerIp: '20.1.2.3', serviceAnnotations: { 'example.com/ip-name': 'ingress' } };

describe('exposed documents equal what is synthesized', () => {
  test.each(['privileged', 'baseline', 'restricted'] as const)('AppNamespace (%s): the manifest carries the resource\'s name and labels', (podSecurity) => {
    const stack = new TerraformStack(testApp(), 'test');
    const ns = new AppNamespace(stack, 'ns', { name: 'apps', podSecurity, labels: { team: 'platform' }, dependsOn: [] });
    const resource = only(synth(stack), 'kubernetes_namespace_v1');
    expect(ns.manifest).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: resource.metadata });
    expect(ns.labels).toEqual(resource.metadata.labels);
  });

  test.each(['traefik', 'ingress-nginx'] as IngressControllerKind[])('%s: its namespace and values are the ones its release installs', (kind) => {
    const stack = new TerraformStack(testApp(), 'test');
    const controller = createIngressController(stack, 'ingress', kind, { entryPoint, dependsOn: [], namespace: 'edge', replicas: 3 });
    const json = synth(stack);
    const release = only(json, 'helm_release');
    expect(release.namespace).toBe(`\${kubernetes_namespace_v1.${Object.keys(resources(json, 'kubernetes_namespace_v1'))[0]}.metadata[0].name}`);
    expect(controller.namespace.literalName).toBe('edge');
    expect(only(json, 'kubernetes_namespace_v1').metadata.name).toBe('edge');
    expect(release.values).toEqual([`\${yamlencode(local.${Object.keys(json.locals!)[0]})}`]);
    expect(resolveLocals(json, Object.values(json.locals!)[0])).toEqual(controller.values);
  });

  test('CertManager: its namespace, and the values of both releases', () => {
    const stack = new TerraformStack(testApp(), 'test');
    const cm = new CertManager(stack, 'cm', { email: 'ops@example.com', ingressClassName: 'traefik', namespace: 'certs', dependsOn: [] });
    const json = synth(stack);
    expect(cm.namespace.literalName).toBe('certs');
    expect(cm.namespace.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(localNamed(json, 'cm_values')).toEqual(cm.values);
    expect(localNamed(json, 'cm_issuer-values')).toEqual(cm.issuerValues);
    expect(Object.values<any>(resources(json, 'helm_release')).find((r) => r.name === 'cluster-issuers').chart).toMatch(/^assets\//);
    expect(cm.issuersChartDir).toMatch(/lib\/kubernetes\/charts\/cluster-issuers$/);
  });

  test('DatabaseBootstrap: the Secret, ConfigMap and Job manifests are the synthesized resources, names made literal', () => {
    const stack = new TerraformStack(testApp(), 'test');
    const namespace = new AppNamespace(stack, 'ns', { name: 'app', dependsOn: [] });
    const password = new TerraformVariable(stack, 'admin_pw', { type: 'string', sensitive: true }).stringValue;
    const boot = new DatabaseBootstrap(stack, 'bootstrap', {
      admin: { host: 'db.internal', port: 5432, database: 'postgres', username: 'boot_admin', password, tlsMode: 'verify-ca', caCertificatePem: 'CA', majorVersion: 15 },
      namespace,
      spec: { roles: [{ name: 'spacelift', existing: true, attributes: ['CREATEROLE'] }], databases: [{ name: 'spacelift' }], grants: [{ role: 'spacelift', database: 'spacelift', databasePrivileges: ['ALL'] }] },
      dependsOn: [new StringResource(stack, 'db', { length: 4 })],
    });
    // The manifests' leaves may be tokens: published as locals, they are written as Terraform JSON writes them.
    const b = boot.manifests;
    for (const [id, doc] of Object.entries({ secret: b.secret, configMap: b.configMap, runs: b.runs, job: b.job('NAME') })) new TerraformLocal(stack, `cmp_${id}`, doc);
    const json: Synthesized = synth(stack);
    const m = { ...b, secret: json.locals!.cmp_secret, configMap: json.locals!.cmp_configMap, runs: json.locals!.cmp_runs, job: () => json.locals!.cmp_job };
    const literal = (s: unknown) => (typeof s === 'string' ? s.replace(/^\$\{kubernetes_[a-z_0-9]+\.[^.]+\.metadata\[0\]\.name\}$/, (ref) => resolveName(json, ref)) : s);

    const secret = only(json, 'kubernetes_secret_v1');
    expect({ name: m.secret.name, namespace: m.secret.namespace, labels: m.secret.labels, data: m.secret.stringData }).toEqual({
      name: secret.metadata.name,
      namespace: literal(secret.metadata.namespace),
      labels: secret.metadata.labels,
      data: secret.data,
    });
    const configMap = only(json, 'kubernetes_config_map_v1');
    expect(m.configMap).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...configMap.metadata, namespace: literal(configMap.metadata.namespace) }, data: configMap.data });

    const job = only(json, 'kubernetes_job_v1');
    const manifest = m.job() as any;
    expect(manifest.metadata).toEqual({ ...job.metadata, name: 'NAME', namespace: literal(job.metadata.namespace) });
    const spec = job.spec;
    const pod = spec.template.spec;
    const container = pod.container[0];
    expect(manifest.spec).toEqual({
      backoffLimit: spec.backoff_limit,
      activeDeadlineSeconds: spec.active_deadline_seconds,
      template: {
        metadata: spec.template.metadata,
        spec: {
          restartPolicy: pod.restart_policy,
          automountServiceAccountToken: pod.automount_service_account_token,
          enableServiceLinks: pod.enable_service_links,
          securityContext: {
            runAsNonRoot: pod.security_context.run_as_non_root,
            runAsUser: Number(pod.security_context.run_as_user),
            runAsGroup: Number(pod.security_context.run_as_group),
            seccompProfile: pod.security_context.seccomp_profile,
          },
          containers: [
            {
              name: container.name,
              image: container.image,
              imagePullPolicy: container.image_pull_policy,
              command: container.command,
              env: container.env.map((e: any) =>
                e.value_from === undefined ? e : { name: e.name, valueFrom: { secretKeyRef: { name: literal(e.value_from.secret_key_ref.name), key: e.value_from.secret_key_ref.key } } },
              ),
              securityContext: {
                runAsNonRoot: container.security_context.run_as_non_root,
                allowPrivilegeEscalation: container.security_context.allow_privilege_escalation,
                privileged: container.security_context.privileged,
                readOnlyRootFilesystem: container.security_context.read_only_root_filesystem,
                capabilities: container.security_context.capabilities,
                seccompProfile: container.security_context.seccomp_profile,
              },
              resources: container.resources,
              volumeMounts: container.volume_mount.map((v: any) => ({ name: v.name, mountPath: v.mount_path, readOnly: v.read_only })),
            },
          ],
          volumes: pod.volume.map((v: any) => ({ name: v.name, configMap: { name: literal(v.config_map.name), defaultMode: parseInt(v.config_map.default_mode, 8) } })),
        },
      },
    });
    // The Job's name: the base name and the hash of the document m.runs is (published as the local "runs").
    expect(job.metadata.name).toMatch(/^database-bootstrap-\$\{substr\(sha256\(jsonencode\(local\.bootstrap_runs_[0-9A-F]+\)\), 0, 10\)\}$/);
    expect(localNamed(json, 'bootstrap_runs')).toEqual(m.runs);
    expect(m.baseName).toBe('database-bootstrap');
    expect(job.timeouts.create).toBe(`${m.waitSeconds}s`);
  });
});

function resolveName(json: Synthesized, ref: string): string {
  const [, type, id] = /^\$\{([a-z_0-9]+)\.([^.]+)\.metadata\[0\]\.name\}$/.exec(ref)!;
  return json.resource![type!]![id!].metadata.name;
}
