import { AzureDnsRecord, AzureDnsRecordProps } from '../../lib/azure/dns';
import { azureStack, only, synth } from '../support/synth';
import { expectValidationError, validationErrorOf } from '../support/validation-matchers';

const PIP_ID = '/subscriptions/sub/resourceGroups/rg-test/providers/Microsoft.Network/publicIPAddresses/sl-ingress';

function make(over: Partial<AzureDnsRecordProps> = {}) {
  const stack = azureStack();
  const record = new AzureDnsRecord(stack, 'dns', {
    zoneName: 'example.com',
    zoneResourceGroupName: 'dns-rg',
    fqdn: 'spacelift.example.com',
    targetResourceId: PIP_ID,
    ...over,
  });
  return { stack, record };
}

function recordJson(over: Partial<AzureDnsRecordProps> = {}): any {
  return only(synth(make(over).stack), 'azurerm_dns_a_record');
}

describe('AzureDnsRecord', () => {
  test('an alias A record to the address, named relative to the zone, TTL 300', () => {
    expect(recordJson()).toEqual({
      name: 'spacelift',
      zone_name: 'example.com',
      resource_group_name: 'dns-rg',
      ttl: 300,
      target_resource_id: PIP_ID,
    });
  });

  test('deeper names keep every label below the zone', () => {
    expect(recordJson({ fqdn: 'spacelift.prod.example.com' }).name).toBe('spacelift.prod');
    expect(recordJson({ zoneName: 'prod.example.com', fqdn: 'spacelift.prod.example.com' }).name).toBe('spacelift');
  });

  test('the zone apex is "@"', () => {
    expect(recordJson({ fqdn: 'example.com' }).name).toBe('@');
  });

  test('TTL is configurable', () => {
    expect(recordJson({ ttl: 3600 }).ttl).toBe(3600);
  });

  test('rejects a zone name that is not a lower-case DNS name', () => expectValidationError(() => make({ zoneName: 'Example.com' }), 'zoneName', 'Example.com'));
  test('rejects an FQDN that is not a DNS name', () => {
    const err = validationErrorOf(() => make({ fqdn: 'https://spacelift.example.com' }), 'fqdn', 'https://spacelift.example.com');
    expect(err.allowed).toContain('a lower-case DNS name');
  });
  test('rejects a TTL out of range', () => expectValidationError(() => make({ ttl: 10 }), 'ttl', 10));
  test('rejects an FQDN outside the zone', () => {
    const err = validationErrorOf(() => make({ fqdn: 'spacelift.notexample.com' }), 'fqdn', 'spacelift.notexample.com');
    expect(err.allowed).toContain('a name inside the zone example.com');
  });
});
