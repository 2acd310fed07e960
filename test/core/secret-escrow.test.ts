import { spawnSync } from 'child_process';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { shellCommand } from '../../lib/core/secret-escrow';
import { describeWithTerraform } from '../support/requirements';
import { renderOutputs } from '../support/render';
import { synth, terraformBinary, testApp } from '../support/synth';

/** Runs `eval "$command"` in bash with `tool` defined as a function that prints each argument on its own line (NUL-terminated). */
function argvOf(command: string, tool: string): string[] {
  const script = `${tool}() { for a in "$@"; do printf '%s\\0' "$a"; done; }\neval "$CMD"`;
  const r = spawnSync('bash', ['-c', script], { env: { PATH: process.env.PATH ?? '', CMD: command }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bash failed: ${r.stderr}`);
  return r.stdout.split('\0').slice(0, -1);
}

describe('shellCommand', () => {
  test('literal arguments: a plain string, quoted only where needed, exact through a shell', () => {
    const stack = new TerraformStack(testApp(), 's');
    const argv = ['tool', 'show', '--name', "it's a $HOME `x`", '--query', 'value'];
    const command = shellCommand(stack, 'cmd', argv);
    expect(command).toBe(`tool show --name 'it'\\''s a $HOME \`x\`' --query value`);
    expect(argvOf(command, 'tool')).toEqual(argv.slice(1));
    // No local value is created for a literal command.
    expect(synth(stack).locals).toBeUndefined();
  });

  test('a token argument is quoted by Terraform (format and replace), not by string concatenation', () => {
    const stack = new TerraformStack(testApp(), 's');
    const v = new TerraformVariable(stack, 'vault', { type: 'string' });
    const command = shellCommand(stack, 'cmd', ['tool', '--vault-name', v.stringValue]);
    new TerraformOutput(stack, 'cmd', { value: command });
    const json = synth(stack);
    expect(json.output!.cmd.value).toContain('replace(var.vault, "\'", local.cmd_quote)');
    expect(json.locals).toEqual({ cmd_quote: "'\\''" });
  });
});

describeWithTerraform()('shellCommand rendered by terraform', () => {
  test.each([["it's $(echo pwned) `x` \\ \"q\""], ['plain-vault01']])('a token argument %p reaches the tool exactly', (value) => {
    const stack = new TerraformStack(testApp(), 's');
    const v = new TerraformVariable(stack, 'vault', { type: 'string' });
    new TerraformOutput(stack, 'cmd', { value: shellCommand(stack, 'cmd', ['tool', 'show', '--vault-name', v.stringValue, "--name=it's"]) });
    const { raw } = renderOutputs(terraformBinary()!, { json: synth(stack), outputs: ['cmd'], variables: { vault: value }, sample: () => 'x' });
    expect(argvOf(raw.cmd!, 'tool')).toEqual(['show', '--vault-name', value, "--name=it's"]);
  });
});
