import { GcpDnsRecord, GcpDnsRecordProps } from '../../lib/gcp/dns';
import { only, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { googleStack } from './fixtures';

function make(over: Partial<GcpDnsRecordProps> = {}) {
  const stack = googleStack();
  new GcpDnsRecord(stack, 'dns', { managedZone: 'example-com', fqdn: 'spacelift.example.com', ipAddress: '${google_compute_address.ip.address}', ...over });
  return stack;
}

describe('GcpDnsRecord', () => {
  test('an A record with a trailing dot in the existing managed zone, pointing at the address', () => {
    expect(only(synth(make()), 'google_dns_record_set')).toEqual({
      managed_zone: 'example-com',
      name: 'spacelift.example.com.',
      type: 'A',
      ttl: 300,
      rrdatas: ['${google_compute_address.ip.address}'],
    });
  });

  test('a zone in another project, and a TTL', () => {
    expect(only(synth(make({ project: 'shared-dns-123', ttl: 60 })), 'google_dns_record_set')).toMatchObject({ project: 'shared-dns-123', ttl: 60 });
  });

  test('with the zone DNS name, the record must lie inside it (the zone apex too)', () => {
    expect(() => make({ zoneDnsName: 'example.com.' })).not.toThrow();
    expect(() => make({ zoneDnsName: 'spacelift.example.com' })).not.toThrow();
    expectValidationError(() => make({ zoneDnsName: 'other.org' }), 'fqdn', 'spacelift.example.com');
  });

  test('rejects a managed zone given as a DNS name', () => expectValidationError(() => make({ managedZone: 'example.com' }), 'managedZone', 'example.com'));
  test('rejects a malformed host name', () => expectValidationError(() => make({ fqdn: 'Spacelift.Example.com' }), 'fqdn', 'Spacelift.Example.com'));
  test('rejects a malformed zone project', () => expectValidationError(() => make({ project: 'DNS' }), 'project', 'DNS'));
  test('rejects a TTL out of range', () => expectValidationError(() => make({ ttl: 5 }), 'ttl', 5));
  test('rejects a malformed zone DNS name', () => expectValidationError(() => make({ zoneDnsName: 'example' }), 'zoneDnsName', 'example'));
});
