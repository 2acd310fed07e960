import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { packageRoot } from '../../lib/core/package-root';

/**
 * The command the guides give for bringing your own Spacelift encryption key is run as written: it must print base64
 * of a 4096-bit RSA key in PKCS#8 PEM form (`BEGIN PRIVATE KEY`), the form Spacelift documents and the generated key
 * uses (`private_key_pem_pkcs8`).
 */
const root = packageRoot();
const guides = ['docs/aks.md', 'docs/gke.md', 'docs/eks.md'];
const commands = [
  ...new Set(
    guides.flatMap((f) => [...fs.readFileSync(path.join(root, f), 'utf8').matchAll(/`(openssl [^`]+)`/g)].map((m) => m[1]!)),
  ),
];
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
const CI = process.env.CI === 'true';
if (!hasOpenssl && !CI) console.warn('skipping the key command test: no openssl on the PATH');

test('the guides give exactly one key command', () => {
  expect(commands).toHaveLength(1);
});

(hasOpenssl || CI ? test : test.skip)('the documented key command prints base64 of a 4096-bit RSA key in PKCS#8 PEM', () => {
  const run = spawnSync('bash', ['-o', 'pipefail', '-c', commands[0]!], { encoding: 'utf8' });
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^[A-Za-z0-9+/=]+$/);
  const pem = Buffer.from(run.stdout, 'base64').toString('utf8');
  expect(pem.startsWith('-----BEGIN PRIVATE KEY-----\n')).toBe(true);
  const info = spawnSync('openssl', ['pkey', '-noout', '-text'], { input: pem, encoding: 'utf8' });
  expect(info.status).toBe(0);
  expect(info.stdout).toMatch(/Private-Key: \(4096 bit, 2 primes\)/);
});
