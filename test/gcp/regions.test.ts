import { GCP_REGIONS, checkGcpRegion } from '../../lib/gcp/regions';
import { validationErrorOf } from '../support/validation-matchers';
import { googleStack, token } from './fixtures';

describe('checkGcpRegion', () => {
  test.each(['europe-west1', 'us-central1', 'asia-southeast1', 'europe-west12'])('accepts %s', (r) => {
    expect(checkGcpRegion('config', 'region', r)).toBe(r);
  });

  test('every listed region is a region, not a zone, and listed once', () => {
    for (const r of GCP_REGIONS) expect(r).toMatch(/^[a-z]+-[a-z]+\d+$/);
    expect(new Set(GCP_REGIONS).size).toBe(GCP_REGIONS.length);
  });

  test('a zone is named as a zone, with the region to give instead', () => {
    const err = validationErrorOf(() => checkGcpRegion('config', 'google.region', 'europe-west1-b'), 'google.region', 'europe-west1-b');
    expect(err.allowed).toContain('a region, not a zone');
    expect(err.allowed).toContain('"europe-west1"');
  });

  test('an unknown region lists the regions', () => {
    const err = validationErrorOf(() => checkGcpRegion('config', 'google.region', 'europe-west99'), 'google.region', 'europe-west99');
    expect(err.allowed).toContain('europe-west1');
  });

  test('an Azure-style location is refused', () => {
    validationErrorOf(() => checkGcpRegion('config', 'region', 'westeurope'), 'region', 'westeurope');
  });

  test('a zone-looking name of an unknown region is just an unknown region', () => {
    const err = validationErrorOf(() => checkGcpRegion('config', 'region', 'mars-north1-a'), 'region', 'mars-north1-a');
    expect(err.allowed).not.toContain('not a zone');
  });

  test('skips unresolved tokens', () => {
    const t = token(googleStack());
    expect(checkGcpRegion('config', 'region', t)).toBe(t);
  });
});
