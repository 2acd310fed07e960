import { cidrContains, cidrsOverlap, ipInCidr, parseCidr, parseIpv4 } from '../../lib/core/cidr';

describe('parseIpv4', () => {
  test.each([
    ['0.0.0.0', 0],
    ['10.0.0.1', 167772161],
    ['192.168.1.2', 3232235778],
    ['255.255.255.255', 4294967295],
  ])('%s is %d', (text, n) => expect(parseIpv4(text)).toBe(n));

  test.each([
    ['an octet over 255', '10.0.0.256'],
    ['a first octet over 255', '300.1.1.1'],
    ['a leading zero', '01.2.3.4'],
    ['a leading zero in the last octet', '1.2.3.04'],
    ['a four-digit octet', '1.2.3.1000'],
    ['three octets', '1.2.3'],
    ['five octets', '1.2.3.4.5'],
    ['a negative octet', '-1.2.3.4'],
    ['a trailing space', '1.2.3.4 '],
    ['a prefix', '1.2.3.4/32'],
    ['an empty string', ''],
  ])('is undefined for %s', (_what, text) => expect(parseIpv4(text)).toBeUndefined());
});

describe('parseCidr', () => {
  test('a canonical block: first and last address, prefix', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ start: 167772160, end: 184549375, prefix: 8, canonical: true });
  });

  test('host bits set: same block, not canonical', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual({ start: 167772160, end: 184549375, prefix: 8, canonical: false });
  });

  test('/0 covers the whole address space', () => {
    expect(parseCidr('0.0.0.0/0')).toEqual({ start: 0, end: 4294967295, prefix: 0, canonical: true });
    expect(parseCidr('1.2.3.4/0')).toEqual({ start: 0, end: 4294967295, prefix: 0, canonical: false });
  });

  test('/32 is one address, always canonical', () => {
    expect(parseCidr('255.255.255.255/32')).toEqual({ start: 4294967295, end: 4294967295, prefix: 32, canonical: true });
    expect(parseCidr('10.0.0.7/32')).toEqual({ start: 167772167, end: 167772167, prefix: 32, canonical: true });
  });

  test('/31 and /25 boundaries', () => {
    expect(parseCidr('10.0.0.3/31')).toMatchObject({ start: 167772162, end: 167772163, canonical: false });
    expect(parseCidr('10.0.0.128/25')).toMatchObject({ start: 167772288, end: 167772415, canonical: true });
  });

  test.each([
    ['a prefix over 32', '10.0.0.0/33'],
    ['a prefix with a leading zero', '10.0.0.0/08'],
    ['a three-digit prefix', '10.0.0.0/032'],
    ['no prefix', '10.0.0.0'],
    ['an empty prefix', '10.0.0.0/'],
    ['a negative prefix', '10.0.0.0/-1'],
    ['two prefixes', '10.0.0.0/8/8'],
    ['an octet over 255', '300.0.0.0/8'],
    ['an octet with a leading zero', '10.00.0.0/16'],
    ['a space', '10.0.0.0/ 8'],
    ['IPv6', 'fd00::/8'],
  ])('is undefined for %s', (_what, text) => expect(parseCidr(text)).toBeUndefined());
});

describe('cidrsOverlap', () => {
  test.each([
    ['nested blocks', '10.0.0.0/8', '10.1.0.0/16'],
    ['identical blocks', '10.0.0.0/24', '10.0.0.0/24'],
    ['/0 and anything', '0.0.0.0/0', '192.168.0.1/32'],
    ['a block and its last address', '10.0.0.0/24', '10.0.0.255/32'],
    ['non-canonical blocks, by their normalized range', '10.0.0.5/24', '10.0.0.128/25'],
  ])('true for %s, either way round', (_what, a, b) => {
    expect(cidrsOverlap(a, b)).toBe(true);
    expect(cidrsOverlap(b, a)).toBe(true);
  });

  test.each([
    ['adjacent blocks', '10.0.0.0/24', '10.0.1.0/24'],
    ['disjoint blocks', '10.0.0.0/16', '192.168.0.0/16'],
    ['neighbouring single addresses', '10.0.0.1/32', '10.0.0.2/32'],
  ])('false for %s, either way round', (_what, a, b) => {
    expect(cidrsOverlap(a, b)).toBe(false);
    expect(cidrsOverlap(b, a)).toBe(false);
  });

  test('throws on something that is not a CIDR', () => {
    expect(() => cidrsOverlap('10.0.0.0', '10.0.0.0/8')).toThrow('not an IPv4 CIDR: 10.0.0.0');
    expect(() => cidrsOverlap('10.0.0.0/8', 'x')).toThrow('not an IPv4 CIDR: x');
  });
});

describe('cidrContains', () => {
  test('a block contains its sub-blocks and itself', () => {
    expect(cidrContains('10.0.0.0/16', '10.0.5.0/24')).toBe(true);
    expect(cidrContains('10.0.0.0/16', '10.0.0.0/16')).toBe(true);
    expect(cidrContains('10.0.0.0/16', '10.0.255.255/32')).toBe(true);
    expect(cidrContains('0.0.0.0/0', '203.0.113.0/24')).toBe(true);
    expect(cidrContains('10.0.0.1/32', '10.0.0.1/32')).toBe(true);
  });

  test('not a larger block, a straddling block or a disjoint one', () => {
    expect(cidrContains('10.0.0.0/16', '10.0.0.0/8')).toBe(false);
    expect(cidrContains('10.0.0.128/25', '10.0.0.0/24')).toBe(false);
    expect(cidrContains('10.0.0.0/16', '10.1.0.0/24')).toBe(false);
    expect(cidrContains('10.0.0.1/32', '10.0.0.2/32')).toBe(false);
  });

  test('throws on something that is not a CIDR', () => {
    expect(() => cidrContains('10.0.0.0/40', '10.0.0.0/24')).toThrow('not an IPv4 CIDR');
  });
});

describe('ipInCidr', () => {
  test('first and last addresses are inside, their neighbours outside', () => {
    expect(ipInCidr('10.0.1.0', '10.0.1.0/24')).toBe(true);
    expect(ipInCidr('10.0.1.255', '10.0.1.0/24')).toBe(true);
    expect(ipInCidr('10.0.0.255', '10.0.1.0/24')).toBe(false);
    expect(ipInCidr('10.0.2.0', '10.0.1.0/24')).toBe(false);
  });

  test('/32 holds exactly its address; /0 holds everything', () => {
    expect(ipInCidr('10.0.0.7', '10.0.0.7/32')).toBe(true);
    expect(ipInCidr('10.0.0.8', '10.0.0.7/32')).toBe(false);
    expect(ipInCidr('255.255.255.255', '0.0.0.0/0')).toBe(true);
  });

  test('an invalid address is not inside; an invalid block throws', () => {
    expect(ipInCidr('10.0.0.256', '0.0.0.0/0')).toBe(false);
    expect(() => ipInCidr('10.0.0.1', '10.0.0.0')).toThrow('not an IPv4 CIDR');
  });
});
