import { TerraformStack } from 'cdktf';
import { GoogleBetaProvider, ProjectServiceIdentity, googleBetaProvider } from '../../lib/gcp/service-identity';
import { only, synth } from '../support/synth';
import { PROJECT, expressions, googleStack } from './fixtures';

describe('ProjectServiceIdentity (google-beta, without its binding)', () => {
  test('a google_project_service_identity on the google-beta provider, pinned to the GA line', () => {
    const stack = googleStack();
    const id = new ProjectServiceIdentity(stack, 'agent', { project: PROJECT, service: 'servicenetworking.googleapis.com' });
    const json = synth(stack);
    const r = only(json, 'google_project_service_identity');
    expect(r).toEqual({ project: PROJECT, service: 'servicenetworking.googleapis.com', provider: 'google-beta' });
    expect(json.provider!['google-beta']).toEqual([{ project: PROJECT }]);
    expect(json.terraform.required_providers['google-beta']).toEqual({ source: 'hashicorp/google-beta', version: '6.50.0' });
    expect(json.terraform.required_providers.google.version).toBe('6.50.0');
    const e = expressions(stack, { email: id.email, member: id.member });
    expect(e.email).toBe('${google_project_service_identity.agent.email}');
    expect(e.member).toBe('serviceAccount:${google_project_service_identity.agent.email}');
  });

  test('one google-beta provider per stack, however many identities', () => {
    const stack: TerraformStack = googleStack();
    new ProjectServiceIdentity(stack, 'a', { project: PROJECT, service: 'servicenetworking.googleapis.com' });
    new ProjectServiceIdentity(stack, 'b', { project: PROJECT, service: 'sqladmin.googleapis.com' });
    expect(googleBetaProvider(stack)).toBeInstanceOf(GoogleBetaProvider);
    expect(synth(stack).provider!['google-beta']).toHaveLength(1);
  });
});
