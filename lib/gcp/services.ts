import './provider-package';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { GCP_NAMES, checkName } from '../core/naming';
import { ValidationError, checkList, isUnresolved } from '../core/validation';

/** The Google APIs a GKE deployment of this library uses. */
export const GKE_DEPLOYMENT_APIS: readonly string[] = [
  'artifactregistry.googleapis.com',
  'cloudresourcemanager.googleapis.com',
  'compute.googleapis.com',
  'container.googleapis.com',
  // Workload Identity tokens and URL signing (signBlob) without service-account keys.
  'iamcredentials.googleapis.com',
  'iam.googleapis.com',
  'servicenetworking.googleapis.com',
  'sqladmin.googleapis.com',
  'storage.googleapis.com',
];

/** Properties of {@link GcpProjectServices}. */
export interface GcpProjectServicesProps {
  /** Project id. */
  readonly project: string;
  /** API service names, e.g. `container.googleapis.com`. */
  readonly services: readonly string[];
}

/**
 * Turns on the project's APIs a deployment needs. They stay on when the deployment is destroyed
 * (`disable_on_destroy = false`): other workloads in the project may use them too, and turning an API off deletes
 * what it serves.
 */
export class GcpProjectServices extends Construct {
  /** The `google_project_service` resources by API name. */
  public readonly services: { readonly [api: string]: ProjectService };
  /** Everything, for `depends_on`. */
  public readonly dependables: readonly ITerraformDependable[];

  public constructor(scope: Construct, id: string, props: GcpProjectServicesProps) {
    super(scope, id);
    checkName(this, 'project', props.project, GCP_NAMES.project);
    checkList(this, 'services', props.services, (s, f) => {
      if (!isUnresolved(s) && !/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*\.googleapis\.com$/.test(s)) {
        throw new ValidationError(this, f, s, 'a Google API service name such as "container.googleapis.com"');
      }
    }, { minItems: 1 });
    const services: Record<string, ProjectService> = {};
    for (const api of props.services) {
      services[api] = new ProjectService(this, api.replace(/\.googleapis\.com$/, ''), {
        project: props.project,
        service: api,
        disableOnDestroy: false,
        disableDependentServices: false,
      });
    }
    this.services = services;
    this.dependables = Object.values(services);
  }

  /** The dependables of the named APIs (those this construct manages). */
  public on(...apis: string[]): ITerraformDependable[] {
    return apis.map((a) => this.services[a]).filter((s): s is ProjectService => s !== undefined);
  }
}
