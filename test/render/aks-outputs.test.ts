import { parse, parseAllDocuments } from 'yaml';
import { spaceliftAks } from '../../stacks/aks';
import { SpaceliftAksConfig } from '../../stacks/aks/spacelift-config';
import { schemaErrors, secretErrors } from '../support/documents';
import { RenderResult, evalShell, expectedValue, renderOutputs } from '../support/render';
import { Synthesized, configWith, exampleConfig, sharedSchema, synthApp, testApp, terraformBinary } from '../support/synth';
import { describeWithSharedSchemas, describeWithTerraform } from '../support/requirements';

/**
 * The infra stack's `shell`, `kubernetes_secrets` and `helm_values` outputs, evaluated by the real terraform binary
 * with every resource attribute and secret input replaced by an awkward value: quotes, a backslash, a newline, `#`,
 * `:`, `$`, and template-looking `${x}` / `%{x}`. What comes out must be exactly what went in.
 */
const AWKWARD = `a"b'c\\d\ne#f: g $h \${i} %{j}`;
// Host names cannot be percent-encoded inside a URL: the database host gets the DNS name Azure gives a flexible server
// (and its certificate carries), and the blob endpoint the URL azurerm returns, trailing slash included. Everything
// else gets the awkward value.
const BLOB_ENDPOINT = /^azurerm_storage_account\.[^.]+\.primary_blob_endpoint$/;
const REALISTIC = (address: string) => address.endsWith('.fqdn') || BLOB_ENDPOINT.test(address);
const sample = (address: string, i: number) => {
  if (address.endsWith('.fqdn')) return `spacelift-pg-x${i}.postgres.database.azure.com`;
  if (BLOB_ENDPOINT.test(address)) return `https://spaceliftx${i}.blob.core.windows.net/`;
  return `${AWKWARD} <${i}:${address}>`;
};
const VARIABLES = {
  spacelift_license_token: `lic "token" 'x' \\ \n#: $LICENSE`,
  spacelift_admin_password: `p@ss:w/o"rd' \\ \n# $(whoami) \`id\` +%20 ?&=`,
  spacelift_encryption_rsa_private_key: `-----BEGIN "KEY"-----\n'\\'\n#: $\n-----END-----`,
};

const withTerraform = describeWithTerraform();

const VARIANTS: Record<string, SpaceliftAksConfig> = {
  example: exampleConfig(),
  'supplied key, VCS gateway, ingress-nginx, template-like literal': configWith((c) => {
    c.spacelift.encryptionKey = 'variable';
    // A literal that looks like Terraform template syntax must come out as written.
    c.spacelift.publicApi = 'https://app.spacelift.io/a${b}%{c}';
    c.spacelift.vcsGatewayDomain = 'vcs.example.com';
    c.kubernetes.ingress = { controller: 'ingress-nginx' };
  }),
};

withTerraform.each(Object.entries(VARIANTS))('rendered outputs (%s)', (_name, config) => {
  // Jest runs describe bodies even when the block is skipped: the terraform work happens in beforeAll.
  let json: Synthesized;
  let variables: Record<string, string>;
  let result: RenderResult;
  let locals: Record<string, any>;
  beforeAll(() => {
    const app = testApp();
    const { infra } = spaceliftAks(app, config);
    json = synthApp(app)[infra.node.id]!;
    variables = Object.fromEntries(Object.entries(VARIABLES).filter(([k]) => k in (json.variable ?? {})));
    result = renderOutputs(terraformBinary()!, { json, outputs: ['shell', 'kubernetes_secrets', 'helm_values'], variables, sample });
    locals = json.locals!;
  });
  const lookup = (ref: string): string | undefined => {
    const v = /^var\.([A-Za-z0-9_]+)$/.exec(ref);
    if (v) return variables[v[1]!];
    return result.samples[ref];
  };

  test('every referenced attribute got an awkward sample', () => {
    expect(Object.keys(result.samples).length).toBeGreaterThan(10);
    for (const [address, v] of Object.entries(result.samples)) if (!REALISTIC(address)) expect(v).toContain(AWKWARD);
  });

  test('kubernetes_secrets parses to the three Secrets, values exactly equal to the inputs', () => {
    const docs = parseAllDocuments(result.raw.kubernetes_secrets!);
    expect(docs.map((d) => d.errors)).toEqual([[], [], []]);
    const secrets = docs.map((d) => d.toJS());
    expect(secrets.map((s) => s.metadata.name)).toEqual(['spacelift-shared', 'spacelift-server', 'spacelift-drain']);
    const checkedOneByOne = new Set<string>();
    for (const secret of secrets) {
      expect(secretErrors(secret)).toEqual([]);
      const data = locals[`${secret.metadata.name.replace(/-/g, '_')}_data`] as Record<string, string>;
      expect(Object.keys(secret.stringData).sort()).toEqual(Object.keys(data).sort());
      for (const [key, expr] of Object.entries(data)) {
        const expected = expectedValue(expr, lookup);
        if (expected === undefined) checkedOneByOne.add(key);
        else expect({ key, value: secret.stringData[key] }).toEqual({ key, value: expected });
      }
    }
    const shared = secrets[0].stringData;
    // Values computed by Terraform functions, checked by meaning.
    expect([...checkedOneByOne].sort()).toEqual(
      [
        'DATABASE_READ_ONLY_URL',
        'DATABASE_URL',
        'OBJECT_STORAGE_AZURE_ACCOUNT_URL',
        'OBJECT_STORAGE_BUCKET_UPLOADS_URL',
        ...(config.spacelift.encryptionKey === 'variable' ? [] : ['ENCRYPTION_RSA_PRIVATE_KEY']),
      ].sort(),
    );
    expect(shared.LICENSE_TOKEN).toBe(VARIABLES.spacelift_license_token);
    expect(shared.SPACELIFT_PUBLIC_API).toBe(config.spacelift.publicApi ?? '');
    expect(secrets[1].stringData.ADMIN_PASSWORD).toBe(VARIABLES.spacelift_admin_password);
    if (config.spacelift.encryptionKey === 'variable') {
      expect(shared.ENCRYPTION_RSA_PRIVATE_KEY).toBe(VARIABLES.spacelift_encryption_rsa_private_key);
    } else {
      const pem = Object.entries(result.samples).find(([a]) => /^tls_private_key\.[^.]+\.private_key_pem_pkcs8$/.test(a))![1];
      expect(Buffer.from(shared.ENCRYPTION_RSA_PRIVATE_KEY, 'base64').toString('utf8')).toBe(pem);
    }
    const url = new URL(shared.DATABASE_URL);
    const sampleOf = (re: RegExp) => Object.entries(result.samples).find(([a]) => re.test(a))![1];
    expect(url.protocol).toBe('postgres:');
    expect(decodeURIComponent(url.username)).toBe('pgadmin');
    expect(decodeURIComponent(url.password)).toBe(sampleOf(/^random_password\..*\.result$/));
    expect(decodeURIComponent(url.pathname.slice(1))).toBe(sampleOf(/^azurerm_postgresql_flexible_server_database\..*\.name$/));
    // The server is verified against the system trust store (Azure's CA is public): no CA file in the URL.
    expect(url.searchParams.get('sslmode')).toBe('verify-full');
    expect(url.searchParams.has('sslrootcert')).toBe(false);
    expect(shared.DATABASE_READ_ONLY_URL).toBe(shared.DATABASE_URL);
  });

  test('the storage account URL has no trailing slash, in the Secret and in the shell output', () => {
    const endpoint = Object.entries(result.samples).find(([a]) => BLOB_ENDPOINT.test(a))![1];
    expect(endpoint.endsWith('/')).toBe(true);
    const accountUrl = endpoint.slice(0, -1);
    const shared = parseAllDocuments(result.raw.kubernetes_secrets!)[0]!.toJS().stringData;
    expect(shared.OBJECT_STORAGE_AZURE_ACCOUNT_URL).toBe(accountUrl);
    expect(shared.OBJECT_STORAGE_BUCKET_UPLOADS_URL).toBe(accountUrl);
    expect(evalShell(result.raw.shell!, ['STORAGE_ACCOUNT_URL']).STORAGE_ACCOUNT_URL).toBe(accountUrl);
  });

  test('the database URL carries the server host and port verbatim', () => {
    const shared = parseAllDocuments(result.raw.kubernetes_secrets!)[0]!.toJS().stringData;
    const fqdn = Object.entries(result.samples).find(([a]) => /^azurerm_postgresql_flexible_server\..*\.fqdn$/.test(a))![1];
    // Terraform's format() places the host verbatim between "@" and ":5432/".
    expect(shared.DATABASE_URL).toContain(`@${fqdn}:5432/`);
  });

  test('helm_values parses to exactly the values document', () => {
    const values = parse(result.raw.helm_values!);
    const expected = JSON.parse(JSON.stringify(locals.spacelift_helm_values), (_k, v) => (typeof v === 'string' ? expectedValue(v, lookup) : v));
    expect(values).toEqual(expected);
    expect(values.shared.image).toBe(`${lookup(Object.keys(result.samples).find((a) => a.endsWith('.login_server'))!)}/spacelift-backend:v4.0.0`);
  });

  describeWithSharedSchemas()('after the round trip through terraform', () => {
    test('helm_values satisfies the chart schema', () => {
      expect(schemaErrors(sharedSchema('spacelift-values.schema.json'), parse(result.raw.helm_values!))).toEqual([]);
    });
  });

  test('eval of shell sets every variable to exactly its value', () => {
    const env = locals.shell_env as Record<string, string>;
    const names = Object.keys(env);
    const got = evalShell(result.raw.shell!, names);
    for (const name of names) {
      // Computed by trimsuffix(): checked on its own above.
      if (name === 'STORAGE_ACCOUNT_URL') continue;
      const expected = expectedValue(env[name]!, lookup);
      expect(expected).toBeDefined();
      expect({ name, value: got[name] }).toEqual({ name, value: expected });
    }
    expect(got.PUBLIC_IP_ADDRESS).toContain(AWKWARD);
    expect(result.raw.shell!.split('\n').filter((l) => l.startsWith('export ')).length).toBe(names.length);
  });
});
