import { Fn, TerraformIterator, TerraformLocal, Token } from 'cdktf';
import { Construct } from 'constructs';
import { publishDocument } from './document';
import { ENV_NAME, ValidationError } from './validation';

/**
 * A YAML stream (documents separated by `---`) built by Terraform at apply time: each document is a published local
 * value encoded with `yamlencode`, so quotes, backslashes, newlines, `#` and `:` in values survive unchanged.
 */
export function yamlStream(documents: readonly TerraformLocal[]): string {
  return Fn.join('---\n', documents.map((d) => Fn.yamlencode(d.expression)));
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
  // One Terraform for expression over the names instead of one function call per line: cdktf resolves a literal list
  // argument twice, and each call is a token with its creation stack, which made this output a third of a synth's
  // token resolutions. A map keyed by zero-padded position keeps the given order (Terraform iterates a map by key).
  const order: Record<string, string> = {};
  names.forEach((name, i) => (order[String(i).padStart(4, '0')] = name));
  const lines = TerraformIterator.fromMap(order).forExpressionForList(`format("export %s='%s'\\n", val, replace(${env.expression}[val], "'", ${quote.asString}))`);
  return Fn.join('', Token.asList(lines));
}
