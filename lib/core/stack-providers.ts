import { Aspects, IAspect, TerraformProvider, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/** Creates a provider in `stack` under the construct id `id`. */
export type ProviderFactory = (stack: TerraformStack, id: string) => TerraformProvider;

/** Per stack, the providers its constructs asked for, by provider name. */
const WANTED = new WeakMap<TerraformStack, Map<string, ProviderFactory>>();

/**
 * Makes sure the stack holding `scope` declares a provider named `providerName` (`random`, `tls`, `http`): when the
 * stack has none by the time it is synthesized, `create` adds one at the stack's root, once per stack. A provider the
 * stack's author declares, before or after the construct and under any construct id, is used instead, so the
 * synthesized stack is the same with or without it. Meant for providers that need no configuration; a construct
 * whose provider needs settings (a cloud's region, a cluster's credentials) leaves it to the stack and says so in
 * its doc comment.
 *
 * It works through an aspect on the stack, which cdktf runs before its own check that every resource has a provider
 * ("Found resources without a matching provider construct").
 */
export function addProviderIfMissing(scope: IConstruct, providerName: string, create: ProviderFactory): void {
  const stack = TerraformStack.of(scope);
  let wanted = WANTED.get(stack);
  if (wanted === undefined) {
    wanted = new Map();
    WANTED.set(stack, wanted);
    Aspects.of(stack).add(new MissingProviders(stack, wanted));
  }
  if (!wanted.has(providerName)) wanted.set(providerName, create);
}

/** Adds, when the stack itself is visited, each wanted provider the stack does not declare. */
class MissingProviders implements IAspect {
  public constructor(
    private readonly stack: TerraformStack,
    private readonly wanted: ReadonlyMap<string, ProviderFactory>,
  ) {}

  public visit(node: IConstruct): void {
    if (node !== this.stack) return;
    const declared = new Set(
      this.stack.node
        .findAll()
        .filter((c): c is TerraformProvider => TerraformProvider.isTerraformProvider(c))
        .map((p) => p.terraformGeneratorMetadata?.providerName ?? p.terraformResourceType),
    );
    for (const [name, create] of this.wanted) {
      if (!declared.has(name)) create(this.stack, freeId(this.stack, name));
    }
  }
}

function freeId(stack: TerraformStack, name: string): string {
  if (stack.node.tryFindChild(name) === undefined) return name;
  for (let i = 2; ; i++) if (stack.node.tryFindChild(`${name}-${i}`) === undefined) return `${name}-${i}`;
}
