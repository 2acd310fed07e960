import * as fs from 'fs';
import * as path from 'path';
import { AKS_DEFAULT_KUBERNETES_VERSION, AKS_KUBERNETES_MINORS } from '../../../lib/azure/versions';
import { packageRoot } from '../../../lib/core/package-root';
import { exampleConfig } from '../../support/synth';

/**
 * The Kubernetes minors offered live in one place, lib/azure/versions.ts; the example and every document that lists
 * them must say the same.
 */
const read = (file: string) => fs.readFileSync(path.join(packageRoot(), file), 'utf8');
const list = AKS_KUBERNETES_MINORS.join(', ');

describe('AKS Kubernetes versions: one list, repeated faithfully', () => {
  test('the embedded example pins a minor the list offers', () => {
    expect(AKS_KUBERNETES_MINORS).toContain(exampleConfig().cluster.kubernetesVersion);
  });

  test('docs/aks.md: the config reference row gives the default and the list', () => {
    const row = read('docs/aks.md').split('\n').find((l) => l.startsWith('| `cluster.kubernetesVersion` |'))!;
    expect(row).toContain(`| \`${AKS_DEFAULT_KUBERNETES_VERSION}\` |`);
    // Every Kubernetes minor the row names is an offered one, and every offered one is named.
    expect([...new Set(row.match(/\b1\.\d+\b/g))].sort()).toEqual([...AKS_KUBERNETES_MINORS].sort());
  });

  test('docs/aks.md upgrades section and docs/upgrading.md name the same minors', () => {
    const minors = AKS_KUBERNETES_MINORS.join(' and ');
    expect(read('docs/aks.md')).toContain(`standard support, ${minors} (checked on`);
    const row = read('docs/upgrading.md').split('\n').find((l) => l.startsWith('| AKS Kubernetes minors accepted |'))!;
    expect(row).toContain(`| ${list} (standard support on 2026-11-30), default ${AKS_DEFAULT_KUBERNETES_VERSION} |`);
  });

  test('the README shows the error message the list produces', () => {
    expect(read('README.md')).toContain(`allowed: a Kubernetes version AKS supports: ${list} (with or without a patch number)`);
  });
});
