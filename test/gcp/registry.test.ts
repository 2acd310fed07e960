import { ArtifactRegistry, ArtifactRegistryProps } from '../../lib/gcp/registry';
import { imageReference } from '../../lib/core/registry';
import { only, resources, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { PROJECT, REGION, expressions, googleStack } from './fixtures';

const NODES = 'serviceAccount:sl-gke-nodes@my-project-123.iam.gserviceaccount.com';

function make(over: Partial<ArtifactRegistryProps> = {}) {
  const stack = googleStack();
  const registry = new ArtifactRegistry(stack, 'registry', { project: PROJECT, location: REGION, repositoryId: 'spacelift', ...over });
  return { stack, registry };
}

describe('ArtifactRegistry', () => {
  test('a Docker repository with immutable tags and a cleanup policy for untagged images', () => {
    const repo = only(synth(make({ labels: { team: 'platform' } }).stack), 'google_artifact_registry_repository');
    expect(repo).toMatchObject({
      project: PROJECT,
      location: REGION,
      repository_id: 'spacelift',
      format: 'DOCKER',
      mode: 'STANDARD_REPOSITORY',
      docker_config: { immutable_tags: true },
      cleanup_policy_dry_run: false,
      cleanup_policies: [{ id: 'delete-untagged', action: 'DELETE', condition: { tag_state: 'UNTAGGED', older_than: '604800s' } }],
      labels: { team: 'platform' },
    });
  });

  test('mutable tags and the untagged retention are configurable', () => {
    const repo = only(synth(make({ immutableTags: false, untaggedRetentionDays: 30 }).stack), 'google_artifact_registry_repository');
    expect(repo.docker_config).toEqual({ immutable_tags: false });
    expect(repo.cleanup_policies[0].condition.older_than).toBe(`${30 * 86400}s`);
  });

  test('only the readers given may pull; no public members', () => {
    const json = synth(make({ readers: { nodes: NODES } }).stack);
    const members = Object.values(resources(json, 'google_artifact_registry_repository_iam_member')) as any[];
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ project: PROJECT, location: REGION, role: 'roles/artifactregistry.reader', member: NODES });
    expect(members[0].repository).toMatch(/^\$\{google_artifact_registry_repository\.[^.]+\.name\}$/);
    expect(JSON.stringify(json)).not.toMatch(/allUsers|allAuthenticatedUsers/);
  });

  test('login server and image references in the Docker host of the region', () => {
    const { stack, registry } = make();
    expect(registry.host).toBe('europe-west1-docker.pkg.dev');
    const e = expressions(stack, { image: imageReference(registry, 'spacelift-backend', 'v4.0.0'), name: registry.name });
    expect(e.image).toMatch(/^europe-west1-docker\.pkg\.dev\/my-project-123\/\$\{google_artifact_registry_repository\.[^.]+\.repository_id\}\/spacelift-backend:v4\.0\.0$/);
    expect(e.name).toMatch(/repository_id\}$/);
  });

  test('rejects allUsers as a reader', () => expectValidationError(() => make({ readers: { everyone: 'allUsers' } }), 'readers.everyone', 'allUsers'));
  test('rejects allAuthenticatedUsers as a reader', () => expectValidationError(() => make({ readers: { google: 'allAuthenticatedUsers' } }), 'readers.google', 'allAuthenticatedUsers'));
  test('rejects a reader that is not an IAM member', () => expectValidationError(() => make({ readers: { x: 'nodes@example.com' } }), 'readers.x', 'nodes@example.com'));
  test('rejects a malformed repository id', () => expectValidationError(() => make({ repositoryId: 'Spacelift_Images' }), 'repositoryId', 'Spacelift_Images'));
  test('rejects a zone as location', () => expectValidationError(() => make({ location: 'us-central1-a' }), 'location', 'us-central1-a'));
  test('rejects a malformed project id', () => expectValidationError(() => make({ project: 'a' }), 'project', 'a'));
  test('rejects an untagged retention of 0 days', () => expectValidationError(() => make({ untaggedRetentionDays: 0 }), 'untaggedRetentionDays', 0));
});
