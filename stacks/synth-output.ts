import * as fs from 'fs';
import * as path from 'path';

/**
 * What cdktf's App writes into a stack folder on every synth (the Terraform JSON or HCL, HCL's metadata, the assets).
 * Everything else in a stack folder is Terraform's own (`.terraform/`, `.terraform.lock.hcl`, plan files) and stays.
 */
export const SYNTHESIZED_ENTRIES: readonly string[] = ['cdk.tf.json', 'cdk.tf', 'metadata.json', 'assets'];

/**
 * Moves a complete synth from `staging` into `outdir` in place: each stack folder of the new synth is updated file by
 * file (a file or folder the App writes replaces the old one; one it wrote last time and not now is removed), and the
 * manifest is written last. Nothing else is touched: Terraform's working files in the stack folders survive, and the
 * stack folders of a previous config stay for the cdktf CLI to remove (it lists them before the app runs and removes
 * those its new manifest does not name; removing them here makes that fail with ENOENT).
 */
export function installInPlace(staging: string, outdir: string): void {
  const stacksFrom = path.join(staging, 'stacks');
  const stacksTo = path.join(outdir, 'stacks');
  fs.mkdirSync(stacksTo, { recursive: true });
  for (const stack of fs.existsSync(stacksFrom) ? fs.readdirSync(stacksFrom) : []) {
    const from = path.join(stacksFrom, stack);
    const to = path.join(stacksTo, stack);
    fs.mkdirSync(to, { recursive: true });
    const written = fs.readdirSync(from);
    for (const entry of SYNTHESIZED_ENTRIES) {
      if (!written.includes(entry)) fs.rmSync(path.join(to, entry), { recursive: true, force: true });
    }
    for (const entry of written) {
      const target = path.join(to, entry);
      if (fs.statSync(path.join(from, entry)).isDirectory()) fs.rmSync(target, { recursive: true, force: true });
      fs.renameSync(path.join(from, entry), target);
    }
  }
  for (const entry of fs.readdirSync(staging)) {
    if (entry === 'stacks' || entry === 'manifest.json') continue;
    const target = path.join(outdir, entry);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(path.join(staging, entry), target);
  }
  fs.renameSync(path.join(staging, 'manifest.json'), path.join(outdir, 'manifest.json'));
}
