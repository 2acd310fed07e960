import { TerraformMetaArguments } from 'cdktf';
import { Construct } from 'constructs';
import { BindingShape, BindingShapedResource, bindingArgumentName, toBindingArguments } from '../../core/binding-shaped-resource';

/** Arguments of the Kubernetes workload resources that are maps of strings, by their camelCase name: their keys are data, not names. */
export const STRING_MAP_ARGUMENTS: ReadonlySet<string> = new Set(['annotations', 'labels', 'limits', 'matchLabels', 'nodeSelector', 'options', 'requests', 'volumeAttributes']);

/** How the Kubernetes provider's bindings name the workload resources' arguments (all by the camelCase rule). */
export const KUBERNETES_WORKLOAD_SHAPE: BindingShape = { stringMaps: STRING_MAP_ARGUMENTS };

/** Terraform's name of a workload resource's camelCase argument. */
export function terraformArgumentName(camel: string): string {
  return bindingArgumentName(camel, KUBERNETES_WORKLOAD_SHAPE);
}

/** A workload resource's binding-shaped config as Terraform's arguments. */
export function toTerraformArguments(value: unknown): unknown {
  return toBindingArguments(value, KUBERNETES_WORKLOAD_SHAPE);
}

/**
 * A resource of the Kubernetes provider configured in the shape of its prebuilt binding, synthesized without
 * loading it ({@link BindingShapedResource}): the workload bindings (`kubernetes_job_v1`, `kubernetes_stateful_set_v1`,
 * `kubernetes_deployment_v1`) are the largest files a synth would load, 4.7 to 5 MB of JavaScript each.
 */
export abstract class KubernetesObjectResource<C extends TerraformMetaArguments> extends BindingShapedResource<C> {
  protected constructor(scope: Construct, id: string, terraformResourceType: string, config: C) {
    super(scope, id, { provider: 'kubernetes', resource: terraformResourceType, shape: KUBERNETES_WORKLOAD_SHAPE }, config);
  }

  /** `metadata[0].name` of the object, as a reference. */
  public get metadataName(): string {
    return this.getStringAttribute('metadata[0].name');
  }
}
