import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

/** A client-go exec credential plugin (kubelogin, gke-gcloud-auth-plugin, aws eks get-token). */
export interface ExecCredential {
  /** `client.authentication.k8s.io/v1beta1` or `/v1`. */
  readonly apiVersion: string;
  /** The program to run, found on the PATH of whoever runs Terraform. */
  readonly command: string;
  /** Its arguments. */
  readonly args: readonly string[];
  /** Extra environment for the program. @default none */
  readonly env?: { readonly [name: string]: string };
}

/**
 * How the kubernetes and helm providers reach a cluster. Credentials are read when Terraform runs (a data source or an
 * exec plugin), never carried through remote state where they would expire.
 */
export interface KubernetesConnection {
  /** API server URL. */
  readonly host: string;
  /** PEM of the cluster CA. */
  readonly clusterCaCertificate: string;
  /** Exec plugin that returns a short-lived token. Either this or the client certificate pair is set. */
  readonly exec?: ExecCredential;
  /** PEM client certificate (clusters with local accounts). */
  readonly clientCertificate?: string;
  /** PEM client key (clusters with local accounts). */
  readonly clientKey?: string;
  /**
   * What every in-cluster object must depend on: created after it, destroyed before it. In the stack that owns the
   * cluster this is the cluster itself; in another stack it is the data source that reads the cluster.
   */
  readonly dependsOn: readonly ITerraformDependable[];
}

/** A Kubernetes cluster the platform can be installed on. */
export interface KubernetesCluster {
  /** Cluster name in its cloud. */
  readonly name: string;
  /** OIDC issuer URL that workload identity federates with. */
  readonly oidcIssuerUrl: string;
  /** Kubernetes `major.minor` (or `major.minor.patch`) the cluster runs. */
  readonly kubernetesVersion: string;
  /**
   * Returns how to connect from `scope`. Called from the stack that owns the cluster, it uses the cluster resource;
   * from another stack it creates, in that stack, a data source that reads the cluster when Terraform runs there.
   */
  connect(scope: Construct, id?: string): KubernetesConnection;
}
