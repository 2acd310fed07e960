import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { DeploymentConfig, buildDeployment } from '../stacks/deployments';
import { TerraformJson } from './terraform-json';

/** The config's stack pair as Terraform JSON. */
export interface SynthesizedPair {
  readonly infraName: string;
  readonly platformName: string;
  readonly infra: TerraformJson;
  readonly platform: TerraformJson;
}

/**
 * Synthesizes the config's stack pair exactly as `cdktf synth` would (every validation and the policy pack run), into
 * a temporary folder that is removed before this returns: the repository's cdktf.out is never touched.
 */
export function synthesizePair(config: DeploymentConfig): SynthesizedPair {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-synth-'));
  try {
    const app = new App({ outdir, stackTraces: false });
    const { infra, platform } = buildDeployment(app, config);
    app.synth();
    const read = (name: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as TerraformJson;
    return { infraName: infra.node.id, platformName: platform.node.id, infra: read(infra.node.id), platform: read(platform.node.id) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
