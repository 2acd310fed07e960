import { GKE_SERVICE_ACCOUNT_ANNOTATION, GcpWorkloadIdentity, GcpWorkloadIdentityProps } from '../../lib/gcp/identity';
import { only, resources, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { PROJECT, expressions, googleStack } from './fixtures';

function make(over: Partial<GcpWorkloadIdentityProps> = {}) {
  const stack = googleStack();
  const identity = new GcpWorkloadIdentity(stack, 'wi', {
    project: PROJECT,
    accountId: 'sl-backend',
    workloadPool: `${PROJECT}.svc.id.goog`,
    serviceAccount: { namespace: 'spacelift', name: 'spacelift-backend' },
    ...over,
  });
  return { stack, identity };
}

const ref = (type: string, attr: string) => new RegExp(`^\\$\\{${type}\\.[^.]+\\.${attr}\\}$`);

describe('GcpWorkloadIdentity', () => {
  test('a Google service account (no key) named for the Kubernetes service account', () => {
    const json = synth(make().stack);
    expect(only(json, 'google_service_account')).toMatchObject({
      project: PROJECT,
      account_id: 'sl-backend',
      display_name: 'spacelift/spacelift-backend',
    });
    expect(resources(json, 'google_service_account_key')).toEqual({});
  });

  test('only the one Kubernetes service account may act as it, bound on the account itself, not project-wide', () => {
    const json = synth(make().stack);
    const binding = only(json, 'google_service_account_iam_member');
    expect(binding).toMatchObject({
      role: 'roles/iam.workloadIdentityUser',
      member: `serviceAccount:${PROJECT}.svc.id.goog[spacelift/spacelift-backend]`,
    });
    expect(binding.service_account_id).toMatch(ref('google_service_account', 'name'));
    expect(resources(json, 'google_project_iam_member')).toEqual({});
  });

  test('a workload pool read from the cluster is kept as a reference, so the binding waits for the cluster', () => {
    const stack = googleStack();
    new GcpWorkloadIdentity(stack, 'wi', {
      project: PROJECT,
      accountId: 'sl-backend',
      workloadPool: '${google_container_cluster.c.workload_identity_config[0].workload_pool}',
      serviceAccount: { namespace: 'spacelift', name: 'spacelift-backend' },
    });
    expect(only(synth(stack), 'google_service_account_iam_member').member).toBe(
      'serviceAccount:${google_container_cluster.c.workload_identity_config[0].workload_pool}[spacelift/spacelift-backend]',
    );
  });

  test('with signsUrls it may sign blobs as itself, and as nothing else', () => {
    const json = synth(make({ signsUrls: true }).stack);
    const bindings = Object.values(resources(json, 'google_service_account_iam_member')) as any[];
    const signer = bindings.find((b) => b.role === 'roles/iam.serviceAccountTokenCreator');
    expect(signer.member).toMatch(ref('google_service_account', 'member'));
    expect(signer.service_account_id).toMatch(ref('google_service_account', 'name'));
    expect(bindings).toHaveLength(2);
  });

  test('the service account annotation GKE reads, no pod labels, and the member for grants', () => {
    const { stack, identity } = make();
    expect(Object.keys(identity.serviceAccountAnnotations)).toEqual([GKE_SERVICE_ACCOUNT_ANNOTATION]);
    expect(GKE_SERVICE_ACCOUNT_ANNOTATION).toBe('iam.gke.io/gcp-service-account');
    expect(identity.podLabels).toEqual({});
    const e = expressions(stack, { annotation: identity.serviceAccountAnnotations[GKE_SERVICE_ACCOUNT_ANNOTATION], member: identity.member, email: identity.email });
    expect(e.annotation).toMatch(ref('google_service_account', 'email'));
    expect(e.email).toBe(e.annotation);
    expect(e.member).toMatch(ref('google_service_account', 'member'));
  });

  test('rejects a malformed project id', () => expectValidationError(() => make({ project: 'p' }), 'project', 'p'));
  test('rejects an account id that is too short', () => expectValidationError(() => make({ accountId: 'sl' }), 'accountId', 'sl'));
  test('rejects an account id that is too long', () => expectValidationError(() => make({ accountId: 'a'.repeat(31) }), 'accountId', 'a'.repeat(31)));
  test('rejects a bad namespace', () => expectValidationError(() => make({ serviceAccount: { namespace: 'Spacelift', name: 'x' } }), 'serviceAccount.namespace', 'Spacelift'));
  test('rejects a bad service account name', () => expectValidationError(() => make({ serviceAccount: { namespace: 'spacelift', name: 'Backend' } }), 'serviceAccount.name', 'Backend'));
});
