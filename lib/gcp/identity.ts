import './provider-package';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { GCP_NAMES, checkName } from '../core/naming';
import { checkKubernetesName, checkNamespace } from '../core/validation';
import { ServiceAccountRef, WorkloadIdentity } from '../core/workload-identity';

/** The annotation GKE's metadata server reads to know which Google service account a Kubernetes one acts as. */
export const GKE_SERVICE_ACCOUNT_ANNOTATION = 'iam.gke.io/gcp-service-account';

/** Properties of {@link GcpWorkloadIdentity}. */
export interface GcpWorkloadIdentityProps {
  /** Project id of the Google service account. */
  readonly project: string;
  /** Service account id (the part of the e-mail before `@`), 6-30 characters. */
  readonly accountId: string;
  /**
   * The cluster's Workload Identity pool, `<project>.svc.id.goog`. Pass the cluster's attribute (`GkeCluster.workloadPool`):
   * the binding is refused until a cluster has created the pool, and the reference makes it wait.
   */
  readonly workloadPool: string;
  /** The one Kubernetes service account that may act as this Google service account. */
  readonly serviceAccount: ServiceAccountRef;
  /**
   * Let the account sign blobs as itself (`roles/iam.serviceAccountTokenCreator` on itself only), which signed URLs
   * need when there is no key. @default false
   */
  readonly signsUrls?: boolean;
  /** Display name. @default the Kubernetes service account */
  readonly displayName?: string;
  /** What the account must be created after (the project's APIs). @default none */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * GKE Workload Identity for one Kubernetes service account: a Google service account without keys, which only
 * `serviceAccount:<pool>[<namespace>/<name>]` may act as (`roles/iam.workloadIdentityUser` on the account itself,
 * not project-wide), and the annotation that makes the pods use it. Grant it roles on the resources it needs
 * (buckets, the database) with `member`.
 */
export class GcpWorkloadIdentity extends Construct implements WorkloadIdentity {
  /** The Google service account the Kubernetes service account acts as. */
  public readonly account: ServiceAccount;
  public readonly serviceAccount: ServiceAccountRef;
  public readonly serviceAccountAnnotations: { readonly [key: string]: string };
  public readonly podLabels: { readonly [key: string]: string } = {};
  /** Service account e-mail. */
  public readonly email: string;
  /** `serviceAccount:<email>`, for IAM bindings. */
  public readonly member: string;

  public constructor(scope: Construct, id: string, props: GcpWorkloadIdentityProps) {
    super(scope, id);
    checkName(this, 'project', props.project, GCP_NAMES.project);
    checkName(this, 'accountId', props.accountId, GCP_NAMES.serviceAccount);
    checkNamespace(this, 'serviceAccount.namespace', props.serviceAccount.namespace);
    checkKubernetesName(this, 'serviceAccount.name', props.serviceAccount.name);
    const sa = props.serviceAccount;
    this.account = new ServiceAccount(this, 'account', {
      project: props.project,
      accountId: props.accountId,
      displayName: props.displayName ?? `${sa.namespace}/${sa.name}`,
      description: `Workload Identity of the Kubernetes service account ${sa.namespace}/${sa.name}`,
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
    new ServiceAccountIamMember(this, 'workload-identity-user', {
      serviceAccountId: this.account.name,
      role: 'roles/iam.workloadIdentityUser',
      member: `serviceAccount:${props.workloadPool}[${sa.namespace}/${sa.name}]`,
    });
    if (props.signsUrls) {
      new ServiceAccountIamMember(this, 'sign-as-itself', {
        serviceAccountId: this.account.name,
        role: 'roles/iam.serviceAccountTokenCreator',
        member: this.account.member,
      });
    }
    this.serviceAccount = sa;
    this.email = this.account.email;
    this.member = this.account.member;
    this.serviceAccountAnnotations = { [GKE_SERVICE_ACCOUNT_ANNOTATION]: this.account.email };
  }
}
