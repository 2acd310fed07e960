import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { parse, parseAllDocuments } from 'yaml';
import { DocumentObject, publishDocument } from '../../lib/core/document';
import { shellExports, yamlDocument, yamlStream } from '../../lib/core/encoders';
import { postgresUrl } from '../../lib/core/postgres';
import { evalShell, renderOutputs } from '../support/render';
import { describeWithTerraform } from '../support/requirements';
import { synth, terraformBinary, testApp } from '../support/synth';

/**
 * The encoders and the URL builder as Terraform evaluates them: what comes out of `terraform output -raw`, parsed by a
 * YAML parser, run by bash or read by a URL parser, must be exactly what went in, whatever the values hold. These
 * tests check behaviour, not the text of the expressions, so any expression that behaves the same passes.
 */
const AWKWARD = `q"uote 's'ingle \\back\\slash\nnew line # hash: colon $HOME \${x} %{y} \`id\` +plus %20 @at /slash ?&=`;

describeWithTerraform()('encoders through real terraform', () => {
  let raw: Record<string, string>;
  const docs: DocumentObject[] = [{ b: AWKWARD, list: [1, 'two', { three: true }] }, { a: { nested: AWKWARD } }];
  const env = { Z_LAST: AWKWARD, A_FIRST: "o'neil", EMPTY: '', SECRET: 'from a variable' };
  const variables = { pw: `p@ss:w/o"rd' \\ \n#?&=+ %`, user: 'user@project.iam', db: 'my db/x' };

  beforeAll(() => {
    const s = new TerraformStack(testApp(), 'encoders');
    const b = publishDocument(s, 'b', docs[0]!);
    const a = publishDocument(s, 'a', docs[1]!);
    const pw = new TerraformVariable(s, 'pw', { type: 'string', sensitive: true });
    const user = new TerraformVariable(s, 'user', { type: 'string' });
    const db = new TerraformVariable(s, 'db', { type: 'string' });
    new TerraformOutput(s, 'stream', { value: yamlStream([b, a]) });
    new TerraformOutput(s, 'empty_stream', { value: yamlStream([]) });
    new TerraformOutput(s, 'document', { value: yamlDocument(a) });
    new TerraformOutput(s, 'shell', { value: shellExports(s, 'env', { ...env, SECRET: pw.stringValue }), sensitive: true });
    new TerraformOutput(s, 'empty_shell', { value: shellExports(s, 'none', {}) });
    const base = { host: 'db.internal', port: 5432, database: db.stringValue, tlsMode: 'verify-full' as const, majorVersion: 16 };
    new TerraformOutput(s, 'url', { value: postgresUrl({ ...base, username: user.stringValue, password: pw.stringValue }, { sslRootCert: '/etc/app/ca.pem' }), sensitive: true });
    new TerraformOutput(s, 'iam_url', { value: postgresUrl({ ...base, username: user.stringValue, tlsMode: 'proxy', host: '127.0.0.1' }) });
    const outputs = ['stream', 'empty_stream', 'document', 'shell', 'empty_shell', 'url', 'iam_url'];
    raw = renderOutputs(terraformBinary()!, { json: synth(s), outputs, variables, sample: () => 'unused' }).raw;
  });

  test('yamlStream: the documents, in order, each exactly as published', () => {
    expect(parseAllDocuments(raw.stream!).map((d) => d.toJS())).toEqual(docs);
    expect(raw.empty_stream).toBe('');
  });

  test('yamlDocument: one document, exactly as published', () => {
    expect(parse(raw.document!)).toEqual(docs[1]);
  });

  test('shellExports: eval sets every variable to exactly its value, one export line each, in the given order', () => {
    const expected = { ...env, SECRET: variables.pw };
    expect(evalShell(raw.shell!, Object.keys(expected))).toEqual(expected);
    expect(raw.shell!.split('\n').filter((l) => l.startsWith('export ')).map((l) => l.slice(7, l.indexOf('=')))).toEqual(Object.keys(expected));
    expect(raw.empty_shell).toBe('');
  });

  test('postgresUrl: a URL parser gets back every part exactly; the CA file and TLS mode are query parameters', () => {
    const url = new URL(raw.url!);
    expect(url.protocol).toBe('postgres:');
    expect(decodeURIComponent(url.username)).toBe(variables.user);
    expect(decodeURIComponent(url.password)).toBe(variables.pw);
    expect(url.hostname).toBe('db.internal');
    expect(url.port).toBe('5432');
    expect(decodeURIComponent(url.pathname.slice(1))).toBe(variables.db);
    expect(url.searchParams.get('sslmode')).toBe('verify-full');
    expect(url.searchParams.get('sslrootcert')).toBe('/etc/app/ca.pem');
  });

  test('postgresUrl with IAM authentication through a proxy: no password part, plain TLS only on loopback', () => {
    const url = new URL(raw.iam_url!);
    expect(decodeURIComponent(url.username)).toBe(variables.user);
    expect(url.password).toBe('');
    expect(url.host).toBe('127.0.0.1:5432');
    expect(url.searchParams.get('sslmode')).toBe('disable');
  });
});
