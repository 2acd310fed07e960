import { Aspects, TerraformStack } from 'cdktf';
import { OwnStack } from '../../examples/own-stack/main';
import { PolicyPack, checkPolicies, formatFinding } from '../../lib/policy/aspect';
import { loadConfigFile } from '../../stacks/config-file';
import { DEPLOYMENT_KIND_NAMES, DEPLOYMENT_KINDS, buildDeployment } from '../../stacks/deployments';
import { packageRoot } from '../../lib/core/package-root';
import * as path from 'path';
import { synthApp, testApp } from '../support/synth';

function report(stack: TerraformStack) {
  const r = checkPolicies(stack);
  return { stack: stack.node.id, findings: r.findings.map(formatFinding), errors: r.errors };
}

describe('every shipped example passes the policy pack with zero unsuppressed findings', () => {
  const example = (kind: (typeof DEPLOYMENT_KIND_NAMES)[number]) => {
    const app = testApp();
    const pair = buildDeployment(app, loadConfigFile(path.join(packageRoot(), DEPLOYMENT_KINDS[kind].example)));
    return { app, ...pair };
  };

  test.each(DEPLOYMENT_KIND_NAMES.map((k) => [k] as const))('%s: both stacks pass and synthesize', (kind) => {
    const { app, infra, platform } = example(kind);
    for (const stack of [infra, platform]) expect(report(stack)).toEqual({ stack: stack.node.id, findings: [], errors: [] });
    const json = synthApp(app);
    expect(Object.keys(json).sort()).toEqual([infra.node.id, platform.node.id].sort());
  });

  test.each(DEPLOYMENT_KIND_NAMES.map((k) => [k] as const))('%s: the stack pair adds the pack itself, so `cdktf synth` fails on a finding', (kind) => {
    const { infra, platform } = example(kind);
    for (const stack of [infra, platform]) {
      expect({ stack: stack.node.id, policyPack: Aspects.of(stack).all.some((a) => a instanceof PolicyPack) }).toEqual({ stack: stack.node.id, policyPack: true });
    }
  });

  test('examples/own-stack (constructs in your own stack)', () => {
    const app = testApp();
    const stack = new OwnStack(app, 'own-stack');
    expect(report(stack)).toEqual({ stack: 'own-stack', findings: [], errors: [] });
  });

  test('the AKS example accepts exactly the two risks its defaults cannot avoid, declared by the cluster construct', () => {
    const app = testApp();
    const { infra, platform } = buildDeployment(app, loadConfigFile(path.join(packageRoot(), DEPLOYMENT_KINDS['spacelift-aks'].example)));
    const suppressed = [infra, platform].flatMap((s) => checkPolicies(s).suppressed);
    expect(suppressed.map((f) => [f.ruleId, f.path, f.suppressedBy])).toEqual([
      ['AZ-AKS-006', 'spacelift-aks-infra/cluster/cluster', 'library'],
      ['AZ-AKS-010', 'spacelift-aks-infra/cluster/cluster', 'library'],
    ]);
    const json = synthApp(app)['spacelift-aks-infra']!;
    const cluster = Object.values(json.resource!.azurerm_kubernetes_cluster!)[0] as any;
    expect(Object.keys(cluster['//'].policy.suppressed).sort()).toEqual(['AZ-AKS-006', 'AZ-AKS-010']);
    expect(cluster['//'].policy.suppressed['AZ-AKS-010'].reason).toMatch(/EncryptionAtHost/);
  });
});

describe('allowDestroy (the explicit teardown switch) passes on every cloud, and says so in the output', () => {
  const expected: Record<string, readonly string[]> = {
    'spacelift-aks': ['AZ-PG-005'],
    'spacelift-gke': ['GCP-GKE-010', 'GCP-SQL-004', 'GCP-GCS-003'],
    'spacelift-eks': ['AWS-EKS-005', 'AWS-RDS-004', 'AWS-S3-006'],
    'taskcluster-aks': ['AZ-PG-005'],
    'taskcluster-gke': ['GCP-GKE-010', 'GCP-SQL-004', 'GCP-GCS-003'],
    'taskcluster-eks': ['AWS-EKS-005', 'AWS-RDS-004', 'AWS-S3-006'],
    // No PostgreSQL; the escrowed key's vault or secret instead.
    'estafette-aks': ['AZ-KV-002'],
    'estafette-gke': ['GCP-GKE-010', 'GCP-GCS-003', 'GCP-SM-001'],
    'estafette-eks': ['AWS-EKS-005', 'AWS-S3-006'],
  };

  test.each(DEPLOYMENT_KIND_NAMES.map((k) => [k] as const))('%s with allowDestroy: true', (kind) => {
    const app = testApp();
    const config = loadConfigFile(path.join(packageRoot(), DEPLOYMENT_KINDS[kind].example));
    config.allowDestroy = true;
    const { infra } = buildDeployment(app, config);
    const report = checkPolicies(infra);
    expect(report.findings.map(formatFinding)).toEqual([]);
    const teardown = report.suppressed.filter((f) => /allowDestroy/.test(f.reason ?? '')).map((f) => f.ruleId);
    expect([...new Set(teardown)].sort()).toEqual([...(expected[kind] ?? ['(add this kind to the table)'])].sort());
    const resources = Object.values(synthApp(app)[infra.node.id]!.resource ?? {}).flatMap((byId) => Object.values(byId as Record<string, any>));
    const written = resources.flatMap((r) => Object.entries((r['//']?.policy?.suppressed ?? {}) as Record<string, { reason: string }>));
    const teardownWritten = written.filter(([, v]) => v.reason.startsWith('allowDestroy is set')).map(([rule]) => rule);
    expect([...new Set(teardownWritten)].sort()).toEqual([...new Set(teardown)].sort());
  });
});
