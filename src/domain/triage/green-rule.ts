import type { DeptKind } from '../policy.js';
import { livedWith } from './event-subjects.js';
import { has, standsNow, type Reading } from './read-report.js';

/** What the other rules found that the 绿色通道 asks about. */
export interface GreenInput {
  reading: Reading;
  kind: DeptKind | undefined;
  bigCost: boolean;
  /** A disaster or fire struck the dwelling now (told with it, or with its damage), or the weather brought it down. */
  homeHit: boolean;
  collapsed: boolean;
  earnerDied: boolean;
}

/** 绿色通道: a sudden severe event now. The reasons found (危重, 新发大病, …), and 长期治疗 when an illness is lived with. */
export function greenReasons(x: GreenInput): { green: string[]; notes: string[] } {
  const r = x.reading;
  const serious = standsNow(r, 'illness_serious') || standsNow(r, 'treatment_serious');
  const acute = standsNow(r, 'illness_acute');
  const severe = standsNow(r, 'severity');
  const notes: string[] = [];
  // a department's row is a claim after the fact: it is in hospital now only when it says so
  // a stay told with its bill settled (报完自己掏了两万一, 报销后自付七千) is over, unless it says it goes on
  const settledStay = SETTLED_STAY.test(r.text) && !STILL_IN.test(r.text);
  const inHospital = x.kind ? STILL_IN.test(r.text) : has(r, 'hospital_inpatient') && !settledStay;
  const ongoing = !severe && livedWith(r);
  if (ongoing && (serious || acute)) notes.push('长期治疗');
  const newSerious =
    (serious && standsNow(r, 'illness_new') && !ongoing) ||
    (acute && (inHospital || standsNow(r, 'illness_new') || severe) && !ongoing) ||
    ((serious || acute) && inHospital && x.bigCost && !x.kind && STILL_IN.test(r.text));
  // a 医保 row is a claim for a stay already paid: an injury on it is urgent only while the row says it goes on
  const claim = x.kind === 'medical_cost';
  const badAccident =
    (standsNow(r, 'injury_serious') && (inHospital || severe || (!claim && SURGERY.test(r.text)))) ||
    (standsNow(r, 'accident') && severe);
  const flags: Array<[boolean, string]> = [
    [severe, '危重'],
    [newSerious, '新发大病'],
    [badAccident, '重伤'],
    [x.homeHit, '灾害毁房'],
    [x.collapsed, '房屋倒塌'],
    [x.earnerDied, '劳动力死亡'],
  ];
  return { green: flags.filter(([on]) => on).map(([, reason]) => reason), notes };
}

const SETTLED_STAY = /报完|报了以后|报销后|报销完|报了.{0,3}自己|已报销|出院|院回来|院回家|院出来/;
const STILL_IN =
  /在[^，]{0,4}医院|在[^，]{0,4}住院|仍在院|在院治疗|治疗中|现仍|仍在|住院中|还在住院|还在医院|一直住院|住着院|在医院|躺着|躺起|正在/;
const SURGERY = /手术|植皮|保不住|重伤|住院|医院/;
