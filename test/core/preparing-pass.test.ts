import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformOutput, TerraformResource, TerraformStack } from 'cdktf';
import { declaredToReadNoOtherStack, readsNoOtherStack, skipUnneededPreparingPasses } from '../../lib/core/preparing-pass';

/**
 * The preparing pass skipped for stacks declared to read no other stack: same output, and a wrong declaration fails
 * the synth. The setting patches this test file's own copy of cdktf (Jest loads modules per file): the first block
 * runs before it is installed.
 */
interface Built {
  app: App;
  outdir: string;
  producer: TerraformStack;
  consumer: TerraformStack;
  preparedElements: string[];
}

/** Two stacks: `producer` (declared) makes a resource, `consumer` reads its id; each element records preparing passes. */
function build(options: { producerReadsConsumer?: boolean } = {}): Built {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'preparing-pass-'));
  const app = new App({ outdir, stackTraces: false });
  const producer = new TerraformStack(app, 'producer');
  const consumer = new TerraformStack(app, 'consumer');
  readsNoOtherStack(producer);
  const preparedElements: string[] = [];
  const record = (r: TerraformResource) => {
    const toTerraform = r.toTerraform.bind(r);
    r.toTerraform = () => {
      preparedElements.push(r.node.path);
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
  return { app, outdir, producer, consumer, preparedElements };
}

/** Every synthesized file, relative path -> text. */
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

let before: Record<string, string>;
let preparedBefore: string[];

describe('without the setting', () => {
  test('the declaration is recorded and changes nothing: every element is prepared, the cross-stack reference is made', () => {
    const b = build();
    expect(declaredToReadNoOtherStack(b.producer)).toBe(true);
    expect(declaredToReadNoOtherStack(b.consumer)).toBe(false);
    b.app.synth();
    preparedBefore = [...b.preparedElements];
    before = files(b.outdir);
    // Each element is turned into Terraform twice: in the preparing pass and in the synth.
    expect(preparedBefore.filter((p) => p === 'producer/made').length).toBe(2);
    expect(before['stacks/consumer/cdk.tf.json']).toContain('terraform_remote_state');
    expect(before['stacks/producer/cdk.tf.json']).toContain('cross-stack-output');
  });
});

describe('with skipUnneededPreparingPasses', () => {
  beforeAll(() => {
    expect(skipUnneededPreparingPasses()).toBe(true);
    expect(skipUnneededPreparingPasses()).toBe(false);
  });

  test('the declared stack is not prepared, the other one is, and the output is the same file for file', () => {
    const b = build();
    b.app.synth();
    expect(b.preparedElements.filter((p) => p === 'producer/made').length).toBe(1);
    expect(b.preparedElements.filter((p) => p === 'consumer/reader').length).toBe(2);
    expect(files(b.outdir)).toEqual(before);
  });

  test('a declared stack that reads another stack fails the synth, naming both stacks', () => {
    const b = build({ producerReadsConsumer: true });
    expect(() => b.app.synth()).toThrow(/producer reads null_resource\.reader\.id of the stack consumer, but was declared to read no other stack's values/);
  });
});
