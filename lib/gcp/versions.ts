/**
 * Versions Google Cloud offers, as of this library release. Bump these tables when Google's support windows move; a
 * value outside them fails at synth with the allowed list.
 */

/** Kubernetes minor versions GKE offers on its release channels (standard and extended support). */
export const GKE_KUBERNETES_MINORS: readonly string[] = ['1.31', '1.32', '1.33', '1.34', '1.35'];

/** GKE release channels. A channel is always set: GKE then patches the control plane and nodes itself. */
export const GKE_RELEASE_CHANNELS = ['RAPID', 'REGULAR', 'STABLE', 'EXTENDED'] as const;
export type GkeReleaseChannel = (typeof GKE_RELEASE_CHANNELS)[number];

/** PostgreSQL major versions Cloud SQL offers for new instances. */
export const CLOUD_SQL_POSTGRES_MAJORS: readonly number[] = [13, 14, 15, 16, 17];

/** Cloud SQL editions. Enterprise Plus runs only on the `db-perf-optimized-N-*` tiers. */
export const CLOUD_SQL_EDITIONS = ['ENTERPRISE', 'ENTERPRISE_PLUS'] as const;
export type CloudSqlEdition = (typeof CLOUD_SQL_EDITIONS)[number];
