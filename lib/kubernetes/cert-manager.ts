import * as path from 'path';
import { Release } from '@cdktf/provider-helm/lib/release';
import { AssetType, ITerraformDependable, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { DocumentObject } from '../core/document';
import { packageRoot } from '../core/package-root';
import { checkEmail, checkInt, checkKubernetesName, checkList, checkOneOf } from '../core/validation';
import { AppNamespace } from './namespace';
import { pinnedRelease } from './release';
import { checkChartVersion, helmValues } from './values';

/** cert-manager chart version this library is tested with. */
export const CERT_MANAGER_CHART_VERSION = 'v1.21.1';
/** Helm repository of the cert-manager chart. */
export const CERT_MANAGER_CHART_REPOSITORY = 'https://charts.jetstack.io';

/** Let's Encrypt ACME directories, by issuer name. */
export const LETSENCRYPT_ISSUERS = {
  'letsencrypt-prod': 'https://acme-v02.api.letsencrypt.org/directory',
  'letsencrypt-staging': 'https://acme-staging-v02.api.letsencrypt.org/directory',
} as const;

/** A Let's Encrypt ClusterIssuer this library can create. */
export type LetsEncryptIssuer = keyof typeof LETSENCRYPT_ISSUERS;

/** Properties of {@link CertManager}. */
export interface CertManagerProps {
  /** ACME account e-mail (expiry warnings go there). */
  readonly email: string;
  /** IngressClass the HTTP-01 solver's temporary Ingress uses. */
  readonly ingressClassName: string;
  /** What the releases must be created after and destroyed before (the cluster, the ingress controller). */
  readonly dependsOn: readonly ITerraformDependable[];
  /** Namespace. @default "cert-manager" */
  readonly namespace?: string;
  /** Chart version, pinned. @default CERT_MANAGER_CHART_VERSION */
  readonly chartVersion?: string;
  /** ClusterIssuers to create. @default both "letsencrypt-prod" and "letsencrypt-staging" */
  readonly issuers?: readonly LetsEncryptIssuer[];
  /** Replicas of the controller, webhook and cainjector. @default 2 */
  readonly replicas?: number;
}

/** The local chart that creates the ClusterIssuers. */
export const CLUSTER_ISSUERS_CHART_DIR = path.join(packageRoot(), 'lib', 'kubernetes', 'charts', 'cluster-issuers');

/**
 * cert-manager from its pinned chart with CRDs, leader election in its own namespace and resource requests, then
 * ClusterIssuers for Let's Encrypt (ACME HTTP-01 through the chosen ingress class) from a small local chart installed
 * once cert-manager's webhook is up. A second release (rather than `kubernetes_manifest`) because the ClusterIssuer
 * CRD does not exist when the first plan runs.
 */
export class CertManager extends Construct {
  /** The cert-manager `helm_release`. */
  public readonly release: Release;
  /** The `helm_release` of the local chart that creates the ClusterIssuers. */
  public readonly issuersRelease: Release;
  /** The namespace both releases go to, created first. */
  public readonly namespace: AppNamespace;
  /** Values document of the cert-manager release. */
  public readonly values: DocumentObject;
  /** Values document of the ClusterIssuers release (the local chart in `issuersChartDir`). */
  public readonly issuerValues: DocumentObject;
  /** The local chart folder the ClusterIssuers release installs ({@link CLUSTER_ISSUERS_CHART_DIR}). */
  public readonly issuersChartDir: string = CLUSTER_ISSUERS_CHART_DIR;
  /** Names of the ClusterIssuers created. */
  public readonly issuerNames: readonly LetsEncryptIssuer[];

  public constructor(scope: Construct, id: string, props: CertManagerProps) {
    super(scope, id);
    checkEmail(this, 'email', props.email);
    checkKubernetesName(this, 'ingressClassName', props.ingressClassName);
    const version = checkChartVersion(this, 'chartVersion', props.chartVersion ?? CERT_MANAGER_CHART_VERSION);
    const replicas = checkInt(this, 'replicas', props.replicas ?? 2, 1, 5);
    const issuers = props.issuers ?? (Object.keys(LETSENCRYPT_ISSUERS) as LetsEncryptIssuer[]);
    checkList(this, 'issuers', issuers, (i, f) => checkOneOf(this, f, i, Object.keys(LETSENCRYPT_ISSUERS) as LetsEncryptIssuer[]), { minItems: 1 });
    this.issuerNames = issuers;

    const ns = new AppNamespace(this, 'namespace', {
      name: props.namespace ?? 'cert-manager',
      podSecurity: 'restricted',
      dependsOn: props.dependsOn,
    });
    this.namespace = ns;
    const requests = { requests: { cpu: '100m', memory: '256Mi' } };
    const pdb = { enabled: replicas > 1, maxUnavailable: 1 };
    this.values = {
      crds: { enabled: true, keep: true },
      // The default, kube-system, is not writable on every managed cluster (GKE Autopilot).
      global: { leaderElection: { namespace: props.namespace ?? 'cert-manager' } },
      replicaCount: replicas,
      podDisruptionBudget: pdb,
      resources: requests,
      webhook: { replicaCount: replicas, podDisruptionBudget: pdb, resources: requests },
      cainjector: { replicaCount: replicas, podDisruptionBudget: pdb, resources: requests },
      startupapicheck: { resources: requests },
    };
    this.release = pinnedRelease(this, 'release', {
      name: 'cert-manager',
      namespace: ns.name,
      repository: CERT_MANAGER_CHART_REPOSITORY,
      chart: 'cert-manager',
      version,
      waitForJobs: true,
      timeout: 900,
      values: helmValues(this, 'values', this.values),
      dependsOn: props.dependsOn,
    });

    this.issuerValues = {
      issuers: issuers.map((name) => ({
        name,
        server: LETSENCRYPT_ISSUERS[name],
        email: props.email,
        privateKeySecretName: `${name}-account-key`,
        ingressClassName: props.ingressClassName,
      })),
    };
    const chart = new TerraformAsset(this, 'issuers-chart', { path: CLUSTER_ISSUERS_CHART_DIR, type: AssetType.DIRECTORY });
    this.issuersRelease = pinnedRelease(this, 'issuers', {
      name: 'cluster-issuers',
      namespace: ns.name,
      chart: chart.path,
      timeout: 300,
      values: helmValues(this, 'issuer-values', this.issuerValues),
      dependsOn: [this.release, ...props.dependsOn],
    });
  }
}
