/**
 * Versions Google Cloud offers, as of this library release. Bump these tables when Google's support windows move; a
 * value outside them fails at synth with the allowed list.
 */

/**
 * The day the GKE tables below were checked against Google's published schedule. Source: the GKE release schedule
 * (https://cloud.google.com/kubernetes-engine/docs/release-schedule) and the "Current versions" table of the GKE
 * release notes (https://cloud.google.com/kubernetes-engine/docs/release-notes). The newest table found listed Rapid
 * 1.34-1.37, Regular 1.34-1.36, Stable 1.34-1.35 and Extended 1.31-1.36; by this date 1.34 has passed its end of
 * standard support (2026-08-30) and maintenance (2026-10-01) and left the standard channels, and 1.31 has passed the
 * 24 months of extended support after its Regular release (2024-10-25).
 */
export const GKE_VERSIONS_CHECKED_ON = '2026-11-30';

/** Kubernetes minors the Rapid, Regular and Stable channels serve (1.37 reaches Rapid first, then Regular and Stable). */
export const GKE_STANDARD_CHANNEL_MINORS: readonly string[] = ['1.35', '1.36', '1.37'];

/** Kubernetes minors the Extended channel serves (up to 24 months after a minor's Regular release). */
export const GKE_EXTENDED_CHANNEL_MINORS: readonly string[] = ['1.32', '1.33', '1.34', '1.35', '1.36'];

/** Every Kubernetes minor GKE serves on some release channel. */
export const GKE_KUBERNETES_MINORS: readonly string[] = [...new Set([...GKE_EXTENDED_CHANNEL_MINORS, ...GKE_STANDARD_CHANNEL_MINORS])].sort(
  (a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]),
);

/** GKE release channels. A channel is always set: GKE then patches the control plane and nodes itself. */
export const GKE_RELEASE_CHANNELS = ['RAPID', 'REGULAR', 'STABLE', 'EXTENDED'] as const;
/** A GKE release channel. */
export type GkeReleaseChannel = (typeof GKE_RELEASE_CHANNELS)[number];

/** The Kubernetes minors a release channel serves. */
export function gkeChannelMinors(channel: GkeReleaseChannel): readonly string[] {
  return channel === 'EXTENDED' ? GKE_EXTENDED_CHANNEL_MINORS : GKE_STANDARD_CHANNEL_MINORS;
}

/** PostgreSQL major versions Cloud SQL offers for new instances. */
export const CLOUD_SQL_POSTGRES_MAJORS: readonly number[] = [13, 14, 15, 16, 17];

/** Cloud SQL editions. Enterprise Plus runs only on the `db-perf-optimized-N-*` tiers. */
export const CLOUD_SQL_EDITIONS = ['ENTERPRISE', 'ENTERPRISE_PLUS'] as const;
/** A Cloud SQL edition. */
export type CloudSqlEdition = (typeof CLOUD_SQL_EDITIONS)[number];
