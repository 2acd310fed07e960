import { AzurermBackend, TerraformStack } from 'cdktf';
import { AZURE_NAMES, checkName } from '../../lib/core/naming';
import { checkPattern } from '../../lib/core/validation';
import { AksCloudConfig } from './config';

/**
 * Remote state in an Azure storage container (with Entra ID auth, no account keys), one state file per stack:
 * `<keyPrefix>/<stack>.tfstate`. Without `backend` in the config, cdktf's local backend writes `terraform.<stack>.tfstate`
 * in the project folder. The platform stack reads the infra stack's outputs through the same backend. The state account
 * may live in another subscription than the deployment (`backend.subscriptionId`).
 */
export function configureBackend(stack: TerraformStack, config: AksCloudConfig): void {
  const b = config.backend;
  if (!b) return;
  checkName(stack, 'backend.resourceGroupName', b.resourceGroupName, AZURE_NAMES.resourceGroup);
  checkName(stack, 'backend.storageAccountName', b.storageAccountName, AZURE_NAMES.storageAccount);
  checkName(stack, 'backend.containerName', b.containerName, AZURE_NAMES.storageContainer);
  const prefix = checkPattern(stack, 'backend.keyPrefix', b.keyPrefix ?? 'cdktf', /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'path segments of letters, digits, ".", "_" and "-" separated by "/"');
  if (b.subscriptionId !== undefined) {
    checkPattern(stack, 'backend.subscriptionId', b.subscriptionId, /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, 'the GUID of the subscription that holds the state storage account');
  }
  new AzurermBackend(stack, {
    resourceGroupName: b.resourceGroupName,
    storageAccountName: b.storageAccountName,
    containerName: b.containerName,
    key: `${prefix}/${stack.node.id}.tfstate`,
    useAzureadAuth: true,
    // With Entra ID auth the backend talks to the blob endpoint and needs no subscription; it is passed (the state
    // account's own, else the deployment's, as in the first release) so the backend block of existing users stays as
    // it was: a changed backend block makes `terraform init` ask for a state migration.
    subscriptionId: b.subscriptionId ?? config.azure.subscriptionId,
  });
}
