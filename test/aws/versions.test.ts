import * as fs from 'fs';
import * as path from 'path';
import { packageRoot } from '../../lib/core/package-root';
import {
  EKS_DEFAULT_KUBERNETES_VERSION,
  EKS_KUBERNETES_MINORS,
  EKS_KUBERNETES_RELEASES,
  EKS_VERSIONS_CHECKED,
  EKS_VERSIONS_SOURCE,
  eksKubernetesRange,
} from '../../lib/aws/versions';
import { eksExample } from '../stacks/eks/example';

const read = (file: string) => fs.readFileSync(path.join(packageRoot(), file), 'utf8');
const day = (d: string) => new Date(`${d}T00:00:00Z`).getTime();
const DAY_MS = 24 * 3600 * 1000;

describe('EKS Kubernetes versions (lib/aws/versions.ts)', () => {
  test('every offered minor was released by EKS on the check date, and its extended support had not ended', () => {
    expect(EKS_VERSIONS_CHECKED).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(EKS_VERSIONS_SOURCE).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/eks\/.*kubernetes-release-calendar$/);
    for (const r of EKS_KUBERNETES_RELEASES) {
      expect({ minor: r.minor, released: day(r.eksRelease) <= day(EKS_VERSIONS_CHECKED) }).toEqual({ minor: r.minor, released: true });
      expect({ minor: r.minor, served: day(r.endOfExtendedSupport) > day(EKS_VERSIONS_CHECKED) }).toEqual({ minor: r.minor, served: true });
      // The calendar's rule: 14 months of standard support, then 12 of extended support.
      expect(day(r.endOfStandardSupport)).toBeGreaterThan(day(r.eksRelease));
      expect(new Date(r.endOfExtendedSupport).getUTCFullYear() - new Date(r.endOfStandardSupport).getUTCFullYear()).toBe(1);
    }
  });

  test('the list is consecutive minors, oldest first, and leaves out 1.31 (extended support ended 2026-11-26)', () => {
    const minors = EKS_KUBERNETES_MINORS.map((m) => Number(m.split('.')[1]));
    minors.forEach((m, i) => i > 0 && expect(m).toBe(minors[i - 1]! + 1));
    expect(EKS_KUBERNETES_MINORS).not.toContain('1.31');
    expect(eksKubernetesRange()).toBe(`${EKS_KUBERNETES_MINORS[0]}-${EKS_KUBERNETES_MINORS[EKS_KUBERNETES_MINORS.length - 1]}`);
  });

  test('the default is offered and stays in standard support for at least six months after the check date', () => {
    const def = EKS_KUBERNETES_RELEASES.find((r) => r.minor === EKS_DEFAULT_KUBERNETES_VERSION);
    expect(def).toBeDefined();
    expect((day(def!.endOfStandardSupport) - day(EKS_VERSIONS_CHECKED)) / DAY_MS).toBeGreaterThanOrEqual(182);
  });

  test('docs and the example follow the list', () => {
    const range = eksKubernetesRange();
    const eks = read('docs/eks.md');
    expect(eks).toContain(`| \`cluster.kubernetesVersion\` | \`${EKS_DEFAULT_KUBERNETES_VERSION}\` | \`1.MINOR\`, one EKS offers (${range}`);
    expect(read('docs/upgrading.md')).toContain(`| EKS Kubernetes minors accepted | ${range.replace('-', ' - ')}, default ${EKS_DEFAULT_KUBERNETES_VERSION} |`);
    expect(eksExample().cluster.kubernetesVersion).toBe(EKS_DEFAULT_KUBERNETES_VERSION);
    // The EKS guide names no Kubernetes minor the list does not offer, except where it says it is no longer offered.
    const stray = [...eks.matchAll(/\b1\.[23]\d\b/g)].filter((m) => !EKS_KUBERNETES_MINORS.includes(m[0]) && !eks.slice(m.index!, m.index! + 200).includes('no longer'));
    expect(stray.map((m) => eks.slice(m.index! - 40, m.index! + 40))).toEqual([]);
  });
});
