import { Construct } from 'constructs';
import { SpaceliftAppConfig, spaceliftApp } from '../../lib/apps/spacelift/app';
import { SPACELIFT_COMPONENT_SERVICE_ACCOUNTS, SpaceliftComponent } from '../../lib/apps/spacelift/profile';
import { AwsIrsaRole } from '../../lib/aws/identity';
import { AwsKmsKey } from '../../lib/aws/kms';
import { EksInfraStack } from './infra-stack';
import { SpaceliftEksConfig } from './spacelift-config';
import { completeEksPair } from './pair';
import { EksPlatformStack } from './platform-stack';

/** `<name>-eks-infra` of Spacelift: {@link EksInfraStack} with {@link spaceliftApp}. */
export class SpaceliftEksInfraStack extends EksInfraStack<SpaceliftAppConfig> {
  /** Spacelift's own KMS keys (`kms` encryption), when used. */
  public readonly spaceliftKeys?: { readonly encryption: AwsKmsKey; readonly signing: AwsKmsKey };
  /** IRSA role of each Spacelift component. */
  public readonly identities: { readonly [component in SpaceliftComponent]: AwsIrsaRole };

  public constructor(scope: Construct, id: string, config: SpaceliftEksConfig) {
    super(scope, id, config, spaceliftApp);
    const { encryption, signing } = this.appKeys;
    if (encryption !== undefined && signing !== undefined) this.spaceliftKeys = { encryption, signing };
    const byComponent = Object.entries(SPACELIFT_COMPONENT_SERVICE_ACCOUNTS).map(([component, name]) => [component, this.serviceAccountIdentities[name]!]);
    this.identities = Object.fromEntries(byComponent) as { [component in SpaceliftComponent]: AwsIrsaRole };
  }
}

/** `<name>-eks-platform` of Spacelift: {@link EksPlatformStack}. */
export class SpaceliftEksPlatformStack extends EksPlatformStack<SpaceliftAppConfig> {
  public constructor(scope: Construct, id: string, config: SpaceliftEksConfig, infra: SpaceliftEksInfraStack) {
    super(scope, id, config, infra);
  }
}

/** The stack pair `<name>-eks-infra` and `<name>-eks-platform` for one `spacelift-eks` config. */
export function spaceliftEks(scope: Construct, config: SpaceliftEksConfig): { infra: SpaceliftEksInfraStack; platform: SpaceliftEksPlatformStack } {
  const name = config.name ?? 'spacelift';
  const infra = new SpaceliftEksInfraStack(scope, `${name}-eks-infra`, config);
  return completeEksPair(config, infra, new SpaceliftEksPlatformStack(scope, `${name}-eks-platform`, config, infra));
}
