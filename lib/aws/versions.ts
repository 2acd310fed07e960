/**
 * Versions AWS supports, as of this library release. Bump these tables when AWS's support windows move; a value
 * outside them fails at synth with the allowed list.
 */

/** One Kubernetes minor on EKS, with its dates (UTC, `YYYY-MM-DD`) from the EKS Kubernetes release calendar. */
export interface EksKubernetesRelease {
  /** Kubernetes minor version, `1.<minor>`. */
  readonly minor: string;
  /** Day EKS made it available. */
  readonly eksRelease: string;
  /** Last day of standard support (extended support, at extra cost per cluster hour, starts on this day). */
  readonly endOfStandardSupport: string;
  /** Day extended support ends: EKS creates no new clusters on it any more and upgrades existing ones. */
  readonly endOfExtendedSupport: string;
}

/** The day the EKS table below was checked against the calendar. */
export const EKS_VERSIONS_CHECKED = '2026-11-30';

/**
 * Where the EKS dates come from: the "Amazon EKS Kubernetes release calendar" of the EKS user guide (1.32-1.35 with
 * exact dates). 1.36 is listed as available in the guide's "Review release notes for Kubernetes versions on standard
 * support" page; the copy of the calendar checked did not have its row yet, so its EKS release day (2026-06-02) is
 * from a third-party write-up of the release, and its support ends follow the calendar's fixed rule (14 months of
 * standard support, then 12 months of extended support). Re-check these rows against the calendar when bumping.
 */
export const EKS_VERSIONS_SOURCE = 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar';

/**
 * Every Kubernetes minor EKS had released by {@link EKS_VERSIONS_CHECKED} whose extended support had not ended yet,
 * oldest first. 1.31 is not here: its extended support ended on 2026-11-26, and EKS creates no new 1.31 clusters.
 */
export const EKS_KUBERNETES_RELEASES: readonly EksKubernetesRelease[] = [
  { minor: '1.32', eksRelease: '2025-01-23', endOfStandardSupport: '2026-03-23', endOfExtendedSupport: '2027-03-23' },
  { minor: '1.33', eksRelease: '2025-05-29', endOfStandardSupport: '2026-07-29', endOfExtendedSupport: '2027-07-29' },
  { minor: '1.34', eksRelease: '2025-10-02', endOfStandardSupport: '2026-12-02', endOfExtendedSupport: '2027-12-02' },
  { minor: '1.35', eksRelease: '2026-01-27', endOfStandardSupport: '2027-03-27', endOfExtendedSupport: '2028-03-27' },
  { minor: '1.36', eksRelease: '2026-06-02', endOfStandardSupport: '2027-08-02', endOfExtendedSupport: '2028-08-02' },
];

/** Kubernetes minor versions EKS offers for new clusters (standard and extended support), oldest first. */
export const EKS_KUBERNETES_MINORS: readonly string[] = EKS_KUBERNETES_RELEASES.map((r) => r.minor);

/**
 * Default Kubernetes minor for new clusters: the newest EKS offers, the one in standard support longest (AWS
 * recommends creating clusters on the latest version).
 */
export const EKS_DEFAULT_KUBERNETES_VERSION = '1.36';

/** The offered minors as docs and errors write them: `1.32-1.36`. */
export function eksKubernetesRange(): string {
  return `${EKS_KUBERNETES_MINORS[0]}-${EKS_KUBERNETES_MINORS[EKS_KUBERNETES_MINORS.length - 1]}`;
}

/** PostgreSQL major versions RDS for PostgreSQL offers for new instances. */
export const RDS_POSTGRES_MAJORS: readonly number[] = [14, 15, 16, 17];

/** PostgreSQL major versions Aurora PostgreSQL offers for new clusters. */
export const AURORA_POSTGRES_MAJORS: readonly number[] = [14, 15, 16, 17];

/** The EKS managed add-ons every cluster gets, by add-on name. */
export const EKS_CORE_ADDONS = ['vpc-cni', 'kube-proxy', 'coredns'] as const;
/** An EKS add-on every cluster of this library runs. */
export type EksCoreAddon = (typeof EKS_CORE_ADDONS)[number];
