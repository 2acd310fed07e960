import { PolicyRule } from './types';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function scannerCell(rule: PolicyRule): string {
  const s = rule.scanners;
  const parts = [
    ...(s.checkov ?? []).map((id) => `\`${id}\``),
    ...(s.trivy ?? []).map((id) => `\`${id}\``),
    ...(s.aprl ?? []).map((id) => `APRL \`${id}\``),
  ];
  const ids = parts.length > 0 ? parts.join(', ') : 'none confirmed';
  return s.note ? `${ids} (${cell(s.note)})` : ids;
}

/**
 * The rule reference as a Markdown table: id, concern, resource types, what it checks, severity, scanner rules, fix.
 * docs/security.md embeds this table; a test keeps the two identical.
 */
export function policyRulesMarkdown(rules: readonly PolicyRule[]): string {
  const lines = [
    '| id | concern | resource types | what must hold | severity | scanner rules | fix |',
    '|---|---|---|---|---|---|---|',
    ...rules.map(
      (r) =>
        `| \`${r.id}\` | ${r.category} | ${r.resourceTypes.map((t) => `\`${t}\``).join(', ')} | ${cell(r.title)}${r.unknownValues ? ` (${cell(r.unknownValues)})` : ''} | ${r.severity} | ${scannerCell(r)} | ${cell(r.fix)} |`,
    ),
  ];
  return lines.join('\n');
}
