import './provider-package';
import { ArtifactRegistryRepository, ArtifactRegistryRepositoryCleanupPolicies } from '@cdktf/provider-google/lib/artifact-registry-repository';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { GCP_NAMES, checkName } from '../core/naming';
import { ContainerRegistry } from '../core/registry';
import { ValidationError, checkInt, checkPattern } from '../core/validation';
import { checkGcpRegion } from './regions';

/** Members that would make a repository public. */
const PUBLIC_MEMBERS = ['allUsers', 'allAuthenticatedUsers'];

/** Properties of {@link ArtifactRegistry}. */
export interface ArtifactRegistryProps {
  /** Project id. */
  readonly project: string;
  /** Region of the repository (next to the cluster). */
  readonly location: string;
  /** Repository id. */
  readonly repositoryId: string;
  /** A pushed tag can never be moved to another image. @default true */
  readonly immutableTags?: boolean;
  /** Days untagged images are kept before the cleanup policy deletes them (1-365). @default 7 */
  readonly untaggedRetentionDays?: number;
  /** Members given `roles/artifactregistry.reader` (e.g. the GKE nodes' service account), by id. @default none */
  readonly readers?: { readonly [id: string]: string };
  /** Labels. @default none */
  readonly labels?: { readonly [key: string]: string };
  /** What the repository must be created after (the project's APIs). @default none */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * A private Docker repository in Artifact Registry: immutable tags, a cleanup policy for untagged images, and read
 * access only for the members given (never `allUsers` or `allAuthenticatedUsers`).
 */
export class ArtifactRegistry extends Construct implements ContainerRegistry {
  /** The `google_artifact_registry_repository` resource. */
  public readonly repository: ArtifactRegistryRepository;
  /** The repository id (what `gcloud artifacts repositories` takes). */
  public readonly name: string;
  /** `<region>-docker.pkg.dev/<project>/<repository>`: images are `<loginServer>/<image>:<tag>`. */
  public readonly loginServer: string;
  /** The host `docker login` / `gcloud auth configure-docker` needs. */
  public readonly host: string;
  private readonly project: string;
  private readonly location: string;

  public constructor(scope: Construct, id: string, props: ArtifactRegistryProps) {
    super(scope, id);
    checkName(this, 'project', props.project, GCP_NAMES.project);
    const location = checkGcpRegion(this, 'location', props.location);
    checkName(this, 'repositoryId', props.repositoryId, GCP_NAMES.artifactRepository);
    const untaggedDays = checkInt(this, 'untaggedRetentionDays', props.untaggedRetentionDays ?? 7, 1, 365);
    const cleanup: ArtifactRegistryRepositoryCleanupPolicies[] = [
      { id: 'delete-untagged', action: 'DELETE', condition: { tagState: 'UNTAGGED', olderThan: `${untaggedDays * 86400}s` } },
    ];
    this.repository = new ArtifactRegistryRepository(this, 'repository', {
      project: props.project,
      location,
      repositoryId: props.repositoryId,
      format: 'DOCKER',
      mode: 'STANDARD_REPOSITORY',
      description: 'Private container images of the platform',
      dockerConfig: { immutableTags: props.immutableTags ?? true },
      cleanupPolicies: cleanup,
      cleanupPolicyDryRun: false,
      labels: props.labels,
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
    this.project = props.project;
    this.location = location;
    this.name = this.repository.repositoryId;
    this.host = `${location}-docker.pkg.dev`;
    this.loginServer = `${this.host}/${props.project}/${this.repository.repositoryId}`;
    for (const [readerId, member] of Object.entries(props.readers ?? {})) this.grantReader(readerId, member);
  }

  /** Gives a member `roles/artifactregistry.reader` on this repository only. */
  public grantReader(id: string, member: string): ArtifactRegistryRepositoryIamMember {
    if (PUBLIC_MEMBERS.includes(member)) {
      throw new ValidationError(this, `readers.${id}`, member, 'a user, group or service account: the repository is never public');
    }
    checkPattern(this, `readers.${id}`, member, /^(serviceAccount|user|group|principal|principalSet):.+$/, 'an IAM member such as "serviceAccount:nodes@my-project.iam.gserviceaccount.com"');
    return new ArtifactRegistryRepositoryIamMember(this, `reader-${id}`, {
      project: this.project,
      location: this.location,
      repository: this.repository.name,
      role: 'roles/artifactregistry.reader',
      member,
    });
  }
}
