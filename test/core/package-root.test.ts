import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageRoot } from '../../lib/core/package-root';

// The repository: the nearest folder above this test (sources or compiled dist-test/) that holds the package.json.
const repoRoot = path.resolve(__dirname.replace(/[\\/]dist-test(?=[\\/])/, ''), '..', '..');

describe('packageRoot', () => {
  test('from the library sources it is the folder of this package.json', () => {
    const root = packageRoot();
    expect(root).toBe(repoRoot);
    expect(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).name).toBe('cdktf-selfhosted-platforms');
  });

  test('walks up from a nested folder', () => {
    expect(packageRoot(path.join(repoRoot, 'lib', 'kubernetes', 'charts', 'cluster-issuers', 'templates'))).toBe(repoRoot);
  });

  test('stops at the nearest package.json', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pkgroot-'));
    try {
      fs.writeFileSync(path.join(tmp, 'package.json'), '{}');
      const nested = path.join(tmp, 'a', 'b', 'c');
      fs.mkdirSync(nested, { recursive: true });
      expect(packageRoot(nested)).toBe(tmp);
      expect(packageRoot(tmp)).toBe(tmp);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('throws when there is none up to the file-system root', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pkgroot-'));
    try {
      let dir = tmp;
      let ancestorHasOne = false;
      for (;;) {
        if (fs.existsSync(path.join(dir, 'package.json'))) ancestorHasOne = true;
        if (path.dirname(dir) === dir) break;
        dir = path.dirname(dir);
      }
      if (ancestorHasOne) return; // a package.json above the temp folder: nothing to prove here
      expect(() => packageRoot(tmp)).toThrow(`no package.json above ${tmp}`);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
