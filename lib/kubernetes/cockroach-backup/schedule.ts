import { IConstruct } from 'constructs';
import { ValidationError, isUnresolved } from '../../core/validation';
import { BACKUP_URL_CHARACTERS } from './destination';

/**
 * Schedule labels: a lower-case letter, then up to 62 lower-case letters, digits and "_". The label is written into
 * the SQL as a string constant (`CREATE SCHEDULE IF NOT EXISTS '<label>'`, the form `SHOW CREATE SCHEDULE` prints),
 * and no character of this alphabet can end or escape it.
 */
export const SCHEDULE_LABEL = /^[a-z][a-z0-9_]{0,62}$/;

/** The cron shortcuts CockroachDB's schedule parser accepts (besides 5-field expressions). */
export const CRON_SHORTCUTS = ['@hourly', '@daily', '@weekly', '@monthly', '@yearly', '@annually'] as const;

/** One field of a 5-field cron expression: digits, names (MON, JAN), `*`, `/`, `,` and `-`. */
const CRON_FIELD = /^[0-9A-Za-z*/,-]+$/;

/** The characters a recurrence may hold, checked again inside the container. */
const CRON_CHARACTERS = '0-9A-Za-z*/,@ -';

/** Checks a schedule label (literal only: it names the schedule forever, so it may not be a token). */
export function checkScheduleLabel(scope: IConstruct, field: string, value: string): string {
  if (isUnresolved(value) || typeof value !== 'string' || !SCHEDULE_LABEL.test(value)) {
    throw new ValidationError(scope, field, value, 'a literal label: a lower-case letter, then up to 62 lower-case letters, digits and "_"');
  }
  return value;
}

/** Checks a recurrence: a shortcut such as "@daily" or a 5-field cron expression such as "0 3 * * *" (literal only). */
export function checkRecurrence(scope: IConstruct, field: string, value: string): string {
  const fields = typeof value === 'string' ? value.split(' ') : [];
  const ok =
    !isUnresolved(value) &&
    typeof value === 'string' &&
    ((CRON_SHORTCUTS as readonly string[]).includes(value) || (fields.length === 5 && fields.every((f) => CRON_FIELD.test(f))));
  if (!ok) {
    throw new ValidationError(
      scope,
      field,
      value,
      `a literal ${CRON_SHORTCUTS.join(', ')} or a 5-field cron expression (minute hour day-of-month month day-of-week) separated by single spaces, such as "0 3 * * *"`,
    );
  }
  return value;
}

/** The SQL the Job runs, given the label, the full backup URL and the recurrence (all from the checked alphabets). */
export function createScheduleSql(label: string, url: string, recurrence: string): string {
  return `CREATE SCHEDULE IF NOT EXISTS '${label}' FOR BACKUP INTO '${url}' RECURRING '${recurrence}' FULL BACKUP ALWAYS WITH SCHEDULE OPTIONS first_run = 'now';`;
}

/** The query that counts the schedules with the label. */
export function countSchedulesSql(label: string): string {
  return `SELECT count(*) FROM [SHOW SCHEDULES] WHERE label = '${label}';`;
}

/**
 * The Job's bash script. Inputs come from the environment: `SCHEDULE_LABEL`, `SCHEDULE_RECURRENCE`, `BACKUP_LOCATION`,
 * `AZURE_ACCOUNT_NAME` and `AZURE_ACCOUNT_KEY` (Azure only, from the Secret), `DB_HOST`, `DB_PORT`, `DB_USER`,
 * `CLIENT_CERTS` (the mounted client certificate Secret: `ca.crt`, `tls.crt`, `tls.key`) and `WORK_DIR` (a memory
 * volume).
 *
 * Quoting: `cockroach sql` has no psql-style variables, so values cannot be bound; instead every value put into the
 * SQL is checked against an alphabet that holds no `'` or `\` (the label, the recurrence, the URL after the key is
 * percent-encoded) before the SQL is built, here as at synth time, and the Job fails on anything else. The SQL goes
 * to `cockroach sql` on stdin through a pipe, so the key is in no command line and no file; the output of that
 * statement is printed with the key replaced by `<redacted>`; the check prints only a count.
 */
export const COCKROACH_BACKUP_SCRIPT = `set -euo pipefail
export LC_ALL=C
umask 077

fail() { printf 'backup schedule: %s\\n' "$1" >&2; exit 1; }
only() { [[ "$2" =~ ^[$3]+$ ]] || fail "$1 holds a character outside [$3]"; }

# Percent-encodes everything but unreserved characters (RFC 3986), as CockroachDB expects query parameters.
urlencode() {
  local s="$1" out="" c i
  for ((i = 0; i < \${#s}; i++)); do
    c="\${s:i:1}"
    case "$c" in
      [A-Za-z0-9._~-]) out+="$c" ;;
      *) out+="$(printf '%%%02X' "'$c")" ;;
    esac
  done
  printf '%s' "$out"
}

[[ "$SCHEDULE_LABEL" =~ ^[a-z][a-z0-9_]{0,62}$ ]] || fail "SCHEDULE_LABEL is not a label"
only SCHEDULE_RECURRENCE "$SCHEDULE_RECURRENCE" '${CRON_CHARACTERS}'
url="$BACKUP_LOCATION"
secret=""
if [[ -n "\${AZURE_ACCOUNT_KEY:-}" ]]; then
  [[ "\${AZURE_ACCOUNT_NAME:-}" =~ ^[a-z0-9]{3,24}$ ]] || fail "AZURE_ACCOUNT_NAME is not a storage account name"
  secret="$(urlencode "$AZURE_ACCOUNT_KEY")"
  url="\${url}?AZURE_ACCOUNT_NAME=\${AZURE_ACCOUNT_NAME}&AZURE_ACCOUNT_KEY=\${secret}"
fi
only BACKUP_LOCATION "$url" '${BACKUP_URL_CHARACTERS}'

# cockroach wants the client certificate as client.<user>.crt/.key, the key readable by its owner only.
certs="$WORK_DIR/certs"
mkdir -p "$certs"
cp "$CLIENT_CERTS/ca.crt" "$certs/ca.crt"
cp "$CLIENT_CERTS/tls.crt" "$certs/client.$DB_USER.crt"
cp "$CLIENT_CERTS/tls.key" "$certs/client.$DB_USER.key"
chmod 0600 "$certs/client.$DB_USER.key"
sql() { cockroach sql --certs-dir="$certs" --host="$DB_HOST" --port="$DB_PORT" --user="$DB_USER" "$@"; }

create="${createScheduleSql('$SCHEDULE_LABEL', '$url', '$SCHEDULE_RECURRENCE')}"
if ! out="$(printf '%s\\n' "$create" | sql 2>&1)"; then
  if [[ -n "$secret" ]]; then out="\${out//"$secret"/<redacted>}"; out="\${out//"$AZURE_ACCOUNT_KEY"/<redacted>}"; fi
  printf '%s\\n' "$out" >&2
  fail "CREATE SCHEDULE failed"
fi

count="$(sql --format=csv -e "${countSchedulesSql('$SCHEDULE_LABEL')}" | tail -n 1)"
[[ "$count" =~ ^[0-9]+$ && "$count" -ge 1 ]] || fail "no schedule labelled $SCHEDULE_LABEL after CREATE SCHEDULE (SHOW SCHEDULES counted '$count')"
printf 'backup schedule %s: present (%s)\\n' "$SCHEDULE_LABEL" "$count"
`;
