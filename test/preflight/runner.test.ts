import { READ_ONLY_COMMANDS, READ_ONLY_VERB, RefusedCommandError, allowedCommand, processRunner, readOnly } from '../../preflight/runner';

/** The never-write guarantee: every command preflight may run is a read, and the guard refuses anything else. */

/** Verbs (and verb parts) of the three CLIs that create, change or delete something. */
const MUTATING = /(^|-)(create|delete|update|set|put|add|remove|enable|disable|attach|detach|allocate|release|run|start|stop|restart|request|modify|associate|disassociate|import|assign|register|deregister|tag|untag|apply|deploy|purge|reset|rotate|grant|revoke|upgrade|scale|resize|patch|replace|write|move|copy|login|logout|activate|invoke|change)(-|$)/;

test('every allowed command ends in a read verb, and none is a mutating verb', () => {
  expect(READ_ONLY_COMMANDS.length).toBeGreaterThan(20);
  for (const path of READ_ONLY_COMMANDS) {
    const verb = path[path.length - 1]!;
    expect([path.join(' '), READ_ONLY_VERB.test(verb)]).toEqual([path.join(' '), true]);
    expect([path.join(' '), MUTATING.test(verb)]).toEqual([path.join(' '), false]);
    expect(['az', 'gcloud', 'aws']).toContain(path[0]);
  }
});

test('the mutating-verb pattern itself catches the verbs it is there for', () => {
  for (const verb of ['create', 'delete', 'update', 'allocate-address', 'put-role-policy', 'set-iam-policy', 'add-iam-policy-binding', 'enable', 'run-instances', 'request-service-quota-increase', 'change-resource-record-sets']) {
    expect([verb, MUTATING.test(verb)]).toEqual([verb, true]);
  }
});

test('the guard refuses any command not on the list, before it reaches the runner', async () => {
  const ran: string[][] = [];
  const guarded = readOnly(async (argv) => (ran.push([...argv]), { exitCode: 0, stdout: '{}', stderr: '' }));
  for (const argv of [
    ['az', 'group', 'create', '--name', 'x', '--location', 'westeurope'],
    ['az', 'account', 'set', '--subscription', 'x'],
    ['az', 'rest', '--method', 'put', '--url', 'https://management.azure.com/x'],
    ['gcloud', 'services', 'enable', 'compute.googleapis.com'],
    ['gcloud', 'projects', 'add-iam-policy-binding', 'p', '--member', 'user:x', '--role', 'roles/owner'],
    ['aws', 'ec2', 'allocate-address'],
    ['aws', 'service-quotas', 'request-service-quota-increase', '--service-code', 'ec2'],
    ['aws', 'route53', 'change-resource-record-sets'],
    ['sh', '-c', 'az account show'],
    ['az'],
  ]) {
    await expect(guarded(argv)).rejects.toBeInstanceOf(RefusedCommandError);
  }
  expect(ran).toEqual([]);
  await expect(guarded(['az', 'account', 'show', '--output', 'json'])).resolves.toMatchObject({ exitCode: 0 });
  expect(ran).toEqual([['az', 'account', 'show', '--output', 'json']]);
});

test('a command path must match word for word (a prefix of a word is not enough)', () => {
  expect(allowedCommand(['az', 'account', 'show'])).toEqual(['az', 'account', 'show']);
  expect(allowedCommand(['az', 'account', 'showx'])).toBeUndefined();
  expect(allowedCommand(['aws', 'iam', 'get-role-policy'])).toBeUndefined();
  expect(allowedCommand(['gcloud', 'sql', 'flags'])).toBeUndefined();
});

test('the process runner reports a missing executable as not installed, and passes stdout, stderr and the exit code', async () => {
  const missing = await processRunner(['preflight-no-such-cli-8f3a', 'account', 'show']);
  expect(missing).toMatchObject({ exitCode: 127, notInstalled: true });
  const r = await processRunner([process.execPath, '-e', 'process.stdout.write("{\\"a\\":1}"); process.stderr.write("warn"); process.exit(3)']);
  expect(r).toEqual({ exitCode: 3, stdout: '{"a":1}', stderr: 'warn' });
});
