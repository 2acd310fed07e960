import { Construct } from 'constructs';
import { SPACELIFT_IAM_LOGIN_GRANTS, SpaceliftAppConfig, spaceliftApp } from '../../lib/apps/spacelift/app';
import { GcpWorkloadIdentity } from '../../lib/gcp/identity';
import { DatabaseBootstrapSpec } from '../../lib/kubernetes/database-bootstrap-sql';
import { GkeInfraStack } from './infra-stack';
import { SpaceliftGkeConfig } from './spacelift-config';
import { completeGkePair } from './pair';
import { GkePlatformStack, iamLoginGrants } from './platform-stack';

export { SPACELIFT_DATABASE_CONNECTIONS } from '../../lib/apps/spacelift/app';

/** `<name>-gke-infra` of Spacelift: {@link GkeInfraStack} with {@link spaceliftApp}. */
export class SpaceliftGkeInfraStack extends GkeInfraStack<SpaceliftAppConfig> {
  /** Workload Identity of the `spacelift-backend` service account. */
  public readonly identity: GcpWorkloadIdentity;

  public constructor(scope: Construct, id: string, config: SpaceliftGkeConfig) {
    super(scope, id, config, spaceliftApp);
    this.identity = this.serviceAccountIdentities['spacelift-backend']!;
  }
}

/** `<name>-gke-platform` of Spacelift: {@link GkePlatformStack}. */
export class SpaceliftGkePlatformStack extends GkePlatformStack<SpaceliftAppConfig> {
  public constructor(scope: Construct, id: string, config: SpaceliftGkeConfig, infra: SpaceliftGkeInfraStack) {
    super(scope, id, config, infra);
  }
}

/**
 * What Spacelift's migrations need from the Cloud SQL IAM user it logs in as (Spacelift's GKE guide, "Configure
 * database"): CREATEROLE and every privilege on its database, plus USAGE and CREATE on the `public` schema.
 */
export function spaceliftIamUserGrants(iamUser: string, database: string): DatabaseBootstrapSpec {
  return iamLoginGrants(iamUser, database, SPACELIFT_IAM_LOGIN_GRANTS);
}

/** The stack pair `<name>-gke-infra` and `<name>-gke-platform` for one `spacelift-gke` config. */
export function spaceliftGke(scope: Construct, config: SpaceliftGkeConfig): { infra: SpaceliftGkeInfraStack; platform: SpaceliftGkePlatformStack } {
  const name = config.name ?? 'spacelift';
  const infra = new SpaceliftGkeInfraStack(scope, `${name}-gke-infra`, config);
  return completeGkePair(config, infra, new SpaceliftGkePlatformStack(scope, `${name}-gke-platform`, config, infra));
}
