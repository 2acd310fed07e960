import { App, DefaultTokenResolver, Fn, Lazy, StringConcat, TerraformIterator, TerraformOutput, TerraformResource, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ResolveFunction, cdktfOwnResolve, resolveTokens, useFastTokenResolution, usesFastTokenResolution } from '../../lib/core/token-resolution';

/**
 * The fast resolver gives what cdktf's own gives, value for value and error for error, on the token shapes cdktf
 * makes. Each case builds its value afresh for each resolver (resolving can change a stack: a cross-stack reference
 * adds an output), in both of cdktf's passes. The synth of every shipped example with and without it is compared in
 * test/stacks/process-settings.test.ts.
 */
const original = cdktfOwnResolve() as ResolveFunction;

function resource(scope: Construct, id: string): TerraformResource {
  return new TerraformResource(scope, id, { terraformResourceType: 'null_resource' });
}

interface Case {
  readonly name: string;
  make(): { scope: Construct; value: unknown };
}

function oneStack(make: (stack: TerraformStack) => unknown): () => { scope: Construct; value: unknown } {
  return () => {
    const stack = new TerraformStack(new App({ stackTraces: false }), 'stack');
    return { scope: stack, value: make(stack) };
  };
}

const CASES: Case[] = [
  { name: 'plain values', make: oneStack(() => ({ a: 'text', b: 1, c: true, d: null, e: undefined, f: [1, 'x', undefined, [], {}], g: { h: { i: 'deep' } }, j: new Date(0) })) },
  { name: 'strings that look like escapes and numbers', make: oneStack(() => ['${var.x}', '$${literal}', 'a}b{', '1e5', '-1.8881545897087626e+289', '1.2.3e-4', 'version 2e', 'E=mc2', 'String Map Token Value x']) },
  {
    name: 'attribute references in strings, lists, numbers and maps',
    make: oneStack((stack) => {
      const r = resource(stack, 'r');
      return {
        id: r.getStringAttribute('id'),
        text: `prefix-${r.getStringAttribute('id')}-\${not.a.token}-suffix`,
        list: r.getListAttribute('tags'),
        number: r.getNumberAttribute('size'),
        numberInText: `n=${Token.asString(r.getNumberAttribute('size'))}`,
        encodedNumberInText: `size ${r.getNumberAttribute('size')} count ${r.getNumberAttribute('count')}`,
        map: r.getStringMapAttribute('labels'),
        anyMap: r.interpolationForAttribute('anything'),
        boolean: r.getBooleanAttribute('enabled'),
      };
    }),
  },
  {
    name: 'lazies producing objects with tokens, functions and escapes',
    make: oneStack((stack) => {
      const r = resource(stack, 'r');
      const v = new TerraformVariable(stack, 'v', { type: 'string' });
      return {
        lazy: Lazy.anyValue({ produce: () => ({ nested: [r.getStringAttribute('id'), { x: v.stringValue }], n: 3 }) }),
        lazyString: Lazy.stringValue({ produce: () => `${v.stringValue}/\${raw}` }),
        join: Fn.join(',', [r.getStringAttribute('id'), 'b', v.stringValue]),
        json: Fn.jsonencode({ a: r.getStringAttribute('id'), list: r.getListAttribute('tags'), text: 'has ${brace} and "quotes"' }),
        lookup: Fn.lookup(r.getStringMapAttribute('labels'), 'k', 'default'),
        conditional: Token.asString(Fn.try([r.getStringAttribute('maybe'), 'fallback'])),
      };
    }),
  },
  {
    name: 'map token keys and a token as a key',
    make: oneStack((stack) => {
      const r = resource(stack, 'r');
      return { [r.getStringAttribute('key')]: 'value', spread: { ...r.getStringMapAttribute('labels') }, plain: { 'TfToken[ but not one': 1 } };
    }),
  },
  {
    name: 'an iterator',
    make: oneStack((stack) => {
      const r = resource(stack, 'r');
      const it = TerraformIterator.fromList(r.getListAttribute('tags'));
      return { forExpression: it.forExpressionForList(it.value), key: it.key, dynamic: it.dynamic({ name: it.value }) };
    }),
  },
  {
    name: 'a cross-stack reference',
    make: () => {
      const app = new App({ stackTraces: false });
      const a = new TerraformStack(app, 'a');
      const b = new TerraformStack(app, 'b');
      const r = resource(a, 'r');
      new TerraformOutput(b, 'o', { value: r.getStringAttribute('id') });
      return { scope: b, value: { ref: r.getStringAttribute('id'), list: r.getListAttribute('tags'), text: `x-${r.getStringAttribute('id')}` } };
    },
  },
  { name: 'a list token among other elements (error)', make: oneStack((stack) => ({ a: [resource(stack, 'r').getStringAttribute('id'), ...resource(stack, 's').getListAttribute('more')] })) },
  { name: 'a function value (error)', make: oneStack(() => ({ a: { b: () => 1 } })) },
  { name: 'a construct (error)', make: oneStack((stack) => ({ a: [stack] })) },
  { name: 'a list token in a string (error)', make: oneStack((stack) => ({ a: `x${resource(stack, 'r').getListAttribute('tags')[0]}` })) },
  { name: 'the map token placeholder (error)', make: oneStack(() => ({ a: Token.STRING_MAP_TOKEN_VALUE })) },
  { name: 'the number map placeholder (error)', make: oneStack(() => ({ a: Token.NUMBER_MAP_TOKEN_VALUE })) },
  { name: 'a key that resolves to a non-string (error)', make: oneStack((stack) => ({ [Token.asString(resource(stack, 'r').getNumberAttribute('n'))]: 1, [Token.asString(Lazy.anyValue({ produce: () => 42 }))]: 2 })) },
  {
    name: 'a circular value (error)',
    make: oneStack(() => {
      const loop: Record<string, unknown> = {};
      loop.self = loop;
      return loop;
    }),
  },
];

type Outcome = { value: unknown } | { error: string };

/**
 * The outcome with cdktf's token numbers (`TOKEN.<n>`, from a process-wide counter, so different for each build of a
 * case) renumbered in order of first appearance: the same tokens in the same places compare equal.
 */
function run(resolve: ResolveFunction, c: Case, preparing: boolean, prefix?: string[]): Outcome {
  const { scope, value } = c.make();
  let outcome: Outcome;
  try {
    outcome = { value: resolve(value, { scope, preparing, resolver: new DefaultTokenResolver(new StringConcat()), prefix }) };
  } catch (e) {
    outcome = { error: (e as Error).message };
  }
  const numbers = new Map<string, number>();
  const text = JSON.stringify(outcome, (_k, v: unknown) => (v === undefined ? '<undefined>' : v));
  return JSON.parse(text.replace(/TOKEN\.(\d+)/g, (_m, n: string) => `TOKEN.#${numbers.has(n) ? numbers.get(n) : numbers.set(n, numbers.size).size - 1}`)) as Outcome;
}

describe('resolveTokens', () => {
  test("cdktf's own resolver is the one compared against, installed or not", () => {
    expect(typeof original).toBe('function');
    expect(original).not.toBe(resolveTokens);
    useFastTokenResolution();
    expect(usesFastTokenResolution()).toBe(true);
    expect(useFastTokenResolution()).toBe(false);
    expect(cdktfOwnResolve()).toBe(original);
  });

  describe.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    test.each([false, true])('gives what cdktf gives (preparing: %s)', (preparing) => {
      const expected = run(original, c, preparing);
      expect(run(resolveTokens, c, preparing)).toEqual(expected);
    });
  });

  test('the kinds of error cases each fail in cdktf too (so the comparison above compares errors)', () => {
    const errors = CASES.filter((c) => c.name.endsWith('(error)')).map((c) => run(original, c, false));
    expect(errors.every((o) => 'error' in o)).toBe(true);
    expect(errors.map((o) => ('error' in o ? o.error : '')).filter((m) => m.includes('/a'))).not.toHaveLength(0);
  });

  test('a caller-given key prefix shows in error paths as in cdktf', () => {
    const c = CASES.find((x) => x.name === 'a function value (error)')!;
    const expected = run(original, c, false, ['resource', 'x']);
    expect(expected).toEqual({ error: expect.stringContaining('/resource/x/a/b') });
    expect(run(resolveTokens, c, false, ['resource', 'x'])).toEqual(expected);
  });
});
