import { IConstruct } from 'constructs';
import { ValidationError, checkList, checkOneOf, isUnresolved } from '../core/validation';

/**
 * AWS commercial-partition regions (the `aws` partition: China and GovCloud have other endpoints and ARNs and are not
 * supported). Kept here so a typo in `region` fails at synth rather than minutes into an apply. Add a region here when
 * AWS opens one.
 */
export const AWS_REGIONS: readonly string[] = [
  'af-south-1',
  'ap-east-1', 'ap-east-2',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2',
  'eu-north-1',
  'eu-south-1', 'eu-south-2',
  'eu-west-1', 'eu-west-2', 'eu-west-3',
  'il-central-1',
  'me-central-1', 'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1', 'us-east-2',
  'us-west-1', 'us-west-2',
];

/**
 * Zone letters to use when none are configured: `a`, `b`, `c`, except where those are not open to every account.
 * Undefined: the region has fewer than three zones for most accounts, so they must be given explicitly.
 */
const DEFAULT_ZONE_LETTERS: { readonly [region: string]: readonly string[] | undefined } = {
  'ap-northeast-1': ['a', 'c', 'd'],
  'us-west-1': undefined,
};

/** How many availability zones a deployment may span. */
export const MIN_AVAILABILITY_ZONES = 2;
/** Most availability zones a VPC of this library spreads its subnets over. */
export const MAX_AVAILABILITY_ZONES = 3;

type Scope = IConstruct | string;

/** A region of the commercial partition, such as "eu-west-1". */
export function checkAwsRegion(scope: Scope, field: string, value: string): string {
  if (isUnresolved(value)) return value;
  if (typeof value !== 'string' || !/^[a-z]{2}-[a-z]+-\d$/.test(value)) {
    throw new ValidationError(scope, field, value, 'an AWS region code such as "eu-west-1" (not a zone like "eu-west-1a", not a display name)');
  }
  return checkOneOf(scope, field, value, AWS_REGIONS);
}

/** The default zones of a region: `<region>a`, `b`, `c` (or the region's exceptions). */
export function defaultAvailabilityZones(scope: Scope, field: string, region: string): string[] {
  if (Object.prototype.hasOwnProperty.call(DEFAULT_ZONE_LETTERS, region) && DEFAULT_ZONE_LETTERS[region] === undefined) {
    throw new ValidationError(scope, field, undefined, `an explicit list of ${MIN_AVAILABILITY_ZONES} or ${MAX_AVAILABILITY_ZONES} zones: ${region} has fewer than three zones for most accounts (see "aws ec2 describe-availability-zones")`);
  }
  const letters = DEFAULT_ZONE_LETTERS[region] ?? ['a', 'b', 'c'];
  return letters.map((l) => `${region}${l}`);
}

/**
 * Availability zones of `region`: 2 or 3 distinct zone names that start with the region code (e.g. "eu-west-1a");
 * Local Zones and Wavelength Zones ("us-east-1-bos-1a") are not allowed.
 */
export function checkAvailabilityZones(scope: Scope, field: string, zones: readonly string[], region: string): readonly string[] {
  if (isUnresolved(zones)) return zones;
  checkList(scope, field, zones, (z, f) => {
    if (isUnresolved(z) || isUnresolved(region)) return;
    if (typeof z !== 'string' || !z.startsWith(region) || !/^[a-z]$/.test(z.slice(region.length))) {
      throw new ValidationError(scope, f, z, `an availability zone of ${region}: "${region}" followed by one letter, such as "${region}a"`);
    }
  }, { minItems: MIN_AVAILABILITY_ZONES, maxItems: MAX_AVAILABILITY_ZONES });
  return zones;
}
