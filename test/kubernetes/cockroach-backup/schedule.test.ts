import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { COCKROACH_BACKUP_SCRIPT, checkRecurrence, checkScheduleLabel, countSchedulesSql, createScheduleSql } from '../../../lib/kubernetes/cockroach-backup/schedule';
import { expectValidationError } from '../../support/validation-matchers';

/**
 * The Job's script, run by bash with a stub `cockroach` first on the PATH: the stub records its arguments and stdin
 * and answers the SHOW SCHEDULES count with $STUB_COUNT (or fails the CREATE with $STUB_FAIL, echoing its input).
 * No CockroachDB server runs here: what the server does with the SQL is not tested.
 */
const STUB = `#!/bin/bash
printf '%s\\n' "$*" >> "$STUB_LOG/args"
if [[ "$*" == *"--format=csv"* ]]; then printf 'count\\n%s\\n' "$STUB_COUNT"; exit 0; fi
input="$(cat)"
printf '%s' "$input" > "$STUB_LOG/stdin"
if [[ -n "\${STUB_FAIL:-}" ]]; then printf 'ERROR: cannot write to %s\\n' "$input" >&2; exit 1; fi
printf 'CREATE SCHEDULE\\n'
`;

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly stdin: string;
  readonly args: string[];
  readonly keyMode: string;
}

function run(env: Record<string, string>): Run {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-backup-'));
  const bin = path.join(dir, 'bin');
  const certs = path.join(dir, 'certs');
  const work = path.join(dir, 'work');
  for (const d of [bin, certs, work]) fs.mkdirSync(d);
  fs.writeFileSync(path.join(bin, 'cockroach'), STUB, { mode: 0o755 });
  for (const f of ['ca.crt', 'tls.crt', 'tls.key']) fs.writeFileSync(path.join(certs, f), `${f}\n`, { mode: 0o440 });
  const r = spawnSync('bash', ['-c', COCKROACH_BACKUP_SCRIPT], {
    env: {
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      STUB_LOG: dir,
      STUB_COUNT: '1',
      SCHEDULE_LABEL: 'estafette_ci_full_backup',
      SCHEDULE_RECURRENCE: '@daily',
      BACKUP_LOCATION: 'gs://bucket/cockroach?AUTH=implicit',
      DB_HOST: 'estafette-ci-db-public',
      DB_PORT: '26257',
      DB_USER: 'root',
      CLIENT_CERTS: certs,
      WORK_DIR: work,
      ...env,
    },
    encoding: 'utf8',
  });
  const read = (f: string) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), 'utf8') : '');
  const key = path.join(work, 'certs', 'client.root.key');
  return {
    status: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    stdin: read('stdin'),
    args: read('args').split('\n').filter((l) => l !== ''),
    keyMode: fs.existsSync(key) ? (fs.statSync(key).mode & 0o777).toString(8) : 'missing',
  };
}

describe('the backup schedule SQL', () => {
  test('creates the labelled schedule once, full backups always, first run now', () => {
    expect(createScheduleSql('daily_backup', 'gs://b/p?AUTH=implicit', '0 3 * * *')).toBe(
      "CREATE SCHEDULE IF NOT EXISTS 'daily_backup' FOR BACKUP INTO 'gs://b/p?AUTH=implicit' RECURRING '0 3 * * *' FULL BACKUP ALWAYS WITH SCHEDULE OPTIONS first_run = 'now';",
    );
    expect(countSchedulesSql('daily_backup')).toBe("SELECT count(*) FROM [SHOW SCHEDULES] WHERE label = 'daily_backup';");
  });

  test('labels and recurrences are checked at synth time', () => {
    const scope = new TerraformStack(Testing.app(), 'checks');
    expect(checkScheduleLabel(scope, 'label', 'estafette_ci_full_backup')).toBe('estafette_ci_full_backup');
    for (const ok of ['@daily', '@hourly', '@weekly', '@monthly', '@yearly', '0 3 * * *', '*/30 * * * *', '0 2 * * MON-FRI', '15 1 1,15 * *']) {
      expect(checkRecurrence(scope, 'recurrence', ok)).toBe(ok);
    }
    for (const bad of ["x'; DROP", 'Daily', '1abc', '', 'a'.repeat(64), 'has space', 'semi;colon']) expectValidationError(() => checkScheduleLabel(scope, 'label', bad), 'label', bad);
    for (const bad of ['@every 1h', '@midnight', '0 3 * *', '0 3 * * * *', "0 3 * * '", '0  3 * * *', 'daily', '0 3 * * *;', '']) {
      expectValidationError(() => checkRecurrence(scope, 'recurrence', bad), 'recurrence', bad);
    }
  });
});

describe('the Job script (bash, with a stub cockroach)', () => {
  test('GCS: sends the CREATE SCHEDULE on stdin over TLS with the client certificate, then checks SHOW SCHEDULES', () => {
    const r = run({});
    expect(r.status).toBe(0);
    expect(r.stdin).toBe(
      "CREATE SCHEDULE IF NOT EXISTS 'estafette_ci_full_backup' FOR BACKUP INTO 'gs://bucket/cockroach?AUTH=implicit' RECURRING '@daily' FULL BACKUP ALWAYS WITH SCHEDULE OPTIONS first_run = 'now';",
    );
    expect(r.args).toHaveLength(2);
    expect(r.args[0]).toMatch(/^sql --certs-dir=\S+\/work\/certs --host=estafette-ci-db-public --port=26257 --user=root$/);
    expect(r.args[1]).toContain(`--format=csv -e SELECT count(*) FROM [SHOW SCHEDULES] WHERE label = 'estafette_ci_full_backup';`);
    expect(r.keyMode).toBe('600');
    expect(r.stdout).toContain('backup schedule estafette_ci_full_backup: present (1)');
  });

  test('fails when SHOW SCHEDULES finds no schedule with the label', () => {
    const r = run({ STUB_COUNT: '0' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/no schedule labelled estafette_ci_full_backup/);
  });

  test('Azure: the key is percent-encoded into the URL inside the container and redacted from error output', () => {
    const key = 'Qk9+zz/Xy==';
    const ok = run({ BACKUP_LOCATION: 'azure://backups/cockroach', AZURE_ACCOUNT_NAME: 'estafettebk01', AZURE_ACCOUNT_KEY: key });
    expect(ok.status).toBe(0);
    expect(ok.stdin).toContain("INTO 'azure://backups/cockroach?AZURE_ACCOUNT_NAME=estafettebk01&AZURE_ACCOUNT_KEY=Qk9%2Bzz%2FXy%3D%3D' RECURRING");
    // The key is in no command line.
    expect(ok.args.join('\n')).not.toContain('Qk9');
    const failed = run({ BACKUP_LOCATION: 'azure://backups/cockroach', AZURE_ACCOUNT_NAME: 'estafettebk01', AZURE_ACCOUNT_KEY: key, STUB_FAIL: '1' });
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toContain('AZURE_ACCOUNT_KEY=<redacted>');
    expect(failed.stderr).not.toContain('Qk9');
    expect(failed.stderr + failed.stdout).not.toContain(key);
  });

  test.each([
    ['SCHEDULE_LABEL', "x'; DROP DATABASE defaultdb; --"],
    ['SCHEDULE_RECURRENCE', "@daily'; DROP DATABASE defaultdb; --"],
    ['BACKUP_LOCATION', "gs://b/p?AUTH=implicit'; DROP DATABASE defaultdb; --"],
    ['AZURE_ACCOUNT_NAME', "x'y"],
  ])('refuses %s holding a quote, before running any SQL', (name, value) => {
    const extra: Record<string, string> = name === 'AZURE_ACCOUNT_NAME' ? { AZURE_ACCOUNT_KEY: 'k' } : {};
    const r = run({ [name]: value, ...extra });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(name);
    expect(r.args).toEqual([]);
  });
});
