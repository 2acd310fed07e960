/**
 * Versions Azure supports, as of this library release. Bump these tables when Azure's support windows move; a value
 * outside them fails at synth with the allowed list.
 */

/** Kubernetes minor versions AKS supports (standard support, plus LTS on the Premium tier). */
export const AKS_KUBERNETES_MINORS: readonly string[] = ['1.32', '1.33', '1.34', '1.35', '1.36', '1.37'];

/** Default Kubernetes minor for new clusters. */
export const AKS_DEFAULT_KUBERNETES_VERSION = '1.34';

/** PostgreSQL major versions Azure Database for PostgreSQL flexible server offers for new servers. */
export const AZURE_POSTGRES_MAJORS: readonly number[] = [14, 15, 16, 17];

/** Valid `storage_mb` sizes of a flexible server. */
export const AZURE_POSTGRES_STORAGE_MB: readonly number[] = [
  32768, 65536, 131072, 262144, 524288, 1048576, 2097152, 4193280, 4194304, 8388608, 16777216, 33553408,
];
