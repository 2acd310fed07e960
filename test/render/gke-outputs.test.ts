import { parse, parseAllDocuments } from 'yaml';
import { spaceliftGke } from '../../stacks/gke';
import { SpaceliftGkeConfig } from '../../stacks/gke/spacelift-config';
import { schemaErrors, secretErrors } from '../support/documents';
import { RenderResult, evalShell, expectedValue, renderOutputs } from '../support/render';
import { Synthesized, sharedSchema, synthApp, testApp, terraformBinary } from '../support/synth';
import { describeWithSharedSchemas, describeWithTerraform } from '../support/requirements';
import { gkeConfigWith, gkeExampleConfig } from '../stacks/gke/fixtures';

/**
 * The GKE infra stack's `shell`, `kubernetes_secrets` and `helm_values` outputs, evaluated by the real terraform
 * binary with every resource attribute and secret input replaced by an awkward value: quotes, a backslash, a newline,
 * `#`, `:`, `$`, `@`, and template-looking `${x}` / `%{x}`. What comes out must be exactly what went in.
 */
const AWKWARD = `a"b'c\\d\ne#f: g $h \${i} %{j} k@l`;
// A host cannot be percent-encoded inside a URL: the database private IP gets an address, everything else the awkward value.
const sample = (address: string, i: number) => (address.endsWith('.private_ip_address') ? `10.60.0.${i}` : `${AWKWARD} <${i}:${address}>`);
const VARIABLES = {
  spacelift_license_token: `lic "token" 'x' \\ \n#: $LICENSE`,
  spacelift_admin_password: `p@ss:w/o"rd' \\ \n# $(whoami) \`id\` +%20 ?&=`,
  spacelift_encryption_rsa_private_key: `-----BEGIN "KEY"-----\n'\\'\n#: $\n-----END-----`,
};

const withTerraform = describeWithTerraform();

const VARIANTS: Record<string, SpaceliftGkeConfig> = {
  'example (password authentication)': gkeExampleConfig(),
  'IAM auth through the proxy, supplied key, VCS gateway, ingress-nginx, template-like literal': gkeConfigWith((c) => {
    c.postgres = { ...c.postgres, iamAuth: true };
    c.spacelift.encryptionKey = 'variable';
    c.spacelift.publicApi = 'https://app.spacelift.io/a${b}%{c}';
    c.spacelift.vcsGatewayDomain = 'vcs.example.com';
    c.kubernetes.ingress = { controller: 'ingress-nginx' };
  }),
};

withTerraform.each(Object.entries(VARIANTS))('rendered GKE outputs (%s)', (_name, config) => {
  let json: Synthesized;
  let variables: Record<string, string>;
  let result: RenderResult;
  let locals: Record<string, any>;
  const iam = config.postgres?.iamAuth === true;
  beforeAll(() => {
    const app = testApp();
    const { infra } = spaceliftGke(app, config);
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
  const sampleOf = (re: RegExp) => {
    const hit = Object.entries(result.samples).find(([a]) => re.test(a));
    if (!hit) throw new Error(`no sample for ${re}`);
    return hit[1];
  };

  test('every referenced attribute got an awkward sample', () => {
    expect(Object.keys(result.samples).length).toBeGreaterThan(10);
    for (const [address, v] of Object.entries(result.samples)) if (!address.endsWith('.private_ip_address')) expect(v).toContain(AWKWARD);
  });

  // With a password the server is verified against the instance's own CA, shipped in a fourth Secret.
  const names = iam ? ['spacelift-shared', 'spacelift-server', 'spacelift-drain'] : ['spacelift-shared', 'spacelift-server', 'spacelift-drain', 'spacelift-database-ca'];

  test(`kubernetes_secrets parses to the ${iam ? 'three' : 'four'} Secrets, values exactly equal to the inputs`, () => {
    const docs = parseAllDocuments(result.raw.kubernetes_secrets!);
    expect(docs.map((d) => d.errors)).toEqual(names.map(() => []));
    const secrets = docs.map((d) => d.toJS());
    expect(secrets.map((s) => s.metadata.name)).toEqual(names);
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
    expect([...checkedOneByOne].sort()).toEqual(['DATABASE_READ_ONLY_URL', 'DATABASE_URL', ...(config.spacelift.encryptionKey === 'variable' ? [] : ['ENCRYPTION_RSA_PRIVATE_KEY'])].sort());
    const shared = secrets[0].stringData;
    expect(shared.GCP_PROJECT).toBe(config.google.project);
    expect(shared.OBJECT_STORAGE_TYPE).toBe('gcp');
    expect(shared.OBJECT_STORAGE_BUCKET_STATES).toBe(sampleOf(/^google_storage_bucket\.storage_bucket-states_[^.]+\.name$/));
    expect(shared.LICENSE_TOKEN).toBe(VARIABLES.spacelift_license_token);
    expect(shared.SPACELIFT_PUBLIC_API).toBe(config.spacelift.publicApi ?? '');
    if (config.spacelift.encryptionKey === 'variable') {
      expect(shared.ENCRYPTION_RSA_PRIVATE_KEY).toBe(VARIABLES.spacelift_encryption_rsa_private_key);
    } else {
      expect(Buffer.from(shared.ENCRYPTION_RSA_PRIVATE_KEY, 'base64').toString('utf8')).toBe(sampleOf(/^tls_private_key\.[^.]+\.private_key_pem_pkcs8$/));
    }
    expect(shared.DATABASE_READ_ONLY_URL).toBe(shared.DATABASE_URL);
    if (!iam) {
      // The CA bundle is exactly the instance's server_ca_cert, under the key the mount path names.
      expect(secrets[3].stringData).toEqual({ 'ca.pem': sampleOf(/^google_sql_database_instance\.[^.]+\.server_ca_cert\[0\]\.cert$/) });
    }
  });

  test('the database URL: every part percent-encoded, the IAM user\'s "@" included, to the right host and TLS mode', () => {
    const shared = parseAllDocuments(result.raw.kubernetes_secrets!)[0]!.toJS().stringData;
    const url = new URL(shared.DATABASE_URL);
    expect(url.protocol).toBe('postgres:');
    expect(decodeURIComponent(url.pathname.slice(1))).toBe(sampleOf(/^google_sql_database\.[^.]+\.name$/));
    if (iam) {
      // The IAM user is the service account e-mail without ".gserviceaccount.com": it holds an "@".
      const user = sampleOf(/^google_sql_user\.postgres_iam-user_[^.]+\.name$/);
      expect(user).toContain('@');
      expect(decodeURIComponent(url.username)).toBe(user);
      expect(url.password).toBe('');
      expect(shared.DATABASE_URL).toContain('@127.0.0.1:5432/');
      expect(url.searchParams.get('sslmode')).toBe('disable');
    } else {
      expect(decodeURIComponent(url.username)).toBe(sampleOf(/^google_sql_user\.postgres_user_[^.]+\.name$/));
      expect(decodeURIComponent(url.password)).toBe(sampleOf(/^random_password\..*\.result$/));
      expect(shared.DATABASE_URL).toContain(`@${sampleOf(/^google_sql_database_instance\.[^.]+\.private_ip_address$/)}:5432/`);
      // Verified against the instance's CA, read from the mounted Secret.
      expect(url.searchParams.get('sslmode')).toBe('verify-ca');
      expect(url.searchParams.get('sslrootcert')).toBe('/etc/spacelift/database-ca/ca.pem');
      const values = parse(result.raw.helm_values!);
      for (const component of ['server', 'drain', 'scheduler']) {
        expect(values[component].volumes).toEqual([{ name: 'database-ca', secret: { secretName: 'spacelift-database-ca' } }]);
        expect(values[component].volumeMounts).toEqual([{ name: 'database-ca', mountPath: '/etc/spacelift/database-ca', readOnly: true }]);
      }
    }
  });

  test('helm_values parses to exactly the values document', () => {
    const values = parse(result.raw.helm_values!);
    const expected = JSON.parse(JSON.stringify(locals.spacelift_helm_values), (_k, v) => (typeof v === 'string' ? expectedValue(v, lookup) : v));
    expect(values).toEqual(expected);
    expect(values.serviceAccount.annotations['iam.gke.io/gcp-service-account']).toBe(sampleOf(/^google_service_account\.spacelift-identity_account_[^.]+\.email$/));
    expect(values.shared.image).toBe(`europe-west1-docker.pkg.dev/${config.google.project}/${sampleOf(/\.repository_id$/)}/spacelift-backend:v4.0.0`);
    if (iam) expect(values.cloudSqlProxy.dbConnectionName).toBe(sampleOf(/^google_sql_database_instance\.[^.]+\.connection_name$/));
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
      const expected = expectedValue(env[name]!, lookup);
      expect(expected).toBeDefined();
      expect({ name, value: got[name] }).toEqual({ name, value: expected });
    }
    expect(got.GKE_CLUSTER_NAME).toContain(AWKWARD);
    expect(got.GCP_PROJECT).toBe(config.google.project);
    expect(result.raw.shell!.split('\n').filter((l) => l.startsWith('export ')).length).toBe(names.length);
  });
});
