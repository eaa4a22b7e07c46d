import { suggestMeasures, type MeasureSuggestion } from '../assistance/suggest-measures.js';
import type { RegisterHousehold, RegisterScope } from '../ports/register.js';
import type { RegisterDeps } from './show-register.js';

export interface RegisterHouseholdView extends RegisterHousehold {
  /** What 一户一策 could add (shown to the cadre, never applied by itself). */
  suggestions: MeasureSuggestion[];
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
  return { ...h, suggestions };
}
