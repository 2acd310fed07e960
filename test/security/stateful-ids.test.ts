import * as fs from 'fs';
import * as path from 'path';
import { OwnStack } from '../../examples/own-stack/main';
import { packageRoot } from '../../lib/core/package-root';
import { loadConfigFile } from '../../stacks/config-file';
import { DEPLOYMENT_KIND_NAMES, DEPLOYMENT_KINDS, buildDeployment } from '../../stacks/deployments';
import { Synthesized, synthApp, testApp } from '../support/synth';
import { testSource } from '../support/paths';

/**
 * Terraform knows a resource by its logical id: a changed id plans a destroy and a create. For a database, a bucket, a
 * key, a registry or a cluster that is data loss, so the logical ids of stateful resources of every example stack are
 * pinned in stateful-ids.json. A stack that is not pinned yet fails too: pin it with
 * `PIN_NEW_STATEFUL_IDS=1 npm test -- test/security/stateful-ids` (which never changes an existing pin).
 */
export const STATEFUL_TYPES: readonly string[] = [
  // Azure
  'azurerm_resource_group', 'azurerm_virtual_network', 'azurerm_subnet', 'azurerm_kubernetes_cluster', 'azurerm_kubernetes_cluster_node_pool',
  'azurerm_postgresql_flexible_server', 'azurerm_postgresql_flexible_server_database', 'azurerm_private_dns_zone', 'azurerm_storage_account',
  'azurerm_storage_container', 'azurerm_container_registry', 'azurerm_public_ip', 'azurerm_user_assigned_identity', 'azurerm_log_analytics_workspace',
  'azurerm_key_vault', 'azurerm_key_vault_key', 'azurerm_key_vault_secret',
  // Google Cloud
  'google_compute_network', 'google_compute_subnetwork', 'google_compute_address', 'google_compute_global_address', 'google_container_cluster',
  'google_container_node_pool', 'google_sql_database_instance', 'google_sql_database', 'google_sql_user', 'google_storage_bucket',
  'google_artifact_registry_repository', 'google_kms_key_ring', 'google_kms_crypto_key', 'google_service_account', 'google_secret_manager_secret',
  // AWS
  'aws_vpc', 'aws_subnet', 'aws_eip', 'aws_eks_cluster', 'aws_eks_node_group', 'aws_db_instance', 'aws_rds_cluster', 'aws_rds_cluster_instance',
  'aws_s3_bucket', 'aws_ecr_repository', 'aws_kms_key', 'aws_kms_alias', 'aws_iam_role', 'aws_cloudwatch_log_group', 'aws_secretsmanager_secret',
  // Generated secrets and names, and what lives in the cluster
  'random_string', 'random_password', 'random_id', 'random_bytes', 'tls_private_key', 'kubernetes_stateful_set_v1', 'kubernetes_namespace', 'kubernetes_namespace_v1',
  'kubernetes_persistent_volume_claim', 'kubernetes_persistent_volume_claim_v1',
];

const PINNED_FILE = testSource('security', 'stateful-ids.json');
type Pins = Record<string, Record<string, string[]>>;

function statefulIds(json: Synthesized): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const type of STATEFUL_TYPES) {
    const ids = Object.keys(json.resource?.[type] ?? {}).sort();
    if (ids.length > 0) out[type] = ids;
  }
  return out;
}

/** Every stack of every shipped example: the embedded example of each deployment kind, and examples/own-stack. */
function exampleStacks(): Record<string, Synthesized> {
  const out: Record<string, Synthesized> = {};
  for (const kind of DEPLOYMENT_KIND_NAMES) {
    const app = testApp();
    buildDeployment(app, loadConfigFile(path.join(packageRoot(), DEPLOYMENT_KINDS[kind].example)));
    Object.assign(out, synthApp(app));
  }
  const app = testApp();
  new OwnStack(app, 'own-stack');
  Object.assign(out, synthApp(app));
  return out;
}

const stacks = exampleStacks();
let pins: Pins = JSON.parse(fs.readFileSync(PINNED_FILE, 'utf8')) as Pins;

if (process.env.PIN_NEW_STATEFUL_IDS === '1') {
  const added = Object.keys(stacks).filter((name) => !(name in pins));
  if (added.length > 0) {
    pins = { ...pins, ...Object.fromEntries(added.map((name) => [name, statefulIds(stacks[name]!)])) };
    fs.writeFileSync(PINNED_FILE, `${JSON.stringify(pins, null, 2)}\n`);
  }
}

const UPGRADE_NOTES = 'docs/upgrading.md ("When a stateful resource id changes")';

describe('logical ids of stateful resources never change', () => {
  test.each(Object.keys(stacks).sort().map((name) => [name] as const))('%s', (name) => {
    const pinned = pins[name];
    if (pinned === undefined) {
      throw new Error(`stack ${name} has no pinned stateful ids: run PIN_NEW_STATEFUL_IDS=1 npm test -- test/security/stateful-ids and commit test/security/stateful-ids.json`);
    }
    const actual = statefulIds(stacks[name]!);
    const gone = Object.entries(pinned).flatMap(([type, ids]) => ids.filter((id) => !(actual[type] ?? []).includes(id)).map((id) => `${type}.${id}`));
    if (gone.length > 0) {
      throw new Error(
        `stateful resource ids changed in ${name}; Terraform would destroy and recreate:\n  ${gone.join('\n  ')}\n` +
          `Keep the construct ids and paths of stateful resources stable. If the change is intended, follow ${UPGRADE_NOTES}: ship a moved block ` +
          '(or the terraform state mv commands) in the same change, then update test/security/stateful-ids.json.',
      );
    }
    // A new stateful resource must be pinned too (add its ids to the file).
    expect(actual).toEqual(pinned);
  });

  test('every pinned stack is still produced by an example (a dropped example must drop its pins on purpose)', () => {
    expect(Object.keys(pins).filter((name) => !(name in stacks))).toEqual([]);
  });

  test('the check sees a renamed stateful resource (so it can fail)', () => {
    const [name, json] = Object.entries(stacks).find(([, j]) => j.resource?.azurerm_storage_account) ?? [];
    expect(name).toBeDefined();
    const renamed: Synthesized = JSON.parse(JSON.stringify(json));
    const accounts = renamed.resource!.azurerm_storage_account!;
    const [id] = Object.keys(accounts);
    accounts[`${id}_renamed`] = accounts[id!];
    delete accounts[id!];
    expect(statefulIds(renamed)).not.toEqual(pins[name!]);
  });
});
