import { GcpStaticIp } from '../../lib/gcp/static-ip';
import { only, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { PROJECT, REGION, expressions, googleStack } from './fixtures';

describe('GcpStaticIp', () => {
  test('a regional external IPv4 on the Premium tier', () => {
    const stack = googleStack();
    new GcpStaticIp(stack, 'ip', { project: PROJECT, region: REGION, name: 'sl-ingress', labels: { team: 'platform' } });
    expect(only(synth(stack), 'google_compute_address')).toMatchObject({
      project: PROJECT,
      name: 'sl-ingress',
      region: REGION,
      address_type: 'EXTERNAL',
      ip_version: 'IPV4',
      network_tier: 'PREMIUM',
      labels: { team: 'platform' },
    });
  });

  test('the entry point: the Service asks for the address with loadBalancerIP; no annotations needed', () => {
    const stack = googleStack();
    const ip = new GcpStaticIp(stack, 'ip', { region: REGION, name: 'sl-ingress' });
    expect(ip.serviceAnnotations).toEqual({});
    expect((ip as { dependables?: unknown }).dependables).toBeUndefined();
    const e = expressions(stack, { address: ip.ipAddress, lb: ip.loadBalancerIp, name: ip.name });
    expect(e.address).toMatch(/^\$\{google_compute_address\.[^.]+\.address\}$/);
    expect(e.lb).toBe(e.address);
    expect(e.name).toMatch(/^\$\{google_compute_address\.[^.]+\.name\}$/);
  });

  test('rejects a zone as region', () => expectValidationError(() => new GcpStaticIp(googleStack(), 'ip', { region: 'europe-west1-d', name: 'x' }), 'region', 'europe-west1-d'));
  test('rejects a malformed name', () => expectValidationError(() => new GcpStaticIp(googleStack(), 'ip', { region: REGION, name: 'Ingress IP' }), 'name', 'Ingress IP'));
});
