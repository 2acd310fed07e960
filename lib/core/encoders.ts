import { Fn, TerraformLocal } from 'cdktf';
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
  // One reference to each local for all lines: every reference is a token that records its creation stack.
  const envRef = env.expression;
  const quoteRef = quote.asString;
  const lines = names.map((name) => Fn.format(`export ${name}='%s'\n`, [Fn.replace(Fn.lookupNested(envRef, [name]), "'", quoteRef)]));
  return Fn.join('', lines);
}
