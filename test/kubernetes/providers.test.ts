import { TerraformStack, TerraformVariable } from 'cdktf';
import { KubernetesConnection } from '../../lib/core/cluster';
import { KubernetesConnectionWithToken, KubernetesProviders } from '../../lib/kubernetes/providers';
import { Synthesized, synth, testApp } from '../support/synth';

const certs: KubernetesConnection = { host: 'https://h', clusterCaCertificate: 'ca', clientCertificate: 'c', clientKey: 'k', dependsOn: [] };
const execConnection: KubernetesConnection = {
  host: 'https://h',
  clusterCaCertificate: 'ca',
  exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'kubelogin', args: ['get-token', '--login', 'azurecli'] },
  dependsOn: [],
};

const tokenConnection: KubernetesConnectionWithToken = { host: 'https://h', clusterCaCertificate: 'ca', token: 't0k', dependsOn: [] };

function make(connection: KubernetesConnectionWithToken, alias?: string): { json: Synthesized; providers: KubernetesProviders } {
  const stack = new TerraformStack(testApp(), 'test');
  const providers = new KubernetesProviders(stack, 'k8s', { connection, alias });
  return { json: synth(stack), providers };
}

function kubernetesOf(json: Synthesized): any {
  expect(json.provider!.kubernetes).toHaveLength(1);
  return json.provider!.kubernetes![0];
}

function helmOf(json: Synthesized): any {
  expect(json.provider!.helm).toHaveLength(1);
  return json.provider!.helm![0];
}

describe('KubernetesProviders', () => {
  test('with client certificates: both providers get host, CA, certificate and key, and no exec', () => {
    const { json } = make(certs);
    const auth = { host: 'https://h', cluster_ca_certificate: 'ca', client_certificate: 'c', client_key: 'k' };
    expect(kubernetesOf(json)).toEqual(auth);
    expect(helmOf(json)).toEqual({ kubernetes: auth });
  });

  test('with an exec plugin: kubernetes takes an exec block, helm an exec attribute inside its kubernetes object', () => {
    const { json } = make(execConnection);
    const exec = { api_version: 'client.authentication.k8s.io/v1beta1', command: 'kubelogin', args: ['get-token', '--login', 'azurecli'] };
    expect(kubernetesOf(json)).toEqual({ host: 'https://h', cluster_ca_certificate: 'ca', exec: [exec] });
    expect(helmOf(json)).toEqual({ kubernetes: { host: 'https://h', cluster_ca_certificate: 'ca', exec } });
  });

  test('with a bearer token (GKE: the access token of application-default credentials): both providers get it, no exec', () => {
    const { json } = make(tokenConnection);
    expect(kubernetesOf(json)).toEqual({ host: 'https://h', cluster_ca_certificate: 'ca', token: 't0k' });
    expect(helmOf(json)).toEqual({ kubernetes: { host: 'https://h', cluster_ca_certificate: 'ca', token: 't0k' } });
  });

  test("helm's kubernetes setting is an object, not a block list (helm provider v3)", () => {
    const { json } = make(certs);
    expect(Array.isArray(helmOf(json).kubernetes)).toBe(false);
    expect(json.terraform.required_providers.helm.version).toMatch(/^3\./);
  });

  test('exec environment variable names keep their case', () => {
    const { json } = make({ ...execConnection, exec: { ...execConnection.exec!, env: { AWS_PROFILE: 'prod', azureEnv: 'x' } } });
    expect(kubernetesOf(json).exec[0].env).toEqual({ AWS_PROFILE: 'prod', azureEnv: 'x' });
    expect(helmOf(json).kubernetes.exec.env).toEqual({ AWS_PROFILE: 'prod', azureEnv: 'x' });
  });

  test('an alias goes on both providers', () => {
    const { json } = make(certs, 'aks');
    expect(kubernetesOf(json).alias).toBe('aks');
    expect(helmOf(json).alias).toBe('aks');
  });

  test('credentials known only at apply time become references', () => {
    const stack = new TerraformStack(testApp(), 'test');
    const host = new TerraformVariable(stack, 'host', { type: 'string' });
    const key = new TerraformVariable(stack, 'key', { type: 'string', sensitive: true });
    new KubernetesProviders(stack, 'k8s', { connection: { ...certs, host: host.stringValue, clientKey: key.stringValue } });
    const json = synth(stack);
    expect(kubernetesOf(json)).toMatchObject({ host: '${var.host}', client_key: '${var.key}' });
    expect(helmOf(json).kubernetes).toMatchObject({ host: '${var.host}', client_key: '${var.key}' });
  });

  test('exposes both providers', () => {
    const { providers } = make(certs);
    expect(providers.kubernetes.terraformResourceType).toBe('kubernetes');
    expect(providers.helm.terraformResourceType).toBe('helm');
  });
});
