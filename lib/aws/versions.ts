/**
 * Versions AWS supports, as of this library release. Bump these tables when AWS's support windows move; a value
 * outside them fails at synth with the allowed list.
 */

/** Kubernetes minor versions EKS offers for new clusters (standard and extended support). */
export const EKS_KUBERNETES_MINORS: readonly string[] = ['1.31', '1.32', '1.33', '1.34', '1.35', '1.36'];

/** Default Kubernetes minor for new clusters. */
export const EKS_DEFAULT_KUBERNETES_VERSION = '1.34';

/** PostgreSQL major versions RDS for PostgreSQL offers for new instances. */
export const RDS_POSTGRES_MAJORS: readonly number[] = [14, 15, 16, 17];

/** PostgreSQL major versions Aurora PostgreSQL offers for new clusters. */
export const AURORA_POSTGRES_MAJORS: readonly number[] = [14, 15, 16, 17];

/** The EKS managed add-ons every cluster gets, by add-on name. */
export const EKS_CORE_ADDONS = ['vpc-cni', 'kube-proxy', 'coredns'] as const;
export type EksCoreAddon = (typeof EKS_CORE_ADDONS)[number];
