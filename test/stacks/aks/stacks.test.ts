import { spaceliftAks } from '../../../stacks/aks';
import { configWith, exampleConfig, only, resources, synthApp, testApp } from '../../support/synth';
import { validationErrorOf } from '../../support/validation-matchers';

/** Runs fn with environment variables set (undefined: unset), restoring them afterwards. */
function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(vars);
  try {
    return fn();
  } finally {
    apply(saved);
  }
}

function pair(config = exampleConfig()) {
  const app = testApp();
  const stacks = spaceliftAks(app, config);
  const json = synthApp(app);
  return { app, ...stacks, infraJson: json[stacks.infra.node.id]!, platformJson: json[stacks.platform.node.id]! };
}

describe('spacelift-aks stack pair', () => {
  const { infra, platform, infraJson, platformJson } = pair();

  test('names the stacks <name>-aks-infra and <name>-aks-platform, platform after infra', () => {
    expect(infra.node.id).toBe('spacelift-aks-infra');
    expect(platform.node.id).toBe('spacelift-aks-platform');
    expect(platform.dependencies).toContain(infra);
  });

  test('infra holds only cloud resources; platform only in-cluster ones', () => {
    const infraTypes = Object.keys(infraJson.resource ?? {});
    const platformTypes = Object.keys(platformJson.resource ?? {});
    expect(infraTypes.every((t) => t.startsWith('azurerm_') || t.startsWith('random_') || t.startsWith('tls_'))).toBe(true);
    expect(platformTypes.every((t) => t.startsWith('kubernetes_') || t.startsWith('helm_'))).toBe(true);
    expect(platformTypes).toEqual(expect.arrayContaining(['helm_release', 'kubernetes_namespace_v1', 'kubernetes_secret_v1']));
  });

  test('infra outputs: shell and kubernetes_secrets are sensitive, helm_values is not, plus the named facts', () => {
    const out = infraJson.output!;
    expect(out.shell.sensitive).toBe(true);
    expect(out.kubernetes_secrets.sensitive).toBe(true);
    expect(out.helm_values.sensitive).toBeUndefined();
    for (const name of ['cluster_name', 'resource_group_name', 'public_ip_address', 'registry_login_server']) {
      expect(out[name]).toBeDefined();
    }
    expect(out.cluster_name.value).toMatch(/^\$\{azurerm_kubernetes_cluster\.[^.]+\.name\}$/);
    expect(out.public_ip_address.value).toMatch(/^\$\{azurerm_public_ip\.[^.]+\.ip_address\}$/);
    expect(out.registry_login_server.value).toMatch(/^\$\{azurerm_container_registry\.[^.]+\.login_server\}$/);
  });

  test('outputs are built by Terraform encoders from the published documents, not from text', () => {
    const out = infraJson.output!;
    expect(out.kubernetes_secrets.value).toBe(
      '${join("---\\n", [yamlencode(local.spacelift_shared), yamlencode(local.spacelift_server), yamlencode(local.spacelift_drain)])}',
    );
    // Built by Terraform from the published values document (what it renders to: test/render).
    expect(out.helm_values.value).toContain('local.spacelift_helm_values');
    expect(out.shell.value).toContain("format(\"export PUBLIC_IP_ADDRESS='%s'\\n\", replace(local.shell_env.PUBLIC_IP_ADDRESS, \"'\", local.shell_env_quote))");
  });

  test('the platform Secrets read the same published documents as the YAML output', () => {
    const secrets = resources(platformJson, 'kubernetes_secret_v1');
    const byName: Record<string, any> = Object.fromEntries(Object.values(secrets).map((s: any) => [s.metadata.name, s]));
    expect(Object.keys(byName).sort()).toEqual(['spacelift-drain', 'spacelift-server', 'spacelift-shared']);
    for (const [name, secret] of Object.entries(byName)) {
      const local = name.replace(/-/g, '_');
      expect(secret.type).toBe('Opaque');
      expect(secret.data).toMatch(new RegExp(`outputs\\.cross-stack-output-local${local}_data\\}$`));
      expect(infraJson.locals![local].stringData).toBe(`\${local.${local}_data}`);
      expect(infraJson.output![`cross-stack-output-local${local}_data`]).toEqual({ sensitive: true, value: `\${local.${local}_data}` });
    }
    const release = Object.values(resources(platformJson, 'helm_release')).find((r: any) => r.name === 'spacelift') as any;
    expect(release.values).toEqual([expect.stringMatching(/^\$\{yamlencode\(data\.terraform_remote_state\.[^)]+cross-stack-output-localspacelift_helm_values\)\}$/)]);
  });

  test('the platform reads cluster credentials from a data source in its own stack, not from remote state', () => {
    const data = platformJson.data!.azurerm_kubernetes_cluster!;
    expect(Object.keys(data)).toHaveLength(1);
    const k8s = platformJson.provider!.kubernetes![0];
    expect(k8s.host).toMatch(/^\$\{data\.azurerm_kubernetes_cluster\.[^.]+\.kube_config\[0\]\.host\}$/);
    expect(k8s.client_key).toMatch(/data\.azurerm_kubernetes_cluster/);
    expect(JSON.stringify(platformJson.provider)).not.toMatch(/terraform_remote_state/);
    const helm = platformJson.provider!.helm![0];
    expect(helm.kubernetes.host).toBe(k8s.host);
  });

  test('with Entra ID the providers authenticate with kubelogin, never a certificate', () => {
    const { platformJson: p } = pair(
      configWith((c) => {
        c.cluster.entraId = { adminGroupObjectIds: ['11111111-2222-3333-4444-555555555555'] };
      }),
    );
    const k8s = p.provider!.kubernetes![0];
    expect(k8s.client_key).toBeUndefined();
    expect(k8s.exec).toEqual([
      { api_version: 'client.authentication.k8s.io/v1beta1', command: 'kubelogin', args: ['get-token', '--login', 'azurecli', '--server-id', '6dae42f8-4368-4678-94ff-3960e28e3630'] },
    ]);
    expect(p.provider!.helm![0].kubernetes.exec.command).toBe('kubelogin');
  });

  test('user secrets are sensitive variables of the infra stack only', () => {
    expect(Object.keys(infraJson.variable ?? {}).sort()).toEqual(['spacelift_admin_password', 'spacelift_license_token']);
    expect(platformJson.variable).toBeUndefined();
  });

  test('ingress-nginx can replace Traefik: class and annotations follow in the values', () => {
    const { infraJson: i, platformJson: p } = pair(
      configWith((c) => {
        c.kubernetes.ingress = { controller: 'ingress-nginx' };
      }),
    );
    const values = i.locals!.spacelift_helm_values;
    expect(values.ingress.ingressClassName).toBe('nginx');
    expect(values.ingress.annotations['nginx.ingress.kubernetes.io/ssl-redirect']).toBe('true');
    const charts = Object.values(resources(p, 'helm_release')).map((r: any) => r.chart);
    expect(charts).toContain('ingress-nginx');
    expect(charts).not.toContain('traefik');
  });

  test('an optional DNS record points the domain at the static IP', () => {
    const { infraJson: i } = pair(
      configWith((c) => {
        c.dns = { zoneName: 'example.com', zoneResourceGroup: 'dns' };
      }),
    );
    const record = only(i, 'azurerm_dns_a_record');
    expect(record).toMatchObject({ name: 'spacelift', zone_name: 'example.com', resource_group_name: 'dns' });
    expect(record.target_resource_id).toMatch(/^\$\{azurerm_public_ip\./);
  });

  test('with a VCS gateway domain, the DNS zone gets a record for it too', () => {
    const { infraJson: i } = pair(
      configWith((c) => {
        c.dns = { zoneName: 'example.com', zoneResourceGroup: 'dns', ttl: 600 };
        c.spacelift.vcsGatewayDomain = 'vcs.example.com';
      }),
    );
    const records = Object.values(resources(i, 'azurerm_dns_a_record')) as any[];
    expect(records.map((r) => r.name).sort()).toEqual(['spacelift', 'vcs']);
    for (const r of records) expect(r).toMatchObject({ zone_name: 'example.com', ttl: 600 });
  });

  test('a remote backend puts each stack in its own state file', () => {
    const { infraJson: i, platformJson: p } = pair(
      configWith((c) => {
        c.backend = { type: 'azurerm', resourceGroupName: 'tfstate', storageAccountName: 'tfstate123', containerName: 'state' };
      }),
    );
    expect(i.terraform.backend.azurerm).toMatchObject({ key: 'cdktf/spacelift-aks-infra.tfstate', use_azuread_auth: true });
    expect(p.terraform.backend.azurerm.key).toBe('cdktf/spacelift-aks-platform.tfstate');
    expect(p.data!.terraform_remote_state!['cross-stack-reference-input-spacelift-aks-infra']).toMatchObject({
      backend: 'azurerm',
      config: { key: 'cdktf/spacelift-aks-infra.tfstate' },
    });
  });

  test('both providers deploy into the configured subscription (azurerm 4 does not use the Azure CLI default)', () => {
    expect(infraJson.provider!.azurerm![0].subscription_id).toBe('00000000-0000-0000-0000-000000000000');
    expect(platformJson.provider!.azurerm![0].subscription_id).toBe('00000000-0000-0000-0000-000000000000');
  });

  test('with ARM_SUBSCRIPTION_ID instead, the provider blocks leave the subscription to Terraform, which reads the variable', () => {
    const { infraJson: i, platformJson: p } = withEnv({ ARM_SUBSCRIPTION_ID: '11111111-2222-3333-4444-555555555555' }, () =>
      pair(configWith((c) => delete c.azure.subscriptionId)),
    );
    expect(i.provider!.azurerm![0].subscription_id).toBeUndefined();
    expect(p.provider!.azurerm![0].subscription_id).toBeUndefined();
  });

  test('without a subscription in the config or ARM_SUBSCRIPTION_ID the synth fails, and a malformed variable is named', () => {
    const config = configWith((c) => delete c.azure.subscriptionId);
    const missing = withEnv({ ARM_SUBSCRIPTION_ID: undefined }, () => validationErrorOf(() => pair(config), 'azure.subscriptionId', undefined));
    expect(missing.allowed).toContain('set azure.subscriptionId in the config or export ARM_SUBSCRIPTION_ID');
    withEnv({ ARM_SUBSCRIPTION_ID: 'my-subscription' }, () => validationErrorOf(() => pair(config), 'ARM_SUBSCRIPTION_ID', 'my-subscription'));
  });

  test('the state backend takes the subscription of the state account when given, else the one of the deployment', () => {
    const backend = { type: 'azurerm' as const, resourceGroupName: 'tfstate', storageAccountName: 'tfstate123', containerName: 'state' };
    const { infraJson: own } = pair(configWith((c) => (c.backend = { ...backend, subscriptionId: '99999999-8888-7777-6666-555555555555' })));
    expect(own.terraform.backend.azurerm.subscription_id).toBe('99999999-8888-7777-6666-555555555555');
    const { infraJson: same } = pair(configWith((c) => (c.backend = backend)));
    expect(same.terraform.backend.azurerm.subscription_id).toBe('00000000-0000-0000-0000-000000000000');
  });

  test('azurerm is pinned to a release that upgrades a PostgreSQL major in place (4.27 or later)', () => {
    const version = infraJson.terraform.required_providers.azurerm.version as string;
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    const [major, minor] = version.split('.').map(Number);
    expect(major).toBe(4);
    expect(minor).toBeGreaterThanOrEqual(27);
  });

  test('allowDestroy reaches the database, the encryption key and the storage account with its containers', () => {
    const protectedTypes = ['azurerm_postgresql_flexible_server', 'azurerm_postgresql_flexible_server_database', 'tls_private_key', 'azurerm_storage_account', 'azurerm_storage_container'];
    const lifecycles = (json: any) => protectedTypes.flatMap((t) => Object.values(resources(json, t)).map((r: any) => [t, r.lifecycle?.prevent_destroy]));
    expect(lifecycles(infraJson).every(([, p]) => p === true)).toBe(true);
    const { infraJson: teardown } = pair(configWith((c) => (c.allowDestroy = true)));
    expect(lifecycles(teardown).length).toBe(lifecycles(infraJson).length);
    expect(lifecycles(teardown).every(([, p]) => p === false)).toBe(true);
  });

  test('with an existing resource group, the address roles are defined for and granted on that group', () => {
    const { infraJson: i } = pair(configWith((c) => (c.azure.existingResourceGroup = true)));
    const [dataId] = Object.keys(i.data!.azurerm_resource_group!);
    const groupId = `\${data.azurerm_resource_group.${dataId}.id}`;
    for (const d of Object.values(resources(i, 'azurerm_role_definition'))) expect(d).toMatchObject({ scope: groupId, assignable_scopes: [groupId] });
    const read = Object.values(resources(i, 'azurerm_role_assignment')).find((r: any) => /read-addresses-role/.test(r.role_definition_id)) as any;
    expect(read.scope).toBe(groupId);
  });

  test('the ingress address grants wait for the cluster, giving the new custom roles time to replicate', () => {
    const [clusterId] = Object.keys(resources(infraJson, 'azurerm_kubernetes_cluster'));
    const grants = Object.entries(resources(infraJson, 'azurerm_role_assignment')).filter(([id]) => id.startsWith('ingress-ip_'));
    expect(grants).toHaveLength(2);
    for (const [, g] of grants) expect(g.depends_on).toEqual([`azurerm_kubernetes_cluster.${clusterId}`]);
  });

  test('the workload identity is bound to the spacelift-backend service account and the storage account only', () => {
    const fic = only(infraJson, 'azurerm_federated_identity_credential');
    expect(fic.subject).toBe('system:serviceaccount:spacelift:spacelift-backend');
    const roles = Object.values(resources(infraJson, 'azurerm_role_assignment')) as any[];
    const blob = roles.filter((r) => r.role_definition_name === 'Storage Blob Data Contributor');
    expect(blob).toHaveLength(1);
    expect(blob[0].scope).toMatch(/^\$\{azurerm_storage_account\.[^.]+\.id\}$/);
    expect(blob[0].principal_id).toMatch(/azurerm_user_assigned_identity\.spacelift-identity/);
    // Nothing grants storage data access to the kubelet (node) identity.
    const kubelet = roles.filter((r) => String(r.principal_id).includes('kubelet_identity'));
    expect(kubelet.map((r) => r.role_definition_name)).toEqual(['AcrPull']);
  });
});
