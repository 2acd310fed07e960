import { TerraformMetaArguments, TerraformResource, Tokenization } from 'cdktf';
import { Construct } from 'constructs';

/**
 * A resource of the Kubernetes provider whose arguments are given in the shape of its prebuilt binding's config (the
 * binding's types, imported with `import type`, cost nothing at run time) and synthesized without loading the binding.
 *
 * The prebuilt bindings of the workload resources are the largest files a synth loads (`kubernetes_job_v1`,
 * `kubernetes_stateful_set_v1` and `kubernetes_deployment_v1`: 4.7 to 5 MB of JavaScript each, 35-80 ms each to
 * compile here), and all they do at synth time for a config given whole at construction is rename its keys from
 * camelCase to Terraform's snake_case, leaving the keys of string maps (labels, annotations, ...) as they are. This
 * does the same: every key renamed by the rule the bindings follow (test/kubernetes/resources checks it against each
 * binding's own key table and compares the synthesized arguments with the binding's), the keys of the maps in
 * {@link STRING_MAP_ARGUMENTS} kept, tokens passed through. JSON synth only (cdktf's default): the HCL output of cdktf
 * needs the binding's per-argument type table, so `synthesizeHclAttributes` throws.
 */
export abstract class KubernetesObjectResource<C extends TerraformMetaArguments> extends TerraformResource {
  /** The arguments as given (camelCase), without the meta-arguments. */
  public readonly arguments: Omit<C, keyof TerraformMetaArguments>;

  protected constructor(scope: Construct, id: string, terraformResourceType: string, config: C) {
    const { provider, dependsOn, count, lifecycle, provisioners, connection, forEach, ...args } = config;
    super(scope, id, {
      terraformResourceType,
      terraformGeneratorMetadata: { providerName: 'kubernetes' },
      provider,
      dependsOn,
      count,
      lifecycle,
      provisioners,
      connection,
      forEach,
    });
    this.arguments = args;
  }

  /** `metadata[0].name` of the object, as a reference. */
  public get metadataName(): string {
    return this.getStringAttribute('metadata[0].name');
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return toTerraformArguments(this.arguments) as { [name: string]: unknown };
  }

  protected override synthesizeHclAttributes(): { [name: string]: unknown } {
    throw new Error(`${this.node.path}: ${this.terraformResourceType} is synthesized as JSON only (cdktf.json without "hcl": true)`);
  }
}

/** Arguments of these resources that are maps of strings, by their camelCase name: their keys are data, not names. */
export const STRING_MAP_ARGUMENTS: ReadonlySet<string> = new Set(['annotations', 'labels', 'limits', 'matchLabels', 'nodeSelector', 'options', 'requests', 'volumeAttributes']);

/** Terraform's name of a binding's camelCase argument: each capital letter becomes `_` and the lower-case letter. */
export function terraformArgumentName(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** A binding-shaped config as Terraform's arguments: keys renamed (except inside string maps), tokens as they are. */
export function toTerraformArguments(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Tokenization.isResolvable(value)) return value;
  if (Array.isArray(value)) return value.map(toTerraformArguments);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    out[terraformArgumentName(key)] = STRING_MAP_ARGUMENTS.has(key) ? v : toTerraformArguments(v);
  }
  return out;
}
