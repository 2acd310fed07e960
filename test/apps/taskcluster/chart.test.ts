import { TASKCLUSTER_PROCESSES, TASKCLUSTER_SECRET_KEYS } from '../../../lib/apps/taskcluster/chart';
import { TASKCLUSTER_CHART_SERVICES, TASKCLUSTER_CLIENT_SERVICES, TASKCLUSTER_DB_SERVICES } from '../../../lib/apps/taskcluster/services';
import { describeWithSharedSchemas } from '../../support/requirements';
import { sharedSchema } from '../../support/synth';

describe('Taskcluster chart facts', () => {
  test('a Secret key list per chart service; database users read URLs, clients hold their token', () => {
    expect(Object.keys(TASKCLUSTER_SECRET_KEYS).sort()).toEqual([...TASKCLUSTER_CHART_SERVICES].sort());
    for (const s of TASKCLUSTER_DB_SERVICES) expect(TASKCLUSTER_SECRET_KEYS[s]).toEqual(expect.arrayContaining(['READ_DB_URL', 'WRITE_DB_URL']));
    for (const s of TASKCLUSTER_CLIENT_SERVICES) expect(TASKCLUSTER_SECRET_KEYS[s]).toContain('TASKCLUSTER_ACCESS_TOKEN');
    expect(TASKCLUSTER_SECRET_KEYS.auth).not.toContain('TASKCLUSTER_ACCESS_TOKEN');
  });
});

describeWithSharedSchemas()('Taskcluster processes against the chart schema', () => {
  const schema = sharedSchema('taskcluster-values.schema.json');
  test.each([...TASKCLUSTER_CHART_SERVICES])('%s: exactly the processes the schema knows; Deployments are those with replicas', (service) => {
    const procs = schema.properties[service].properties.procs;
    const ours = TASKCLUSTER_PROCESSES[service];
    expect(ours.map((p) => p.name).sort()).toEqual(Object.keys(procs.properties).sort());
    expect([...procs.required].sort()).toEqual(ours.map((p) => p.name).sort());
    for (const p of ours) {
      expect({ name: p.name, replicas: procs.properties[p.name].required.includes('replicas') }).toEqual({ name: p.name, replicas: p.kind === 'deployment' });
    }
  });
});
