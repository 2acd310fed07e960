import './provider-package';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { AZURE_NAMES, checkName } from '../core/naming';
import { checkKubernetesName, checkNamespace } from '../core/validation';
import { ServiceAccountRef, WorkloadIdentity, serviceAccountSubject } from '../core/workload-identity';
import { AzureResourceGroupRef } from './resource-group';

/** A role a workload identity gets on one scope. */
export interface AzureRoleGrant {
  /** Built-in or custom role name, e.g. "Storage Blob Data Contributor". */
  readonly role: string;
  /** Resource id the role applies to (keep it as narrow as the app allows). */
  readonly scope: string;
}

/** Properties of {@link AzureWorkloadIdentity}. */
export interface AzureWorkloadIdentityProps {
  /** Resource group the user-assigned identity is created in. */
  readonly resourceGroup: AzureResourceGroupRef;
  /** Name of the user-assigned identity. */
  readonly name: string;
  /** OIDC issuer of the cluster whose service account signs in. */
  readonly oidcIssuerUrl: string;
  /** The one Kubernetes service account that may use this identity. */
  readonly serviceAccount: ServiceAccountRef;
  /** Roles the identity gets. */
  readonly grants: { readonly [id: string]: AzureRoleGrant };
  /** Tags. @default none */
  readonly tags?: { readonly [key: string]: string };
}

/**
 * Name of the federated credential for a service account: Azure allows 3-120 letters, digits, "-" and "_",
 * starting with a letter or digit; service account names may also hold "." and be longer.
 */
export function federatedCredentialName(sa: ServiceAccountRef): string {
  return `${sa.namespace}-${sa.name}`.replace(/\./g, '-').slice(0, 120);
}

/** Audience Azure AD expects in federated service-account tokens. */
export const AZURE_TOKEN_AUDIENCE = 'api://AzureADTokenExchange';

/**
 * Entra workload identity for one Kubernetes service account: a user-assigned identity, a federated credential that
 * trusts only `system:serviceaccount:<ns>:<name>` tokens from the cluster's OIDC issuer, and role assignments on the
 * given scopes. Nothing is granted to the nodes, and there is no key to leak.
 */
export class AzureWorkloadIdentity extends Construct implements WorkloadIdentity {
  /** The `azurerm_user_assigned_identity` resource. */
  public readonly identity: UserAssignedIdentity;
  public readonly serviceAccount: ServiceAccountRef;
  public readonly serviceAccountAnnotations: { readonly [key: string]: string };
  public readonly podLabels: { readonly [key: string]: string };
  /** Client id of the identity, for the service account's `azure.workload.identity/client-id` annotation. */
  public readonly clientId: string;

  public constructor(scope: Construct, id: string, props: AzureWorkloadIdentityProps) {
    super(scope, id);
    checkName(this, 'name', props.name, AZURE_NAMES.generic);
    checkNamespace(this, 'serviceAccount.namespace', props.serviceAccount.namespace);
    checkKubernetesName(this, 'serviceAccount.name', props.serviceAccount.name);
    const rg = props.resourceGroup;
    this.identity = new UserAssignedIdentity(this, 'identity', {
      name: props.name,
      resourceGroupName: rg.name,
      location: rg.location,
      tags: props.tags,
    });
    new FederatedIdentityCredential(this, 'federated-credential', {
      name: federatedCredentialName(props.serviceAccount),
      resourceGroupName: rg.name,
      parentId: this.identity.id,
      issuer: props.oidcIssuerUrl,
      subject: serviceAccountSubject(props.serviceAccount),
      audience: [AZURE_TOKEN_AUDIENCE],
    });
    for (const [grantId, grant] of Object.entries(props.grants)) {
      new RoleAssignment(this, `role-${grantId}`, {
        scope: grant.scope,
        roleDefinitionName: grant.role,
        principalId: this.identity.principalId,
        principalType: 'ServicePrincipal',
      });
    }
    this.serviceAccount = props.serviceAccount;
    this.clientId = this.identity.clientId;
    this.serviceAccountAnnotations = {
      'azure.workload.identity/client-id': this.identity.clientId,
      'azure.workload.identity/tenant-id': this.identity.tenantId,
    };
    this.podLabels = { 'azure.workload.identity/use': 'true' };
  }
}
