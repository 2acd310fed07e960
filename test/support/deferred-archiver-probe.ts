/**
 * Run as a plain Node process by test/core/deferred-archiver.test.ts (Jest has its own module loader, and the setting
 * is process-wide): installs deferCdktfArchiver, loads cdktf, synthesizes a stack with a zipped asset, and prints as
 * JSON which archiver files were loaded when, and what the zip holds.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deferCdktfArchiver } from '../../lib/core/deferred-archiver';

const loadedArchiver = () => Object.keys(require.cache).filter((f) => /[\\/]node_modules[\\/]archiver[\\/]/.test(f)).length;
const installed = [deferCdktfArchiver(), deferCdktfArchiver()];
const cdktf = require('cdktf') as typeof import('cdktf');
const afterLoadingCdktf = loadedArchiver();

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'deferred-archiver-'));
fs.mkdirSync(path.join(work, 'src'));
fs.writeFileSync(path.join(work, 'src', 'hello.txt'), 'hello');
const app = new cdktf.App({ outdir: path.join(work, 'out'), stackTraces: false });
const stack = new cdktf.TerraformStack(app, 'stack');
const asset = new cdktf.TerraformAsset(stack, 'asset', { path: path.join(work, 'src'), type: cdktf.AssetType.ARCHIVE });
new cdktf.TerraformOutput(stack, 'asset_path', { value: asset.path });
app.synth();
const afterSynth = loadedArchiver();
const zips: string[] = [];
const walk = (d: string) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (p.endsWith('.zip')) zips.push(p);
  }
};
walk(path.join(work, 'out'));
const zipHasFile = zips.length === 1 && fs.readFileSync(zips[0]!).includes(Buffer.from('hello.txt'));

// The stand-in itself: what cdktf's fs.js got for require("archiver"), used in this process.
const fsModule = require.cache[path.join(path.dirname(require.resolve('cdktf')), 'private', 'fs.js')]!;
const standIn = (require('module') as { _load(r: string, p: NodeJS.Module, m: boolean): unknown })._load('archiver', fsModule, false) as (format: string) => { pipe: unknown };
const beforeUse = loadedArchiver();
const archive = standIn('zip');
const afterUse = loadedArchiver();

process.stdout.write(
  JSON.stringify({ installed, afterLoadingCdktf, afterSynth, zips: zips.length, zipHasFile, beforeUse, afterUse, archiveHasPipe: typeof archive.pipe === 'function', isFunction: typeof standIn === 'function' }),
);
fs.rmSync(work, { recursive: true, force: true });
