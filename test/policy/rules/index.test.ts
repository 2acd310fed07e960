import { POLICY_RULES } from '../../../lib/policy/rules';
import { PolicyCategory } from '../../../lib/policy/types';

describe('the policy pack', () => {
  test('has at least 40 rules with stable, unique ids', () => {
    expect(POLICY_RULES.length).toBeGreaterThanOrEqual(40);
    const ids = POLICY_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(AZ|GCP|AWS|K8S)-[A-Z0-9]+-\d{3}$/);
  });

  test('every rule says what it checks, on which resource types, how to fix it, and names scanner ids in their own formats', () => {
    for (const r of POLICY_RULES) {
      expect({ id: r.id, title: r.title.length > 10, fix: r.fix.length > 10, types: r.resourceTypes.length > 0 }).toEqual({ id: r.id, title: true, fix: true, types: true });
      for (const t of r.resourceTypes) expect(t).toMatch(/^(azurerm|google|aws|helm|kubernetes)_[a-z0-9_]+$/);
      for (const c of r.scanners.checkov ?? []) expect(c).toMatch(/^CKV2?_(AZURE|GCP|AWS|K8S)_\d+$/);
      for (const t of r.scanners.trivy ?? []) expect(t).toMatch(/^AVD-(AZU|GCP|AWS)-\d{4}$/);
      for (const a of r.scanners.aprl ?? []) expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });

  test('covers the resource types this library creates on the three clouds and in the cluster', () => {
    const types = new Set(POLICY_RULES.flatMap((r) => r.resourceTypes));
    const required = [
      'azurerm_kubernetes_cluster', 'azurerm_kubernetes_cluster_node_pool', 'google_container_cluster', 'google_container_node_pool',
      'aws_eks_cluster', 'aws_eks_node_group', 'aws_eks_addon',
      'azurerm_postgresql_flexible_server', 'google_sql_database_instance', 'aws_db_instance', 'aws_rds_cluster',
      'azurerm_storage_account', 'azurerm_storage_container', 'google_storage_bucket', 'aws_s3_bucket',
      'azurerm_container_registry', 'google_artifact_registry_repository', 'aws_ecr_repository',
      'aws_kms_key', 'google_kms_crypto_key',
      'azurerm_network_security_rule', 'aws_security_group', 'aws_vpc',
      'helm_release', 'kubernetes_namespace_v1', 'kubernetes_secret_v1',
    ];
    expect(required.filter((t) => !types.has(t))).toEqual([]);
  });

  test('covers every concern of the baseline', () => {
    const categories: PolicyCategory[] = [
      'network exposure', 'encryption', 'identity', 'logging', 'backups', 'high availability', 'deletion protection', 'upgrades', 'supply chain', 'namespaces',
    ];
    const present = new Set(POLICY_RULES.map((r) => r.category));
    expect(categories.filter((c) => !present.has(c))).toEqual([]);
  });
});
