import { serviceAccountSubject } from '../../lib/core/workload-identity';

describe('serviceAccountSubject', () => {
  test('is system:serviceaccount:<namespace>:<name>', () => {
    expect(serviceAccountSubject({ namespace: 'spacelift', name: 'spacelift-backend' })).toBe('system:serviceaccount:spacelift:spacelift-backend');
  });

  test('namespace comes before name', () => {
    expect(serviceAccountSubject({ namespace: 'a', name: 'b' })).not.toBe(serviceAccountSubject({ namespace: 'b', name: 'a' }));
  });
});
