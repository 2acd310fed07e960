import { TerraformStack, TerraformVariable, Token } from 'cdktf';
import { imageReference } from '../../lib/core/registry';
import { testApp } from '../support/synth';

const registry = { name: 'reg', loginServer: 'reg.azurecr.io' };

describe('imageReference', () => {
  test('login server and repository', () => {
    expect(imageReference(registry, 'spacelift-backend')).toBe('reg.azurecr.io/spacelift-backend');
  });

  test('with a tag', () => {
    expect(imageReference(registry, 'spacelift-backend', 'v4.0.0')).toBe('reg.azurecr.io/spacelift-backend:v4.0.0');
  });

  test('nested repository paths are kept', () => {
    expect(imageReference(registry, 'team/app', '1')).toBe('reg.azurecr.io/team/app:1');
  });

  test('a login server token stays a token', () => {
    const server = new TerraformVariable(new TerraformStack(testApp(), 't'), 'server', { type: 'string' }).stringValue;
    const ref = imageReference({ name: 'reg', loginServer: server }, 'app', 'v1');
    expect(Token.isUnresolved(ref)).toBe(true);
    expect(ref.startsWith(server)).toBe(true);
    expect(ref.endsWith('/app:v1')).toBe(true);
  });
});
