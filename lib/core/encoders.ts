import { Fn, IResolvable, IResolveContext, TerraformLocal, Token, Tokenization } from 'cdktf';
import { Construct } from 'constructs';
import { publishDocument } from './document';
import { ENV_NAME, ValidationError } from './validation';

/**
 * A YAML stream (documents separated by `---`) built by Terraform at apply time: each document is a published local
 * value encoded with `yamlencode`, so quotes, backslashes, newlines, `#` and `:` in values survive unchanged.
 */
export function yamlStream(documents: readonly TerraformLocal[]): string {
  return joinTokens('---\n', documents.map((d) => Fn.yamlencode(d.expression)));
}

/**
 * `Fn.join(separator, items)` with the same synthesized text, for items that are each one token (function calls,
 * references), resolved once per pass instead of three times.
 *
 * cdktf resolves a literal list argument of a function call three times over (the list, the list again to write it,
 * then each element), and a function call inside an element does the same with its own list arguments, so the cost
 * of a join of nested calls grows with each level of lists. Here the list is one token that writes each element's
 * expression once, as cdktf writes a list of tokens: `[a, b, c]`. Items that are not one token (literal text) keep
 * cdktf's own list handling, which quotes and escapes them.
 */
export function joinTokens(separator: string, items: readonly string[]): string {
  if (!items.every(isSingleToken)) return Fn.join(separator, [...items]);
  // Fn.join takes a list; one string token standing for the whole list is passed through as it is.
  return Fn.join(separator, Token.asString(new TokenListExpression(items)) as unknown as string[]);
}

/** Whether a string is exactly one token, with no literal text around it. */
function isSingleToken(item: string): boolean {
  const fragments = Tokenization.reverseString(item);
  return fragments.literals.length === 0 && fragments.escapes.length === 0 && fragments.tokens.length + fragments.intrinsic.length === 1;
}

/**
 * A list of tokens written as a Terraform list expression. Only ever resolved as a function call's argument, where
 * cdktf has set `suppressBraces` (each element is written as a bare expression, as cdktf writes list elements).
 */
class TokenListExpression implements IResolvable {
  public readonly creationStack: string[] = [];

  constructor(private readonly items: readonly string[]) {}

  public resolve(context: IResolveContext): string {
    return `[${this.items.map((item) => context.resolve(item) as string).join(', ')}]`;
  }

  public toString(): string {
    return Token.asString(this);
  }
}

/** One YAML document built by Terraform's `yamlencode` from a published local value. */
export function yamlDocument(document: TerraformLocal): string {
  return Fn.yamlencode(document.expression);
}

/**
 * `export NAME='value'` lines, one per variable, built by Terraform at apply time. Each value is wrapped in single
 * quotes with every `'` written as `'\''`, the POSIX way, so `eval "$(terraform output -raw shell)"` sets each
 * variable to exactly its value, whatever characters it holds (newlines, `$`, backslashes, quotes).
 *
 * The values are published as the local `<id>`; the quote replacement as `<id>_quote` (a literal backslash cannot be
 * written inside a cdktf function call, so it lives in a local value).
 */
export function shellExports(scope: Construct, id: string, variables: { readonly [name: string]: string }): string {
  const names = Object.keys(variables);
  for (const name of names) {
    if (!ENV_NAME.test(name)) {
      throw new ValidationError(scope, `${id}.${name}`, name, 'a shell variable name: letters, digits and "_", not starting with a digit');
    }
  }
  const env = publishDocument(scope, id, variables);
  const quote = new TerraformLocal(scope, `${id}_quote`, "'\\''");
  // One reference to each local for all lines: every reference is a token that records its creation stack.
  const envRef = env.expression;
  const quoteRef = quote.asString;
  const lines = names.map((name) => Fn.format(`export ${name}='%s'\n`, [Fn.replace(Fn.lookupNested(envRef, [name]), "'", quoteRef)]));
  return joinTokens('', lines);
}
