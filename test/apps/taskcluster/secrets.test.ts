import { TerraformOutput, TerraformStack } from 'cdktf';
import { ACCESS_TOKEN_LENGTH, TASKCLUSTER_SECRET_IDS, TaskclusterSecrets } from '../../../lib/apps/taskcluster/secrets';
import { TASKCLUSTER_CLIENT_SERVICES, TASKCLUSTER_DB_SERVICES, TASKCLUSTER_PULSE_SERVICES } from '../../../lib/apps/taskcluster/services';
import { renderOutputs } from '../../support/render';
import { describeWithTerraform } from '../../support/requirements';
import { resources, synth, terraformBinary, testApp } from '../../support/synth';

function make() {
  const stack = new TerraformStack(testApp(), 'test');
  const secrets = new TaskclusterSecrets(stack, 'tc-secrets');
  new TerraformOutput(stack, 'db_crypto_keys', { value: secrets.dbCryptoKeys, sensitive: true });
  return { secrets, json: synth(stack) };
}

describe('TaskclusterSecrets', () => {
  const { json } = make();
  const passwords = resources(json, 'random_password');
  const byId = (id: string) => Object.entries(passwords).find(([key]) => new RegExp(`^tc-secrets_${id}_[0-9A-F]{8}$`).test(key))?.[1] as any;

  test('an access token per static client and root: 44 characters of exactly [A-Za-z0-9_-]', () => {
    for (const client of [...TASKCLUSTER_CLIENT_SERVICES, 'root' as const]) {
      const r = byId(TASKCLUSTER_SECRET_IDS.accessToken(client));
      expect({ client, length: r?.length, upper: r?.upper, lower: r?.lower, numeric: r?.numeric, special: r?.special, override_special: r?.override_special }).toEqual({
        client,
        length: 44,
        upper: true,
        lower: true,
        numeric: true,
        special: true,
        override_special: '-_',
      });
    }
    expect(ACCESS_TOKEN_LENGTH).toBeGreaterThanOrEqual(22);
    expect(ACCESS_TOKEN_LENGTH).toBeLessThanOrEqual(66);
    // The charset random_password draws from is, exactly, what Taskcluster's pattern allows.
    const charset = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789' + '-_';
    expect(new RegExp('^[a-zA-Z0-9_-]{22,66}$').test(charset.slice(0, 44))).toBe(true);
    expect([...charset].every((c) => /^[a-zA-Z0-9_-]$/.test(c))).toBe(true);
    expect(byId('access-token-web-server')).toBeDefined();
  });

  test('a password per database user (11) and Pulse user (8), a session secret, one crypto key kept from destroy', () => {
    for (const s of TASKCLUSTER_DB_SERVICES) expect(byId(TASKCLUSTER_SECRET_IDS.dbPassword(s))).toBeDefined();
    for (const s of TASKCLUSTER_PULSE_SERVICES) expect(byId(TASKCLUSTER_SECRET_IDS.pulsePassword(s))).toBeDefined();
    expect(byId('session-secret')).toBeDefined();
    expect(Object.keys(passwords)).toHaveLength(12 + 11 + 8 + 1);
    const bytes = Object.values(resources(json, 'random_bytes')) as any[];
    expect(bytes).toHaveLength(1);
    expect(bytes[0].length).toBe(32);
    expect(bytes[0].lifecycle.prevent_destroy).toBe(true);
    expect(json.provider?.random).toBeDefined();
  });
});

describeWithTerraform()('db_crypto_keys through real terraform', () => {
  test('a JSON list of one {id, algo: aes-256, key}, the key the base64 of the 32 random bytes', () => {
    const { json } = make();
    const key = Buffer.alloc(32, 7).toString('base64');
    const { raw } = renderOutputs(terraformBinary()!, { json, outputs: ['db_crypto_keys'], variables: {}, sample: (address) => (address.endsWith('.base64') ? key : 'unused') });
    const parsed = JSON.parse(raw.db_crypto_keys!);
    expect(parsed).toEqual([{ id: 'key-1', algo: 'aes-256', key }]);
    expect(Buffer.from(parsed[0].key, 'base64')).toHaveLength(32);
  });
});
