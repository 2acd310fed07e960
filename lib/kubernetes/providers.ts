import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Construct } from 'constructs';
import { KubernetesConnection } from '../core/cluster';

/**
 * A connection that may carry a bearer token instead of an exec plugin or a client certificate (GKE: the access token
 * of the google provider's application-default credentials, `GkeConnection`).
 */
export type KubernetesConnectionWithToken = KubernetesConnection & {
  /** Bearer token, read when Terraform runs (a data source attribute). @default none */
  readonly token?: string;
};

/** Properties of {@link KubernetesProviders}. */
export interface KubernetesProvidersProps {
  /** How to reach the cluster and authenticate at apply time (a cluster construct's `connect()`). */
  readonly connection: KubernetesConnectionWithToken;
  /** Provider alias, when a stack talks to more than one cluster. @default none */
  readonly alias?: string;
}

/**
 * The kubernetes and helm providers, configured from a cluster connection. Credentials come from the connection's
 * data source (a token or a client certificate) or exec plugin when Terraform runs; nothing long-lived is stored.
 */
export class KubernetesProviders extends Construct {
  /** The kubernetes provider. */
  public readonly kubernetes: KubernetesProvider;
  /** The helm provider. */
  public readonly helm: HelmProvider;

  public constructor(scope: Construct, id: string, props: KubernetesProvidersProps) {
    super(scope, id);
    const c = props.connection;
    // cdktf writes provider settings in snake_case, map keys included, which would rename environment variables:
    // `env` is therefore set below with an override, which is written as given.
    const exec = c.exec ? { apiVersion: c.exec.apiVersion, command: c.exec.command, args: [...c.exec.args] } : undefined;
    const auth = {
      host: c.host,
      clusterCaCertificate: c.clusterCaCertificate,
      clientCertificate: c.clientCertificate,
      clientKey: c.clientKey,
      token: c.token,
    };
    this.kubernetes = new KubernetesProvider(this, 'kubernetes', {
      ...auth,
      exec: exec ? [exec] : undefined,
      alias: props.alias,
    });
    this.helm = new HelmProvider(this, 'helm', {
      kubernetes: { ...auth, exec },
      alias: props.alias,
    });
    if (c.exec?.env) {
      this.kubernetes.addOverride('exec.0.env', { ...c.exec.env });
      this.helm.addOverride('kubernetes.exec.env', { ...c.exec.env });
    }
  }
}
