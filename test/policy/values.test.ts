import { at, block, blocks, bool, has, isUnknown, isWorldCidr, knownStrings, num, portInRange, referencedAddress, refersTo, str, strList } from '../../lib/policy/values';

describe('reading synthesized arguments', () => {
  test('a ${...} expression is unknown; an escaped $${ is a literal', () => {
    expect(isUnknown('${azurerm_subnet.nodes.id}')).toBe(true);
    expect(isUnknown('prefix-${var.name}')).toBe(true);
    expect(isUnknown('costs $${5}')).toBe(false);
    expect(isUnknown(['a', '${local.x}'])).toBe(true);
    expect(isUnknown('plain')).toBe(false);
  });

  test('blocks are read whether cdktf wrote an object or a list', () => {
    expect(block({ a: 1 })).toEqual({ a: 1 });
    expect(block([{ a: 1 }, { a: 2 }])).toEqual({ a: 1 });
    expect(blocks([{ a: 1 }, { a: 2 }])).toHaveLength(2);
    expect(blocks({ a: 1 })).toEqual([{ a: 1 }]);
    expect(blocks(undefined)).toEqual([]);
    expect(at({ x: [{ y: { z: 3 } }] }, 'x.y.z')).toBe(3);
    expect(at({ x: {} }, 'x.y.z')).toBeUndefined();
    expect(has({ x: { y: null } }, 'x.y')).toBe(false);
  });

  test('booleans, numbers and strings are three-valued: known, missing, or unknown', () => {
    expect([bool(true), bool('false'), bool(undefined), bool('${var.on}')]).toEqual([true, false, undefined, 'unknown']);
    expect([num(3), num('30'), num(undefined), num('${var.n}')]).toEqual([3, 30, undefined, 'unknown']);
    expect([str('x'), str(undefined), str('${var.s}')]).toEqual(['x', undefined, 'unknown']);
    expect([strList(['a']), strList(['a', '${var.b}']), strList(undefined), strList('one')]).toEqual([['a'], 'unknown', undefined, ['one']]);
    expect(knownStrings(['a', '${var.b}', 3])).toEqual(['a']);
  });

  test('world-open address ranges', () => {
    for (const v of ['0.0.0.0/0', '::/0', '*', 'Internet', 'any', '0.0.0.0']) expect({ v, open: isWorldCidr(v) }).toEqual({ v, open: true });
    for (const v of ['10.0.0.0/8', '203.0.113.0/24', 'VirtualNetwork']) expect({ v, open: isWorldCidr(v) }).toEqual({ v, open: false });
  });

  test('references: the address an expression starts with, and whether a value refers to a resource', () => {
    expect(referencedAddress('${aws_s3_bucket.states.id}')).toBe('aws_s3_bucket.states');
    expect(referencedAddress('${data.aws_iam_policy_document.tls.json}')).toBe('data.aws_iam_policy_document.tls');
    expect(referencedAddress('literal')).toBeUndefined();
    expect(refersTo({ bucket: '${aws_s3_bucket.states.id}' }, 'aws_s3_bucket.states')).toBe(true);
    expect(refersTo({ bucket: '${aws_s3_bucket.states2.id}' }, 'aws_s3_bucket.states')).toBe(false);
    expect(refersTo({ bucket: '${data.aws_s3_bucket.states.id}' }, 'aws_s3_bucket.states')).toBe(false);
  });

  test('port ranges in NSG and security group notation', () => {
    expect(portInRange(22, '*')).toBe(true);
    expect(portInRange(22, '20-30')).toBe(true);
    expect(portInRange(22, '443')).toBe(false);
    expect(portInRange(22, 0, 65535)).toBe(true);
    expect(portInRange(22, 443, 443)).toBe(false);
    expect(portInRange(22, -1, -1)).toBe(true);
  });
});
