import { TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import {
  ENV_NAME,
  ValidationError,
  checkCidr,
  checkCidrWithin,
  checkDomain,
  checkEmail,
  checkInt,
  checkIpInCidr,
  checkIpv4,
  checkKubernetesName,
  checkList,
  checkNamespace,
  checkNoOverlap,
  checkOneOf,
  checkPattern,
  isUnresolved,
} from '../../lib/core/validation';
import { testApp } from '../support/synth';
import { expectValidationError, validationErrorOf } from '../support/validation-matchers';

function scope(): Construct {
  return new Construct(new TerraformStack(testApp(), 'test'), 'thing');
}

/** Apply-time values: a string variable, a number and a list built from it. */
function tokens() {
  const stack = new TerraformStack(testApp(), 'tokens');
  const v = new TerraformVariable(stack, 'v', { type: 'string' });
  return { str: v.stringValue, num: Token.asNumber(v.stringValue), list: v.listValue };
}

describe('ValidationError', () => {
  test('message names the path, the field, the JSON value and what is allowed', () => {
    const err = new ValidationError(scope(), 'postgres.version', 13, 'one of 15, 16');
    expect(err.message).toBe('test/thing: invalid postgres.version 13; allowed: one of 15, 16');
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('ValidationError');
    expect(err.path).toBe('test/thing');
    expect(err.field).toBe('postgres.version');
    expect(err.value).toBe(13);
    expect(err.allowed).toBe('one of 15, 16');
  });

  test('a string scope is used as the path (config file locations)', () => {
    const err = new ValidationError('config.yaml:3', 'domain', 'x', 'a domain');
    expect(err.path).toBe('config.yaml:3');
    expect(err.message).toBe('config.yaml:3: invalid domain "x"; allowed: a domain');
  });

  test('a missing value is shown as (missing), objects as JSON', () => {
    expect(new ValidationError('p', 'f', undefined, 'x').message).toBe('p: invalid f (missing); allowed: x');
    expect(new ValidationError('p', 'f', { a: [1] }, 'x').message).toBe('p: invalid f {"a":[1]}; allowed: x');
  });
});

describe('isUnresolved', () => {
  test('literals are resolved', () => {
    for (const v of ['x', '', 0, 42, [], ['a', 1], null, undefined, { a: 1 }]) expect(isUnresolved(v)).toBe(false);
  });

  test('string, number and list tokens are unresolved, and so is an array holding one', () => {
    const t = tokens();
    expect(isUnresolved(t.str)).toBe(true);
    expect(isUnresolved(t.num)).toBe(true);
    expect(isUnresolved(t.list)).toBe(true);
    expect(isUnresolved(['a', t.str])).toBe(true);
    expect(isUnresolved(`prefix-${t.str}`)).toBe(true);
  });
});

describe('checkDomain', () => {
  test.each(['spacelift.example.com', 'a.io', 'x-1.example.co.uk', `${'a'.repeat(63)}.com`])('accepts %s', (d) => {
    expect(checkDomain(scope(), 'domain', d)).toBe(d);
  });

  test('skips unresolved tokens', () => {
    const t = tokens();
    expect(checkDomain(scope(), 'domain', t.str)).toBe(t.str);
  });

  test('the error says what a domain looks like', () => {
    const err = validationErrorOf(() => checkDomain(scope(), 'domain', 'nope'), 'domain', 'nope');
    expect(err.path).toBe('test/thing');
    expect(err.allowed).toContain('lower-case DNS name');
  });

  test.each([
    ['a scheme', 'https://spacelift.example.com'],
    ['a single label', 'localhost'],
    ['upper case', 'Spacelift.example.com'],
    ['a trailing dot', 'example.com.'],
    ['an underscore', 'ex_ample.com'],
    ['a port', 'example.com:443'],
    ['an empty label', 'a..example.com'],
    ['a numeric top-level label', 'example.123'],
    ['a label starting with a hyphen', '-a.example.com'],
    ['a label of 64 characters', `${'a'.repeat(64)}.com`],
    ['more than 253 characters', `${Array(64).fill('abc').join('.')}.com`],
    ['an empty string', ''],
  ])('rejects a domain with %s', (_what, value) => expectValidationError(() => checkDomain(scope(), 'domain', value), 'domain', value));

  test('rejects a domain that is not a string', () => expectValidationError(() => checkDomain(scope(), 'domain', 42 as any), 'domain', 42));
});

describe('checkNamespace', () => {
  test.each(['spacelift', 'a', 'team-1', 'kube', 'a'.repeat(63)])('accepts %s', (n) => expect(checkNamespace(scope(), 'namespace', n)).toBe(n));

  test('skips unresolved tokens', () => {
    const t = tokens();
    expect(checkNamespace(scope(), 'namespace', t.str)).toBe(t.str);
  });

  test.each([
    ['a kube- prefix', 'kube-system'],
    ['upper case', 'Spacelift'],
    ['an underscore', 'my_ns'],
    ['a dot', 'my.ns'],
    ['a leading hyphen', '-ns'],
    ['a trailing hyphen', 'ns-'],
    ['64 characters', 'a'.repeat(64)],
    ['an empty name', ''],
  ])('rejects a namespace with %s', (_what, value) =>
    expectValidationError(() => checkNamespace(scope(), 'namespace', value), 'namespace', value));
});

describe('checkKubernetesName', () => {
  const long = [61, 63, 63, 63].map((n) => 'a'.repeat(n)).join('.'); // 253 characters
  test.each(['spacelift-shared', 'a', 'a.b.c', long])('accepts %s', (n) => expect(checkKubernetesName(scope(), 'name', n)).toBe(n));

  test('skips unresolved tokens', () => {
    const t = tokens();
    expect(checkKubernetesName(scope(), 'name', t.str)).toBe(t.str);
  });

  test.each([
    ['upper case and underscores', 'Bad_Name'],
    ['an empty name', ''],
    ['an empty label', 'a..b'],
    ['a leading hyphen', '-a'],
    ['a label of 64 characters', 'a'.repeat(64)],
    // Every label valid (at most 63 characters): only the 253-character limit can reject it.
    ['254 characters of valid labels', [62, 63, 63, 63].map((n) => 'a'.repeat(n)).join('.')],
    ['a space', 'a b'],
  ])('rejects a name with %s', (_what, value) => expectValidationError(() => checkKubernetesName(scope(), 'name', value), 'name', value));
});

describe('checkEmail', () => {
  test.each(['platform-team@yourcompany.com', "o'neil+tag@mail.example.co.uk", 'A.B@Example.COM'])('accepts %s', (e) =>
    expect(checkEmail(scope(), 'email', e)).toBe(e));

  test('skips unresolved tokens', () => {
    const t = tokens();
    expect(checkEmail(scope(), 'email', t.str)).toBe(t.str);
  });

  test.each([
    ['no @', 'platform-team.example.com'],
    ['no dot in the domain', 'ops@localhost'],
    ['a space', 'ops team@example.com'],
    ['an empty local part', '@example.com'],
    ['an underscore in the domain', 'ops@exa_mple.com'],
    ['more than 254 characters', `${'a'.repeat(250)}@example.com`],
  ])('rejects an e-mail with %s', (_what, value) => expectValidationError(() => checkEmail(scope(), 'email', value), 'email', value));
});

describe('checkCidr', () => {
  test.each(['10.0.0.0/16', '0.0.0.0/0', '10.0.0.1/32', '192.168.0.0/24'])('accepts %s', (c) => expect(checkCidr(scope(), 'cidr', c)).toBe(c));

  test('accepts prefixes at both ends of the allowed range', () => {
    expect(checkCidr(scope(), 'cidr', '10.0.0.0/16', 16, 24)).toBe('10.0.0.0/16');
    expect(checkCidr(scope(), 'cidr', '10.0.0.0/24', 16, 24)).toBe('10.0.0.0/24');
  });

  test('skips unresolved tokens', () => {
    const t = tokens();
    expect(checkCidr(scope(), 'cidr', t.str, 16, 24)).toBe(t.str);
  });

  test.each([
    ['host bits set', '10.0.0.1/16'],
    ['a prefix over 32', '10.0.0.0/33'],
    ['no prefix', '10.0.0.0'],
    ['an octet over 255', '256.0.0.0/8'],
    ['a leading zero', '010.0.0.0/8'],
    ['an IPv6 block', 'fd00::/8'],
  ])('rejects a CIDR with %s', (_what, value) => expectValidationError(() => checkCidr(scope(), 'cidr', value), 'cidr', value));

  test('rejects a prefix shorter than the minimum, naming the range', () => {
    const err = validationErrorOf(() => checkCidr(scope(), 'cidr', '10.0.0.0/8', 16, 24), 'cidr', '10.0.0.0/8');
    expect(err.allowed).toContain('/16 to /24');
  });

  test('rejects a prefix longer than the maximum', () => expectValidationError(() => checkCidr(scope(), 'cidr', '10.0.0.0/28', 16, 24), 'cidr', '10.0.0.0/28'));
});

describe('checkIpv4', () => {
  test.each(['10.0.0.10', '0.0.0.0', '255.255.255.255'])('accepts %s', (ip) => expect(checkIpv4(scope(), 'ip', ip)).toBe(ip));

  test('skips unresolved tokens', () => {
    const t = tokens();
    expect(checkIpv4(scope(), 'ip', t.str)).toBe(t.str);
  });

  test.each([
    ['an octet over 255', '256.1.1.1'],
    ['three octets', '10.0.0'],
    ['a leading zero', '10.0.0.010'],
    ['a prefix', '10.0.0.0/8'],
    ['letters', 'a.b.c.d'],
    ['surrounding space', ' 10.0.0.1'],
  ])('rejects an address with %s', (_what, value) => expectValidationError(() => checkIpv4(scope(), 'ip', value), 'ip', value));
});

describe('checkCidrWithin', () => {
  test('accepts a block inside, or equal to, the outer block', () => {
    expect(() => checkCidrWithin(scope(), 'subnet', '10.1.2.0/24', 'vnet', '10.1.0.0/16')).not.toThrow();
    expect(() => checkCidrWithin(scope(), 'subnet', '10.1.0.0/16', 'vnet', '10.1.0.0/16')).not.toThrow();
  });

  test('skips unresolved tokens on either side', () => {
    const t = tokens();
    expect(() => checkCidrWithin(scope(), 'subnet', t.str, 'vnet', '10.1.0.0/16')).not.toThrow();
    expect(() => checkCidrWithin(scope(), 'subnet', '192.168.0.0/24', 'vnet', t.str)).not.toThrow();
  });

  test('rejects a block outside the outer block, naming it', () => {
    const err = validationErrorOf(() => checkCidrWithin(scope(), 'subnet', '10.2.0.0/24', 'vnet', '10.1.0.0/16'), 'subnet', '10.2.0.0/24');
    expect(err.allowed).toBe('a CIDR inside vnet (10.1.0.0/16)');
  });

  test('rejects a block larger than the outer block', () =>
    expectValidationError(() => checkCidrWithin(scope(), 'subnet', '10.0.0.0/8', 'vnet', '10.1.0.0/16'), 'subnet', '10.0.0.0/8'));
});

describe('checkIpInCidr', () => {
  test('accepts the first, a middle and the last address', () => {
    for (const ip of ['10.0.0.0', '10.0.0.10', '10.0.0.255']) expect(() => checkIpInCidr(scope(), 'dns', ip, 'service', '10.0.0.0/24')).not.toThrow();
  });

  test('skips unresolved tokens on either side', () => {
    const t = tokens();
    expect(() => checkIpInCidr(scope(), 'dns', t.str, 'service', '10.0.0.0/24')).not.toThrow();
    expect(() => checkIpInCidr(scope(), 'dns', '192.168.0.1', 'service', t.str)).not.toThrow();
  });

  test('rejects an address outside the block, naming it', () => {
    const err = validationErrorOf(() => checkIpInCidr(scope(), 'dns', '10.0.1.0', 'service', '10.0.0.0/24'), 'dns', '10.0.1.0');
    expect(err.allowed).toBe('an address inside service (10.0.0.0/24)');
  });

  test('rejects something that is not an address', () =>
    expectValidationError(() => checkIpInCidr(scope(), 'dns', '10.0.0.300', 'service', '10.0.0.0/16'), 'dns', '10.0.0.300'));
});

describe('checkNoOverlap', () => {
  test('accepts disjoint and adjacent blocks', () => {
    expect(() => checkNoOverlap(scope(), { a: '10.0.0.0/24', b: '10.0.1.0/24', c: '192.168.0.0/16' })).not.toThrow();
  });

  test('skips unresolved tokens', () => {
    const t = tokens();
    expect(() => checkNoOverlap(scope(), { a: '10.0.0.0/8', b: t.str })).not.toThrow();
  });

  test('rejects overlapping blocks, naming the later field and the earlier one', () => {
    const err = validationErrorOf(() => checkNoOverlap(scope(), { vnet: '10.0.0.0/16', service: '10.0.128.0/17' }), 'service', '10.0.128.0/17');
    expect(err.allowed).toBe('a CIDR that does not overlap vnet (10.0.0.0/16)');
  });

  test('rejects an overlap between non-neighbouring entries', () =>
    expectValidationError(() => checkNoOverlap(scope(), { a: '10.0.0.0/24', b: '172.16.0.0/12', c: '10.0.0.128/25' }), 'c', '10.0.0.128/25'));
});

describe('checkInt', () => {
  test('accepts both bounds', () => {
    expect(checkInt(scope(), 'n', 1, 1, 5)).toBe(1);
    expect(checkInt(scope(), 'n', 5, 1, 5)).toBe(5);
  });

  test('skips unresolved tokens', () => {
    const t = tokens();
    expect(checkInt(scope(), 'n', t.num, 1, 5)).toBe(t.num);
  });

  test('rejects a value below the range, naming it', () => {
    const err = validationErrorOf(() => checkInt(scope(), 'n', 0, 1, 5), 'n', 0);
    expect(err.allowed).toBe('an integer from 1 to 5');
  });
  test('rejects a value above the range', () => expectValidationError(() => checkInt(scope(), 'n', 6, 1, 5), 'n', 6));
  test('rejects a fraction', () => expectValidationError(() => checkInt(scope(), 'n', 1.5, 1, 5), 'n', 1.5));
  test('rejects NaN', () => expectValidationError(() => checkInt(scope(), 'n', NaN, 1, 5), 'n', null));
  test('rejects a numeric string', () => expectValidationError(() => checkInt(scope(), 'n', '3' as any, 1, 5), 'n', '3'));
});

describe('checkOneOf', () => {
  test('accepts a listed value', () => {
    expect(checkOneOf(scope(), 'tier', 'b', ['a', 'b'])).toBe('b');
    expect(checkOneOf(scope(), 'major', 16, [15, 16])).toBe(16);
  });

  test('skips unresolved tokens', () => {
    const t = tokens();
    expect(checkOneOf(scope(), 'tier', t.str, ['a', 'b'])).toBe(t.str);
  });

  test('rejects an unlisted value, listing the allowed ones', () => {
    const err = validationErrorOf(() => checkOneOf(scope(), 'tier', 'c', ['a', 'b']), 'tier', 'c');
    expect(err.allowed).toBe('one of "a", "b"');
  });
  test('rejects an unlisted number', () => expectValidationError(() => checkOneOf(scope(), 'major', 13, [15, 16]), 'major', 13));
});

describe('checkPattern', () => {
  test('accepts a matching value', () => expect(checkPattern(scope(), 'tag', 'v1', /^v\d+$/, 'v and digits')).toBe('v1'));

  test('skips unresolved tokens', () => {
    const t = tokens();
    expect(checkPattern(scope(), 'tag', t.str, /^v\d+$/, 'v and digits')).toBe(t.str);
  });

  test('rejects a value that does not match, with the description as what is allowed', () => {
    const err = validationErrorOf(() => checkPattern(scope(), 'tag', 'latest', /^v\d+$/, 'v and digits'), 'tag', 'latest');
    expect(err.allowed).toBe('v and digits');
  });
});

describe('checkList', () => {
  test('accepts a list within bounds and checks every entry with its indexed field', () => {
    const seen: [string, string][] = [];
    const list = ['a', 'b'];
    expect(checkList(scope(), 'items', list, (item, field) => seen.push([item, field]), { minItems: 1, maxItems: 2 })).toBe(list);
    expect(seen).toEqual([
      ['a', 'items[0]'],
      ['b', 'items[1]'],
    ]);
  });

  test('an entry check that throws fails the list', () =>
    expectValidationError(
      () => checkList(scope(), 'items', ['ok', 'BAD'], (item, field) => checkNamespace('p', field, item)),
      'items[1]',
      'BAD',
    ));

  test('skips unresolved tokens without checking entries', () => {
    const t = tokens();
    const each = jest.fn();
    expect(checkList(scope(), 'items', t.list, each, { minItems: 1 })).toBe(t.list);
    expect(each).not.toHaveBeenCalled();
  });

  test('rejects too few entries', () => {
    const err = validationErrorOf(() => checkList(scope(), 'items', [], () => undefined, { minItems: 1 }), 'items', []);
    expect(err.allowed).toBe('a list of 1 to any number of entries');
  });
  test('rejects too many entries', () =>
    expectValidationError(() => checkList(scope(), 'items', [1, 2, 3], () => undefined, { maxItems: 2 }), 'items', [1, 2, 3]));
  test('rejects a duplicate entry, at its index', () =>
    expectValidationError(() => checkList(scope(), 'items', ['a', 'b', 'a'], () => undefined), 'items[2]', 'a'));
  test('rejects something that is not a list', () =>
    expectValidationError(() => checkList(scope(), 'items', 'a' as any, () => undefined), 'items', 'a'));
});

describe('ENV_NAME', () => {
  test('matches shell variable names only', () => {
    for (const ok of ['A', '_x', 'DATABASE_URL', 'a1']) expect(ENV_NAME.test(ok)).toBe(true);
    for (const bad of ['1A', 'A-B', 'A B', '', 'A=B', 'Ä']) expect(ENV_NAME.test(bad)).toBe(false);
  });
});
