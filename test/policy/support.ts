import { App, TerraformStack, Testing } from 'cdktf';
import { checkPolicies } from '../../lib/policy/aspect';
import { PolicyFinding } from '../../lib/policy/types';

/**
 * One rule, exercised on real provider constructs (so attribute names are the ones cdktf synthesizes): `fail` builds
 * resources that must trip the rule, `pass` builds resources that must not.
 */
export interface RuleCase {
  readonly rule: string;
  /** What the case shows. */
  readonly name: string;
  readonly fail: (stack: TerraformStack) => void;
  readonly pass: (stack: TerraformStack) => void;
  /** Text one of the findings' messages must contain. @default any */
  readonly message?: RegExp;
}

let counter = 0;

/** Findings of one rule for the resources `build` creates in a fresh stack. */
export function findingsOf(app: App, rule: string, build: (stack: TerraformStack) => void): PolicyFinding[] {
  const stack = new TerraformStack(app, `case-${++counter}`);
  build(stack);
  return checkPolicies(stack).findings.filter((f) => f.ruleId === rule);
}

/** Registers one Jest test per case. */
export function ruleCases(cases: readonly RuleCase[]): void {
  const app = Testing.app();
  test.each(cases.map((c) => [`${c.rule}: ${c.name}`, c] as const))('%s', (_title, c) => {
    const failing = findingsOf(app, c.rule, c.fail);
    expect(failing.length).toBeGreaterThan(0);
    for (const f of failing) expect(f.path).toMatch(/^case-\d+\//);
    if (c.message) expect(failing.map((f) => f.message)).toContainEqual(expect.stringMatching(c.message));
    expect(findingsOf(app, c.rule, c.pass)).toEqual([]);
  });
}

type Plain = { [key: string]: unknown };

/** Deep merge of plain objects (arrays and other values are replaced); `undefined` in the patch removes a key. */
export function merge<T>(base: T, patch: unknown): T {
  if (patch === undefined) return base;
  if (!isPlain(base) || !isPlain(patch)) return patch as T;
  const out: Plain = { ...(base as Plain) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else out[k] = k in out ? merge(out[k], v) : v;
  }
  return out as T;
}

function isPlain(v: unknown): v is Plain {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}
