#!/usr/bin/env node
/**
 * A stand-in for `az`, `gcloud` and `aws` that answers with recorded responses and logs every call.
 *
 * Rules (a JSON list) say which response a call gets: the first rule whose `argv` starts the call's argv and whose
 * `has` tokens all appear in it wins. A response is `stdout` (text) or `stdoutFile` (a fixture path), optional
 * `stderr` / `stderrFile`, and `exitCode` (default 0). A call no rule matches exits 2 with "no recorded response".
 *
 * Used two ways: the unit tests call `respond()` from a fake runner, and the end-to-end test puts small `az`, `gcloud`
 * and `aws` executables first on the PATH that run `node fake-cli.js <name> <args...>` (rules from $FAKE_CLI_RULES, argv appended as one JSON
 * line to $FAKE_CLI_LOG).
 */
const fs = require('fs');

function matches(rule, argv) {
  if (!rule.argv.every((word, i) => argv[i] === word)) return false;
  return (rule.has || []).every((token) => argv.includes(token));
}

/** The recorded response to argv: { exitCode, stdout, stderr }. */
function respond(rules, argv) {
  const rule = rules.find((r) => matches(r, argv));
  if (rule === undefined) return { exitCode: 2, stdout: '', stderr: `fake ${argv[0]}: no recorded response for: ${argv.join(' ')}\n` };
  return {
    exitCode: rule.exitCode || 0,
    stdout: rule.stdoutFile !== undefined ? fs.readFileSync(rule.stdoutFile, 'utf8') : rule.stdout || '',
    stderr: rule.stderrFile !== undefined ? fs.readFileSync(rule.stderrFile, 'utf8') : rule.stderr || '',
  };
}

/** Runs as the executable `name` called with `args`: logs the call, prints the recorded response, exits with its code. */
function main(name, args) {
  const argv = [name, ...args];
  if (process.env.FAKE_CLI_LOG) fs.appendFileSync(process.env.FAKE_CLI_LOG, `${JSON.stringify(argv)}\n`);
  const rules = JSON.parse(fs.readFileSync(process.env.FAKE_CLI_RULES, 'utf8'));
  const r = respond(rules, argv);
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  process.exitCode = r.exitCode;
}

module.exports = { respond, main };

// `node fake-cli.js az account show ...` (what the fake `az` on the PATH runs)
if (require.main === module) main(process.argv[2], process.argv.slice(3));
