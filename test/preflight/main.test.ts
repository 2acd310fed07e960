import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../preflight/main';
import { CONFIGS } from './support';

/** The command line: which config preflight reads, and how it refuses to run. */

function emptyDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-main-'));
}

test('no --config, no $PLATFORM_CONFIG and no ./platform.config.yaml: refuses (exit 2) and says why the examples are not checked', async () => {
  const r = await main([], {}, emptyDir());
  expect(r.exitCode).toBe(2);
  expect(r.lines).toEqual([expect.stringMatching(/^preflight: no config found\. .*set \$PLATFORM_CONFIG, create \.\/platform\.config\.yaml or pass --config <file> \(the embedded examples hold placeholder values/)]);
});

test('--help prints the usage; an unknown option is refused with it (exit 2)', async () => {
  expect(await main(['--help'], {}, emptyDir())).toEqual({ lines: [expect.stringContaining('usage: npm run preflight [-- --config <file>]')], exitCode: 0 });
  const r = await main(['--cloud', 'azure'], {}, emptyDir());
  expect(r.exitCode).toBe(2);
  expect(r.lines[0]).toMatch(/^preflight: Unknown option '--cloud'/);
});

test('a config that does not synthesize is one FAIL line naming the field (exit 1), before any cloud call', async () => {
  const dir = emptyDir();
  const file = path.join(dir, 'platform.config.yaml');
  fs.writeFileSync(file, fs.readFileSync(path.join(CONFIGS, 'aks.yaml'), 'utf8').replace('maxCount: 6', 'maxCount: 1'));
  const r = await main([], {}, dir);
  expect(r.exitCode).toBe(1);
  expect(r.lines).toHaveLength(1);
  expect(r.lines[0]!.startsWith('FAIL config: spacelift-aks-infra/cluster: invalid systemPool.maxCount 1; allowed: ')).toBe(true);
  expect(r.lines[0]!.endsWith(` — fix: correct it in ${file} (nothing was checked against the cloud)`)).toBe(true);
  const missing = await main(['--config', 'nope.yaml'], {}, dir);
  expect(missing.lines[0]).toMatch(/^FAIL config: config .*nope\.yaml: invalid PLATFORM_CONFIG .*; allowed: the path of an existing YAML or JSON config file — fix: correct it in /);
});
