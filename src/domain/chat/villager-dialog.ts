import { isValidIdNumber, normalizeIdNumber, toHalfWidth } from '../id-card.js';
import type { Classification } from '../triage/classify-report.js';
import type { MatchQuery } from '../triage/decide-match.js';

/** What we have gathered from a villager so far. */
export interface Draft {
  description: string[];
  name?: string;
  village?: string;
  /** The village of the code the villager scanned (一村一码): a name alone is then enough to match. */
  villageId?: string;
  villageName?: string;
  idNumber?: string;
  phone?: string;
  /** 帮别人报: the villager reports for a relative or neighbour. */
  forOther?: boolean;
  evidence?: Array<{ type: string; ref: string }>;
  /** How many times we asked for the identity / phone (we ask each at most twice). */
  askedWho?: number;
  askedPhone?: number;
}

export type DialogStep =
  | { action: 'ask'; draft: Draft; reply: string }
  | { action: 'submit'; draft: Draft; ask: string | null }
  | { action: 'ignore'; draft: Draft };

const ID_RE = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/;
const PHONE_RE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const NAME_RE =
  /(?:我叫|我是|姓名[:：]?|名字[:：]?|户主(?:叫|是|姓名是?)|叫)([\u4e00-\u9fa5·]{2,5}?)(?=[，,。.\s]|$|住|在|是|家|的|，)/;
const VILLAGE_RE = /([\u4e00-\u9fa5]{1,6}(?:村|社区))/;
// "我是大坪村的罗玉华", "石岭村的杨贵": the village first, then the name.
const VILLAGE_THEN_NAME_RE =
  /(?:我是|户主是)?[\u4e00-\u9fa5]{1,6}(?:村|社区)(?:\d+组|[一二三四五六七八九十]+组)?的([\u4e00-\u9fa5]{2,4})(?=[，,。.\s!！]|$)/;
// "罗玉华，大坪村": a bare name, then the village.
const NAME_THEN_VILLAGE_RE = /^([\u4e00-\u9fa5]{2,4})[，,、\s]+[\u4e00-\u9fa5]{1,6}(?:村|社区)/;
/** Words that end what NAME_RE caught when it is not a name ("我是石岭村的" is a village). */
const NOT_A_NAME_RE = /村|社区|镇|乡|组|的$|这|那|邻居|家里|老人|孩子/;
const FOR_OTHER_RE = /帮别人报|替.{1,6}报|帮.{1,6}(?:反映|报)|邻居|我家亲戚/;

export const GREETING =
  '您好，这里是守望帮扶平台。请告诉我们家里遇到了什么困难（比如生病住院、受灾、没了收入、孩子没上学、房子不安全、没水吃、该有的补助没拿到），我们会安排干部尽快联系。';

/** Pulls identity details out of free text: ID number, phone, name, village, reporting for someone else. */
export function extractDetails(text: string): Partial<Draft> {
  const t = toHalfWidth(text);
  const out: Partial<Draft> = {};
  const id = ID_RE.exec(t)?.[0];
  if (id && isValidIdNumber(id)) out.idNumber = normalizeIdNumber(id);
  const phone = PHONE_RE.exec(t)?.[0];
  if (phone) out.phone = phone;
  const name = [VILLAGE_THEN_NAME_RE, NAME_RE, NAME_THEN_VILLAGE_RE]
    .map((re) => re.exec(t.trim())?.[1])
    .find((n) => n && !NOT_A_NAME_RE.test(n));
  if (name) out.name = name;
  const village = VILLAGE_RE.exec(t)?.[1];
  if (village) out.village = village.replace(/^(?:我是|我在|我住|我们|户主是|来自|住在|住|在|是|的)+/, '');
  if (FOR_OTHER_RE.test(t)) out.forOther = true;
  return out;
}

/** Only who it is (name, village, phone, ID number) from a message; null when it names none of them. */
export function identityDetails(text: string): Partial<Draft> | null {
  const { name, village, phone, idNumber } = extractDetails(text);
  const who = stripUndefined({ name, village, phone, idNumber });
  return Object.keys(who).length ? who : null;
}

/** Who the villager is (or whom they report for), without what happened: carried into their next report. */
export function identityOf(d: Draft): Draft {
  const { description: _d, evidence: _e, ...who } = d;
  return { ...who, description: [] };
}

const hasWho = (d: Draft) => !!d.idNumber || (!!d.name && (!!d.village || !!d.villageId));

/** Whom the report is about, for the matcher: a village named in the chat wins over the scanned one. */
export function reportIdentity(d: Draft): MatchQuery {
  return {
    idNumber: d.idNumber ?? null,
    phone: d.phone ?? null,
    name: d.name ?? null,
    village: d.village ?? d.villageId ?? null,
    onBehalf: d.forOther ?? null,
  };
}

/**
 * One villager message → what to do next. A hardship is submitted as soon as we know what happened and
 * who it is (or at once on the 绿色通道); we ask for what is missing, each question at most twice, so a
 * villager who can't answer still gets a case.
 */
export function nextDialogStep(
  prev: Draft,
  text: string,
  classification: Classification | null,
  media?: { type: string; ref: string },
): DialogStep {
  const details = stripUndefined(extractDetails(text));
  // 帮别人报 after reporting for themselves: the name and ID they gave before are theirs, not the household's.
  const carried = details.forOther && !prev.forOther ? withoutPerson(prev) : prev;
  const draft: Draft = { ...carried, description: [...carried.description], ...details };
  if (media) draft.evidence = [...(prev.evidence ?? []), media];
  const hardship = !!classification && classification.riskTypes.length > 0;
  if (hardship || (prev.description.length > 0 && text.trim().length > 6 && !isOnlyDetails(text)))
    draft.description.push(text.trim());

  if (draft.description.length === 0) {
    if (media) return { action: 'ask', draft, reply: '收到您发来的图片/语音。请再用文字说说遇到了什么困难。' };
    return { action: 'ask', draft, reply: GREETING };
  }
  const green = classification?.urgency === 'green';
  if (!hasWho(draft) && (draft.askedWho ?? 0) < 2 && !green) {
    draft.askedWho = (draft.askedWho ?? 0) + 1;
    return { action: 'ask', draft, reply: whoQuestion(draft) };
  }
  if (!draft.phone && (draft.askedPhone ?? 0) < 1 && !green) {
    draft.askedPhone = 1;
    return { action: 'ask', draft, reply: '好的。请留一个能联系上的手机号码，方便干部联系您。' };
  }
  const ask = !hasWho(draft) ? whoQuestion(draft) : !draft.phone ? '请留一个能联系上的手机号码。' : null;
  return { action: 'submit', draft, ask };
}

function whoQuestion(d: Draft): string {
  if (d.villageId && !d.village && !d.forOther)
    return `请告诉我们您的姓名（${d.villageName ?? '本村'}），知道身份证号也可以发过来。`;
  return d.forOther
    ? '请告诉我们是哪一户：户主姓名和所在的村（知道身份证号也可以发过来）。'
    : '请告诉我们您的姓名和所在的村（比如：我叫王永华，石岭村），知道身份证号也可以发过来。';
}

function withoutPerson(d: Draft): Draft {
  const { name: _n, idNumber: _i, askedWho: _a, ...rest } = d;
  return rest;
}

function isOnlyDetails(text: string): boolean {
  const rest = toHalfWidth(text).replace(ID_RE, '').replace(PHONE_RE, '').replace(NAME_RE, '').replace(VILLAGE_RE, '');
  return rest.replace(/[\s，,。.!！?？:：我叫是在住的电话号码手机身份证号]/g, '').length < 4;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The receipt, with the case number and, where something is still missing, the question in the same message. */
export function receiptText(caseNumber: string, green: boolean, ask: string | null): string {
  const head = green
    ? `已收到，已按绿色通道加急处理，编号 ${caseNumber}。干部会尽快联系您。`
    : `已收到您反映的情况，编号 ${caseNumber}。帮扶干部会在 1 个工作日内与您联系。`;
  return ask ? `${head}\n${ask}` : head;
}
