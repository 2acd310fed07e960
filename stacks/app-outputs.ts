import { AssetType, TerraformAsset, TerraformLocal, TerraformOutput, TerraformStack } from 'cdktf';
import { AppProfile, AppRequirements, RenderedApp } from '../lib/apps/profile';
import { PublishedSecret, publishDocument, publishSecret } from '../lib/core/document';
import { shellExports, yamlDocument, yamlStream } from '../lib/core/encoders';
import { AppRelease } from '../lib/kubernetes/app-release';
import { CertManager } from '../lib/kubernetes/cert-manager';
import { DatabaseBootstrap, databaseBootstrapJobName } from '../lib/kubernetes/database-bootstrap';
import { IngressController } from '../lib/kubernetes/ingress/types';
import { AppNamespace } from '../lib/kubernetes/namespace';
import { AppSecrets } from '../lib/kubernetes/secrets';
import { InstallStep, installScript } from './install-commands';

/** The app's documents, published once in the infra stack: the platform stack and the outputs both read them. */
export interface PublishedApp {
  readonly secrets: readonly PublishedSecret[];
  readonly helmValues: TerraformLocal;
}

/**
 * Publishes a rendered app's Secrets and Helm values as locals and adds the three outputs every infra stack has for
 * people who install by hand: `shell` (the profile's variables plus the cloud's, as export lines),
 * `kubernetes_secrets` (YAML Secrets) and `helm_values` (YAML values). Local and output names are the same on every
 * cloud.
 */
export function publishAppOutputs(
  stack: TerraformStack,
  app: Pick<AppProfile<unknown>, 'name' | 'title'>,
  rendered: RenderedApp,
  cloudShell: { readonly [name: string]: string },
): PublishedApp {
  const secrets = rendered.secrets.map((doc) => publishSecret(stack, doc.name.replace(/-/g, '_'), doc));
  const helmValues = publishDocument(stack, `${app.name.replace(/-/g, '_')}_helm_values`, rendered.values);
  const shell = shellExports(stack, 'shell_env', { ...rendered.shell, ...cloudShell });

  new TerraformOutput(stack, 'shell', {
    value: shell,
    sensitive: true,
    description: 'export lines for the manual install steps: eval "$(terraform output -raw shell)"',
  });
  new TerraformOutput(stack, 'kubernetes_secrets', {
    value: yamlStream(secrets.map((s) => s.manifest)),
    sensitive: true,
    description: `The ${app.title} Secrets as YAML: terraform output -raw kubernetes_secrets | kubectl apply -f -`,
  });
  new TerraformOutput(stack, 'helm_values', {
    value: yamlDocument(helmValues),
    ...(rendered.valuesSensitive ? { sensitive: true } : {}),
    description: `Values for the ${rendered.chart.chart} chart: terraform output -raw helm_values | helm upgrade --install ... --values -`,
  });
  return { secrets, helmValues };
}

/** What a platform stack installs in the cluster (every cloud's platform stack has these members). */
export interface PlatformInstall {
  readonly node: TerraformStack['node'];
  readonly ingress: IngressController;
  readonly certManager: CertManager;
  readonly namespace: AppNamespace;
  readonly secrets: AppSecrets;
  readonly databaseBootstrap?: DatabaseBootstrap;
  readonly app: AppRelease;
}

/** The infra stack's side: its published Secrets and Helm values. */
export interface InfraInstall {
  readonly secrets: readonly PublishedSecret[];
  readonly helmValues: TerraformLocal;
}

/**
 * True when `install_commands` can install everything the platform stack installs for the app: the ingress
 * controller, cert-manager, the namespace, the Secrets, a database bootstrap and the release. An app whose platform
 * needs more (a message bus, an S3 gateway, Jobs or objects of its own hook) is installed by the platform stack only,
 * and its pair publishes no `install_commands`, rather than a script that leaves pieces out.
 */
export function installCommandsCover(infra: { readonly app: AppProfile<unknown>; readonly requirements: AppRequirements }): boolean {
  const r = infra.requirements;
  return (
    infra.app.platform === undefined &&
    (r.messageBus?.kind ?? 'none') === 'none' &&
    (r.components ?? []).length === 0 &&
    r.buckets.every((b) => (b.access ?? 'workload-identity') === 'workload-identity')
  );
}

/** Name of the output holding the install script. */
export const INSTALL_COMMANDS_OUTPUT = 'install_commands';

/**
 * Adds the output `install_commands` to an infra stack: a bash script that installs with kubectl and helm what its
 * platform stack installs, in the same order, from the very documents the platform stack's constructs install (the
 * namespaces' manifests, the ingress controller's and cert-manager's values, the ClusterIssuers' values, the app's
 * values), published here as locals. The ClusterIssuers come from the same local chart, copied next to this stack's
 * Terraform files. The Secrets (and with a database bootstrap its Secret, ConfigMap and Job) are read from sensitive
 * outputs with `terraform output` when the script runs, so the script holds no secret and is not sensitive.
 *
 * Call it once both stacks of the pair exist.
 */
export function publishInstallCommands(stack: TerraformStack & InfraInstall, platform: PlatformInstall): void {
  const platformSecrets = platform.secrets.secrets.map((s) => s.node.id);
  const published = stack.secrets.map((s) => s.name);
  if (JSON.stringify(platformSecrets) !== JSON.stringify(published)) {
    throw new Error(`${stack.node.path}: the platform stack's Secrets (${platformSecrets.join(', ')}) are not the ones kubernetes_secrets holds (${published.join(', ')})`);
  }
  const local = (id: string, doc: Parameters<typeof publishDocument>[2]): TerraformLocal => publishDocument(stack, `install_${id.replace(/-/g, '_')}`, doc);
  // Two constructs may be given the same namespace: it is published once, and applied by each step (as each creates it).
  const namespaces = new Map<string, TerraformLocal>();
  const namespaceManifest = (ns: AppNamespace): TerraformLocal => {
    if (!namespaces.has(ns.literalName)) namespaces.set(ns.literalName, local(`namespace_${ns.literalName}`, ns.manifest));
    return namespaces.get(ns.literalName)!;
  };
  const { ingress, certManager, namespace, databaseBootstrap, app } = platform;
  const namespaceStep = (ns: AppNamespace): InstallStep => ({
    kind: 'apply',
    title: `namespace ${ns.literalName} (Pod Security: ${ns.labels['pod-security.kubernetes.io/enforce']})`,
    manifest: namespaceManifest(ns),
  });
  const helmStep = (title: string, release: AppRelease['release'], ns: AppNamespace, values: TerraformLocal, localChart?: string): InstallStep => ({
    kind: 'helm',
    title,
    release,
    namespace: ns.literalName,
    values,
    localChart,
  });
  // The same local chart the platform stack installs, copied into this stack's folder (a path relative to it).
  const issuersChart = new TerraformAsset(stack, 'install-cluster-issuers-chart', { path: certManager.issuersChartDir, type: AssetType.DIRECTORY });

  const steps: InstallStep[] = [
    namespaceStep(ingress.namespace),
    helmStep(`ingress controller ${ingress.release.nameInput}`, ingress.release, ingress.namespace, local(`${ingress.release.nameInput}_values`, ingress.values)),
    namespaceStep(certManager.namespace),
    helmStep('cert-manager', certManager.release, certManager.namespace, local('cert_manager_values', certManager.values)),
    helmStep(
      `ClusterIssuers ${certManager.issuerNames.join(', ')} (local chart)`,
      certManager.issuersRelease,
      certManager.namespace,
      local('cluster_issuers_values', certManager.issuerValues),
      issuersChart.path,
    ),
    namespaceStep(namespace),
    { kind: 'apply-output', title: `Secrets ${published.join(', ')}`, output: 'kubernetes_secrets' },
  ];
  if (databaseBootstrap !== undefined) {
    const m = databaseBootstrap.manifests;
    const { name, namespace: ns, labels, stringData } = m.secret;
    const secret = local('database_bootstrap_secret', { apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name, namespace: ns, labels }, stringData });
    const configMap = local('database_bootstrap_config_map', m.configMap);
    const runs = local('database_bootstrap_runs', m.runs);
    const job = local('database_bootstrap_job', m.job(databaseBootstrapJobName(m.baseName, runs)));
    new TerraformOutput(stack, 'database_bootstrap', {
      value: yamlStream([secret, configMap]),
      sensitive: true,
      description: 'The database-bootstrap Secret and ConfigMap as YAML (read by install_commands)',
    });
    new TerraformOutput(stack, 'database_bootstrap_job', {
      value: yamlDocument(job),
      sensitive: true,
      description: 'The database-bootstrap Job as YAML (read by install_commands)',
    });
    steps.push(
      { kind: 'apply-output', title: 'database bootstrap: Secret and ConfigMap', output: 'database_bootstrap' },
      { kind: 'apply-output', title: 'database bootstrap: Job', output: 'database_bootstrap_job' },
      { kind: 'wait-job-output', title: 'database bootstrap: wait for the Job', output: 'database_bootstrap_job', timeoutSeconds: m.waitSeconds },
    );
  }
  steps.push(helmStep(`${app.release.nameInput} (chart ${app.release.chartInput})`, app.release, namespace, stack.helmValues));

  new TerraformOutput(stack, INSTALL_COMMANDS_OUTPUT, {
    value: installScript(stack, 'install_commands_text', {
      platformStack: platform.node.id,
      infraStack: stack.node.id,
      outputName: INSTALL_COMMANDS_OUTPUT,
      steps,
    }),
    description: `What the platform stack installs, as kubectl and helm commands: terraform output -raw ${INSTALL_COMMANDS_OUTPUT} | bash`,
  });
}
