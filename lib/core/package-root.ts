import * as fs from 'fs';
import * as path from 'path';

/**
 * The folder holding this library's package.json, found by walking up from `from`. Non-TypeScript files (the local
 * chart, the example config) are read relative to it, so the same path works from the sources and from `dist/`.
 */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
}
