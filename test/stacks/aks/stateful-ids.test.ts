import * as fs from 'fs';
import * as path from 'path';
import { spaceliftAks } from '../../../stacks/aks';
import { exampleConfig, synthApp, testApp } from '../../support/synth';

/**
 * Terraform knows a resource by its logical id: a changed id plans a destroy and a create. For a database, a bucket,
 * a key or a cluster that is data loss, so the ids of stateful resources are pinned in stateful-ids.json.
 */
const STATEFUL_TYPES = [
  'azurerm_resource_group',
  'azurerm_virtual_network',
  'azurerm_subnet',
  'azurerm_kubernetes_cluster',
  'azurerm_postgresql_flexible_server',
  'azurerm_postgresql_flexible_server_database',
  'azurerm_private_dns_zone',
  'azurerm_storage_account',
  'azurerm_storage_container',
  'azurerm_container_registry',
  'azurerm_public_ip',
  'azurerm_user_assigned_identity',
  'random_string',
  'random_password',
  'tls_private_key',
];

const PINNED = path.join(__dirname, 'stateful-ids.json');

test('logical ids of stateful resources never change (see docs/upgrading.md)', () => {
  const app = testApp();
  const { infra } = spaceliftAks(app, exampleConfig());
  const json = synthApp(app)[infra.node.id]!;
  const actual: Record<string, string[]> = {};
  for (const type of STATEFUL_TYPES) {
    const ids = Object.keys(json.resource?.[type] ?? {}).sort();
    if (ids.length > 0) actual[type] = ids;
  }
  const pinned = JSON.parse(fs.readFileSync(PINNED, 'utf8')) as Record<string, string[]>;
  const missing = Object.entries(pinned).flatMap(([type, ids]) => ids.filter((id) => !(actual[type] ?? []).includes(id)).map((id) => `${type}.${id}`));
  if (missing.length > 0) {
    throw new Error(
      `stateful resource ids changed; Terraform would destroy and recreate:\n  ${missing.join('\n  ')}\n` +
        'Keep construct ids and paths of stateful resources stable. If a change is truly intended, write the ' +
        '`terraform state mv` (or a `moved` block) into docs/upgrading.md and then update test/stacks/aks/stateful-ids.json.',
    );
  }
  // New stateful resources must be pinned too.
  expect(actual).toEqual(pinned);
});
