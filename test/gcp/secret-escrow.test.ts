import { Password } from '@cdktf/provider-random/lib/password';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { TerraformStack } from 'cdktf';
import { GcpSecretEscrow, GcpSecretEscrowProps } from '../../lib/gcp/secret-escrow';
import { checkPolicies } from '../../lib/policy/aspect';
import { Synthesized, only, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { PROJECT, expressions, googleStack, token } from './fixtures';

function make(over: Partial<GcpSecretEscrowProps> = {}, stack: TerraformStack = googleStack()): { stack: TerraformStack; escrow: GcpSecretEscrow } {
  const value = new Password(stack, 'key', { length: 32, special: false }).result;
  const escrow = new GcpSecretEscrow(stack, 'escrow', { project: PROJECT, secretId: 'estafette-secret-decryption-key', value, ...over });
  return { stack, escrow };
}

describe('GcpSecretEscrow', () => {
  let json: Synthesized;
  let escrow: GcpSecretEscrow;
  let stack: TerraformStack;
  beforeAll(() => {
    stack = googleStack();
    const api = new ProjectService(stack, 'api', { project: PROJECT, service: 'secretmanager.googleapis.com' });
    ({ escrow } = make({ labels: { app: 'estafette' }, dependsOn: [api] }, stack));
    json = synth(stack);
  });

  test('automatic replication, labels, deletion protection and prevent_destroy, after the API', () => {
    expect(only(json, 'google_secret_manager_secret')).toMatchObject({
      project: PROJECT,
      secret_id: 'estafette-secret-decryption-key',
      replication: { auto: {} },
      labels: { app: 'estafette' },
      deletion_protection: true,
      lifecycle: { prevent_destroy: true },
      depends_on: [expect.stringMatching(/^google_project_service\./)],
    });
  });

  test('the value is a version of the secret; a replaced version is disabled, not destroyed', () => {
    const v = only(json, 'google_secret_manager_secret_version');
    expect(v.secret).toMatch(/^\$\{google_secret_manager_secret\.[^.]+\.id\}$/);
    expect(v.secret_data).toMatch(/^\$\{random_password\.[^.]+\.result\}$/);
    expect(v.deletion_policy).toBe('DISABLE');
  });

  test('the read-back command names the secret and the project, never the value', () => {
    expect(escrow.cloud).toBe('gcp');
    expect(escrow.readBackCommand).toBe(`gcloud secrets versions access latest --secret estafette-secret-decryption-key --project ${PROJECT}`);
  });

  test('passes the policy pack', () => {
    expect(checkPolicies(stack).findings.filter((f) => f.ruleId.startsWith('GCP-SM'))).toEqual([]);
  });

  test('a location keeps the secret in one region; allowDestroy lifts both protections', () => {
    const j = synth(make({ location: 'europe-west1', allowDestroy: true }).stack);
    expect(only(j, 'google_secret_manager_secret')).toMatchObject({
      replication: { user_managed: { replicas: [{ location: 'europe-west1' }] } },
      deletion_protection: false,
      lifecycle: { prevent_destroy: false },
    });
  });

  test('a project that is a token is quoted by Terraform in the read-back command', () => {
    const s = googleStack();
    const { escrow: e } = make({ project: token(s, 'project') }, s);
    expect(expressions(s, { cmd: e.readBackCommand }).cmd).toContain('replace(var.project');
  });

  test.each([
    ['secretId', 'has space'],
    ['secretId', ''],
    ['project', 'Bad_Project'],
    ['location', 'mars-central1'],
    ['labels.App', 'App'],
  ] as const)('rejects %s %p', (field, value) => {
    const over: Partial<GcpSecretEscrowProps> = field === 'labels.App' ? { labels: { App: 'x' } } : { [field]: value };
    expectValidationError(() => make(over), field, value);
  });

  test('rejects a literal value', () => {
    expectValidationError(() => make({ value: 'hunter2' }), 'value', '***');
  });
});
