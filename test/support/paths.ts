import * as path from 'path';
import { packageRoot } from '../../lib/core/package-root';

/**
 * A path under the repository's test/ sources. Tests run as JavaScript compiled into dist-test/, where `__dirname`
 * is the compiled folder: files that are not TypeScript (fixtures, JSON pins, helper scripts) are read from the
 * sources.
 */
export function testSource(...parts: string[]): string {
  return path.join(packageRoot(), 'test', ...parts);
}
