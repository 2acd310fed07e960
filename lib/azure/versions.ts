/**
 * Versions Azure serves, as of this library release. Bump these tables when Azure's support windows move; a value
 * outside them fails at synth with the allowed list.
 */

/**
 * Kubernetes minor versions AKS serves in standard (community) support, checked on 2026-11-30 against:
 * - the AKS Kubernetes release calendar, https://learn.microsoft.com/azure/aks/supported-kubernetes-versions
 *   (MicrosoftDocs/azure-aks-docs articles/aks/supported-kubernetes-versions.md, ms.date 08/05/2026): 1.33 ended
 *   Jul 2026, 1.34 ends Nov 2026 (the last day of the month, i.e. the day of this check), 1.35 runs to Mar 2027,
 *   1.36 to Jun 2027; 1.37 is planned for GA in Oct 2026;
 * - the AKS release notes, https://github.com/Azure/AKS/releases (CHANGELOG.md, newest 2026-07-17): 1.35 GA
 *   (2026-03-05), 1.36 GA (2026-06-19), 1.33 "only under long-term support" and 1.37 "expected to be available in
 *   October 2026". No GA announcement of 1.37 was found, so it is not offered yet: add it when AKS announces GA.
 * 1.34 is left out: it leaves standard support the day this list was checked, after which AKS creates it only under
 * long-term support (Premium tier plus `support_plan = "AKSLongTermSupport"`, which this library does not set).
 * Non-LTS clusters upgrade one minor at a time (1.34 -> 1.35 -> 1.36).
 */
export const AKS_KUBERNETES_MINORS: readonly string[] = ['1.35', '1.36'];

/** Default Kubernetes minor for new clusters: the oldest offered minor, one step from the previous default (1.34). */
export const AKS_DEFAULT_KUBERNETES_VERSION = '1.35';

/** PostgreSQL major versions Azure Database for PostgreSQL flexible server offers for new servers. */
export const AZURE_POSTGRES_MAJORS: readonly number[] = [14, 15, 16, 17];

/** Valid `storage_mb` sizes of a flexible server. */
export const AZURE_POSTGRES_STORAGE_MB: readonly number[] = [
  32768, 65536, 131072, 262144, 524288, 1048576, 2097152, 4193280, 4194304, 8388608, 16777216, 33553408,
];
