import { TerraformDataSource, TerraformMetaArguments, TerraformResource, Tokenization } from 'cdktf';
import { Construct } from 'constructs';

/**
 * How a provider binding names one resource's arguments: the arguments that are maps of strings (their keys are
 * data, kept as given), by camelCase name, and the few names that do not follow the camelCase rule (see
 * {@link bindingArgumentName}).
 */
export interface BindingShape {
  /** camelCase names of the string-map arguments, anywhere in the config. */
  readonly stringMaps: ReadonlySet<string>;
  /** Terraform's name of each camelCase name the rule does not give (e.g. `hugepageSize1G` -> `hugepage_size_1g`). @default none */
  readonly names?: { readonly [camel: string]: string };
}

/** Terraform's name of a binding's camelCase argument: its exception if it has one, else each capital letter becomes `_` and the letter in lower case. */
export function bindingArgumentName(camel: string, shape?: BindingShape): string {
  return shape?.names?.[camel] ?? camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** A binding-shaped config as Terraform's arguments: keys renamed (except inside string maps), tokens and undefined as the bindings treat them. */
export function toBindingArguments(value: unknown, shape: BindingShape): unknown {
  if (value === null || typeof value !== 'object' || Tokenization.isResolvable(value)) return value;
  if (Array.isArray(value)) return value.map((v) => toBindingArguments(v, shape));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    out[bindingArgumentName(key, shape)] = shape.stringMaps.has(key) ? v : toBindingArguments(v, shape);
  }
  return out;
}

/** The meta-arguments of a config, and the rest. */
function splitConfig<C extends TerraformMetaArguments>(config: C): { meta: TerraformMetaArguments; args: Omit<C, keyof TerraformMetaArguments> } {
  const { provider, dependsOn, count, lifecycle, provisioners, connection, forEach, ...args } = config;
  return { meta: { provider, dependsOn, count, lifecycle, provisioners, connection, forEach }, args };
}

/**
 * A resource given in the shape of its prebuilt provider binding's config (the binding's types, imported with
 * `import type`, cost nothing at run time), synthesized without loading the binding: for a config given whole at
 * construction, all a binding does at synth time is rename its keys to Terraform's, leaving the keys of string maps
 * as they are. The largest bindings cost 35-80 ms each to compile. Each subclass's {@link BindingShape} is checked
 * against its binding's own key table, and its synthesized arguments against the binding's, by the tests. JSON synth
 * only (cdktf's default): cdktf's HCL output needs the binding's per-argument type table, so `synthesizeHclAttributes`
 * throws.
 */
export abstract class BindingShapedResource<C extends TerraformMetaArguments> extends TerraformResource {
  /** The arguments as given (camelCase), without the meta-arguments. */
  public readonly arguments: Omit<C, keyof TerraformMetaArguments>;
  private readonly shape: BindingShape;

  protected constructor(scope: Construct, id: string, type: { readonly provider: string; readonly resource: string; readonly shape: BindingShape }, config: C) {
    const { meta, args } = splitConfig(config);
    super(scope, id, { terraformResourceType: type.resource, terraformGeneratorMetadata: { providerName: type.provider }, ...meta });
    this.arguments = args;
    this.shape = type.shape;
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return toBindingArguments(this.arguments, this.shape) as { [name: string]: unknown };
  }

  protected override synthesizeHclAttributes(): { [name: string]: unknown } {
    throw new Error(`${this.node.path}: ${this.terraformResourceType} is synthesized as JSON only (cdktf.json without "hcl": true)`);
  }
}

/** A data source given in the shape of its prebuilt binding's config, as {@link BindingShapedResource} is. */
export abstract class BindingShapedDataSource<C extends TerraformMetaArguments> extends TerraformDataSource {
  /** The arguments as given (camelCase), without the meta-arguments. */
  public readonly arguments: Omit<C, keyof TerraformMetaArguments>;
  private readonly shape: BindingShape;

  protected constructor(scope: Construct, id: string, type: { readonly provider: string; readonly dataSource: string; readonly shape: BindingShape }, config: C) {
    const { meta, args } = splitConfig(config);
    super(scope, id, { terraformResourceType: type.dataSource, terraformGeneratorMetadata: { providerName: type.provider }, ...meta });
    this.arguments = args;
    this.shape = type.shape;
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return toBindingArguments(this.arguments, this.shape) as { [name: string]: unknown };
  }

  protected override synthesizeHclAttributes(): { [name: string]: unknown } {
    throw new Error(`${this.node.path}: data.${this.terraformResourceType} is synthesized as JSON only (cdktf.json without "hcl": true)`);
  }
}
