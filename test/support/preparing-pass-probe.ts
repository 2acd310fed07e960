/**
 * Run as a plain Node process by test/core/preparing-pass.test.ts (the setting is process-wide, and Jest's setup
 * installs it for every test file): synthesizes two stacks, `producer` (declared to read no other stack) and
 * `consumer` (reading the producer's resource), without the setting and then with it, and prints as JSON how often
 * each element was turned into Terraform, the files written, and the error of a wrong declaration.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformOutput, TerraformResource, TerraformStack } from 'cdktf';
import { declaredToReadNoOtherStack, readsNoOtherStack, skipUnneededPreparingPasses } from '../../lib/core/preparing-pass';

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

function run(options: { producerReadsConsumer?: boolean } = {}) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'preparing-pass-'));
  const app = new App({ outdir, stackTraces: false });
  const producer = new TerraformStack(app, 'producer');
  const consumer = new TerraformStack(app, 'consumer');
  readsNoOtherStack(producer);
  const turned: string[] = [];
  const record = (r: TerraformResource) => {
    const toTerraform = r.toTerraform.bind(r);
    r.toTerraform = () => {
      turned.push(r.node.path);
      return toTerraform();
    };
  };
  const made = new TerraformResource(producer, 'made', { terraformResourceType: 'null_resource' });
  const reader = new TerraformResource(consumer, 'reader', { terraformResourceType: 'null_resource' });
  reader.addOverride('triggers', { id: made.getStringAttribute('id') });
  if (options.producerReadsConsumer) made.addOverride('triggers', { other: reader.getStringAttribute('id') });
  new TerraformOutput(producer, 'local_id', { value: made.getStringAttribute('id') });
  record(made);
  record(reader);
  let error: string | undefined;
  try {
    app.synth();
  } catch (e) {
    error = (e as Error).message;
  }
  const result = {
    declared: [declaredToReadNoOtherStack(producer), declaredToReadNoOtherStack(consumer)],
    producerTurned: turned.filter((p) => p === 'producer/made').length,
    consumerTurned: turned.filter((p) => p === 'consumer/reader').length,
    files: error === undefined ? files(outdir) : {},
    error,
  };
  fs.rmSync(outdir, { recursive: true, force: true });
  return result;
}

const without = run();
const installed = [skipUnneededPreparingPasses(), skipUnneededPreparingPasses()];
const withSetting = run();
const wrong = run({ producerReadsConsumer: true });
process.stdout.write(JSON.stringify({ without, installed, with: withSetting, wrong }));
