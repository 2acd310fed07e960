/** The outcome of one preflight check: one printed line. */
export type CheckResult =
  | { readonly status: 'ok'; readonly check: string; readonly found: string }
  | { readonly status: 'FAIL'; readonly check: string; readonly problem: string; readonly fix: string }
  | { readonly status: 'skip'; readonly check: string; readonly why: string };

export function ok(check: string, found: string): CheckResult {
  return { status: 'ok', check, found };
}

export function fail(check: string, problem: string, fix: string): CheckResult {
  return { status: 'FAIL', check, problem, fix };
}

export function skip(check: string, why: string): CheckResult {
  return { status: 'skip', check, why };
}

/** `ok   <check>: <found>`, `FAIL <check>: <problem> — fix: <fix>` or `skip <check>: <why>`. */
export function formatResult(r: CheckResult): string {
  switch (r.status) {
    case 'ok':
      return `ok   ${r.check}: ${r.found}`;
    case 'FAIL':
      return `FAIL ${r.check}: ${r.problem} — fix: ${r.fix}`;
    case 'skip':
      return `skip ${r.check}: ${r.why}`;
  }
}

/** 0 when no check failed, else 1. */
export function exitCodeOf(results: readonly CheckResult[]): number {
  return results.some((r) => r.status === 'FAIL') ? 1 : 0;
}

/** `preflight: 9 ok, 1 FAIL, 2 skip` */
export function summaryOf(results: readonly CheckResult[]): string {
  const count = (s: CheckResult['status']) => results.filter((r) => r.status === s).length;
  return `preflight: ${count('ok')} ok, ${count('FAIL')} FAIL, ${count('skip')} skip`;
}
