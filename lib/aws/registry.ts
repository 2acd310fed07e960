import './provider-package';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { Construct } from 'constructs';
import { AWS_NAMES, checkName } from '../core/naming';
import { ContainerRegistry } from '../core/registry';
import { checkInt, checkList } from '../core/validation';
import { AwsAccount } from './account';
import { checkAwsRegion } from './regions';

/** Properties of {@link AwsContainerRegistry}. */
export interface AwsContainerRegistryProps {
  /** Region of the repositories. */
  readonly region: string;
  /** Namespace of the repositories: `<namespace>/<repository>`. */
  readonly namespace: string;
  /** Repositories to create, e.g. `["spacelift-backend", "spacelift-launcher"]`; none for an app whose images come from elsewhere. */
  readonly repositories: readonly string[];
  /** KMS key the images are encrypted with. */
  readonly kmsKeyArn: string;
  /** Days untagged images are kept before they expire. @default 7 */
  readonly untaggedRetentionDays?: number;
  /**
   * Let `terraform destroy` delete the repositories with their images (`force_delete`). Takes effect once applied (the
   * flag lives in Terraform state), so apply it before the destroy.
   * @default false
   */
  readonly allowDestroy?: boolean;
  /** Tags. @default none */
  readonly tags?: { readonly [key: string]: string };
}

/**
 * Private ECR repositories under one namespace: tags immutable (a pushed version cannot be replaced), images scanned
 * on push, encrypted with a customer KMS key, untagged images expired, and `force_delete` off (a repository with
 * images is never deleted, unless `allowDestroy`). The cluster's nodes pull through their IAM role; nothing is public.
 *
 * `loginServer` is `<account>.dkr.ecr.<region>.amazonaws.com/<namespace>`, so `imageReference(registry, "x")` names
 * the repository `<namespace>/x`; `registryHost` is the host alone, for `docker login`.
 */
export class AwsContainerRegistry extends Construct implements ContainerRegistry {
  /** The `aws_ecr_repository` resources, by repository name. */
  public readonly repositories: { readonly [name: string]: EcrRepository };
  public readonly name: string;
  public readonly loginServer: string;
  /** Host name of the account's registry, `<account>.dkr.ecr.<region>.amazonaws.com`. */
  public readonly registryHost: string;

  public constructor(scope: Construct, id: string, props: AwsContainerRegistryProps) {
    super(scope, id);
    const region = checkAwsRegion(this, 'region', props.region);
    checkName(this, 'namespace', props.namespace, AWS_NAMES.ecrRepository);
    checkList(this, 'repositories', props.repositories, (r, f) => checkName(this, f, `${props.namespace}/${r}`, AWS_NAMES.ecrRepository));
    const untaggedDays = checkInt(this, 'untaggedRetentionDays', props.untaggedRetentionDays ?? 7, 1, 3650);
    const lifecycle = JSON.stringify({
      rules: [
        {
          rulePriority: 1,
          description: `Expire untagged images after ${untaggedDays} days`,
          selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: untaggedDays },
          action: { type: 'expire' },
        },
      ],
    });
    const repos: Record<string, EcrRepository> = {};
    for (const r of props.repositories) {
      const repo = new EcrRepository(this, `repository-${r}`, {
        name: `${props.namespace}/${r}`,
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfiguration: [{ encryptionType: 'KMS', kmsKey: props.kmsKeyArn }],
        forceDelete: props.allowDestroy ?? false,
        tags: props.tags,
      });
      new EcrLifecyclePolicy(this, `repository-${r}-lifecycle`, { repository: repo.name, policy: lifecycle });
      repos[r] = repo;
    }
    this.repositories = repos;
    const first = props.repositories.length > 0 ? repos[props.repositories[0]!]! : undefined;
    // <account>.dkr.ecr.<region>.amazonaws.com, read from the repository so users of it wait for it (without
    // repositories, for an app whose images come from elsewhere, from the account).
    this.registryHost = `${first?.registryId ?? AwsAccount.of(this).accountId}.dkr.ecr.${region}.amazonaws.com`;
    this.name = props.namespace;
    this.loginServer = `${this.registryHost}/${props.namespace}`;
  }
}
