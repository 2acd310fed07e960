import { EbsStorageClass, EbsStorageClassProps } from '../../lib/aws/ebs-storage-class';
import { only, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { KEY_ARN, awsStack } from './fixtures';

function make(over: Partial<EbsStorageClassProps> = {}) {
  const stack = awsStack();
  const sc = new EbsStorageClass(stack, 'storage-class', { kmsKeyArn: KEY_ARN, dependsOn: [], ...over });
  return { sc, json: synth(stack) };
}

describe('EbsStorageClass', () => {
  test('the default class: encrypted gp3 with the given key through the EBS CSI driver, bound where the pod runs, expandable', () => {
    const sc = only(make().json, 'kubernetes_storage_class_v1');
    expect(sc).toMatchObject({
      metadata: { name: 'ebs-gp3-encrypted', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      storage_provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3', encrypted: 'true', kmsKeyId: KEY_ARN },
      reclaim_policy: 'Delete',
      volume_binding_mode: 'WaitForFirstConsumer',
      allow_volume_expansion: true,
    });
  });

  test('not the default, retained volumes, another name', () => {
    const sc = only(make({ isDefault: false, reclaimPolicy: 'Retain', name: 'broker-disks' }).json, 'kubernetes_storage_class_v1');
    expect(sc.metadata.annotations).toBeUndefined();
    expect(sc.metadata.name).toBe('broker-disks');
    expect(sc.reclaim_policy).toBe('Retain');
  });

  test('bad names and reclaim policies are refused', () => {
    expectValidationError(() => make({ name: 'Bad_Name' }), 'name', 'Bad_Name');
    expectValidationError(() => make({ reclaimPolicy: 'Recycle' as any }), 'reclaimPolicy', 'Recycle');
  });
});
