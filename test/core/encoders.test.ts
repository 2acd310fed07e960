import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { publishDocument } from '../../lib/core/document';
import { shellExports, yamlStream } from '../../lib/core/encoders';
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
