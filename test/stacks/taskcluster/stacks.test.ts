import { Synthesized } from '../../support/synth';
import { addressesOf, dependencyGraph, dependsOn } from '../../support/graph';
import { TASKCLUSTER_KINDS, TaskclusterKind, TaskclusterPair, addressAt, taskclusterPair } from './fixtures';

/** Per cloud: the data source the platform stack reaches the cluster through, and the infra stack's database server. */
const CLOUD: Record<TaskclusterKind, { readonly cluster: string; readonly database: string }> = {
  'taskcluster-aks': { cluster: 'data.azurerm_kubernetes_cluster', database: 'azurerm_postgresql_flexible_server' },
  'taskcluster-gke': { cluster: 'data.google_container_cluster', database: 'google_sql_database_instance' },
  'taskcluster-eks': { cluster: 'data.aws_eks_cluster', database: 'aws_db_instance' },
};

/** The Secrets the Taskcluster chart reads, one per service (infrastructure/k8s of v106.0.0). */
const TASKCLUSTER_SECRETS = [
  'auth', 'built-in-workers', 'github', 'hooks', 'index', 'notify', 'object', 'purge-cache', 'queue', 'references', 'secrets', 'ui', 'web-server', 'worker-manager',
].map((s) => `taskcluster-${s}`);

/** An output's expression with every local value it reads inlined, recursively: all Terraform will evaluate for it. */
function expressionOf(json: Synthesized, output: string): string {
  const seen = new Set<string>();
  const parts = [JSON.stringify(json.output![output].value)];
  for (let i = 0; i < parts.length; i++) {
    for (const m of parts[i]!.matchAll(/\blocal\.([A-Za-z0-9_-]+)/g)) {
      if (seen.has(m[1]!) || !(m[1]! in (json.locals ?? {}))) continue;
      seen.add(m[1]!);
      parts.push(JSON.stringify(json.locals![m[1]!]));
    }
  }
  return parts.join('\n');
}

describe.each(TASKCLUSTER_KINDS.map((k) => [k] as const))('%s, the embedded example', (kind) => {
  // One synth per kind for every test below.
  let pair: TaskclusterPair;
  beforeAll(() => {
    pair = taskclusterPair(kind);
  });

  describe('ordering', () => {
    let graph: ReturnType<typeof dependencyGraph>;
    let release: string;
    let migrations: string;
    let bootstrap: string;
    let rabbitmq: string;
    let rabbitmqUsers: string;
    beforeAll(() => {
      graph = dependencyGraph(pair.platformJson);
      release = addressAt(pair.platformJson, 'helm_release', '/taskcluster/release');
      migrations = addressAt(pair.platformJson, 'kubernetes_job_v1', '/taskcluster-migrations/job');
      bootstrap = addressAt(pair.platformJson, 'kubernetes_job_v1', '/app-database-bootstrap/job');
      rabbitmq = addressAt(pair.platformJson, 'kubernetes_stateful_set_v1', '/message-bus/nodes');
      rabbitmqUsers = addressAt(pair.platformJson, 'kubernetes_job_v1', '/message-bus/users');
    });

    test('the Taskcluster release is the chart `taskcluster` and waits for the migrations Job', () => {
      expect(pair.platformJson.resource!.helm_release![release.split('.')[1]!].name).toBe('taskcluster');
      expect(dependsOn(graph, release, migrations)).toBe(true);
    });

    test('the migrations Job waits for the database bootstrap and for RabbitMQ (its StatefulSet and its users Job)', () => {
      for (const to of [bootstrap, rabbitmq, rabbitmqUsers]) expect({ to, waits: dependsOn(graph, migrations, to) }).toEqual({ to, waits: true });
    });

    test('the database bootstrap waits for the cluster connection', () => {
      const [cluster, ...others] = addressesOf(graph, CLOUD[kind].cluster);
      expect(others).toEqual([]);
      expect(dependsOn(graph, bootstrap, cluster!)).toBe(true);
    });

    test('no edge runs the other way (so the checks above can fail): nothing before the migrations waits for them', () => {
      for (const from of [bootstrap, rabbitmq, rabbitmqUsers]) expect({ from, waits: dependsOn(graph, from, migrations) }).toEqual({ from, waits: false });
      expect(dependsOn(graph, migrations, release)).toBe(false);
      expect(dependsOn(graph, bootstrap, release)).toBe(false);
    });

    test('the platform stack is applied after the infra stack, which holds the database server', () => {
      expect(pair.platform.dependencies).toContain(pair.infra);
      expect(pair.infra.dependencies).not.toContain(pair.platform);
      expect(addressesOf(dependencyGraph(pair.infraJson), CLOUD[kind].database)).toHaveLength(1);
      expect(addressesOf(graph, CLOUD[kind].database)).toEqual([]);
      // The bootstrap reads the server's admin login from the infra stack's state.
      const remote = addressesOf(graph, 'data.terraform_remote_state');
      expect(remote).toHaveLength(1);
      expect(dependsOn(graph, bootstrap, remote[0]!)).toBe(true);
      expect(JSON.stringify(pair.platformJson.data!.terraform_remote_state![remote[0]!.split('.')[2]!].config)).toContain(pair.infra.node.id);
    });
  });

  describe('outputs', () => {
    test('shell, kubernetes_secrets (sensitive), helm_values and taskcluster_root_access_token (sensitive); no install_commands', () => {
      const outputs = pair.infraJson.output!;
      for (const name of ['shell', 'kubernetes_secrets', 'helm_values', 'taskcluster_root_access_token']) expect(Object.keys(outputs)).toContain(name);
      expect(outputs.kubernetes_secrets.sensitive).toBe(true);
      expect(outputs.taskcluster_root_access_token.sensitive).toBe(true);
      // The install script would leave out the database bootstrap, RabbitMQ and the migrations.
      expect(Object.keys(outputs)).not.toContain('install_commands');
      expect(Object.keys(pair.platformJson.output ?? {})).not.toContain('install_commands');
    });

    test('the root access token is generated by Terraform', () => {
      expect(pair.infraJson.output!.taskcluster_root_access_token.value).toMatch(/^\$\{random_password\.[^.}]+\.result\}$/);
    });

    test('kubernetes_secrets holds the 14 Secrets taskcluster-<service>, in the app namespace', () => {
      const value = pair.infraJson.output!.kubernetes_secrets.value as string;
      const locals = [...value.matchAll(/yamlencode\(local\.([A-Za-z0-9_]+)\)/g)].map((m) => m[1]!);
      const docs = locals.map((l) => pair.infraJson.locals![l]);
      expect(docs.map((d) => d.metadata.name).sort()).toEqual([...TASKCLUSTER_SECRETS].sort());
      for (const d of docs) expect({ name: d.metadata.name, kind: d.kind, namespace: d.metadata.namespace }).toEqual({ name: d.metadata.name, kind: 'Secret', namespace: 'taskcluster' });
      // The platform stack creates the same Secrets for the release.
      const created = Object.values(pair.platformJson.resource!.kubernetes_secret_v1!).map((s: any) => s.metadata.name);
      for (const name of TASKCLUSTER_SECRETS) expect(created).toContain(name);
    });

    test('the admin URL (ADMIN_DB_URL) is only in the migrations Job\'s own Secret: never in helm_values or kubernetes_secrets', () => {
      // Where it is: the migrations Secret's one key, built from the admin password the infra stack generated.
      const secret = pair.platformJson.resource!.kubernetes_secret_v1![addressAt(pair.platformJson, 'kubernetes_secret_v1', '/taskcluster-migrations/secret').split('.')[1]!];
      expect(Object.keys(secret.data)).toEqual(['ADMIN_DB_URL']);
      const crossOutput = /outputs\.(cross-stack-output-random_password[A-Za-z0-9_-]+)/.exec(secret.data.ADMIN_DB_URL)![1]!;
      const adminPassword = /^\$\{(random_password\.[^.}]+)\.result\}$/.exec(pair.infraJson.output![crossOutput].value)![1]!;
      expect(pair.infraJson.resource!.random_password![adminPassword.split('.')[1]!]).toBeDefined();
      // Only the migrations construct mentions it in the platform stack; the infra stack not at all.
      const mentions = Object.values(pair.platformJson.resource!)
        .flatMap((byName) => Object.values(byName))
        .filter((r: any) => JSON.stringify(r).includes('ADMIN_DB_URL'))
        .map((r: any) => r['//'].metadata.path.split('/').slice(1, 2)[0]);
      expect([...new Set(mentions)]).toEqual(['taskcluster-migrations']);
      expect(JSON.stringify(pair.infraJson)).not.toContain('ADMIN_DB_URL');
      // Neither output reads the admin password, even hashed.
      for (const output of ['helm_values', 'kubernetes_secrets']) {
        const expr = expressionOf(pair.infraJson, output);
        expect({ output, admin: expr.includes('ADMIN_DB_URL') || expr.includes(adminPassword) }).toEqual({ output, admin: false });
      }
      // The same check finds the service passwords these outputs do carry (so it can fail).
      expect(expressionOf(pair.infraJson, 'kubernetes_secrets')).toMatch(/random_password\.database-role-taskcluster-auth-password\.result/);
    });
  });
});
