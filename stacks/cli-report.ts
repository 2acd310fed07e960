import * as fs from 'fs';
import * as path from 'path';
import { AnnotationMetadataEntryType, IManifest, Manifest, StackManifest } from 'cdktf';
import { ValidationError } from '../lib/core/validation';

/**
 * Reporting an error to the cdktf CLI so the user reads it once. The CLI echoes everything the app writes on stderr
 * (or stdout) as it comes and again in its "Command output on stderr" block, so an error printed there appears
 * twice. What the CLI prints exactly once are error annotations in the manifest: it sets
 * CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS for the app, prints each annotation as `ERROR [where]: message` and fails
 * the command (synth, deploy, diff alike) without running Terraform.
 */

/** True when the app runs under the cdktf CLI (which reads error annotations from the manifest). */
export function underCdktfCli(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS === 'true';
}

/** Placeholder stack that carries the error when there is no previous output to attach it to. */
export const ERROR_STACK = 'config-error';

/**
 * Writes `err` into the manifest of `outdir` as an error annotation, leaving every synthesized file as it was. The
 * manifest keeps listing the stacks of the previous synth (so the CLI's clean-up removes none of their folders); with
 * none, a placeholder stack folder carries the error (the CLI removes it after the next good synth).
 */
export function reportThroughManifest(outdir: string, err: Error): void {
  const [where, message] = splitLocation(err);
  const annotation = { constructPath: where, level: AnnotationMetadataEntryType.ERROR, message };
  const previous = readManifest(outdir);
  const names = Object.keys(previous?.stacks ?? {});
  let manifest: IManifest;
  if (previous !== undefined && names.length > 0) {
    const first = previous.stacks[names[0]!]!;
    manifest = { ...previous, stacks: { ...previous.stacks, [first.name]: { ...first, annotations: [annotation] } } };
  } else {
    const dir = path.join(outdir, Manifest.stacksFolder, ERROR_STACK);
    fs.mkdirSync(dir, { recursive: true });
    // What the CLI reads of a stack: its JSON, with the metadata block its telemetry looks at.
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), `${JSON.stringify({ '//': { metadata: { stackName: ERROR_STACK } }, terraform: {} }, null, 2)}\n`);
    const stack: StackManifest = {
      name: ERROR_STACK,
      constructPath: ERROR_STACK,
      workingDirectory: path.join(Manifest.stacksFolder, ERROR_STACK),
      synthesizedStackPath: path.join(Manifest.stacksFolder, ERROR_STACK, 'cdk.tf.json'),
      stackMetadataPath: path.join(Manifest.stacksFolder, ERROR_STACK, Manifest.stackMetadataPath),
      annotations: [annotation],
      dependencies: [],
    };
    manifest = { version: previous?.version ?? '0.21.0', stacks: { [ERROR_STACK]: stack } };
  }
  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(path.join(outdir, Manifest.fileName), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The previous synth's manifest, when it is there and each stack it lists is. */
function readManifest(outdir: string): IManifest | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, Manifest.fileName), 'utf8')) as IManifest;
    const stacks = Object.values(manifest.stacks ?? {});
    if (!stacks.every((s) => fs.existsSync(path.join(outdir, s.synthesizedStackPath)))) return undefined;
    // An earlier error stays no longer than the synth that replaced it.
    const kept = Object.fromEntries(stacks.filter((s) => s.name !== ERROR_STACK).map((s) => [s.name, { ...s, annotations: [] }]));
    return { ...manifest, stacks: kept };
  } catch {
    return undefined;
  }
}

/** `platform.config.yaml:18:22` and the rest of the message: the CLI prints them as `ERROR [where]: message`. */
function splitLocation(err: Error): [string, string] {
  if (err instanceof ValidationError && err.message.startsWith(`${err.path}: `)) return [err.path, err.message.slice(err.path.length + 2)];
  const m = /^([^\s:]+(?::\d+){0,2}): ([\s\S]*)$/.exec(err.message);
  return m ? [m[1]!, m[2]!] : ['config', err.message];
}
