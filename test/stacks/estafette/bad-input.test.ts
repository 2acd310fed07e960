import * as path from 'path';
import { packageRoot } from '../../../lib/core/package-root';
import { ValidationError } from '../../../lib/core/validation';
import { loadConfigFile } from '../../../stacks/config-file';
import { DEPLOYMENT_KINDS, buildDeployment } from '../../../stacks/deployments';
import { testApp, thrown } from '../../support/synth';

type Kind = 'estafette-aks' | 'estafette-gke' | 'estafette-eks';

interface BadCase {
  readonly name: string;
  readonly kind: Kind;
  readonly patch: (c: any) => void;
  readonly field: string;
  readonly value: unknown;
  readonly allowed: RegExp;
}

const HOST = /^a lower-case DNS name/;
const CPU = /^a CPU quantity such as "100m" or "2"$/;
const MEMORY = /^a memory quantity such as "256Mi" or "12Gi"$/;
const CRON = /^a 5-field cron expression such as "0 3 \* \* \*", or "@hourly", "@daily", "@weekly", "@monthly"$/;

const CASES: BadCase[] = [
  { name: 'hosts equal', kind: 'estafette-aks', patch: (c) => (c.estafette.integrationsHost = c.estafette.baseHost), field: 'estafette.integrationsHost', value: 'ci.example.com', allowed: /^a host other than estafette\.baseHost/ },
  { name: 'base host with a scheme', kind: 'estafette-gke', patch: (c) => (c.estafette.baseHost = 'https://ci.example.com'), field: 'estafette.baseHost', value: 'https://ci.example.com', allowed: HOST },
  { name: 'integrations host in capitals', kind: 'estafette-eks', patch: (c) => (c.estafette.integrationsHost = 'Hooks.example.com'), field: 'estafette.integrationsHost', value: 'Hooks.example.com', allowed: HOST },
  { name: 'base host outside the DNS zone', kind: 'estafette-aks', patch: (c) => (c.estafette.baseHost = 'ci.example.org'), field: 'estafette.baseHost', value: 'ci.example.org', allowed: /zone/ },
  { name: 'integrations host outside the DNS zone', kind: 'estafette-eks', patch: (c) => (c.estafette.integrationsHost = 'hooks.example.net'), field: 'estafette.integrationsHost', value: 'hooks.example.net', allowed: /zone/ },
  { name: 'two database nodes', kind: 'estafette-gke', patch: (c) => (c.estafette.db.replicas = 2), field: 'estafette.db.replicas', value: 2, allowed: /^an integer from 3 to 15$/ },
  { name: 'one database node', kind: 'estafette-eks', patch: (c) => (c.estafette.db.replicas = 1), field: 'estafette.db.replicas', value: 1, allowed: /^an integer from 3 to 15$/ },
  { name: 'database volume in GB', kind: 'estafette-aks', patch: (c) => (c.estafette.db.storageSize = '100GB'), field: 'estafette.db.storageSize', value: '100GB', allowed: /^a volume size in Gi/ },
  { name: 'cron with four fields', kind: 'estafette-gke', patch: (c) => (c.estafette.backup.schedule = '0 3 * *'), field: 'estafette.backup.schedule', value: '0 3 * *', allowed: CRON },
  { name: 'cron word CockroachDB does not take', kind: 'estafette-eks', patch: (c) => (c.estafette.backup.schedule = '@reboot'), field: 'estafette.backup.schedule', value: '@reboot', allowed: CRON },
  { name: 'cron with SQL in it', kind: 'estafette-aks', patch: (c) => (c.estafette.backup.schedule = "@daily'; DROP DATABASE x; --"), field: 'estafette.backup.schedule', value: "@daily'; DROP DATABASE x; --", allowed: CRON },
  { name: 'backup label with a quote', kind: 'estafette-gke', patch: (c) => (c.estafette.backup.label = "daily'x"), field: 'estafette.backup.label', value: "daily'x", allowed: /^an SQL name/ },
  { name: 'backups kept 3 days', kind: 'estafette-eks', patch: (c) => (c.estafette.backup.retentionDays = 3), field: 'estafette.backup.retentionDays', value: 3, allowed: /^an integer from 7 to 3650$/ },
  { name: 'no API replicas', kind: 'estafette-aks', patch: (c) => (c.estafette.api = { replicas: 0 }), field: 'estafette.api.replicas', value: 0, allowed: /^an integer from 1 to 50$/ },
  { name: 'autoscaler maximum below replicas', kind: 'estafette-gke', patch: (c) => (c.estafette.web = { replicas: 5, maxReplicas: 4 }), field: 'estafette.web.maxReplicas', value: 4, allowed: /^at least estafette\.web\.replicas \(5\)$/ },
  { name: 'CPU in cores with a unit', kind: 'estafette-eks', patch: (c) => (c.estafette.api = { resources: { cpu: '2cores' } }), field: 'estafette.api.resources.cpu', value: '2cores', allowed: CPU },
  { name: 'memory in GB', kind: 'estafette-aks', patch: (c) => (c.estafette.db.resources = { memory: '12GB' }), field: 'estafette.db.resources.memory', value: '12GB', allowed: MEMORY },
  { name: 'a NATS cluster of two', kind: 'estafette-gke', patch: (c) => (c.estafette.queue = { replicas: 2 }), field: 'estafette.queue.replicas', value: 2, allowed: /^an integer from 3 to 7$/ },
  { name: 'a postgres section', kind: 'estafette-eks', patch: (c) => (c.postgres = { version: 16 }), field: 'postgres', value: 'set', allowed: /^nothing: Estafette CI needs no PostgreSQL server$/ },
  { name: 'shared keys turned off on AKS', kind: 'estafette-aks', patch: (c) => (c.storage = { allowSharedKeyAccess: false }), field: 'storage.allowSharedKeyAccess', value: false, allowed: /database backups authenticate with the storage account's key$/ },
];

function example(kind: Kind): any {
  return loadConfigFile(path.join(packageRoot(), DEPLOYMENT_KINDS[kind].example));
}

describe('bad Estafette input fails at synth with a ValidationError naming the field', () => {
  test('at least 15 cases, each of its own', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(15);
    const keys = CASES.map((c) => `${c.field}=${JSON.stringify(c.value)}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  test.each(CASES.map((c) => [`${c.kind}: ${c.name}`, c] as const))('%s', (_n, c) => {
    const config = example(c.kind);
    c.patch(config);
    const err = thrown(() => buildDeployment(testApp(), config));
    expect(err).toBeInstanceOf(ValidationError);
    const v = err as ValidationError;
    expect(v.field).toBe(c.field);
    expect(v.value).toEqual(c.value);
    expect(v.allowed).toMatch(c.allowed);
  });

  test('the unchanged examples build', () => {
    for (const kind of ['estafette-aks', 'estafette-gke', 'estafette-eks'] as const) expect(() => buildDeployment(testApp(), example(kind))).not.toThrow();
  });
});
