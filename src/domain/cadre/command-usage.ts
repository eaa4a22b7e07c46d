import { PROCEDURE_USAGE } from './procedure-command.js';
import { ROUND_USAGE } from './round-command.js';

/** Each command's usage line: shown when its verb is right but the rest isn't, and in 帮助. */
export const USAGE = {
  acknowledge: '签收 编号（例：签收 SW2026000123）',
  verify: '核实 编号 情况（例：核实 SW2026000123 已入户，住院花费3万，人均收入约6500元）',
  include:
    '纳入 编号 类别（拟纳入，经评议、公示、审核、确认后纳入；类别：脱贫不稳定户 / 边缘易致贫户 / 突发严重困难户；与收入不符时加「理由：……」）',
  exclude: '不纳入 编号 原因',
  assist:
    '帮扶 编号 类型 对象:姓名或全户 部门:责任单位 金额:元 开始:日期 状态 内容（例：帮扶 SW2026000123 医疗救助 对象:张小花 部门:医保局 金额:3000 开始:12月5日 大病医疗救助；类型见「措施 编号」）',
  measures: '措施 编号 —— 查看该户的一户一策和建议措施；改状态：措施 编号 序号 已落实',
  measure_effect: '成效 编号 序号 见效/部分见效/未见效 说明（回头看时检查措施成效）',
  remove_risk: '消除 编号 帮扶消除或自然消除（申请风险消除，经评议、公示、审核、确认后标注）',
  review: '回头看 编号 情况',
  request_help: '协助 编号 需要什么帮助',
  transfer: '转交 编号 同事姓名或账号',
  merge: '合并 编号 并入的编号（同一户的重复事项）',
  link: '关联 编号 户号或户主姓名（例：关联 SW2026000123 H0000123；都不是：关联 编号 都不是）',
  reassign: '改派 编号 同事姓名或账号（上级改派给本乡镇的同事）',
  acknowledge_batch: '批量签收（签收最近一张汇总卡片上所有待签收的任务；查看全部：列出汇总卡片的全部名单）',
  screening:
    '排查 户号或户主姓名 结果（集中排查逐户回复。例：排查 H0000025 无；排查 张三 孩子辍学，房子漏雨。只发「排查」查看还没排查的农户）',
  report: '上报 户号或户主姓名 情况（例：上报 H0000025 孩子初中辍学，房屋墙裂漏雨）',
  visit: '走访 户号或户主姓名 情况（电话联系用：电话 户号或姓名 情况）',
  pair_duty:
    '8个一 户号或户主姓名 事项 情况（事项：计划、电话、走访、评价、实事、就业、技术、消费；例：8个一 H0000025 就业 介绍了县里的招聘会；只发「8个一 户号」查看该户完成情况）',
} as const;

/** Every command's usage line, in the order 帮助 lists their verbs. */
const USAGE_LINES: readonly string[] = [...Object.values(USAGE), ...Object.values(PROCEDURE_USAGE), ROUND_USAGE];

/** A usage line's verb: what comes before its first space, bracket or colon (签收, 异议处理, 周排查、半月核实). */
const verbOf = (line: string) => line.split(/[\s（：]/)[0] ?? line;

const HELP_FOOTER = '发送「帮助 指令」查看一条指令的用法，例如：帮助 帮扶。';

/**
 * 帮助: the verbs and how to ask about one. All usage lines together are over 3,000 bytes, more than one
 * WeCom message holds (2,048), so each command's usage is its own answer (helpOn).
 */
export const HELP_TEXT = [
  '守望·干部指令（空格、全角半角都可以）：',
  '我的任务 —— 查看未办结任务，最急的在前',
  '观察名单 —— 查看收入在监测线与观察线之间的农户（观察对象），及下次走访时间',
  '8个一 —— 查看您负责的农户中快到期和已逾期的「8个一」事项',
  '「编号」可以写完整编号，也可以写编号后 4 位，或「我的任务」列表中的序号（1、2、3……）。',
  `办理任务和记录工作的指令：${USAGE_LINES.map(verbOf).join('、')}。`,
  HELP_FOOTER,
].join('\n');

/** 帮助 签收: the usage of every command whose verb holds the topic (帮助 排查 gives 排查 and 周排查). */
export function helpOn(topic: string): string {
  const lines = USAGE_LINES.filter((line) => verbOf(line).includes(topic));
  if (lines.length > 0) return lines.join('\n');
  return `没有「${topic}」这条指令。\n${HELP_TEXT}`;
}
