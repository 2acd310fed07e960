import { execFileSync } from 'child_process';
import * as fs from 'fs';
import { TASKCLUSTER_INGRESS_ROUTES, TASKCLUSTER_SECRET_KEYS, TASKCLUSTER_VERSION } from '../../../lib/apps/taskcluster/chart';
import { TASKCLUSTER_CHART_SERVICES, TASKCLUSTER_DB_SERVICES, TASKCLUSTER_PULSE_SERVICES, hyphenated, pulsePermissions, staticClientIds } from '../../../lib/apps/taskcluster/services';

/**
 * The facts the Taskcluster building blocks hard-code, checked against the Taskcluster repository at the release tag
 * (chart templates, auth's static client list, the deployment docs). Not part of `npm test`: the repository is not a
 * test dependency and CI has no network. Run them when moving to a new Taskcluster release, against any git copy of
 * taskcluster/taskcluster that has the tag (docs/taskcluster.md, "Upgrades"):
 *
 *   TASKCLUSTER_REPO=/path/to/taskcluster npm run test:upstream
 *
 * Without such a copy they fail, naming what is missing.
 */
const REPO = process.env.TASKCLUSTER_REPO ?? '';
function checkRepository(): void {
  if (REPO === '' || !fs.existsSync(REPO)) throw new Error(`set TASKCLUSTER_REPO to a git copy of taskcluster/taskcluster (it is ${JSON.stringify(REPO)})`);
  try {
    execFileSync('git', ['-C', REPO, 'rev-parse', '--verify', '-q', `${TASKCLUSTER_VERSION}^{commit}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${REPO} has no tag ${TASKCLUSTER_VERSION}: fetch it (git -C ${REPO} fetch origin tag ${TASKCLUSTER_VERSION})`);
  }
}
beforeAll(checkRepository);

const show = (file: string): string => execFileSync('git', ['-C', REPO, 'show', `${TASKCLUSTER_VERSION}:${file}`], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });

describe(`Taskcluster ${TASKCLUSTER_VERSION} facts from its repository`, () => {
  test.each([...TASKCLUSTER_CHART_SERVICES])('the chart\'s Secret template of %s has exactly our keys, in order', (service) => {
    const text = show(`infrastructure/k8s/templates/taskcluster-${hyphenated(service)}-secret.yaml`);
    const keys = [...text.matchAll(/^ {2}([A-Z0-9_]+): '/gm)].map((m) => m[1]);
    expect(keys).toEqual(TASKCLUSTER_SECRET_KEYS[service]);
    expect(text).toMatch(/has "secret" \.Values\.skipResourceTypes/);
  });

  test('the auth service requires exactly our static clients', () => {
    const scopes = JSON.parse(show('services/auth/src/static-scopes.json')) as { clientId: string }[];
    expect(scopes.map((s) => s.clientId).sort()).toEqual(staticClientIds().sort());
  });

  test('the database docs list our 11 service users', () => {
    const doc = show('ui/docs/manual/deploying/database.mdx');
    const users = [...doc.matchAll(/`<prefix>_([a-z_]+)`/g)].map((m) => m[1]);
    expect([...new Set(users)].sort()).toEqual([...TASKCLUSTER_DB_SERVICES].sort());
  });

  test('the Pulse docs give our permission patterns', () => {
    const doc = show('ui/docs/manual/deploying/pulse.mdx');
    const p = pulsePermissions('queue');
    const documented = (kind: string) => new RegExp(`\\*\\*${kind}\\*\\*: \`([^\`]+)\``).exec(doc)?.[1]?.replace(/<service>/g, 'queue');
    expect({ configure: documented('configure'), write: documented('write'), read: documented('read') }).toEqual(p);
    // The services whose Secret carries Pulse credentials are ours.
    const withPulse = TASKCLUSTER_CHART_SERVICES.filter((s) => TASKCLUSTER_SECRET_KEYS[s].includes('PULSE_USERNAME'));
    expect(withPulse.sort()).toEqual([...TASKCLUSTER_PULSE_SERVICES].sort());
  });

  test('the chart\'s Ingress routes are ours', () => {
    const text = show('infrastructure/k8s/templates/ingress.yaml');
    const paths = [...text.matchAll(/trimSuffix "\*" "([^"]+)"/g)].map((m) => m[1]!.replace(/\*$/, ''));
    const services = [...text.matchAll(/name: (taskcluster-[a-z-]+)\n\s+port:\n\s+number: 80/g)].map((m) => m[1]);
    expect(paths.map((path, i) => ({ path, service: services[i] }))).toEqual(TASKCLUSTER_INGRESS_ROUTES);
  });

  test('the image runs as uid 1000 with the entrypoint that knows script/db:upgrade', () => {
    expect(show('Dockerfile')).toMatch(/^USER 1000$/m);
    expect(show('entrypoint')).toMatch(/^script\/db:upgrade\) shift; exec yarn run db:upgrade/m);
    expect(show('infrastructure/k8s/Chart.yaml')).toMatch(/^version: 0\.2\.0$/m);
  });
});
