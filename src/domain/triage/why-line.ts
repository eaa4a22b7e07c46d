/**
 * The one line of reason a cadre's card shows (为什么: …), from what triage kept on the case: the
 * rules that fired first (they name the words read), the model's opinion only when no rule spoke.
 * WeCom shows at most 30 characters of a card's value.
 */
export function whyLine(rulesFired: readonly unknown[], max = 30): string {
  const said = rulesFired.filter((r): r is string => typeof r === 'string');
  const rules = said.filter((r) => !r.startsWith('模型:')).map((r) => r.replace(/^绿色通道:(.+)$/, '绿色通道($1)'));
  const model = said
    .filter((r) => r.startsWith('模型:') && !r.startsWith('模型:green') && !r.startsWith('模型:report'))
    .map((r) => `模型判断${MODEL_LABEL[r.slice(3, r.indexOf('('))] ?? ''}`);
  const line = [...new Set(rules.length ? rules : model)].join('；');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

const MODEL_LABEL: Record<string, string> = {
  income_drop: '收入骤减',
  expense_jump: '支出骤增',
  illness_disaster_accident: '因病因灾因意外',
  dropout: '失学辍学',
  housing: '住房无保障',
  water: '饮水无保障',
  policy_gap: '政策未落实',
};
