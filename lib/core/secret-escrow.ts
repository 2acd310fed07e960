import { Fn, TerraformLocal, Token } from 'cdktf';
import { Construct } from 'constructs';
import { joinTokens } from './encoders';

/** The clouds whose secret store can hold an escrowed secret. */
export type EscrowCloud = 'azure' | 'gcp' | 'aws';

/**
 * One generated secret value kept in a cloud's secret store (Key Vault, Secret Manager, Secrets Manager), so losing
 * the cluster does not lose it. Holds no secret itself: only where the value is and how to read it back.
 */
export interface EscrowedSecret {
  /** Which cloud's secret store holds the value. */
  readonly cloud: EscrowCloud;
  /** Name of the secret in the store (Key Vault secret name, Secret Manager secret id, Secrets Manager name). */
  readonly name: string;
  /**
   * The CLI command (`az`, `gcloud` or `aws`) that prints the stored value, each argument quoted for a POSIX shell.
   * A Terraform expression when a part is only known at apply time (a vault name with a random suffix, a project
   * variable): publish it in an output, never a value.
   */
  readonly readBackCommand: string;
}

/** Characters a shell argument may hold without quoting. */
const BARE_ARGUMENT = /^[A-Za-z0-9_./:=@%+,-]+$/;

/** A literal argument quoted the POSIX way when it needs it: `'...'`, with each `'` written as `'\''`. */
function quoteLiteral(arg: string): string {
  return BARE_ARGUMENT.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
}

/**
 * A command line from its arguments, each quoted for a POSIX shell. Literal arguments are quoted here; an argument
 * that is (or holds) a Terraform token is quoted by Terraform at apply time (`format("'%s'", replace(arg, "'",
 * local.<id>_quote))`, as {@link shellExports} does), so the command is exact whatever the value turns out to be.
 * A command of literals only is a plain string, and no local value is created.
 */
export function shellCommand(scope: Construct, id: string, argv: readonly string[]): string {
  if (!argv.some((a) => Token.isUnresolved(a))) return argv.map(quoteLiteral).join(' ');
  // A literal backslash cannot be written inside a cdktf function call: the replacement lives in a local value.
  const quote = new TerraformLocal(scope, `${id}_quote`, "'\\''").asString;
  // In a Terraform expression every argument that needs quoting is quoted by Terraform (no backslash in a call).
  const parts = argv.map((a) => (!Token.isUnresolved(a) && BARE_ARGUMENT.test(a) ? a : Fn.format("'%s'", [Fn.replace(a, "'", quote)])));
  return joinTokens(' ', parts);
}
