import { TerraformOutput, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkChartVersion, helmValues } from '../../lib/kubernetes/values';
import { synth, testApp } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';

function scope(): Construct {
  return new Construct(new TerraformStack(testApp(), 'test'), 'release');
}

describe('helmValues', () => {
  test('one entry: yamlencode of the document published as a local', () => {
    const stack = new TerraformStack(testApp(), 'test');
    const values = helmValues(stack, 'values', { replicas: 2, nested: { tpl: '%{x}', list: ['a'] } });
    expect(values).toHaveLength(1);
    expect(Token.isUnresolved(values[0])).toBe(true);
    new TerraformOutput(stack, 'out', { value: values[0] });
    const json = synth(stack);
    expect(json.output!.out.value).toBe('${yamlencode(local.values)}');
    expect(json.locals!.values).toEqual({ replicas: 2, nested: { tpl: '%%{x}', list: ['a'] } });
  });

  test('tokens in the values stay references inside the local, never pasted into YAML text', () => {
    const stack = new TerraformStack(testApp(), 'test');
    const v = new TerraformVariable(stack, 'host', { type: 'string' });
    const [values] = helmValues(stack, 'values', { host: v.stringValue });
    new TerraformOutput(stack, 'out', { value: values! });
    const json = synth(stack);
    expect(json.locals!.values).toEqual({ host: '${var.host}' });
    expect(json.output!.out.value).not.toContain('var.host');
  });
});

describe('checkChartVersion', () => {
  test.each(['1.2.3', 'v1.21.1', '0.62.0', '41.3.0', '1.2.3-rc.1', '1.2.3+build.5', 'v1.0.0-beta.1+exp.sha.5114f85'])('accepts %s', (v) =>
    expect(checkChartVersion(scope(), 'chartVersion', v)).toBe(v));

  test('skips unresolved tokens', () => {
    const stack = new TerraformStack(testApp(), 'test');
    const v = new TerraformVariable(stack, 'v', { type: 'string' }).stringValue;
    expect(checkChartVersion(new Construct(stack, 'x'), 'chartVersion', v)).toBe(v);
  });

  test.each([
    ['a caret range', '^1.2.3'],
    ['a tilde range', '~1.2.3'],
    ['a comparison', '>=1.0.0'],
    ['a wildcard', '1.2.x'],
    ['a star', '*'],
    ['"latest"', 'latest'],
    ['two components', '1.2'],
    ['an empty version', ''],
    ['a trailing space', '1.2.3 '],
    ['a capital V', 'V1.2.3'],
  ])('rejects a chart version with %s', (_what, value) => expectValidationError(() => checkChartVersion(scope(), 'chartVersion', value), 'chartVersion', value));
});
