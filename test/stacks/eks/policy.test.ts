import { AWS_RULES, checkPolicies, collectResources, formatFinding } from '../../../lib/policy';
import * as path from 'path';
import { packageRoot } from '../../../lib/core/package-root';
import { loadConfigFile } from '../../../stacks/config-file';
import { DEPLOYMENT_KINDS, buildDeployment } from '../../../stacks/deployments';
import { spaceliftEks } from '../../../stacks/eks';
import { testApp } from '../../support/synth';
import { eksConfigWith, eksExample } from './example';

/** The issue-5 policy pack (lib/policy) finds nothing in the EKS stacks, in the default and the option-heavy shape. */
describe('policy pack on the spacelift-eks pair', () => {
  const variants = {
    example: eksExample(),
    'Aurora multi-AZ, DNS, RSA key, private endpoint': eksConfigWith((c) => {
      c.postgres = { aurora: true, multiAz: true };
      c.dns = { zoneName: 'example.com' };
      c.spacelift.encryptionKey = 'generate';
      c.cluster.privateEndpoint = true;
      delete c.cluster.endpointPublicAccessCidrs;
    }),
  };
  test.each(Object.entries(variants))('%s: no findings, no suppression errors', (_name, config) => {
    const { infra, platform } = spaceliftEks(testApp(), config);
    for (const stack of [infra, platform]) {
      const report = checkPolicies(stack);
      expect({ stack: stack.node.id, errors: report.errors, findings: report.findings.map(formatFinding) }).toEqual({ stack: stack.node.id, errors: [], findings: [] });
    }
  });

  test('the pack does look at the EKS resources (turning IAM database auth off is reported)', () => {
    const { infra } = spaceliftEks(testApp(), eksConfigWith((c) => (c.postgres = { iamAuthentication: false })));
    expect(checkPolicies(infra).findings.map((f) => f.ruleId)).toContain('AWS-RDS-006');
  });

  /** Taskcluster on EKS with its message bus on Amazon MQ (the only pair with an aws_mq_broker). */
  const taskclusterAmazonMq = () => {
    const config = loadConfigFile(path.join(packageRoot(), DEPLOYMENT_KINDS['taskcluster-eks'].example)) as any;
    config.messageBus = { provider: 'amazon-mq' };
    return buildDeployment(testApp(), config);
  };

  test('taskcluster-eks with Amazon MQ: no findings, no suppression errors', () => {
    const { infra, platform } = taskclusterAmazonMq();
    for (const stack of [infra, platform]) {
      const report = checkPolicies(stack);
      expect({ stack: stack.node.id, errors: report.errors, findings: report.findings.map(formatFinding) }).toEqual({ stack: stack.node.id, errors: [], findings: [] });
    }
  });

  test('every AWS rule checks some resource of the EKS pairs (the example or the Aurora variant, Estafette CI\'s escrow, Taskcluster\'s Amazon MQ), so "no findings" means met', () => {
    const estafette = buildDeployment(testApp(), loadConfigFile(path.join(packageRoot(), DEPLOYMENT_KINDS['estafette-eks'].example)));
    const taskcluster = taskclusterAmazonMq();
    const types = new Set(
      [...Object.values(variants).flatMap((config) => {
        const { infra, platform } = spaceliftEks(testApp(), config);
        return [infra, platform];
      }), estafette.infra, estafette.platform, taskcluster.infra, taskcluster.platform].flatMap((s) => collectResources(s).filter((r) => r.kind === 'resource').map((r) => r.type)),
    );
    expect(AWS_RULES.filter((r) => !r.resourceTypes.some((t) => types.has(t))).map((r) => r.id)).toEqual([]);
  });

  test('shorter log retention is a finding on both log groups (AWS-LOG-001)', () => {
    const { infra } = spaceliftEks(
      testApp(),
      eksConfigWith((c) => {
        c.cluster.logRetentionDays = 30;
        c.network = { ...c.network, flowLogRetentionDays: 30 };
      }),
    );
    const findings = checkPolicies(infra).findings.filter((f) => f.ruleId === 'AWS-LOG-001');
    expect(findings.map((f) => f.path).sort()).toEqual(['spacelift-eks-infra/cluster/control-plane-logs', 'spacelift-eks-infra/network/flow-log-group']);
  });
});
