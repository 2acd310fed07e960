import * as path from 'path';
import type { Release } from '@cdktf/provider-helm/lib/release';
import { AssetType, ITerraformDependable, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { packageRoot } from '../core/package-root';
import { checkDomain, checkKubernetesName, checkList, checkPattern } from '../core/validation';
import { AppNamespace } from './namespace';
import { pinnedRelease } from './release';
import { helmValues } from './values';

/** The local chart that renders the Certificates (shipped in the package). */
export const CERTIFICATES_CHART_DIR = path.join(packageRoot(), 'lib', 'kubernetes', 'charts', 'certificates');

/** Properties of {@link TlsCertificate}. */
export interface TlsCertificateProps {
  /** Name of the Certificate (and of its Helm release, `<name>-certificate`). */
  readonly name: string;
  /** Namespace of the Certificate and its Secret. */
  readonly namespace: AppNamespace;
  /** The TLS Secret cert-manager writes (the one the app's Ingress names). */
  readonly secretName: string;
  /** Host names the certificate covers. */
  readonly dnsNames: readonly string[];
  /** cert-manager ClusterIssuer. */
  readonly clusterIssuer: string;
  /** What it must be installed after and uninstalled before: the cluster, cert-manager's ClusterIssuers. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * A cert-manager Certificate from a ClusterIssuer into a named TLS Secret, for charts that expect the Secret but
 * whose own Certificate template cannot name the issuer (Estafette CI's writes the issuer field as a literal string).
 * Installed as a tiny local chart, so the plan needs no cert-manager CRD (cert-manager is installed in the same
 * apply); the release waits for nothing but the object, cert-manager issues in the background.
 */
export class TlsCertificate extends Construct {
  /** The Helm release of the Certificate. */
  public readonly release: Release;

  public constructor(scope: Construct, id: string, props: TlsCertificateProps) {
    super(scope, id);
    const name = checkKubernetesName(this, 'name', props.name);
    checkPattern(this, 'secretName', props.secretName, /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/, 'a Secret name: lower-case letters, digits, "-" and "."');
    checkKubernetesName(this, 'clusterIssuer', props.clusterIssuer);
    checkList(this, 'dnsNames', props.dnsNames, (host, field) => checkDomain(this, field, host), { minItems: 1 });
    const chart = new TerraformAsset(this, 'chart', { path: CERTIFICATES_CHART_DIR, type: AssetType.DIRECTORY });
    this.release = pinnedRelease(this, 'release', {
      name: `${name}-certificate`,
      namespace: props.namespace.name,
      chart: chart.path,
      timeout: 300,
      values: helmValues(this, 'values', {
        certificates: [{ name, secretName: props.secretName, dnsNames: [...props.dnsNames], clusterIssuer: props.clusterIssuer }],
      }),
      dependsOn: [...props.dependsOn],
    });
  }
}
