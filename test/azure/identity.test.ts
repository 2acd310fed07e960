import { AzureWorkloadIdentity, AzureWorkloadIdentityProps } from '../../lib/azure/identity';
import { ValidationError } from '../../lib/core/validation';
import { azureStack, only, resources, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { expressions, resourceGroup } from './fixtures';

const ISSUER = 'https://westeurope.oic.prod-aks.azure.com/tenant/cluster/';
const STORAGE_ID = '/subscriptions/sub/resourceGroups/rg-test/providers/Microsoft.Storage/storageAccounts/slblobabc123';

function props(over: Partial<AzureWorkloadIdentityProps> = {}): AzureWorkloadIdentityProps {
  return {
    resourceGroup: resourceGroup(),
    name: 'sl-backend',
    oidcIssuerUrl: ISSUER,
    serviceAccount: { namespace: 'spacelift', name: 'spacelift-backend' },
    grants: { blobs: { role: 'Storage Blob Data Contributor', scope: STORAGE_ID } },
    ...over,
  };
}

function make(over: Partial<AzureWorkloadIdentityProps> = {}) {
  const stack = azureStack();
  const identity = new AzureWorkloadIdentity(stack, 'wi', props(over));
  return { stack, identity };
}

describe('AzureWorkloadIdentity', () => {
  test('a user-assigned identity in the resource group', () => {
    const json = synth(make({ tags: { team: 'platform' } }).stack);
    expect(only(json, 'azurerm_user_assigned_identity')).toEqual({
      name: 'sl-backend',
      resource_group_name: 'rg-test',
      location: 'westeurope',
      tags: { team: 'platform' },
    });
  });

  test('federated credential trusts only the one service account, from the cluster issuer, for Azure AD token exchange', () => {
    const json = synth(make().stack);
    const fic = only(json, 'azurerm_federated_identity_credential');
    expect(fic).toMatchObject({
      name: 'spacelift-spacelift-backend',
      resource_group_name: 'rg-test',
      issuer: ISSUER,
      subject: 'system:serviceaccount:spacelift:spacelift-backend',
      audience: ['api://AzureADTokenExchange'],
    });
    expect(fic.parent_id).toMatch(/^\$\{azurerm_user_assigned_identity\.[^.]+\.id\}$/);
  });

  test('each grant becomes a role assignment for the identity on its scope', () => {
    const { stack } = make({
      grants: {
        blobs: { role: 'Storage Blob Data Contributor', scope: STORAGE_ID },
        keys: { role: 'Key Vault Crypto User', scope: '/subscriptions/sub/resourceGroups/rg-test/providers/Microsoft.KeyVault/vaults/kv' },
      },
    });
    const json = synth(stack);
    const [identityId] = Object.keys(resources(json, 'azurerm_user_assigned_identity'));
    const roles = Object.values(resources(json, 'azurerm_role_assignment')).sort((a: any, b: any) => a.role_definition_name.localeCompare(b.role_definition_name));
    expect(roles).toEqual([
      {
        scope: '/subscriptions/sub/resourceGroups/rg-test/providers/Microsoft.KeyVault/vaults/kv',
        role_definition_name: 'Key Vault Crypto User',
        principal_id: `\${azurerm_user_assigned_identity.${identityId}.principal_id}`,
        principal_type: 'ServicePrincipal',
      },
      {
        scope: STORAGE_ID,
        role_definition_name: 'Storage Blob Data Contributor',
        principal_id: `\${azurerm_user_assigned_identity.${identityId}.principal_id}`,
        principal_type: 'ServicePrincipal',
      },
    ]);
  });

  test('no grants, no role assignments', () => {
    expect(resources(synth(make({ grants: {} }).stack), 'azurerm_role_assignment')).toEqual({});
  });

  test('contract: the service account, its client-id and tenant-id annotations, and the pod label the webhook needs', () => {
    const { stack, identity } = make();
    expect(identity.serviceAccount).toEqual({ namespace: 'spacelift', name: 'spacelift-backend' });
    expect(Object.keys(identity.serviceAccountAnnotations).sort()).toEqual(['azure.workload.identity/client-id', 'azure.workload.identity/tenant-id']);
    expect(identity.podLabels).toEqual({ 'azure.workload.identity/use': 'true' });
    const e = expressions(stack, {
      clientId: identity.serviceAccountAnnotations['azure.workload.identity/client-id'],
      tenantId: identity.serviceAccountAnnotations['azure.workload.identity/tenant-id'],
      exposedClientId: identity.clientId,
    });
    expect(e.clientId).toMatch(/^\$\{azurerm_user_assigned_identity\.[^.]+\.client_id\}$/);
    expect(e.tenantId).toMatch(/^\$\{azurerm_user_assigned_identity\.[^.]+\.tenant_id\}$/);
    expect(e.exposedClientId).toBe(e.clientId);
  });

  // Azure accepts federated identity credential names of 3-120 characters matching ^[a-zA-Z0-9][a-zA-Z0-9_-]{2,119}$,
  // while a Kubernetes service account name may contain dots (RFC 1123 subdomain) and run to 253 characters.
  test('names the federated credential within Azure rules for every service account it accepts', () => {
    const ficName = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,119}$/;
    for (const name of ['spacelift.backend', `s${'a'.repeat(130)}`]) {
      let json: any;
      try {
        json = synth(make({ serviceAccount: { namespace: 'spacelift', name } }).stack);
      } catch (err) {
        // Refusing such a name at synth would be correct too.
        expect(err).toBeInstanceOf(ValidationError);
        expect((err as ValidationError).field).toBe('serviceAccount.name');
        continue;
      }
      const fic = only(json, 'azurerm_federated_identity_credential');
      expect(fic.subject).toBe(`system:serviceaccount:spacelift:${name}`);
      expect(fic.name).toMatch(ficName);
    }
  });

  test('rejects an identity name Azure does not accept', () => expectValidationError(() => make({ name: '-backend' }), 'name', '-backend'));
  test('rejects a reserved namespace', () =>
    expectValidationError(() => make({ serviceAccount: { namespace: 'kube-system', name: 'spacelift-backend' } }), 'serviceAccount.namespace', 'kube-system'));
  test('rejects a service account name Kubernetes does not accept', () =>
    expectValidationError(() => make({ serviceAccount: { namespace: 'spacelift', name: 'Spacelift_Backend' } }), 'serviceAccount.name', 'Spacelift_Backend'));
});
