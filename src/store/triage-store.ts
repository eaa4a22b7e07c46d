import type { TriageStore } from '../domain/ports/triage.js';
import { writeAudits } from './audit-store.js';
import {
  insertCases,
  insertTasks,
  mergeIntoCases,
  openCasesOf,
  responsibleCadres,
  tasksFromInbox,
} from './case-store.js';
import type { Queryable } from './db.js';
import { loadInboxForUpdate, markTriaged } from './inbox-store.js';
import { matchHouseholds } from './match-store.js';
import { householdSignals, insertSignals, saveWarningScores } from './signal-store.js';

/** The triage port over one transaction. */
export function triageStore(tx: Queryable): TriageStore {
  return {
    loadInbox: (ids) => loadInboxForUpdate(tx, ids),
    matchHouseholds: (whos, asOfYear) => matchHouseholds(tx, whos, asOfYear),
    openCasesOf: (ids) => openCasesOf(tx, ids),
    responsibleCadres: (places) => responsibleCadres(tx, places),
    insertCases: (rows) => insertCases(tx, rows),
    mergeIntoCases: (rows) => mergeIntoCases(tx, rows),
    insertTasks: (rows) => insertTasks(tx, rows),
    tasksFromInbox: (ids) => tasksFromInbox(tx, ids),
    markTriaged: (rows, at) => markTriaged(tx, rows, at),
    insertSignals: (rows) => insertSignals(tx, rows),
    householdSignals: (ids, now) => householdSignals(tx, ids, now),
    saveWarningScores: (rows, at) => saveWarningScores(tx, rows, at),
    audit: (entries) => writeAudits(tx, entries),
  };
}
