import * as fs from 'fs';
import * as path from 'path';
import { packageRoot } from './package-root';

/** This library's package name, as a project installs and imports it. */
export const PACKAGE_NAME = 'cdktf-selfhosted-platforms';

/**
 * A part of the library was loaded whose peer dependencies are not installed in the project (for instance the AWS
 * constructs without `@cdktf/provider-aws`, which an Azure-only project leaves out). The message names the entry
 * point, the missing packages and the `npm install` command that adds them in the versions this library supports.
 */
export class MissingPeerDependencyError extends Error {
  /** The entry point that needs the packages, e.g. `cdktf-selfhosted-platforms/aws`. */
  public readonly entryPoint: string;
  /** The packages that are not installed. */
  public readonly packages: readonly string[];

  public constructor(entryPoint: string, packages: readonly string[], ranges: Readonly<Record<string, string>> = {}) {
    const specs = packages.map((p) => (ranges[p] === undefined ? p : `${p}@${ranges[p]}`));
    super(
      `${entryPoint} needs ${list(packages)}, which ${packages.length === 1 ? 'is' : 'are'} not installed in this project ` +
        `(optional peer dependenc${packages.length === 1 ? 'y' : 'ies'} of ${PACKAGE_NAME}, so that a project installs only the ` +
        `provider bindings of the clouds it uses). Install ${packages.length === 1 ? 'it' : 'them'}: npm install ${specs.join(' ')}`,
    );
    this.name = 'MissingPeerDependencyError';
    this.entryPoint = entryPoint;
    this.packages = packages;
  }
}

/** How {@link requirePeerDependencies} looks a package up; `require.resolve` unless a test says otherwise. */
export type PackageResolver = (request: string) => string;

/**
 * Throws a {@link MissingPeerDependencyError} naming every package of `packages` that cannot be resolved from this
 * library's location (which, installed, is inside the project's `node_modules`). Each cloud's folder calls it when it
 * is loaded, before the first file that imports the cloud's provider bindings, so a missing package is reported by
 * name and with its install command rather than as Node's "Cannot find module" for one of its files.
 */
export function requirePeerDependencies(entryPoint: string, packages: readonly string[], resolve: PackageResolver = require.resolve): void {
  const missing = packages.filter((p) => !isInstalled(p, resolve));
  if (missing.length > 0) throw new MissingPeerDependencyError(entryPoint, missing, peerRanges());
}

function isInstalled(pkg: string, resolve: PackageResolver): boolean {
  try {
    resolve(`${pkg}/package.json`);
    return true;
  } catch (err) {
    // Installed, but its `exports` map hides package.json.
    return (err as NodeJS.ErrnoException).code === 'ERR_PACKAGE_PATH_NOT_EXPORTED';
  }
}

/** The supported version ranges, from this library's own package.json (read only when something is missing). */
function peerRanges(): Record<string, string> {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { peerDependencies?: Record<string, string> };
    return manifest.peerDependencies ?? {};
  } catch {
    return {};
  }
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
