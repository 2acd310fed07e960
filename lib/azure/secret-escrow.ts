import './provider-package';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { AZURE_NAMES, checkName } from '../core/naming';
import { EscrowedSecret, shellCommand } from '../core/secret-escrow';
import { ValidationError, checkCidr, checkInt, checkList, checkPattern } from '../core/validation';
import { AzureResourceGroupRef } from './resource-group';

/** The built-in role that lets the principal running Terraform write (and read back) the secret. */
export const KEY_VAULT_SECRETS_OFFICER = 'Key Vault Secrets Officer';

/** Properties of {@link AzureSecretEscrow}. */
export interface AzureSecretEscrowProps {
  /** Resource group the Key Vault is created in (and its region). */
  readonly resourceGroup: AzureResourceGroupRef;
  /**
   * Key Vault name: 3-24 letters, digits and single hyphens, starting with a letter. Globally unique (it is the
   * vault's DNS name), and a deleted vault keeps its name for the whole soft-delete retention: pass one with a unique
   * suffix.
   */
  readonly vaultName: string;
  /** Name of the secret in the vault: 1-127 letters, digits and "-". */
  readonly secretName: string;
  /** The value to escrow: a sensitive Terraform token (a `random_password` result), never a literal. */
  readonly value: string;
  /** The secret's content type, shown in the portal (checkov CKV_AZURE_114, trivy AVD-AZU-0015). @default "text/plain" */
  readonly contentType?: string;
  /** Days a deleted vault or secret can be recovered (7-90); purge protection keeps it that long whatever happens. @default 90 */
  readonly softDeleteRetentionDays?: number;
  /**
   * IPv4 CIDRs allowed to reach the vault's data plane; when set, every other address is refused (`network_acls`
   * default Deny, trusted Azure services bypass). Include the address Terraform runs from, or it cannot write the
   * secret. @default none: the public endpoint, every request authenticated by Entra ID and authorized by Azure RBAC
   */
  readonly allowedIpRanges?: readonly string[];
  /**
   * Object id of the principal granted Key Vault Secrets Officer on the vault so it can write the secret.
   * @default the principal running Terraform (`azurerm_client_config.object_id`)
   */
  readonly writerPrincipalId?: string;
  /**
   * Let `terraform destroy` delete the vault and the secret (turns off `prevent_destroy`). Purge protection stays on
   * (Azure cannot turn it off): a destroyed vault stays soft-deleted, with its name, for `softDeleteRetentionDays`.
   * @default false
   */
  readonly allowDestroy?: boolean;
  /** Tags for the vault and the secret. @default none */
  readonly tags?: { readonly [key: string]: string };
}

/**
 * One generated secret escrowed in its own Azure Key Vault: standard SKU, Azure RBAC authorization (no access
 * policies), purge protection on, 90 days of soft delete, protected by `prevent_destroy` unless `allowDestroy`. The
 * principal running Terraform gets Key Vault Secrets Officer on the vault (nothing wider) to write the secret.
 *
 * First apply: a new role assignment takes a while (usually under a minute, up to about ten) to reach Key Vault's data
 * plane, so the secret's creation right after it can fail with 403 `ForbiddenByRbac`; run `terraform apply` again
 * and it completes. Later applies are not affected.
 *
 * The value is written with the secret's `value`, so it sits in Terraform's state as the generated value already
 * does (sensitive). A changed value becomes a new version of the secret; earlier versions stay readable.
 */
export class AzureSecretEscrow extends Construct implements EscrowedSecret {
  public readonly cloud = 'azure' as const;
  public readonly name: string;
  public readonly readBackCommand: string;
  /** The `azurerm_key_vault` resource. */
  public readonly vault: KeyVault;
  /** The `azurerm_key_vault_secret` resource. */
  public readonly secret: KeyVaultSecret;
  /** The Key Vault Secrets Officer assignment of the writer, at the vault's scope. */
  public readonly writerAccess: RoleAssignment;
  /** The vault's name. */
  public readonly vaultName: string;
  /** The secret's versionless id (`https://<vault>.vault.azure.net/secrets/<name>`). */
  public readonly secretId: string;

  public constructor(scope: Construct, id: string, props: AzureSecretEscrowProps) {
    super(scope, id);
    checkName(this, 'vaultName', props.vaultName, AZURE_NAMES.keyVault);
    checkName(this, 'secretName', props.secretName, AZURE_NAMES.keyVaultSecret);
    if (!Token.isUnresolved(props.value)) {
      throw new ValidationError(this, 'value', '***', 'a sensitive token such as a random_password result, never a literal (it would be written into cdktf.out)');
    }
    const contentType = checkPattern(this, 'contentType', props.contentType ?? 'text/plain', /^[\x20-\x7e]{1,255}$/, 'a content type of 1-255 printable ASCII characters, such as "text/plain"');
    const retention = checkInt(this, 'softDeleteRetentionDays', props.softDeleteRetentionDays ?? 90, 7, 90);
    const ranges = props.allowedIpRanges === undefined ? undefined : checkList(this, 'allowedIpRanges', props.allowedIpRanges, (c, f) => checkCidr(this, f, c), { minItems: 1 });
    const preventDestroy = !(props.allowDestroy ?? false);

    const client = new DataAzurermClientConfig(this, 'client');
    this.vault = new KeyVault(this, 'vault', {
      name: props.vaultName,
      resourceGroupName: props.resourceGroup.name,
      location: props.resourceGroup.location,
      tenantId: client.tenantId,
      skuName: 'standard',
      // rbac_authorization_enabled replaces the deprecated enable_rbac_authorization (azurerm 4.42+).
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: retention,
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
      publicNetworkAccessEnabled: true,
      networkAcls: {
        defaultAction: ranges === undefined ? 'Allow' : 'Deny',
        bypass: 'AzureServices',
        ipRules: ranges === undefined ? undefined : [...ranges],
      },
      tags: props.tags,
      lifecycle: { preventDestroy },
    });
    this.writerAccess = new RoleAssignment(this, 'writer-access', {
      scope: this.vault.id,
      roleDefinitionName: KEY_VAULT_SECRETS_OFFICER,
      principalId: props.writerPrincipalId ?? client.objectId,
    });
    this.secret = new KeyVaultSecret(this, 'secret', {
      name: props.secretName,
      keyVaultId: this.vault.id,
      value: props.value,
      contentType,
      tags: props.tags,
      lifecycle: { preventDestroy },
      // The writer may only write once its role assignment exists.
      dependsOn: [this.writerAccess],
    });

    this.name = props.secretName;
    this.vaultName = props.vaultName;
    this.secretId = this.secret.versionlessId;
    this.readBackCommand = shellCommand(this, 'read-back', [
      'az', 'keyvault', 'secret', 'show', '--vault-name', props.vaultName, '--name', props.secretName, '--query', 'value', '--output', 'tsv',
    ]);
  }
}
