import type { PlanMember } from '../assistance/suggest-measures.js';
import type { Measure, MeasureEffect, MeasureStatus, NewMeasure } from '../assistance/measure.js';

/** What changes on a measure after it is recorded; undefined keeps the current value. */
export interface MeasureChange {
  status?: MeasureStatus;
  department?: string;
  startDate?: string | null;
  amountYuan?: number | null;
}

/** The 回头看 check of what a measure did. */
export interface EffectCheck {
  effect: MeasureEffect;
  note: string;
  by: string;
}

/** 一户一策: typed measures per household and member (adapter: src/store/measure-store.ts). */
export interface MeasureStore {
  /** The new measure's id. */
  addMeasure(m: NewMeasure): Promise<number>;
  measure(id: number): Promise<Measure | null>;
  /** Every measure of the household, oldest first (those of all its cases and none). */
  householdMeasures(householdId: string): Promise<Measure[]>;
  caseMeasures(caseId: number): Promise<Measure[]>;
  updateMeasure(id: number, change: MeasureChange, at: Date): Promise<void>;
  checkEffect(id: number, check: EffectCheck, at: Date): Promise<void>;
  /** The household's members for the plan (age as of `now`), in register order. */
  members(householdId: string, now: Date): Promise<PlanMember[]>;
}
