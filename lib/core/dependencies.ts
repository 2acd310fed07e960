import { ITerraformDependable, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';

/**
 * The dependables that live in the same stack as `scope`. Terraform `depends_on` cannot cross stacks; across stacks
 * the order comes from the stacks' own dependency (the consuming stack is applied after, destroyed before).
 */
export function dependablesInStack(scope: IConstruct, dependables: readonly ITerraformDependable[] = []): ITerraformDependable[] {
  const stack = TerraformStack.of(scope);
  return dependables.filter((d) => !(d instanceof Construct) || TerraformStack.of(d) === stack);
}
