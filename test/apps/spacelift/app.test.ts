import { SPACELIFT_COMPONENT_BUCKET_ACCESS } from '../../../lib/apps/spacelift/access';
import { SPACELIFT_IAM_LOGIN_GRANTS, spaceliftApp } from '../../../lib/apps/spacelift/app';
import { SPACELIFT_BUCKET_RETENTION_DAYS } from '../../../lib/apps/spacelift/buckets';
import { SPACELIFT_COMPONENT_SERVICE_ACCOUNTS, SPACELIFT_SERVICE_ACCOUNT } from '../../../lib/apps/spacelift/profile';

const config = { domain: 'spacelift.example.com', version: 'v4.0.0' };

describe('spaceliftApp requirements', () => {
  test('Azure and Google: the one shared service account, which signs URLs and is the IAM database login; an RSA key (tls)', () => {
    for (const cloud of ['azure', 'gcp'] as const) {
      const r = spaceliftApp.requirements(config, cloud, config.domain);
      expect(r.serviceAccounts).toEqual([expect.objectContaining({ name: SPACELIFT_SERVICE_ACCOUNT, id: 'spacelift', shortName: 'backend', signsUrls: true, databaseLogin: true })]);
      expect(r.keys).toEqual([]);
      expect(r.providers).toEqual(['tls']);
    }
  });

  test('AWS: one service account per component with its own bucket access, KMS keys unless another mode is chosen', () => {
    const r = spaceliftApp.requirements({ ...config, assumableRoleArns: ['arn:aws:iam::123456789012:role/x'] }, 'aws', config.domain);
    expect(r.serviceAccounts.map((sa) => sa.name)).toEqual(Object.values(SPACELIFT_COMPONENT_SERVICE_ACCOUNTS));
    const server = r.serviceAccounts.find((sa) => sa.name === SPACELIFT_COMPONENT_SERVICE_ACCOUNTS.server)!;
    const scheduler = r.serviceAccounts.find((sa) => sa.name === SPACELIFT_COMPONENT_SERVICE_ACCOUNTS.scheduler)!;
    expect(server).toMatchObject({ id: 'spacelift-server', buckets: SPACELIFT_COMPONENT_BUCKET_ACCESS.server, assumableRoleArns: ['arn:aws:iam::123456789012:role/x'] });
    expect(scheduler.assumableRoleArns).toBeUndefined();
    expect(r.keys!.map((k) => [k.name, k.id, k.usage])).toEqual([
      ['encryption', 'spacelift-encryption-key', 'encrypt'],
      ['signing', 'spacelift-signing-key', 'sign'],
    ]);
    expect(r.providers).toEqual([]);
    const generated = spaceliftApp.requirements({ ...config, encryptionKey: 'generate' }, 'aws', config.domain);
    expect([generated.keys, generated.providers]).toEqual([[], ['tls']]);
    expect(spaceliftApp.requirements({ ...config, encryptionKey: 'variable' }, 'aws', config.domain).providers).toEqual([]);
  });

  test('every bucket Spacelift documents, its database, its images and what an IAM login needs', () => {
    const r = spaceliftApp.requirements(config, 'gcp', config.domain);
    expect(r.buckets.map((b) => b.purpose).sort()).toEqual(Object.keys(SPACELIFT_BUCKET_RETENTION_DAYS).sort());
    expect(r.postgres).toMatchObject({ databaseName: 'spacelift', loginGrants: SPACELIFT_IAM_LOGIN_GRANTS });
    expect(r.images).toEqual(['spacelift-backend', 'spacelift-launcher']);
  });

  test('host names: the domain, and the VCS Gateway when set, each with its DNS record id', () => {
    expect(spaceliftApp.hostNames(config)).toEqual([{ id: 'dns', fqdn: config.domain }]);
    expect(spaceliftApp.hostNames({ ...config, vcsGatewayDomain: 'vcs.example.com' })).toEqual([
      { id: 'dns', fqdn: config.domain },
      { id: 'vcs-gateway-dns', fqdn: 'vcs.example.com' },
    ]);
  });
});
