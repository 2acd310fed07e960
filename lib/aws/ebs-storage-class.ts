import type { StorageClassV1 } from '@cdktf/provider-kubernetes/lib/storage-class-v1';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { lazyModule } from '../core/lazy-module';
import { checkOneOf, checkPattern } from '../core/validation';

// A Kubernetes object: its binding loads when one is built, so the AWS entry point needs no kubernetes provider.
const storageClassV1 = lazyModule(() => require('@cdktf/provider-kubernetes/lib/storage-class-v1') as typeof import('@cdktf/provider-kubernetes/lib/storage-class-v1'));

/** The CSI driver that provisions EBS volumes (the aws-ebs-csi-driver add-on). */
export const EBS_CSI_PROVISIONER = 'ebs.csi.aws.com';

/** Properties of {@link EbsStorageClass}. */
export interface EbsStorageClassProps {
  /** StorageClass name. @default "ebs-gp3-encrypted" */
  readonly name?: string;
  /** KMS key the volumes are encrypted with (the key the cluster's EBS CSI driver may use: EksCluster `blockStorage`). */
  readonly kmsKeyArn: string;
  /**
   * The cluster's default StorageClass: claims that name none (a StatefulSet's volumeClaimTemplates without
   * `storageClassName`) get it. EKS clusters from 1.30 on have no default class.
   * @default true
   */
  readonly isDefault?: boolean;
  /**
   * What happens to a volume when its claim is deleted: `Delete` removes the EBS volume (no orphaned, billed disks),
   * `Retain` keeps it for a manual restore. Claims are not deleted with a StatefulSet; only deleting the claim does this.
   * @default "Delete"
   */
  readonly reclaimPolicy?: 'Delete' | 'Retain';
  /** What the class must be created after and deleted before (the cluster and its EBS CSI driver). */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * A StorageClass of gp3 EBS volumes encrypted with a customer KMS key, bound when the first pod is scheduled (a volume
 * lives in one zone: the pod's), expandable. Needs the EBS CSI driver on the cluster (EksCluster `blockStorage`).
 */
export class EbsStorageClass extends Construct {
  /** The `kubernetes_storage_class_v1` resource. */
  public readonly storageClass: StorageClassV1;
  /** The class name, as a reference: using it makes a resource wait for the class. */
  public readonly name: string;

  public constructor(scope: Construct, id: string, props: EbsStorageClassProps) {
    super(scope, id);
    const name = checkPattern(this, 'name', props.name ?? 'ebs-gp3-encrypted', /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/, 'a StorageClass name: lower-case letters, digits, "-" and "."');
    const reclaimPolicy = checkOneOf(this, 'reclaimPolicy', props.reclaimPolicy ?? 'Delete', ['Delete', 'Retain'] as const);
    this.storageClass = new (storageClassV1().StorageClassV1)(this, 'storage-class', {
      metadata: {
        name,
        annotations: (props.isDefault ?? true) ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : undefined,
        labels: { 'app.kubernetes.io/managed-by': 'terraform' },
      },
      storageProvisioner: EBS_CSI_PROVISIONER,
      parameters: { type: 'gp3', encrypted: 'true', kmsKeyId: props.kmsKeyArn, 'csi.storage.k8s.io/fstype': 'ext4' },
      reclaimPolicy,
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
      dependsOn: [...props.dependsOn],
    });
    this.name = this.storageClass.metadata.name;
  }
}
