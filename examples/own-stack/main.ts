/**
 * Example: the library's constructs inside your own stack, in a project of its own that installs the library as a
 * package and imports it by name (see README.md beside this file for how to install and run it).
 *
 * An organisation with its own cdktf app puts a small internal service on AKS in ONE stack: an existing resource
 * group, a network, the cluster, a private Postgres, a storage account with a workload identity, and, in the same
 * stack, Traefik + cert-manager + the service's Helm chart, held to the policy pack. Everything in the cluster depends
 * on the cluster resource, so `cdktf destroy` uninstalls the releases before it deletes the cluster.
 *
 * One stack is convenient, but the kubernetes/helm providers then get the cluster's address only once the cluster
 * exists: the first `cdktf deploy` must create the cluster first (`cdktf deploy --target ...`, or two deploys).
 * The library's shipped stacks split infra and platform for that reason.
 *
 * Only Azure's provider bindings are installed (package.json): the library's AWS and Google entry points are never
 * loaded, and `@cdktf/provider-aws` / `-google` are not needed.
 */
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { postgresUrl, publishDocument, publishSecret } from 'cdktf-selfhosted-platforms';
import {
  AksCluster,
  AzureBlobStorage,
  AzureNetwork,
  AzurePostgres,
  AzureResourceGroup,
  AzureStaticIp,
  AzureWorkloadIdentity,
} from 'cdktf-selfhosted-platforms/azure';
import { AppNamespace, AppRelease, AppSecrets, CertManager, KubernetesProviders, TraefikIngressController } from 'cdktf-selfhosted-platforms/kubernetes';
import { enforcePolicies } from 'cdktf-selfhosted-platforms/policy';

export class OwnStack extends TerraformStack {
  public constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{ storage: [{ dataPlaneAvailable: false }] }], storageUseAzuread: true });
    // The example's own random_string needs it (AzurePostgres would otherwise add it for its password by itself).
    new RandomProvider(this, 'random');
    const suffix = new StringResource(this, 'suffix', { length: 6, special: false, upper: false });

    const rg = new AzureResourceGroup(this, 'rg', { name: 'platform-shared', location: 'northeurope', existing: true });
    const network = new AzureNetwork(this, 'network', { resourceGroup: rg, name: 'tools', addressSpace: '10.60.0.0/16', nodeSubnetCidr: '10.60.0.0/20', postgresSubnetCidr: '10.60.16.0/24' });
    const cluster = new AksCluster(this, 'cluster', {
      resourceGroup: rg,
      network,
      name: 'tools-aks',
      serviceCidr: '10.61.0.0/16',
      apiServerAuthorizedIpRanges: ['198.51.100.0/24'],
      entraId: { adminGroupObjectIds: ['00000000-0000-0000-0000-00000000a11d'] },
    });
    const db = new AzurePostgres(this, 'postgres', { resourceGroup: rg, network, serverName: `tools-pg-${suffix.result}`, version: 17, databaseName: 'tools' });
    const storage = new AzureBlobStorage(this, 'storage', {
      resourceGroup: rg,
      accountName: `tools${suffix.result}`,
      containerPrefix: 'tools',
      buckets: [
        { purpose: 'artifacts', keepsState: true },
        { purpose: 'scratch', keepsState: false, expirationDays: 3 },
      ],
    });
    const identity = new AzureWorkloadIdentity(this, 'identity', {
      resourceGroup: rg,
      name: 'tools-api',
      oidcIssuerUrl: cluster.oidcIssuerUrl,
      serviceAccount: { namespace: 'tools', name: 'tools-api' },
      grants: { blob: { role: 'Storage Blob Data Contributor', scope: storage.accountId } },
    });
    const ip = new AzureStaticIp(this, 'ip', { resourceGroup: rg, name: 'tools-ingress', clusterPrincipalId: cluster.controlPlaneIdentity.principalId });

    // In-cluster, same stack: the connection uses the cluster resource and makes everything depend on it.
    const connection = cluster.connect(this);
    new KubernetesProviders(this, 'k8s', { connection });
    const ingress = new TraefikIngressController(this, 'traefik', { entryPoint: ip, dependsOn: connection.dependsOn });
    const certs = new CertManager(this, 'cert-manager', { email: 'tools-team@yourcompany.com', ingressClassName: ingress.className, dependsOn: connection.dependsOn });
    const ns = new AppNamespace(this, 'namespace', { name: 'tools', dependsOn: connection.dependsOn });
    const secret = publishSecret(this, 'tools_api', { name: 'tools-api', namespace: 'tools', stringData: { DATABASE_URL: postgresUrl(db), BLOB_ENDPOINT: storage.endpoint } });
    const secrets = new AppSecrets(this, 'secrets', { namespace: ns, secrets: [secret], dependsOn: connection.dependsOn });
    const values = publishDocument(this, 'tools_api_values', {
      serviceAccount: { create: true, name: 'tools-api', annotations: { ...identity.serviceAccountAnnotations } },
      podLabels: { ...identity.podLabels },
      envFrom: [{ secretRef: { name: 'tools-api' } }],
      ingress: { enabled: true, className: ingress.className, annotations: { ...ingress.ingressAnnotations, 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' }, hosts: [{ host: 'tools.yourcompany.com', paths: [{ path: '/', pathType: 'Prefix' }] }] },
    });
    new AppRelease(this, 'tools-api', {
      name: 'tools-api',
      chart: { chart: 'podinfo', repository: 'https://stefanprodan.github.io/podinfo', version: '6.9.2' },
      namespace: ns,
      values,
      dependsOn: [...connection.dependsOn, ...secrets.secrets, ingress.release, certs.issuersRelease],
    });
    new TerraformOutput(this, 'ingress_ip', { value: ip.ipAddress });

    // The policy pack, in one line: the synth fails on a finding (docs/security.md of the library).
    enforcePolicies(this);
  }
}

if (require.main === module) {
  const app = new App();
  new OwnStack(app, 'own-stack');
  app.synth();
}
