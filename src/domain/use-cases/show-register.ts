import type { RegisterPlaces, RegisterReads, RegisterScope } from '../ports/register.js';
import type { PairHelperPolicy } from '../pair-duty/pair-duty-policy.js';
import { registerCounts, type RegisterCounts, type RegisterFilter, type RegisterRow } from '../register/register.js';

export interface RegisterDeps {
  register: RegisterReads;
  timeZone: string;
  /** The 8个一 rules, for a household's page. */
  pairHelper?: PairHelperPolicy;
}

export interface RegisterView {
  rows: RegisterRow[];
  counts: RegisterCounts;
  places: RegisterPlaces;
}

/** 监测对象: the monitored households in the viewer's scope that pass the filter, with their 户/人 counts. */
export async function showRegister(
  deps: RegisterDeps,
  scope: RegisterScope,
  filter: RegisterFilter,
  now: Date,
): Promise<RegisterView> {
  const [rows, places] = await Promise.all([
    deps.register.registerRows(scope, filter),
    deps.register.registerPlaces(scope),
  ]);
  return { rows, counts: registerCounts(rows, now, deps.timeZone), places };
}
