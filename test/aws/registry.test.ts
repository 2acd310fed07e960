import { AwsContainerRegistry, AwsContainerRegistryProps } from '../../lib/aws/registry';
import { imageReference } from '../../lib/core/registry';
import { resources, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { KEY_ARN, REGION, awsStack, byId, expressionOf } from './fixtures';

function make(over: Partial<AwsContainerRegistryProps> = {}) {
  const stack = awsStack();
  const registry = new AwsContainerRegistry(stack, 'registry', { region: REGION, namespace: 'sl', repositories: ['spacelift-backend', 'spacelift-launcher'], kmsKeyArn: KEY_ARN, ...over });
  return { stack, registry, json: synth(stack) };
}

describe('AwsContainerRegistry', () => {
  test('one repository per image under the namespace: immutable tags, scan on push, KMS, no force delete', () => {
    const { json } = make({ tags: { team: 'platform' } });
    const repos = Object.values(resources(json, 'aws_ecr_repository')) as any[];
    expect(repos.map((r) => r.name).sort()).toEqual(['sl/spacelift-backend', 'sl/spacelift-launcher']);
    for (const r of repos) {
      expect(r).toMatchObject({
        image_tag_mutability: 'IMMUTABLE',
        image_scanning_configuration: { scan_on_push: true },
        encryption_configuration: [{ encryption_type: 'KMS', kms_key: KEY_ARN }],
        force_delete: false,
        tags: { team: 'platform' },
      });
    }
  });

  test('allowDestroy lets terraform destroy delete repositories with their images (force_delete)', () => {
    const repos = Object.values(resources(make({ allowDestroy: true }).json, 'aws_ecr_repository')) as any[];
    expect(repos.map((r) => r.force_delete)).toEqual([true, true]);
  });

  test('untagged images expire after the configured days', () => {
    const { json } = make({ untaggedRetentionDays: 14 });
    const policy = JSON.parse(byId(json, 'aws_ecr_lifecycle_policy', 'spacelift-backend').policy);
    expect(policy.rules).toEqual([expect.objectContaining({ selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 }, action: { type: 'expire' } })]);
  });

  test('image references are <account>.dkr.ecr.<region>.amazonaws.com/<namespace>/<repository>', () => {
    const { stack, registry } = make();
    expect(expressionOf(stack, imageReference(registry, 'spacelift-backend', 'v4.0.0'))).toMatch(
      /^\$\{aws_ecr_repository\.[^.]+\.registry_id\}\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/sl\/spacelift-backend:v4\.0\.0$/,
    );
    expect(expressionOf(stack, registry.registryHost)).toMatch(/^\$\{aws_ecr_repository\.[^.]+\.registry_id\}\.dkr\.ecr\.eu-west-1\.amazonaws\.com$/);
    expect(registry.name).toBe('sl');
  });

  test('no repositories (an app whose images come from elsewhere): nothing created, the host from the account', () => {
    const { stack, registry } = make({ repositories: [] });
    expect(synth(stack).resource?.aws_ecr_repository).toBeUndefined();
    expect(expressionOf(stack, registry.registryHost)).toMatch(/^\$\{data\.aws_caller_identity\.[^.]+\.account_id\}\.dkr\.ecr\.eu-west-1\.amazonaws\.com$/);
  });

  test('throws on a namespace or repository ECR rejects, or bad retention', () => {
    expectValidationError(() => make({ namespace: 'SL' }), 'namespace', 'SL');
    expectValidationError(() => make({ repositories: ['Backend'] }), 'repositories[0]', 'sl/Backend');
    expectValidationError(() => make({ untaggedRetentionDays: 0 }), 'untaggedRetentionDays', 0);
    expectValidationError(() => make({ region: 'mars-1' }), 'region', 'mars-1');
  });
});
