import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { PostgresDatabase, postgresUrl, urlComponent } from '../../lib/core/postgres';
import { synth, testApp } from '../support/synth';

function db(over: Partial<PostgresDatabase> = {}): PostgresDatabase {
  return { host: 'db.internal', port: 5432, database: 'app', username: 'pgadmin', password: 'pw', tlsMode: 'require', majorVersion: 16, ...over };
}

/** Synthesizes `build(stack)` as an output and returns its expression. */
function expr(build: (s: TerraformStack) => string): string {
  const s = new TerraformStack(testApp(), 'test');
  new TerraformOutput(s, 'out', { value: build(s) });
  return synth(s).output!.out.value;
}

const enc = (x: string) => `replace(urlencode(${x}), "+", "%20")`;

describe('postgresUrl', () => {
  test('formats postgres://user:password@host:port/database?sslmode=... with user, password and database percent-encoded', () => {
    expect(expr(() => postgresUrl(db()))).toBe(
      `\${format("postgres://%s:%s@%s:%s/%s?sslmode=%s", ${enc('"pgadmin"')}, ${enc('"pw"')}, "db.internal", 5432, ${enc('"app"')}, "require")}`,
    );
  });

  test('a password token is encoded at apply time', () => {
    const out = expr((s) => postgresUrl(db({ password: new TerraformVariable(s, 'pw', { type: 'string' }).stringValue })));
    expect(out).toContain(`, ${enc('var.pw')}, "db.internal"`);
  });

  test('the TLS mode goes in sslmode', () => {
    expect(expr(() => postgresUrl(db({ tlsMode: 'verify-full' })))).toMatch(/, "verify-full"\)\}$/);
  });

  test('IAM authentication through a proxy sidecar: no password part, the IAM user encoded, sslmode=disable on loopback', () => {
    const out = expr(() => postgresUrl(db({ password: undefined, username: 'spacelift@my-project.iam', host: '127.0.0.1', tlsMode: 'proxy' })));
    expect(out).toBe(
      `\${format("postgres://%s@%s:%s/%s?sslmode=%s", ${enc('"spacelift@my-project.iam"')}, "127.0.0.1", 5432, ${enc('"app"')}, "disable")}`,
    );
  });

  test('the postgresql scheme', () => {
    expect(expr(() => postgresUrl(db(), { scheme: 'postgresql' }))).toMatch(/^\$\{format\("postgresql:\/\/%s:%s@%s:%s\/%s\?sslmode=%s", /);
  });

  test('another database than the default one, also encoded', () => {
    const out = expr(() => postgresUrl(db(), { database: 'read only' }));
    expect(out).toContain(`5432, ${enc('"read only"')}, "require"`);
    expect(out).not.toContain('"app"');
  });
});

describe('urlComponent', () => {
  test('urlencodes, then writes "+" (a space) as %20', () => {
    expect(expr(() => urlComponent('a b+c'))).toBe(`\${${enc('"a b+c"')}}`);
  });
});

describe('postgresUrl: sslrootcert', () => {
  test('a CA file path is appended as sslrootcert', () => {
    expect(expr(() => postgresUrl(db({ tlsMode: 'verify-full' }), { sslRootCert: '/etc/app/ca.pem' }))).toMatch(/\?sslmode=%s&sslrootcert=\/etc\/app\/ca\.pem", /);
  });

  test('a path that would need escaping (a "%" is a format verb to Terraform) is refused', () => {
    expect(() => postgresUrl(db(), { sslRootCert: '/etc/app/%s.pem' })).toThrow(/sslRootCert must be an absolute path/);
    expect(() => postgresUrl(db(), { sslRootCert: 'relative.pem' })).toThrow(/sslRootCert must be an absolute path/);
  });
});
