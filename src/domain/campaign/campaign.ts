import type { HouseholdStatus } from '../types.js';

/** 集中排查: which households a campaign screens. No townships and no villages: the whole county. */
export interface CampaignScope {
  townships: string[];
  villages: string[];
  kinds: HouseholdStatus[];
}

/** A campaign as the console starts it. */
export interface StartCampaignInput {
  name: string;
  /** The last day, "2026-12-15": results are due by its end (local time). */
  deadline: string;
  scope: CampaignScope;
}

/** The household kinds a campaign can take, as county offices name them. */
export const CAMPAIGN_KINDS: ReadonlyArray<readonly [HouseholdStatus, string]> = [
  ['lifted', '脱贫户'],
  ['monitored', '监测对象'],
  ['ordinary', '一般农户'],
];
export const KIND_LABEL: Record<HouseholdStatus, string> = Object.fromEntries(CAMPAIGN_KINDS) as Record<
  HouseholdStatus,
  string
>;

/** A household's result: nothing found, or a risk with what was found. */
export type ScreeningAnswer = { result: 'none'; note: string } | { result: 'risk'; note: string };

/** done / found risks / outstanding, for a village, a campaign or a cadre. */
export interface Progress {
  total: number;
  /** Screened with nothing found. */
  clear: number;
  /** Screened with a risk found (reported to triage). */
  risks: number;
}

export const outstanding = (p: Progress) => p.total - p.clear - p.risks;
export const doneShare = (p: Progress) => (p.total ? (p.clear + p.risks) / p.total : null);

export const addProgress = (rows: Progress[]): Progress =>
  rows.reduce((s, r) => ({ total: s.total + r.total, clear: s.clear + r.clear, risks: s.risks + r.risks }), {
    total: 0,
    clear: 0,
    risks: 0,
  });

// "无" and its ways, at the start of the answer and standing alone: 没有收入了 is a risk, 没有，都好 is not.
const NONE_START =
  /^(?:无|没有|没|暂无|未发现|没发现|无新增|未见)(?:新增|发现)?(?:风险|异常|问题|情况|变化)?(?=$|[\s，,。.；;！!、:：])|^(?:正常|一切正常|情况正常|都好|良好|无异常|没问题|没有问题|稳定)(?=$|[\s，,。.；;！!、:：])/;

/**
 * A cadre's answer for one household, as typed after 排查 (or in the upload's 情况说明 with its 排查结果):
 * "无", "无风险，家里都好", "正常" → nothing found (the rest kept as the note); anything else is what
 * was found (孩子辍学 房子漏雨), reported as a risk.
 */
export function readScreeningAnswer(text: string): ScreeningAnswer {
  const t = text.trim();
  const m = NONE_START.exec(t);
  if (m) return { result: 'none', note: t.slice(m[0].length).replace(/^[\s，,。.；;！!、:：]+/, '') };
  return { result: 'risk', note: t };
}

/** A short, stable key of a note (FNV-1a), so the same risk sent twice is reported once. */
export function noteKey(note: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < note.length; i++) {
    h ^= note.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** The scope in words: "青山镇、河口乡 石岭村；脱贫户、监测对象" ("全县" without places). */
export function scopeText(scope: CampaignScope, names: Map<string, string>): string {
  const places = [...scope.townships, ...scope.villages].map((id) => names.get(id) ?? id);
  const kinds = scope.kinds.map((k) => KIND_LABEL[k]).join('、');
  return `${places.length ? places.join('、') : '全县'}；${kinds}`;
}
