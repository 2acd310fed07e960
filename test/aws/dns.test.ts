import { AwsDnsRecord, AwsDnsRecordProps } from '../../lib/aws/dns';
import { only, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { awsStack } from './fixtures';

function make(over: Partial<AwsDnsRecordProps> = {}) {
  const stack = awsStack();
  new AwsDnsRecord(stack, 'dns', { zoneName: 'example.com', fqdn: 'spacelift.example.com', addresses: ['198.51.100.1', '198.51.100.2'], ...over });
  return synth(stack);
}

describe('AwsDnsRecord', () => {
  test('an A record with every address, in the public zone looked up by name', () => {
    const json = make();
    expect(only(json, 'aws_route53_record')).toMatchObject({ name: 'spacelift.example.com', type: 'A', ttl: 300, records: ['198.51.100.1', '198.51.100.2'] });
    expect(only(json, 'aws_route53_record').zone_id).toMatch(/^\$\{data\.aws_route53_zone\./);
    expect(Object.values(json.data!.aws_route53_zone!)[0]).toMatchObject({ name: 'example.com', private_zone: false });
  });

  test('a given zone id is used without a lookup', () => {
    const json = make({ zoneId: 'Z0123456789ABCDEFGHIJ', ttl: 60 });
    expect(only(json, 'aws_route53_record')).toMatchObject({ zone_id: 'Z0123456789ABCDEFGHIJ', ttl: 60 });
    expect(json.data?.aws_route53_zone).toBeUndefined();
  });

  test('throws on a name outside the zone, a malformed zone id, a bad TTL or no addresses', () => {
    expectValidationError(() => make({ zoneName: 'other.org' }), 'fqdn', 'spacelift.example.com');
    expectValidationError(() => make({ zoneName: 'Example.com.' }), 'zoneName', 'Example.com.');
    expectValidationError(() => make({ fqdn: 'https://spacelift.example.com' }), 'fqdn', 'https://spacelift.example.com');
    expectValidationError(() => make({ zoneId: 'zone-1' }), 'zoneId', 'zone-1');
    expectValidationError(() => make({ ttl: 5 }), 'ttl', 5);
    expectValidationError(() => make({ addresses: [] }), 'addresses', []);
  });
});
