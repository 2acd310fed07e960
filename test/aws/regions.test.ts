import { AWS_REGIONS, checkAvailabilityZones, checkAwsRegion, defaultAvailabilityZones } from '../../lib/aws/regions';
import { expectValidationError } from '../support/validation-matchers';

describe('AWS regions and zones', () => {
  test('known commercial regions pass; the list is sorted-free of duplicates and holds the big ones', () => {
    for (const r of ['us-east-1', 'eu-west-1', 'ap-northeast-1', 'eu-central-2']) expect(checkAwsRegion('x', 'region', r)).toBe(r);
    expect(new Set(AWS_REGIONS).size).toBe(AWS_REGIONS.length);
  });

  test('a region code that does not exist is rejected with the list', () => {
    expectValidationError(() => checkAwsRegion('x', 'region', 'eu-west-9'), 'region', 'eu-west-9');
  });

  test('a zone, a display name or another partition is not a region', () => {
    expectValidationError(() => checkAwsRegion('x', 'region', 'eu-west-1a'), 'region', 'eu-west-1a');
    expectValidationError(() => checkAwsRegion('x', 'region', 'Europe (Ireland)'), 'region', 'Europe (Ireland)');
    expectValidationError(() => checkAwsRegion('x', 'region', 'cn-north-1'), 'region', 'cn-north-1');
  });

  test('default zones are a, b, c; regions where those are not open to every account have their own', () => {
    expect(defaultAvailabilityZones('x', 'zones', 'eu-west-1')).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(defaultAvailabilityZones('x', 'zones', 'ap-northeast-1')).toEqual(['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d']);
  });

  test('a region with fewer than three zones for most accounts needs them listed', () => {
    expectValidationError(() => defaultAvailabilityZones('x', 'zones', 'us-west-1'), 'zones', undefined);
  });

  test('zones must belong to the region', () => {
    expectValidationError(() => checkAvailabilityZones('x', 'zones', ['eu-west-1a', 'eu-west-2b'], 'eu-west-1'), 'zones[1]', 'eu-west-2b');
  });

  test('Local Zones are not availability zones here', () => {
    expectValidationError(() => checkAvailabilityZones('x', 'zones', ['us-east-1a', 'us-east-1-bos-1a'], 'us-east-1'), 'zones[1]', 'us-east-1-bos-1a');
  });

  test('zones must be distinct', () => {
    expectValidationError(() => checkAvailabilityZones('x', 'zones', ['eu-west-1a', 'eu-west-1a'], 'eu-west-1'), 'zones[1]', 'eu-west-1a');
  });

  test('at least two and at most three zones', () => {
    expectValidationError(() => checkAvailabilityZones('x', 'zones', ['eu-west-1a'], 'eu-west-1'), 'zones', ['eu-west-1a']);
    const four = ['a', 'b', 'c', 'd'].map((l) => `us-east-1${l}`);
    expectValidationError(() => checkAvailabilityZones('x', 'zones', four, 'us-east-1'), 'zones', four);
    expect(checkAvailabilityZones('x', 'zones', ['us-west-1b', 'us-west-1c'], 'us-west-1')).toEqual(['us-west-1b', 'us-west-1c']);
  });
});
