import { suggestMeasures, type MeasureSuggestion } from '../assistance/suggest-measures.js';
import type { RegisterHousehold, RegisterScope } from '../ports/register.js';
import type { RegisterDeps } from './show-register.js';
import type { DutyRecordRow } from '../ports/pair-duties.js';
import { recordsSince } from '../pair-duty/duty-status.js';
import { dutyYear, type DutyYearLine } from '../pair-duty/duty-year.js';

export interface RegisterHouseholdView extends RegisterHousehold {
  /** What 一户一策 could add (shown to the cadre, never applied by itself). */
  suggestions: MeasureSuggestion[];
  /** The pair-helper's 8个一 this year (absent when not tracked). */
  duties?: DutyYearLine<DutyRecordRow>[];
}

/** One monitored household of the register: members, measures, income history, steps, suggestions. */
export async function showRegisterHousehold(
  deps: RegisterDeps,
  scope: RegisterScope,
  householdId: string,
  now: Date,
): Promise<RegisterHouseholdView | null> {
  const h = await deps.register.registerHousehold(scope, householdId, now);
  if (!h) return null;
  const suggestions = suggestMeasures({
    riskTypes: h.row.riskTypes,
    members: h.members,
    measures: h.measures,
  });
  const { pairHelper } = deps;
  if (!pairHelper || !deps.register.dutyRecords) return { ...h, suggestions };
  const since = recordsSince(pairHelper, now, deps.timeZone);
  // The year's calls and visits too, for the year's tally of the monthly and quarterly duties.
  const records = await deps.register.dutyRecords(householdId, { records: since.records, contacts: since.records });
  return { ...h, suggestions, duties: dutyYear(pairHelper, records, now, deps.timeZone) };
}
