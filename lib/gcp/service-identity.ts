import { ITerraformDependable, TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';

/**
 * The google-beta provider, declared without its (large) cdktf binding: the only thing this library needs from it is
 * `google_project_service_identity`, which the GA provider does not have (6.50 included). Same version line as the GA
 * provider of `@cdktf/provider-google` (6.50.0, `~> 6.0`).
 */
export class GoogleBetaProvider extends TerraformProvider {
  private readonly project?: string;

  public constructor(scope: Construct, id: string, config: { readonly project?: string } = {}) {
    super(scope, id, {
      terraformResourceType: 'google-beta',
      terraformGeneratorMetadata: { providerName: 'google-beta', providerVersion: '6.50.0', providerVersionConstraint: '~> 6.0' },
      terraformProviderSource: 'hashicorp/google-beta',
    });
    this.project = config.project;
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return this.project === undefined ? {} : { project: this.project };
  }

  protected override synthesizeHclAttributes(): { [name: string]: unknown } {
    return this.project === undefined ? {} : { project: { value: this.project, isBlock: false, type: 'simple', storageClassType: 'string' } };
  }
}

/** The stack's google-beta provider, created on first use. */
export function googleBetaProvider(scope: IConstruct, project?: string): GoogleBetaProvider {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.children.find((c): c is GoogleBetaProvider => c instanceof GoogleBetaProvider);
  return existing ?? new GoogleBetaProvider(stack, 'google-beta', { project });
}

/** Properties of {@link ProjectServiceIdentity}. */
export interface ProjectServiceIdentityProps {
  /** Project id. @default the provider's project */
  readonly project?: string;
  /** The API whose service agent to create, e.g. `servicenetworking.googleapis.com`. */
  readonly service: string;
  /** What it must be created after (the API being on). @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * `google_project_service_identity` (google-beta): makes Google create an API's service agent now
 * (`services.generateServiceIdentity`) instead of just in time, and exposes its e-mail, so IAM grants and the
 * resources that need the agent can be ordered after it. Creating it twice is harmless; destroying it is a no-op.
 */
export class ProjectServiceIdentity extends TerraformResource {
  /** E-mail of the service agent. */
  public readonly email: string;
  /** `serviceAccount:<email>`, for IAM bindings. */
  public readonly member: string;
  private readonly props: ProjectServiceIdentityProps;

  public constructor(scope: Construct, id: string, props: ProjectServiceIdentityProps) {
    super(scope, id, {
      terraformResourceType: 'google_project_service_identity',
      terraformGeneratorMetadata: { providerName: 'google-beta', providerVersion: '6.50.0', providerVersionConstraint: '~> 6.0' },
      provider: googleBetaProvider(scope, props.project),
      dependsOn: props.dependsOn,
    });
    this.props = props;
    this.email = this.getStringAttribute('email');
    this.member = `serviceAccount:${this.email}`;
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return { project: this.props.project, service: this.props.service };
  }

  protected override synthesizeHclAttributes(): { [name: string]: unknown } {
    const attr = (value: string | undefined) => ({ value, isBlock: false, type: 'simple', storageClassType: 'string' });
    return { project: attr(this.props.project), service: attr(this.props.service) };
  }
}
