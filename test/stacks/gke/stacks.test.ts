import { spaceliftGke } from '../../../stacks/gke';
import { SpaceliftGkeConfig } from '../../../stacks/gke/spacelift-config';
import { SPACELIFT_DATABASE_CONNECTIONS } from '../../../lib/apps/spacelift/app';
import { byPath, only, resources, synthApp, testApp } from '../../support/synth';
import { gkeConfigWith, gkeExampleConfig } from './fixtures';

function pair(config: SpaceliftGkeConfig = gkeExampleConfig()) {
  const app = testApp();
  const stacks = spaceliftGke(app, config);
  const json = synthApp(app);
  return { app, ...stacks, infraJson: json[stacks.infra.node.id]!, platformJson: json[stacks.platform.node.id]! };
}

describe('spacelift-gke stack pair', () => {
  const { infra, platform, infraJson, platformJson } = pair();

  test('names the stacks <name>-gke-infra and <name>-gke-platform, platform after infra', () => {
    expect(infra.node.id).toBe('spacelift-gke-infra');
    expect(platform.node.id).toBe('spacelift-gke-platform');
    expect(platform.dependencies).toContain(infra);
    const { infra: i2, platform: p2 } = spaceliftGke(testApp(), gkeConfigWith((c) => (c.name = 'ci')));
    expect([i2.node.id, p2.node.id]).toEqual(['ci-gke-infra', 'ci-gke-platform']);
  });

  test('infra holds only cloud resources; platform only in-cluster ones', () => {
    const infraTypes = Object.keys(infraJson.resource ?? {});
    const platformTypes = Object.keys(platformJson.resource ?? {});
    expect(infraTypes.every((t) => t.startsWith('google_') || t.startsWith('random_') || t.startsWith('tls_'))).toBe(true);
    expect(platformTypes.every((t) => t.startsWith('kubernetes_') || t.startsWith('helm_'))).toBe(true);
    expect(platformTypes).toEqual(expect.arrayContaining(['helm_release', 'kubernetes_namespace_v1', 'kubernetes_secret_v1']));
  });

  test('the google provider gets the project and region; resources carry the deployment labels', () => {
    expect(infraJson.provider!.google![0]).toEqual({ project: 'my-spacelift-project', region: 'europe-west1' });
    const labels = { 'managed-by': 'cdktf', app: 'spacelift', deployment: 'spacelift' };
    expect(only(infraJson, 'google_container_cluster').resource_labels).toEqual(labels);
    expect(only(infraJson, 'google_sql_database_instance').settings.user_labels).toEqual(labels);
    for (const b of Object.values(resources(infraJson, 'google_storage_bucket'))) expect((b as any).labels).toEqual(labels);
  });

  test('the three outputs like AKS: shell and kubernetes_secrets sensitive, helm_values not; plus the named facts', () => {
    const out = infraJson.output!;
    expect(out.shell.sensitive).toBe(true);
    expect(out.kubernetes_secrets.sensitive).toBe(true);
    expect(out.helm_values.sensitive).toBeUndefined();
    expect(out.kubernetes_secrets.value).toBe(
      '${join("---\\n", [yamlencode(local.spacelift_shared), yamlencode(local.spacelift_server), yamlencode(local.spacelift_drain), yamlencode(local.spacelift_database_ca)])}',
    );
    // Built by Terraform from the published values document (what it renders to: test/render).
    expect(out.helm_values.value).toContain('local.spacelift_helm_values');
    expect(out.cluster_name.value).toMatch(/^\$\{google_container_cluster\.[^.]+\.name\}$/);
    expect(out.public_ip_address.value).toMatch(/^\$\{google_compute_address\.[^.]+\.address\}$/);
    expect(out.database_connection_name.value).toMatch(/^\$\{google_sql_database_instance\.[^.]+\.connection_name\}$/);
    expect(out.registry_login_server.value).toMatch(/^europe-west1-docker\.pkg\.dev\/my-spacelift-project\//);
    expect(out.postgres_admin_password).toBeUndefined();
    expect(out.shell.value).toContain("format(\"export GKE_CLUSTER_NAME='%s'\\n\", replace(local.shell_env.GKE_CLUSTER_NAME, \"'\", local.shell_env_quote))");
  });

  test("the Google flavour of the Secret: gcp storage, the project, the GCS endpoint for uploads, a password URL that verifies the instance's CA", () => {
    const shared = infraJson.locals!.spacelift_shared_data;
    expect(shared).toMatchObject({
      OBJECT_STORAGE_TYPE: 'gcp',
      GCP_PROJECT: 'my-spacelift-project',
      OBJECT_STORAGE_BUCKET_UPLOADS_URL: 'https://storage.googleapis.com',
      ENCRYPTION_TYPE: 'rsa',
    });
    expect(shared.OBJECT_STORAGE_BUCKET_STATES).toMatch(/^\$\{google_storage_bucket\.[^.]+\.name\}$/);
    expect(shared.DATABASE_URL).toMatch(/google_sql_database_instance\.[^.]+\.private_ip_address, 5432, .*"verify-ca"\)\}$/);
    expect(shared.DATABASE_URL).toContain('?sslmode=%s&sslrootcert=/etc/spacelift/database-ca/ca.pem"');
    // The instance's own server CA, in its own Secret, mounted into every component that talks to the database.
    expect(infraJson.locals!.spacelift_database_ca_data).toEqual({ 'ca.pem': expect.stringMatching(/^\$\{google_sql_database_instance\.[^.]+\.server_ca_cert\[0\]\.cert\}$/) });
    const values = infraJson.locals!.spacelift_helm_values;
    for (const component of ['server', 'drain', 'scheduler']) {
      expect(values[component].volumes).toEqual([{ name: 'database-ca', secret: { secretName: 'spacelift-database-ca' } }]);
      expect(values[component].volumeMounts).toEqual([{ name: 'database-ca', mountPath: '/etc/spacelift/database-ca', readOnly: true }]);
    }
    expect(values.cloudSqlProxy).toBeUndefined();
  });

  test('postgres.tlsMode: require drops the CA and its Secret; the default tier needs no max_connections flag', () => {
    const { infraJson: i } = pair(gkeConfigWith((c) => (c.postgres = { ...c.postgres, tlsMode: 'require' })));
    expect(i.locals!.spacelift_shared_data.DATABASE_URL).toMatch(/"require"\)\}$/);
    expect(i.locals!.spacelift_database_ca_data).toBeUndefined();
    const flags = (db: any) => db.settings.database_flags.map((f: any) => f.name);
    expect(flags(only(infraJson, 'google_sql_database_instance'))).not.toContain('max_connections');
  });

  test("max_connections: raised to Spacelift's need on a small tier, or set explicitly", () => {
    const flag = (config: SpaceliftGkeConfig) =>
      only(pair(config).infraJson, 'google_sql_database_instance').settings.database_flags.find((f: any) => f.name === 'max_connections')?.value;
    expect(SPACELIFT_DATABASE_CONNECTIONS).toBe(200);
    expect(flag(gkeConfigWith((c) => (c.postgres = { ...c.postgres, tier: 'db-custom-1-3840' })))).toBe('200');
    expect(flag(gkeConfigWith((c) => (c.postgres = { ...c.postgres, maxConnections: 800 })))).toBe('800');
  });

  test('the platform Secrets and release read the same published documents as the outputs', () => {
    const secrets = Object.values(resources(platformJson, 'kubernetes_secret_v1')) as any[];
    expect(secrets.map((s) => s.metadata.name).sort()).toEqual(['spacelift-database-ca', 'spacelift-drain', 'spacelift-server', 'spacelift-shared']);
    for (const s of secrets) expect(s.data).toMatch(new RegExp(`outputs\\.cross-stack-output-local${s.metadata.name.replace(/-/g, '_')}_data\\}$`));
    const release = Object.values(resources(platformJson, 'helm_release')).find((r: any) => r.name === 'spacelift') as any;
    expect(release.values).toEqual([expect.stringMatching(/^\$\{yamlencode\(data\.terraform_remote_state\.[^)]+cross-stack-output-localspacelift_helm_values\)\}$/)]);
  });

  test('the platform reaches the cluster through a data source in its own stack and the access token of application-default credentials', () => {
    const data = platformJson.data!.google_container_cluster!;
    expect(Object.keys(data)).toHaveLength(1);
    expect(Object.values(data)[0]).toMatchObject({ project: 'my-spacelift-project', location: 'europe-west1' });
    const k8s = platformJson.provider!.kubernetes![0];
    expect(k8s.host).toMatch(/^https:\/\/\$\{data\.google_container_cluster\.[^.]+\.endpoint\}$/);
    // No exec plugin: CI with a service account key or workload identity federation needs neither gcloud nor
    // gke-gcloud-auth-plugin.
    expect(k8s.exec).toBeUndefined();
    expect(k8s.token).toMatch(/^\$\{data\.google_client_config\.[^.]+\.access_token\}$/);
    expect(Object.keys(platformJson.data!.google_client_config!)).toHaveLength(1);
    expect(k8s.client_key).toBeUndefined();
    expect(JSON.stringify(platformJson.provider)).not.toMatch(/terraform_remote_state/);
    expect(platformJson.provider!.helm![0].kubernetes.token).toBe(k8s.token);
    expect(platformJson.provider!.helm![0].kubernetes.exec).toBeUndefined();
  });

  test('the ingress controller asks for the static address with loadBalancerIP', () => {
    const values = JSON.stringify(platformJson.locals);
    expect(values).toMatch(/"loadBalancerIP":"\$\{data\.terraform_remote_state\.[^}]+google_compute_address[^}]+address\}"/);
  });

  test('user secrets are sensitive variables of the infra stack only', () => {
    expect(Object.keys(infraJson.variable ?? {}).sort()).toEqual(['spacelift_admin_password', 'spacelift_license_token']);
    expect(platformJson.variable).toBeUndefined();
  });

  test('Workload Identity: the spacelift-backend account, objectAdmin on each bucket, signing as itself, read from the cluster pool', () => {
    const wi = byPath(infraJson, 'google_service_account_iam_member', 'spacelift-identity/workload-identity-user');
    expect(wi.member).toMatch(/^serviceAccount:\$\{google_container_cluster\.[^.]+\.workload_identity_config\[0\]\.workload_pool\}\[spacelift\/spacelift-backend\]$/);
    const bucketGrants = Object.values(resources(infraJson, 'google_storage_bucket_iam_member')) as any[];
    expect(bucketGrants).toHaveLength(10);
    for (const g of bucketGrants) {
      expect(g.role).toBe('roles/storage.objectAdmin');
      expect(g.member).toMatch(/^\$\{google_service_account\.spacelift-identity_account_[^.]+\.member\}$/);
    }
    // Nothing project-wide for the app: the only project-level grants are the nodes' logging/metrics role and the
    // Service Networking agent's own role.
    const projectRoles = (Object.values(resources(infraJson, 'google_project_iam_member')) as any[]).map((m) => m.role).sort();
    expect(projectRoles).toEqual(['roles/container.defaultNodeServiceAccount', 'roles/servicenetworking.serviceAgent']);
    expect(infraJson.locals!.spacelift_helm_values.serviceAccount.annotations['iam.gke.io/gcp-service-account']).toMatch(/google_service_account\.spacelift-identity_account_[^.]+\.email/);
  });

  test('the nodes may read the image repository, nothing more', () => {
    const readers = Object.values(resources(infraJson, 'google_artifact_registry_repository_iam_member')) as any[];
    expect(readers).toHaveLength(1);
    expect(readers[0].member).toMatch(/google_service_account\.cluster_node-service-account_[^.]+\.member/);
  });

  test('IAM database authentication: proxy values, a password-less URL, instance-scoped Cloud SQL roles, no admin password output', () => {
    const { infraJson: i } = pair(gkeConfigWith((c) => (c.postgres = { ...c.postgres, iamAuth: true, cloudSqlProxyImage: 'gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.21.0' })));
    const values = i.locals!.spacelift_helm_values;
    expect(values.cloudSqlProxy).toEqual({
      enabled: true,
      dbConnectionName: expect.stringMatching(/^\$\{google_sql_database_instance\.[^.]+\.connection_name\}$/),
      image: 'gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.21.0',
    });
    const url = i.locals!.spacelift_shared_data.DATABASE_URL;
    expect(url).toMatch(/^\$\{format\("postgres:\/\/%s@%s:%s\/%s\?sslmode=%s", replace\(urlencode\(google_sql_user\.postgres_iam-user_[^.]+\.name\), "\+", "%20"\), "127\.0\.0\.1", 5432, .*"disable"\)\}$/);
    const roles = (Object.values(resources(i, 'google_project_iam_member')) as any[]).map((m) => m.role).sort();
    expect(roles).toEqual(['roles/cloudsql.client', 'roles/cloudsql.instanceUser', 'roles/container.defaultNodeServiceAccount', 'roles/servicenetworking.serviceAgent']);
    expect(i.locals!.spacelift_database_ca_data).toBeUndefined();
    // The pgadmin password goes to the platform stack's database-bootstrap Job only (test/stacks/gke/database-bootstrap.test.ts).
    expect(i.output!.postgres_admin_password).toBeUndefined();
  });

  test('ingress-nginx can replace Traefik: class and annotations follow in the values; its webhook on a port the control plane reaches', () => {
    const { infraJson: i, platformJson: p } = pair(gkeConfigWith((c) => (c.kubernetes.ingress = { controller: 'ingress-nginx' })));
    // Private GKE nodes take 443 and 10250 from the control plane, not the chart's 8443.
    expect(JSON.stringify(p.locals)).toContain('"admissionWebhooks":{"port":10250}');
    const values = i.locals!.spacelift_helm_values;
    expect(values.ingress.ingressClassName).toBe('nginx');
    const charts = Object.values(resources(p, 'helm_release')).map((r: any) => r.chart);
    expect(charts).toContain('ingress-nginx');
    expect(charts).not.toContain('traefik');
  });

  test('an optional Cloud DNS record for the domain and the VCS gateway, and the DNS API then enabled', () => {
    const { infraJson: i } = pair(
      gkeConfigWith((c) => {
        c.dns = { managedZone: 'example-com', zoneDnsName: 'example.com', ttl: 600 };
        c.spacelift.vcsGatewayDomain = 'vcs.example.com';
      }),
    );
    const records = Object.values(resources(i, 'google_dns_record_set')) as any[];
    expect(records.map((r) => r.name).sort()).toEqual(['spacelift.example.com.', 'vcs.example.com.']);
    for (const r of records) {
      expect(r).toMatchObject({ managed_zone: 'example-com', type: 'A', ttl: 600 });
      expect(r.rrdatas).toEqual([expect.stringMatching(/^\$\{google_compute_address\.[^.]+\.address\}$/)]);
    }
    expect((Object.values(resources(i, 'google_project_service')) as any[]).map((s) => s.service)).toContain('dns.googleapis.com');
    expect((Object.values(resources(infraJson, 'google_project_service')) as any[]).map((s) => s.service)).not.toContain('dns.googleapis.com');
  });

  test('Autopilot: no node pool, the same outputs', () => {
    const { infraJson: i } = pair(gkeConfigWith((c) => {
      c.cluster.autopilot = true;
      delete c.cluster.nodePool;
    }));
    expect(only(i, 'google_container_cluster').enable_autopilot).toBe(true);
    expect(resources(i, 'google_container_node_pool')).toEqual({});
    expect(Object.keys(i.output!)).toEqual(expect.arrayContaining(['shell', 'kubernetes_secrets', 'helm_values']));
  });

  test('allowDestroy lifts deletion protection on the cluster and the database', () => {
    const { infraJson: i } = pair(gkeConfigWith((c) => (c.allowDestroy = true)));
    expect(only(i, 'google_container_cluster').deletion_protection).toBe(false);
    const db = only(i, 'google_sql_database_instance');
    expect([db.deletion_protection, db.settings.deletion_protection_enabled, db.lifecycle.prevent_destroy]).toEqual([false, false, false]);
    expect(only(i, 'tls_private_key').lifecycle.prevent_destroy).toBe(false);
    // The buckets go with every object version (force_destroy), so the destroy does not stop at a versioned bucket.
    for (const b of Object.values(resources(i, 'google_storage_bucket'))) expect((b as any).force_destroy).toBe(true);
    for (const b of Object.values(resources(infraJson, 'google_storage_bucket'))) expect((b as any).force_destroy).toBe(false);
    // And by default everything is protected.
    expect(only(infraJson, 'google_container_cluster').deletion_protection).toBe(true);
    expect(only(infraJson, 'tls_private_key').lifecycle.prevent_destroy).toBe(true);
  });

  test('a gcs backend keeps each stack under its own prefix', () => {
    const { infraJson: i, platformJson: p } = pair(gkeConfigWith((c) => (c.backend = { type: 'gcs', bucket: 'acme-tf-state' })));
    expect(i.terraform.backend.gcs).toEqual({ bucket: 'acme-tf-state', prefix: 'cdktf/spacelift-gke-infra' });
    expect(p.terraform.backend.gcs).toEqual({ bucket: 'acme-tf-state', prefix: 'cdktf/spacelift-gke-platform' });
    expect(p.data!.terraform_remote_state!['cross-stack-reference-input-spacelift-gke-infra']).toMatchObject({
      backend: 'gcs',
      config: { bucket: 'acme-tf-state', prefix: 'cdktf/spacelift-gke-infra' },
    });
  });
});
