import type { StorageClassV1 } from '@cdktf/provider-kubernetes/lib/storage-class-v1';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { lazyModule } from '../core/lazy-module';
import { checkOneOf, checkPattern } from '../core/validation';

// Loaded when a class is built: stacks that build none do not load the binding.
const storageClassV1 = lazyModule(() => require('@cdktf/provider-kubernetes/lib/storage-class-v1') as typeof import('@cdktf/provider-kubernetes/lib/storage-class-v1'));

/** Properties of {@link ZonalStorageClass}. */
export interface ZonalStorageClassProps {
  /** StorageClass name. */
  readonly name: string;
  /** The CSI driver, e.g. `disk.csi.azure.com` (Azure managed disks) or `pd.csi.storage.gke.io` (persistent disks). */
  readonly provisioner: string;
  /** The driver's parameters (disk type). @default none */
  readonly parameters?: { readonly [key: string]: string };
  /**
   * What happens to a volume when its claim is deleted: `Retain` keeps the disk (a database's data survives a deleted
   * claim or namespace, and can be re-attached by hand); `Delete` removes it.
   * @default "Retain"
   */
  readonly reclaimPolicy?: 'Delete' | 'Retain';
  /** Annotate it as the cluster's default class. @default false */
  readonly isDefault?: boolean;
  /** What the class must be created after and deleted before (the cluster). */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * A StorageClass of zone-bound block volumes bound when the first pod is scheduled (`WaitForFirstConsumer`: the
 * volume is created in the zone the scheduler put the pod in, so a StatefulSet spread over zones gets its volumes
 * spread too), expandable, retained by default. The clouds' disks are encrypted at rest by default.
 */
export class ZonalStorageClass extends Construct {
  /** The `kubernetes_storage_class_v1` resource. */
  public readonly storageClass: StorageClassV1;
  /** The class name, as a reference: using it makes a resource wait for the class. */
  public readonly name: string;

  public constructor(scope: Construct, id: string, props: ZonalStorageClassProps) {
    super(scope, id);
    const name = checkPattern(this, 'name', props.name, /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/, 'a StorageClass name: lower-case letters, digits, "-" and "."');
    checkPattern(this, 'provisioner', props.provisioner, /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, 'a CSI driver name such as "disk.csi.azure.com"');
    const reclaimPolicy = checkOneOf(this, 'reclaimPolicy', props.reclaimPolicy ?? 'Retain', ['Delete', 'Retain'] as const);
    this.storageClass = new (storageClassV1().StorageClassV1)(this, 'storage-class', {
      metadata: {
        name,
        annotations: props.isDefault ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : undefined,
        labels: { 'app.kubernetes.io/managed-by': 'terraform' },
      },
      storageProvisioner: props.provisioner,
      parameters: props.parameters === undefined ? undefined : { ...props.parameters },
      reclaimPolicy,
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
      dependsOn: [...props.dependsOn],
    });
    this.name = this.storageClass.metadata.name;
  }
}
