import * as fs from 'fs';
import * as path from 'path';
import { packageRoot } from '../../lib/core/package-root';
import { policyRulesMarkdown } from '../../lib/policy/docs';
import { POLICY_RULES } from '../../lib/policy/rules';

const DOC = path.join(packageRoot(), 'docs', 'security.md');
const START = '<!-- policy-rules:start -->';
const END = '<!-- policy-rules:end -->';

function embedded(text: string): string {
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error(`docs/security.md has no ${START} ... ${END} section`);
  return text.slice(from + START.length, to).trim();
}

// UPDATE_SECURITY_DOC=1 rewrites the generated section (and nothing else) before the comparison.
if (process.env.UPDATE_SECURITY_DOC === '1') {
  const text = fs.readFileSync(DOC, 'utf8');
  const next = `${text.slice(0, text.indexOf(START) + START.length)}\n${policyRulesMarkdown(POLICY_RULES)}\n${text.slice(text.indexOf(END))}`;
  fs.writeFileSync(DOC, next);
}

describe('docs/security.md', () => {
  const text = fs.readFileSync(DOC, 'utf8');

  test('embeds the rule table generated from the rules', () => {
    expect(embedded(text)).toBe(policyRulesMarkdown(POLICY_RULES));
  });

  test('lists every rule with its scanner ids', () => {
    for (const rule of POLICY_RULES) {
      const row = text.split('\n').find((l) => l.startsWith(`| \`${rule.id}\` |`));
      expect({ id: rule.id, documented: row !== undefined }).toEqual({ id: rule.id, documented: true });
      for (const id of [...(rule.scanners.checkov ?? []), ...(rule.scanners.trivy ?? []), ...(rule.scanners.aprl ?? [])]) expect(row).toContain(id);
      if (!rule.scanners.checkov?.length && !rule.scanners.trivy?.length && !rule.scanners.aprl?.length) expect(row).toContain('none confirmed');
    }
  });

  test('the generated table has one row per rule', () => {
    const rows = policyRulesMarkdown(POLICY_RULES).split('\n').slice(2);
    expect(rows).toHaveLength(POLICY_RULES.length);
  });
});
