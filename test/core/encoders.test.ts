import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { publishDocument } from '../../lib/core/document';
import { shellExports, yamlDocument, yamlStream } from '../../lib/core/encoders';
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

describe('yamlStream', () => {
  test('joins the yamlencoded locals with "---" lines, in order', () => {
    const s = stack();
    const b = publishDocument(s, 'b', { x: 1 });
    const a = publishDocument(s, 'a', { y: 2 });
    expect(expressionOf(s, yamlStream([b, a]))).toBe('${join("---\\n", [yamlencode(local.b), yamlencode(local.a)])}');
  });

  test('one document', () => {
    const s = stack();
    const a = publishDocument(s, 'a', { y: 2 });
    expect(expressionOf(s, yamlStream([a]))).toBe('${join("---\\n", [yamlencode(local.a)])}');
  });

  test('no documents: an empty join', () => {
    const s = stack();
    expect(expressionOf(s, yamlStream([]))).toBe('${join("---\\n", [])}');
  });
});

describe('yamlDocument', () => {
  test('is yamlencode of the local', () => {
    const s = stack();
    const a = publishDocument(s, 'a', { y: 2 });
    expect(expressionOf(s, yamlDocument(a))).toBe('${yamlencode(local.a)}');
  });
});

describe('shellExports', () => {
  test('publishes the values as <id> and the quote replacement as <id>_quote', () => {
    const s = stack();
    const v = new TerraformVariable(s, 'pw', { type: 'string' });
    shellExports(s, 'env', { USER: "o'neil", PASSWORD: v.stringValue, HOME_DIR: '$HOME\\x' });
    const json = synth(s);
    expect(json.locals!.env).toEqual({ USER: "o'neil", PASSWORD: '${var.pw}', HOME_DIR: '$HOME\\x' });
    expect(json.locals!.env_quote).toBe("'\\''");
    expect(json.locals!.env_quote).toHaveLength(4);
  });

  test("builds one export NAME='%s' line per variable, in insertion order, with every ' replaced", () => {
    const s = stack();
    const expr = expressionOf(s, shellExports(s, 'env', { Z_LAST: 'z', A_FIRST: 'a' }));
    expect(expr).toBe(
      '${join("", [' +
        'format("export Z_LAST=\'%s\'\\n", replace(local.env.Z_LAST, "\'", local.env_quote)), ' +
        'format("export A_FIRST=\'%s\'\\n", replace(local.env.A_FIRST, "\'", local.env_quote))' +
        '])}',
    );
  });

  test('no variables: an empty join', () => {
    const s = stack();
    expect(expressionOf(s, shellExports(s, 'env', {}))).toBe('${join("", [])}');
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
