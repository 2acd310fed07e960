import { TerraformLocal, TerraformOutput, TerraformStack } from 'cdktf';
import { RenderedApp } from '../lib/apps/profile';
import { PublishedSecret, publishDocument, publishSecret } from '../lib/core/document';
import { shellExports, yamlDocument, yamlStream } from '../lib/core/encoders';

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
export function publishAppOutputs(stack: TerraformStack, rendered: RenderedApp, cloudShell: { readonly [name: string]: string }): PublishedApp {
  const secrets = rendered.secrets.map((doc) => publishSecret(stack, doc.name.replace(/-/g, '_'), doc));
  const helmValues = publishDocument(stack, 'spacelift_helm_values', rendered.values);
  const shell = shellExports(stack, 'shell_env', { ...rendered.shell, ...cloudShell });

  new TerraformOutput(stack, 'shell', {
    value: shell,
    sensitive: true,
    description: 'export lines for the manual install steps: eval "$(terraform output -raw shell)"',
  });
  new TerraformOutput(stack, 'kubernetes_secrets', {
    value: yamlStream(secrets.map((s) => s.manifest)),
    sensitive: true,
    description: 'The Spacelift Secrets as YAML: terraform output -raw kubernetes_secrets | kubectl apply -f -',
  });
  new TerraformOutput(stack, 'helm_values', {
    value: yamlDocument(helmValues),
    description: 'Values for the spacelift-self-hosted chart: terraform output -raw helm_values | helm upgrade --install ... --values -',
  });
  return { secrets, helmValues };
}
