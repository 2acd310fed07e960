import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { PublishedSecret } from '../core/document';
import { ValidationError, checkKubernetesName } from '../core/validation';
import { AppNamespace } from './namespace';

/** Properties of {@link AppSecrets}. */
export interface AppSecretsProps {
  /** The namespace the Secrets go to; each document must name it. */
  readonly namespace: AppNamespace;
  /** Secret documents published by the app profile (possibly in another stack). */
  readonly secrets: readonly PublishedSecret[];
  /** What the Secrets must be created after and deleted before. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/** `kubernetes_secret_v1` resources (type Opaque) from published Secret documents. */
export class AppSecrets extends Construct {
  /** The `kubernetes_secret_v1` resources, in the order of the documents. */
  public readonly secrets: readonly SecretV1[];

  public constructor(scope: Construct, id: string, props: AppSecretsProps) {
    super(scope, id);
    this.secrets = props.secrets.map((s) => {
      checkKubernetesName(this, `secrets.${s.name}.name`, s.name);
      if (s.namespace !== props.namespace.literalName) {
        throw new ValidationError(this, `secrets.${s.name}.namespace`, s.namespace, `the app namespace "${props.namespace.literalName}"`);
      }
      return new SecretV1(this, s.name, {
        metadata: { name: s.name, namespace: props.namespace.name },
        type: 'Opaque',
        data: s.data.asStringMap,
        dependsOn: [...props.dependsOn],
      });
    });
  }
}
