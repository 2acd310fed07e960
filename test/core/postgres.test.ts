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

// The URL Terraform builds is parsed back, part by part, in test/render/encoders.test.ts; here, what is decided at synth.
describe('postgresUrl', () => {
  test('every user-controlled part goes through urlencode at apply time (a password token included)', () => {
    const out = expr((s) => postgresUrl(db({ password: new TerraformVariable(s, 'pw', { type: 'string' }).stringValue })));
    for (const part of ['"pgadmin"', 'var.pw', '"app"']) expect(out).toContain(`urlencode(${part})`);
  });

  test('the TLS mode is the sslmode', () => {
    expect(expr(() => postgresUrl(db({ tlsMode: 'verify-full' })))).toContain('"verify-full"');
  });

  test('IAM authentication through a proxy: no password part, sslmode=disable on loopback', () => {
    const out = expr(() => postgresUrl(db({ password: undefined, username: 'spacelift@my-project.iam', host: '127.0.0.1', tlsMode: 'proxy' })));
    expect(out).toContain('"disable"');
    expect(out).not.toContain('%s:%s@');
  });

  test('the postgresql scheme', () => {
    expect(expr(() => postgresUrl(db(), { scheme: 'postgresql' }))).toContain('postgresql://');
  });

  test('another database than the default one, also encoded', () => {
    const out = expr(() => postgresUrl(db(), { database: 'read only' }));
    expect(out).toContain('urlencode("read only")');
    expect(out).not.toContain('"app"');
  });
});

describe('urlComponent', () => {
  test('urlencodes, then writes "+" (a space) as %20', () => {
    // Its effect (a space comes back as a space, not "+") is checked through terraform in test/render/encoders.test.ts.
    expect(expr(() => urlComponent('a b+c'))).toContain('urlencode("a b+c")');
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
