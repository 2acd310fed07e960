import { TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { AZURE_NAMES, DEPLOYMENT_NAME, NamingRule, UNIQUE_SUFFIX_LENGTH, alphanumeric, checkDeploymentName, checkName } from '../../lib/core/naming';
import { testApp } from '../support/synth';
import { expectValidationError, validationErrorOf } from '../support/validation-matchers';

function scope(): Construct {
  return new Construct(new TerraformStack(testApp(), 'test'), 'thing');
}

function token(): string {
  return new TerraformVariable(new TerraformStack(testApp(), 'tokens'), 'v', { type: 'string' }).stringValue;
}

describe('checkDeploymentName', () => {
  test.each(['ab', 'a1', 'spacelift', 'my-app-2', 'abcdefghijklmnop'])('accepts %s', (n) => {
    expect(checkDeploymentName(scope(), 'name', n)).toBe(n);
    expect(DEPLOYMENT_NAME.test(n)).toBe(true);
  });

  test('skips unresolved tokens', () => {
    const t = token();
    expect(checkDeploymentName(scope(), 'name', t)).toBe(t);
  });

  test('the error says what a deployment name is', () => {
    const err = validationErrorOf(() => checkDeploymentName(scope(), 'name', 'A'), 'name', 'A');
    expect(err.allowed).toContain('2 to 16 lower-case letters');
  });

  test.each([
    ['one character', 'a'],
    ['17 characters', 'abcdefghijklmnopq'],
    ['a leading digit', '1app'],
    ['upper case', 'App'],
    ['a double hyphen', 'my--app'],
    ['a trailing hyphen', 'my-app-'],
    ['a leading hyphen', '-app'],
    ['an underscore', 'my_app'],
    ['an empty name', ''],
  ])('rejects a deployment name with %s', (_what, value) => expectValidationError(() => checkDeploymentName(scope(), 'name', value), 'name', value));
});

describe('checkName', () => {
  const sa = AZURE_NAMES.storageAccount;

  test('counts the unique suffix in the length', () => {
    expect(checkName(scope(), 'storage', 'a'.repeat(18), sa, UNIQUE_SUFFIX_LENGTH)).toBe('a'.repeat(18));
    expect(checkName(scope(), 'storage', 'a'.repeat(19), sa)).toBe('a'.repeat(19));
  });

  test('rejects a name that is too long once the suffix is added, saying so', () => {
    const err = validationErrorOf(() => checkName(scope(), 'storage', 'a'.repeat(19), sa, UNIQUE_SUFFIX_LENGTH), 'storage', 'a'.repeat(19));
    expect(err.allowed).toContain('Azure storage account name of 3 to 24 characters (including a 6-character unique suffix)');
    expect(err.allowed).toContain(sa.charset);
  });

  test('a suffix can make a short name long enough', () => {
    expect(checkName(scope(), 'storage', 'ab', sa, 1)).toBe('ab');
  });

  test('rejects a name that is too short', () => {
    const err = validationErrorOf(() => checkName(scope(), 'storage', 'ab', sa), 'storage', 'ab');
    expect(err.allowed).not.toContain('suffix');
  });

  test('rejects characters the rule does not allow', () => expectValidationError(() => checkName(scope(), 'storage', 'my-app', sa), 'storage', 'my-app'));
  test('rejects a resource group ending with a dot', () => expectValidationError(() => checkName(scope(), 'rg', 'rg.', AZURE_NAMES.resourceGroup), 'rg', 'rg.'));
  test('rejects a storage container with a double hyphen', () =>
    expectValidationError(() => checkName(scope(), 'container', 'a--b', AZURE_NAMES.storageContainer), 'container', 'a--b'));
  test('rejects a cluster name starting with an underscore', () =>
    expectValidationError(() => checkName(scope(), 'cluster', '_aks', AZURE_NAMES.kubernetesCluster), 'cluster', '_aks'));
  test('rejects a name that is not a string', () => expectValidationError(() => checkName(scope(), 'storage', 5 as any, sa), 'storage', 5));

  test('accepts names each rule allows', () => {
    expect(checkName(scope(), 'rg', 'rg-(x)_y.z', AZURE_NAMES.resourceGroup)).toBe('rg-(x)_y.z');
    expect(checkName(scope(), 'cluster', 'aks_1-a', AZURE_NAMES.kubernetesCluster)).toBe('aks_1-a');
    expect(checkName(scope(), 'acr', 'MyRegistry1', AZURE_NAMES.containerRegistry)).toBe('MyRegistry1');
    expect(checkName(scope(), 'pg', 'my-pg-1', AZURE_NAMES.postgresServer)).toBe('my-pg-1');
    expect(checkName(scope(), 'x', 'a.b_c-d_', AZURE_NAMES.generic)).toBe('a.b_c-d_');
  });

  test('skips unresolved tokens', () => {
    const t = token();
    expect(checkName(scope(), 'storage', t, sa, UNIQUE_SUFFIX_LENGTH)).toBe(t);
  });

  describe.each(Object.entries(AZURE_NAMES) as [string, NamingRule][])('rule %s', (_key, rule) => {
    test('accepts its shortest and longest names', () => {
      expect(checkName('p', 'n', 'a'.repeat(rule.minLength), rule)).toBe('a'.repeat(rule.minLength));
      expect(checkName('p', 'n', 'a'.repeat(rule.maxLength), rule)).toBe('a'.repeat(rule.maxLength));
    });

    test('rejects a name one character too long', () => expectValidationError(() => checkName('p', 'n', 'a'.repeat(rule.maxLength + 1), rule), 'n', 'a'.repeat(rule.maxLength + 1)));

    test('rejects a name one character too short', () => expectValidationError(() => checkName('p', 'n', 'a'.repeat(rule.minLength - 1), rule), 'n', 'a'.repeat(rule.minLength - 1)));
  });

  test('the longest deployment name, made alphanumeric, fits a storage account with its suffix', () => {
    const longest = 'a-b-c-d-e-f-g-hi';
    expect(checkDeploymentName('p', 'name', longest)).toBe(longest);
    expect(checkName('p', 'storage', alphanumeric(longest), sa, UNIQUE_SUFFIX_LENGTH)).toBe('abcdefghi');
    expect(checkName('p', 'storage', 'abcdefghijklmnop', sa, UNIQUE_SUFFIX_LENGTH)).toBe('abcdefghijklmnop');
  });
});

describe('alphanumeric', () => {
  test('drops everything but letters and digits', () => {
    expect(alphanumeric('my-app_1.x')).toBe('myapp1x');
    expect(alphanumeric('ABC123')).toBe('ABC123');
    expect(alphanumeric('--')).toBe('');
  });
});
