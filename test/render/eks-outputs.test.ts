import { parse, parseAllDocuments } from 'yaml';
import { SpaceliftEksConfig } from '../../stacks/eks';
import { schemaErrors, secretErrors } from '../support/documents';
import { RenderResult, evalShell, expectedValue, renderOutputs } from '../support/render';
import { Synthesized, sharedSchema, terraformBinary } from '../support/synth';
import { describeWithSharedSchemas, describeWithTerraform } from '../support/requirements';
import { eksConfigWith, eksExample, eksPair } from '../stacks/eks/example';

/**
 * The EKS infra stack's `shell`, `kubernetes_secrets` and `helm_values` outputs, evaluated by the real terraform
 * binary with every resource and data-source attribute and secret input replaced by an awkward value: quotes, a
 * backslash, a newline, `#`, `:`, `$`, and template-looking `${x}` / `%{x}`. What comes out must be what went in.
 */
const AWKWARD = `a"b'c\\d\ne#f: g $h \${i} %{j}`;
// Host names cannot be percent-encoded inside a URL: the database host gets a DNS name, everything else the awkward value.
const isDbHost = (address: string) => /^aws_db_instance\.[^.]+\.address$/.test(address) || /^aws_rds_cluster\.[^.]+\.endpoint$/.test(address);
const sample = (address: string, i: number) => (isDbHost(address) ? `db-${i}.abcdefgh.eu-west-1.rds.amazonaws.com` : `${AWKWARD} <${i}:${address}>`);
const VARIABLES = {
  spacelift_license_token: `lic "token" 'x' \\ \n#: $LICENSE`,
  spacelift_admin_password: `p@ss:w/o"rd' \\ \n# $(whoami) \`id\` +%20 ?&=`,
  spacelift_encryption_rsa_private_key: `-----BEGIN "KEY"-----\n'\\'\n#: $\n-----END-----`,
};

const withTerraform = describeWithTerraform();

const VARIANTS: Record<string, SpaceliftEksConfig> = {
  'example (KMS encryption, RDS)': eksExample(),
  'generated RSA key, Aurora, VCS gateway, ingress-nginx, template-like literal': eksConfigWith((c) => {
    c.spacelift.encryptionKey = 'generate';
    c.spacelift.publicApi = 'https://app.spacelift.io/a${b}%{c}';
    c.spacelift.vcsGatewayDomain = 'vcs.example.com';
    c.kubernetes.ingress = { controller: 'ingress-nginx' };
    c.postgres = { aurora: true };
  }),
  'supplied RSA key, database TLS require': eksConfigWith((c) => {
    c.spacelift.encryptionKey = 'variable';
    c.postgres = { tlsMode: 'require' };
  }),
};

withTerraform.each(Object.entries(VARIANTS))('rendered EKS outputs (%s)', (_name, config) => {
  // Jest runs describe bodies even when the block is skipped: the terraform work happens in beforeAll.
  let json: Synthesized;
  let variables: Record<string, string>;
  let result: RenderResult;
  let locals: Record<string, any>;
  beforeAll(() => {
    json = eksPair(config).infraJson;
    variables = Object.fromEntries(Object.entries(VARIABLES).filter(([k]) => k in (json.variable ?? {})));
    result = renderOutputs(terraformBinary()!, { json, outputs: ['shell', 'kubernetes_secrets', 'helm_values'], variables, sample });
    locals = json.locals!;
  });
  const lookup = (ref: string): string | undefined => {
    const v = /^var\.([A-Za-z0-9_]+)$/.exec(ref);
    if (v) return variables[v[1]!];
    return result.samples[ref];
  };
  const sampleOf = (re: RegExp) => {
    const hits = Object.entries(result.samples).filter(([a]) => re.test(a));
    if (hits.length !== 1) throw new Error(`expected one sample for ${re}, found ${hits.length}`);
    return hits[0]![1];
  };
  const encryption = config.spacelift.encryptionKey ?? 'kms';
  const tlsMode = config.postgres?.tlsMode ?? 'verify-full';
  const verified = tlsMode !== 'require';
  const secretNames = ['spacelift-shared', 'spacelift-server', 'spacelift-drain', ...(verified ? ['spacelift-database-ca'] : [])];

  test('every referenced attribute got an awkward sample', () => {
    expect(Object.keys(result.samples).length).toBeGreaterThan(15);
    for (const [address, v] of Object.entries(result.samples)) if (!isDbHost(address)) expect(v).toContain(AWKWARD);
  });

  test('kubernetes_secrets parses to the Secrets (with the database CA bundle when verified), values exactly equal to the inputs', () => {
    const docs = parseAllDocuments(result.raw.kubernetes_secrets!);
    expect(docs.map((d) => d.errors)).toEqual(secretNames.map(() => []));
    const secrets = docs.map((d) => d.toJS());
    expect(secrets.map((s) => s.metadata.name)).toEqual(secretNames);
    if (verified) {
      // The bundle Terraform read from AWS's trust store, byte for byte (the sample has quotes, newlines, `$`, ...).
      expect(secrets[3].stringData).toEqual({ 'ca.pem': sampleOf(/^data\.http\.postgres_ca-bundle_[^.]+\.response_body$/) });
    }
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
    expect([...checkedOneByOne].sort()).toEqual(['DATABASE_READ_ONLY_URL', 'DATABASE_URL', ...(encryption === 'generate' ? ['ENCRYPTION_RSA_PRIVATE_KEY'] : [])].sort());
    expect(shared.LICENSE_TOKEN).toBe(VARIABLES.spacelift_license_token);
    expect(shared.SPACELIFT_PUBLIC_API).toBe(config.spacelift.publicApi ?? '');
    expect(secrets[1].stringData.ADMIN_PASSWORD).toBe(VARIABLES.spacelift_admin_password);
    if (encryption === 'kms') {
      expect(shared.ENCRYPTION_TYPE).toBe('kms');
      expect(shared.ENCRYPTION_KMS_ENCRYPTION_KEY_ID).toBe(sampleOf(/^aws_kms_key\.spacelift-encryption-key[^.]*\.arn$/));
      expect(shared.ENCRYPTION_KMS_SIGNING_KEY_ID).toBe(sampleOf(/^aws_kms_key\.spacelift-signing-key[^.]*\.arn$/));
    } else if (encryption === 'variable') {
      expect(shared.ENCRYPTION_RSA_PRIVATE_KEY).toBe(VARIABLES.spacelift_encryption_rsa_private_key);
    } else {
      expect(Buffer.from(shared.ENCRYPTION_RSA_PRIVATE_KEY, 'base64').toString('utf8')).toBe(sampleOf(/^tls_private_key\.[^.]+\.private_key_pem_pkcs8$/));
    }
    expect(shared.AWS_ACCOUNT_ID).toBe(sampleOf(/^data\.aws_caller_identity\.[^.]+\.account_id$/));
    expect(shared.OBJECT_STORAGE_BUCKET_UPLOADS_URL).toBe(`https://${sampleOf(/^aws_s3_bucket\.storage_bucket-uploads_[^.]+\.bucket$/)}.s3.eu-west-1.amazonaws.com`);
  });

  test('the database URL: encoded user and password, the RDS host verbatim, the TLS mode, the CA bundle path when verified', () => {
    const shared = parseAllDocuments(result.raw.kubernetes_secrets!)[0]!.toJS().stringData;
    const url = new URL(shared.DATABASE_URL);
    expect(url.protocol).toBe('postgres:');
    expect(decodeURIComponent(url.username)).toBe('spacelift');
    expect(decodeURIComponent(url.password)).toBe(sampleOf(/^random_password\..*\.result$/));
    expect(url.pathname).toBe('/spacelift');
    expect(url.searchParams.get('sslmode')).toBe(tlsMode);
    expect(url.searchParams.get('sslrootcert')).toBe(verified ? '/etc/spacelift/database-ca/ca.pem' : null);
    expect([...url.searchParams.keys()]).toEqual(verified ? ['sslmode', 'sslrootcert'] : ['sslmode']);
    const host = Object.entries(result.samples).find(([a]) => isDbHost(a))![1];
    expect(shared.DATABASE_URL).toContain(`@${host}:5432/`);
    expect(shared.DATABASE_READ_ONLY_URL).toBe(shared.DATABASE_URL);
  });

  test('helm_values parses to exactly the values document, and it satisfies the chart schema', () => {
    const values = parse(result.raw.helm_values!);
    const expected = JSON.parse(JSON.stringify(locals.spacelift_helm_values), (_k, v) => (typeof v === 'string' ? expectedValue(v, lookup) : v));
    expect(values).toEqual(expected);
    expect(values.server.serviceAccount.annotations['eks.amazonaws.com/role-arn']).toBe(sampleOf(/^aws_iam_role\.spacelift-server-identity_role_[^.]+\.arn$/));
    const registry = sampleOf(/^aws_ecr_repository\.registry_repository-spacelift-backend_[^.]+\.registry_id$/);
    expect(values.shared.image).toBe(`${registry}.dkr.ecr.eu-west-1.amazonaws.com/spacelift/spacelift-backend:v4.0.0`);
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
    const joined: Record<string, [RegExp, string]> = {
      INGRESS_IP_ADDRESSES: [/^aws_eip\.ingress-addresses_address-\d_[^.]+\.public_ip$/, ' '],
      INGRESS_EIP_ALLOCATIONS: [/^aws_eip\.ingress-addresses_address-\d_[^.]+\.allocation_id$/, ','],
    };
    for (const name of names) {
      if (name in joined) {
        const [re, sep] = joined[name]!;
        const parts = Object.entries(result.samples).filter(([a]) => re.test(a)).sort(([a], [b]) => a.localeCompare(b)).map(([, v]) => v);
        expect(parts).toHaveLength(3);
        expect({ name, value: got[name] }).toEqual({ name, value: parts.join(sep) });
        continue;
      }
      const expected = expectedValue(env[name]!, lookup);
      expect({ name, defined: expected !== undefined }).toEqual({ name, defined: true });
      expect({ name, value: got[name] }).toEqual({ name, value: expected });
    }
    expect(got.AWS_REGION).toBe('eu-west-1');
    expect(result.raw.shell!.split('\n').filter((l) => l.startsWith('export ')).length).toBe(names.length);
  });
});
