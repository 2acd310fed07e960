import './provider-package';
import { SecretManagerSecret } from '@cdktf/provider-google/lib/secret-manager-secret';
import { SecretManagerSecretVersion } from '@cdktf/provider-google/lib/secret-manager-secret-version';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { GCP_NAMES, checkName } from '../core/naming';
import { EscrowedSecret, shellCommand } from '../core/secret-escrow';
import { ValidationError, checkPattern } from '../core/validation';
import { checkGcpLabels } from './labels';
import { checkGcpRegion } from './regions';

/** Properties of {@link GcpSecretEscrow}. */
export interface GcpSecretEscrowProps {
  /** Project the secret is created in. */
  readonly project: string;
  /** Secret id: 1-255 letters, digits, "_" and "-". */
  readonly secretId: string;
  /** The value to escrow: a sensitive Terraform token (a `random_password` result), never a literal. */
  readonly value: string;
  /**
   * Keep the secret in one region (user-managed replication with a single replica), e.g. for data residency.
   * @default automatic replication (Google chooses the locations)
   */
  readonly location?: string;
  /** Labels of the secret. @default none */
  readonly labels?: { readonly [key: string]: string };
  /**
   * Let `terraform destroy` delete the secret with its versions (turns off `deletion_protection` and `prevent_destroy`).
   * @default false
   */
  readonly allowDestroy?: boolean;
  /** What the secret must be created after (the Secret Manager API, `secretmanager.googleapis.com`). @default none */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * One generated secret escrowed in Secret Manager: automatic replication (or one region), deletion protection on and
 * `prevent_destroy` unless `allowDestroy`, and the value as a version. A changed value adds a new version and
 * disables the old one (`deletion_policy = "DISABLE"`) instead of destroying it, so an earlier value can still be
 * enabled and read.
 */
export class GcpSecretEscrow extends Construct implements EscrowedSecret {
  public readonly cloud = 'gcp' as const;
  public readonly name: string;
  public readonly readBackCommand: string;
  /** The `google_secret_manager_secret` resource. */
  public readonly secret: SecretManagerSecret;
  /** The `google_secret_manager_secret_version` resource holding the value. */
  public readonly version: SecretManagerSecretVersion;

  public constructor(scope: Construct, id: string, props: GcpSecretEscrowProps) {
    super(scope, id);
    checkName(this, 'project', props.project, GCP_NAMES.project);
    checkPattern(this, 'secretId', props.secretId, /^[A-Za-z0-9_-]{1,255}$/, 'a Secret Manager secret id of 1-255 letters, digits, "_" and "-"');
    if (!Token.isUnresolved(props.value)) {
      throw new ValidationError(this, 'value', '***', 'a sensitive token such as a random_password result, never a literal (it would be written into cdktf.out)');
    }
    if (props.location !== undefined) checkGcpRegion(this, 'location', props.location);
    const labels = props.labels === undefined ? undefined : checkGcpLabels(this, 'labels', props.labels);
    const protect = !(props.allowDestroy ?? false);

    this.secret = new SecretManagerSecret(this, 'secret', {
      project: props.project,
      secretId: props.secretId,
      replication: props.location === undefined ? { auto: {} } : { userManaged: { replicas: [{ location: props.location }] } },
      labels,
      deletionProtection: protect,
      lifecycle: { preventDestroy: protect },
      dependsOn: props.dependsOn === undefined ? undefined : [...props.dependsOn],
    });
    this.version = new SecretManagerSecretVersion(this, 'version', {
      secret: this.secret.id,
      secretData: props.value,
      enabled: true,
      deletionPolicy: 'DISABLE',
    });

    this.name = props.secretId;
    this.readBackCommand = shellCommand(this, 'read-back', [
      'gcloud', 'secrets', 'versions', 'access', 'latest', '--secret', props.secretId, '--project', props.project,
    ]);
  }
}
