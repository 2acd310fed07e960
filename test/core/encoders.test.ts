import { Fn, IResolvable, IResolveContext, TerraformOutput, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { publishDocument } from '../../lib/core/document';
import { joinTokens, shellExports, yamlStream } from '../../lib/core/encoders';
import { ValidationError } from '../../lib/core/validation';
import { synth, testApp } from '../support/synth';
import { expectValidationError, validationErrorOf } from '../support/validation-matchers';

function stack(): TerraformStack {
  return new TerraformStack(testApp(), 'test');
}

/** The synthesized expression of a string built in `s`. */
function expressionOf(s: TerraformStack, value: string): string {
  new TerraformOutput(s, 'out', { value });
  return synth(s).output!.out.value;
}

// What the encoders produce is checked through real terraform in test/render/encoders.test.ts; here, only what is
// decided at synth time.

describe('yamlStream and yamlDocument', () => {
  test('encode the published locals with Terraform at apply time (the synthesized value refers to them)', () => {
    const s = stack();
    const b = publishDocument(s, 'b', { x: 1 });
    const a = publishDocument(s, 'a', { y: 2 });
    const stream = expressionOf(s, yamlStream([b, a]));
    expect(stream).toMatch(/yamlencode\(local\.b\).*yamlencode\(local\.a\)/);
  });
});

describe('joinTokens', () => {
  /** A token that counts how often cdktf resolves it. */
  class Counted implements IResolvable {
    public readonly creationStack: string[] = [];
    public resolved = 0;
    public constructor(private readonly text: string) {}
    public resolve(_context: IResolveContext): string {
      this.resolved++;
      return this.text;
    }
  }

  /** Items of nested calls with list arguments and references, as the shell output and install script build them. */
  function items(s: TerraformStack, counted: Counted): string[] {
    const v = new TerraformVariable(s, 'v', { type: 'map(string)' });
    const env = publishDocument(s, 'env', { A: "it's", B: 'x' });
    return [
      Fn.format("export A='%s'\n", [Fn.replace(Fn.lookupNested(env.expression, ['A']), "'", Token.asString(counted))]),
      Fn.lookupNested(v.value, ['k']),
      Fn.yamlencode(env.expression),
      Fn.join(',', [Fn.upper('a'), Token.asString(counted)]),
    ];
  }

  test('synthesizes the same expression as Fn.join, resolving each item once instead of three times or more', () => {
    const s = stack();
    const viaJoin = new Counted('"q"');
    const viaTokens = new Counted('"q"');
    new TerraformOutput(s, 'fn', { value: Fn.join('', items(s, viaJoin)) });
    const s2 = stack();
    new TerraformOutput(s2, 'fn', { value: joinTokens('', items(s2, viaTokens)) });
    const [a, b] = [synth(s), synth(s2)];
    expect(b.output!.fn.value).toBe(a.output!.fn.value);
    expect(a.output!.fn.value).toMatch(/^\$\{join\("", \[format\("export A='%s'\\n", replace\(local\.env\.A, "'", "q"\)\), /);
    expect(viaTokens.resolved).toBeGreaterThan(0);
    expect(viaJoin.resolved).toBeGreaterThanOrEqual(3 * viaTokens.resolved);
  });

  test('items that are not one token each (literal text) are left to Fn.join, which quotes them', () => {
    const s = stack();
    const v = new TerraformVariable(s, 'v', { type: 'string' });
    const list = ['plain text', `pre-${v.stringValue}`, v.stringValue];
    new TerraformOutput(s, 'a', { value: joinTokens(' ', list) });
    new TerraformOutput(s, 'b', { value: Fn.join(' ', list) });
    const out = synth(s).output!;
    expect(out.a.value).toBe(out.b.value);
    expect(out.a.value).toContain('["plain text", "pre-${var.v}", var.v]');
  });

  test('an empty list', () => {
    const s = stack();
    new TerraformOutput(s, 'a', { value: joinTokens(',', []) });
    new TerraformOutput(s, 'b', { value: Fn.join(',', []) });
    const out = synth(s).output!;
    expect(out.a.value).toBe(out.b.value);
  });
});

describe('shellExports', () => {
  test('publishes the values as the local <id>, as given (literals escaped for Terraform only where they must be)', () => {
    const s = stack();
    const v = new TerraformVariable(s, 'pw', { type: 'string' });
    shellExports(s, 'env', { USER: "o'neil", PASSWORD: v.stringValue, HOME_DIR: '$HOME\\x' });
    const json = synth(s);
    expect(json.locals!.env).toEqual({ USER: "o'neil", PASSWORD: '${var.pw}', HOME_DIR: '$HOME\\x' });
  });

  test('the error names the variable and what a shell name is', () => {
    const err = validationErrorOf(() => shellExports(stack(), 'env', { 'A-B': 'x' }), 'env.A-B', 'A-B');
    expect(err.allowed).toContain('shell variable name');
    expect(err.path).toBe('test');
  });

  test('publishes nothing when a name is rejected', () => {
    const s = stack();
    expect(() => shellExports(s, 'env', { GOOD: 'x', '1BAD': 'y' })).toThrow(ValidationError);
    expect(synth(s).locals).toBeUndefined();
  });

  test.each([
    ['a leading digit', '1A'],
    ['a hyphen', 'A-B'],
    ['a space', 'A B'],
    ['an equals sign', 'A=B'],
    ['a dollar sign', '$A'],
    ['an empty name', ''],
  ])('rejects a variable name with %s', (_what, name) => expectValidationError(() => shellExports(stack(), 'env', { [name]: 'v' }), `env.${name}`, name));
});
