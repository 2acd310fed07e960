import { Release } from '@cdktf/provider-helm/lib/release';
import { Fn, TerraformLocal, Token } from 'cdktf';
import { Construct } from 'constructs';
import { publishDocument } from '../lib/core/document';
import { joinTokens } from '../lib/core/encoders';

/**
 * A generated shell script, built by Terraform at apply time like the `shell` output: literal text lives in a local
 * value (JSON-encoded by cdktf, so any character is safe), and every value that is only known at apply time is
 * written as one single-quoted shell word, each `'` replaced by `'\''`. No token is ever pasted into shell text.
 */
export type ScriptPart =
  /** Literal shell text, written as is. */
  | string
  /** A value (literal or token) written as one single-quoted shell word. */
  | { readonly word: string }
  /** A published document, encoded by `yamlencode`, written as one single-quoted shell word. */
  | { readonly yaml: TerraformLocal };

/** Characters a shell word may hold without quotes. */
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** A literal as one shell word: as is when it has no special character, else single-quoted. */
export function shellWord(value: string): string {
  if (Token.isUnresolved(value)) throw new Error(`shellWord: ${value} is a token; use a { word } script part`);
  return PLAIN_WORD.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

/**
 * Builds the script's text as a Terraform expression. The literal text is published as the local `<id>` (an object of
 * pieces `p0`, `p1`, ...), the quote replacement as `<id>_quote`.
 */
export function shellScript(scope: Construct, id: string, parts: readonly ScriptPart[]): string {
  const pieces: Record<string, string> = {};
  const sequence: Array<{ readonly piece: string } | { readonly value: string }> = [];
  let text = '';
  const flush = () => {
    if (text === '') return;
    const key = `p${Object.keys(pieces).length}`;
    pieces[key] = text;
    sequence.push({ piece: key });
    text = '';
  };
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
    } else if ('word' in part && !Token.isUnresolved(part.word)) {
      text += shellWord(part.word);
    } else {
      text += "'";
      flush();
      sequence.push({ value: 'word' in part ? part.word : Fn.yamlencode(part.yaml.expression) });
      text += "'";
    }
  }
  flush();
  const literal = publishDocument(scope, id, pieces);
  const quote = new TerraformLocal(scope, `${id}_quote`, "'\\''");
  return joinTokens(
    '',
    sequence.map((s) => ('piece' in s ? Fn.lookupNested(literal.expression, [s.piece]) : Fn.replace(s.value, "'", quote.asString))),
  );
}

/** One step of an install script. */
export type InstallStep =
  /** `kubectl apply` of one published manifest. */
  | { readonly kind: 'apply'; readonly title: string; readonly manifest: TerraformLocal }
  /** `kubectl apply` of the YAML a (sensitive) output of the infra stack holds, read when the script runs. */
  | { readonly kind: 'apply-output'; readonly title: string; readonly output: string }
  /** `kubectl wait` until the Job a (sensitive) output of the infra stack holds has completed. */
  | { readonly kind: 'wait-job-output'; readonly title: string; readonly output: string; readonly timeoutSeconds: number }
  /**
   * `helm upgrade --install` with exactly the chart, version, namespace and flags of a `helm_release`, and the values
   * document it is installed with. `localChart`: the chart is a folder, given relative to the infra stack's folder.
   */
  | { readonly kind: 'helm'; readonly title: string; readonly release: Release; readonly namespace: string; readonly values: TerraformLocal; readonly localChart?: string };

/** What an install script is made of. */
export interface InstallScriptProps {
  /** The stack whose resources the script stands in for (named in the script's comments). */
  readonly platformStack: string;
  /** The infra stack (its outputs are read when the script runs). */
  readonly infraStack: string;
  /** The infra stack's folder relative to where the script runs. @default `cdktf.out/stacks/<infraStack>` */
  readonly infraStackDir?: string;
  /** The output the script is published as (named in the script's comments). */
  readonly outputName: string;
  /** The steps, in the order the platform stack applies them. */
  readonly steps: readonly InstallStep[];
}

/** The variable that overrides where the infra stack's folder is. */
export const INFRA_STACK_DIR_VARIABLE = 'INFRA_STACK_DIR';

/**
 * A bash script that installs with kubectl and helm what a platform stack installs with Terraform, in the same order:
 * every manifest and values document comes from a published local; Secrets (and anything else sensitive) are read
 * from the infra stack's outputs with `terraform output` when the script runs, so the script itself holds no secret.
 * Commands not fed by a pipe read from /dev/null: the script may itself be read from standard input (`| bash`).
 */
export function installScript(scope: Construct, id: string, props: InstallScriptProps): string {
  const dir = props.infraStackDir ?? `cdktf.out/stacks/${props.infraStack}`;
  const v = INFRA_STACK_DIR_VARIABLE;
  const parts: ScriptPart[] = [
    '#!/usr/bin/env bash\n',
    `# Installs what the ${props.platformStack} stack installs in the cluster, with kubectl and helm, in the order\n`,
    `# Terraform applies it. Generated by the ${props.infraStack} stack (output ${props.outputName}) from the same\n`,
    '# manifests and values documents; Secrets are read with `terraform output` when it runs. Run it from the folder\n',
    `# that holds cdktf.out (or set ${v}), with kubectl and helm pointed at the cluster.\n`,
    'set -euo pipefail\n',
    `infra_dir="\${${v}:-${dir}}"\n`,
    'for tool in kubectl helm terraform; do\n',
    '  command -v "$tool" >/dev/null || { echo "' + props.outputName + ': $tool is not on the PATH" >&2; exit 1; }\n',
    'done\n',
    `[ -d "$infra_dir" ] || { echo "${props.outputName}: no folder $infra_dir: run this where cdktf.out is, or set ${v}" >&2; exit 1; }\n`,
  ];
  props.steps.forEach((step, i) => {
    parts.push(`\necho ${shellWord(`==> ${i + 1}/${props.steps.length}: ${step.title}`)}\n`);
    parts.push(...stepParts(step));
  });
  return shellScript(scope, id, parts);
}

function terraformOutput(output: string): string {
  return `terraform -chdir="$infra_dir" output -raw ${shellWord(output)} </dev/null`;
}

function stepParts(step: InstallStep): ScriptPart[] {
  switch (step.kind) {
    case 'apply':
      return ["printf '%s\\n' ", { yaml: step.manifest }, ' | kubectl apply -f -\n'];
    case 'apply-output':
      return [`${terraformOutput(step.output)} | kubectl apply -f -\n`];
    case 'wait-job-output':
      return [`${terraformOutput(step.output)} | kubectl wait --for=condition=complete --timeout=${step.timeoutSeconds}s -f -\n`];
    case 'helm': {
      const chart = step.localChart === undefined ? shellWord(helmChartRef(step.release)) : `"$infra_dir"/${shellWord(step.localChart)}`;
      const args = helmInstallArgs(step.release, step.namespace, step.localChart !== undefined).map(shellWord);
      // `upgrade --install <name>`, then the chart, then the flags.
      return ["printf '%s\\n' ", { yaml: step.values }, ` | helm ${args.slice(0, 3).join(' ')} ${chart} ${args.slice(3).join(' ')}\n`];
    }
  }
}

function literal(scope: Release, field: string, value: string | undefined): string | undefined {
  if (value !== undefined && Token.isUnresolved(value)) {
    throw new Error(`${scope.node.path}: the ${field} of a release in install commands must be a literal, not ${value}`);
  }
  return value;
}

function flag(release: Release, field: string, value: boolean | unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new Error(`${release.node.path}: the ${field} of a release in install commands must be a literal boolean`);
  return value;
}

/** The chart argument of `helm upgrade` for a repository chart: the chart name with `--repo`, or the full `oci://` reference. */
export function helmChartRef(release: Release): string {
  const chart = literal(release, 'chart', release.chartInput)!;
  const repository = literal(release, 'repository', release.repositoryInput);
  return repository?.startsWith('oci://') ? `${repository.replace(/\/+$/, '')}/${chart}` : chart;
}

/**
 * The arguments of `helm upgrade --install` that do what the `helm_release` does: name, repository, version,
 * namespace, atomic, cleanup on fail, wait (and wait for Jobs), timeout, history; values from standard input. The
 * chart argument is left out (it follows the name). A release setting this function does not translate throws, so a
 * new setting on the releases cannot be silently left out of the manual path.
 */
export function helmInstallArgs(release: Release, namespace: string, localChart: boolean): string[] {
  const untranslated: Array<[string, unknown]> = [
    ['set', release.setInput],
    ['set_list', release.setListInput],
    ['set_sensitive', release.setSensitiveInput],
    ['set_wo', release.setWoInput],
    ['postrender', release.postrenderInput],
    ['skip_crds', release.skipCrdsInput],
    ['disable_webhooks', release.disableWebhooksInput],
    ['disable_crd_hooks', release.disableCrdHooksInput],
    ['disable_openapi_validation', release.disableOpenapiValidationInput],
    ['reuse_values', release.reuseValuesInput],
    ['reset_values', release.resetValuesInput],
    ['force_update', release.forceUpdateInput],
    ['recreate_pods', release.recreatePodsInput],
    ['replace', release.replaceInput],
    ['devel', release.develInput],
    ['dependency_update', release.dependencyUpdateInput],
    ['verify', release.verifyInput],
    ['keyring', release.keyringInput],
    ['repository_username', release.repositoryUsernameInput],
    ['repository_password', release.repositoryPasswordInput],
    ['repository_ca_file', release.repositoryCaFileInput],
    ['repository_cert_file', release.repositoryCertFileInput],
    ['repository_key_file', release.repositoryKeyFileInput],
    ['pass_credentials', release.passCredentialsInput],
    ['render_subchart_notes', release.renderSubchartNotesInput],
    ['take_ownership', release.takeOwnershipInput],
    ['description', release.descriptionInput],
    ['create_namespace', release.createNamespaceInput],
  ];
  for (const [field, value] of untranslated) {
    if (value !== undefined) throw new Error(`${release.node.path}: install commands do not translate the release setting ${field}`);
  }
  if (release.valuesInput?.length !== 1) throw new Error(`${release.node.path}: install commands expect exactly one values document`);
  const name = literal(release, 'name', release.nameInput)!;
  const repository = literal(release, 'repository', release.repositoryInput);
  const version = literal(release, 'version', release.versionInput);
  if (localChart && (repository !== undefined || version !== undefined)) throw new Error(`${release.node.path}: a local chart has no repository or version`);
  const args = ['upgrade', '--install', name];
  if (repository !== undefined && !repository.startsWith('oci://')) args.push('--repo', repository);
  if (version !== undefined) args.push('--version', version);
  args.push('--namespace', namespace);
  if (flag(release, 'atomic', release.atomicInput)) args.push('--atomic');
  if (flag(release, 'cleanup_on_fail', release.cleanupOnFailInput)) args.push('--cleanup-on-fail');
  // Settings whose provider default might differ from helm's are required, not guessed.
  if (release.waitInput === undefined || release.timeoutInput === undefined || release.maxHistoryInput === undefined) {
    throw new Error(`${release.node.path}: install commands need wait, timeout and max_history set on the release`);
  }
  if (flag(release, 'wait', release.waitInput)) args.push('--wait');
  if (flag(release, 'wait_for_jobs', release.waitForJobsInput)) args.push('--wait-for-jobs');
  args.push('--timeout', `${release.timeoutInput}s`);
  args.push('--history-max', String(release.maxHistoryInput));
  args.push('--values', '-');
  return args;
}
