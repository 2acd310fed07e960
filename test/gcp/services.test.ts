import { GKE_DEPLOYMENT_APIS, GcpProjectServices } from '../../lib/gcp/services';
import { resources, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { PROJECT, googleStack } from './fixtures';

function make(services: readonly string[] = GKE_DEPLOYMENT_APIS, project = PROJECT) {
  const stack = googleStack();
  const s = new GcpProjectServices(stack, 'services', { project, services });
  return { stack, s };
}

describe('GcpProjectServices', () => {
  test('one google_project_service per API, left on when the deployment is destroyed', () => {
    const json = synth(make().stack);
    const all = Object.values(resources(json, 'google_project_service'));
    expect(all.map((s: any) => s.service).sort()).toEqual([...GKE_DEPLOYMENT_APIS].sort());
    for (const s of all) expect(s).toEqual({ project: PROJECT, service: s.service, disable_on_destroy: false, disable_dependent_services: false });
  });

  test('the deployment APIs cover the cluster, database, storage, registry, peering and keyless signing', () => {
    for (const api of ['container', 'sqladmin', 'storage', 'artifactregistry', 'servicenetworking', 'iamcredentials', 'compute']) {
      expect(GKE_DEPLOYMENT_APIS).toContain(`${api}.googleapis.com`);
    }
  });

  test('on() returns the named APIs only', () => {
    const { s } = make();
    expect(s.on('container.googleapis.com', 'nope.googleapis.com')).toEqual([s.services['container.googleapis.com']]);
    expect(s.dependables).toHaveLength(GKE_DEPLOYMENT_APIS.length);
  });

  test('rejects a malformed project id', () => expectValidationError(() => make(GKE_DEPLOYMENT_APIS, 'My Project'), 'project', 'My Project'));
  test('rejects a service that is not a Google API name', () => expectValidationError(() => make(['container']), 'services[0]', 'container'));
  test('rejects an empty list', () => expectValidationError(() => make([]), 'services', []));
});
