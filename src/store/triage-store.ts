import type { TriageStore } from '../domain/use-cases/triage-report.js';
import { writeAudit } from './audit-store.js';
import {
  insertCase, insertTask, mergeIntoCase, openCasesOf, responsibleCadre, setCaseState, tasksFromInbox,
} from './case-store.js';
import type { Queryable } from './db.js';
import { loadInboxForUpdate, markTriaged } from './inbox-store.js';
import { matchHousehold } from './match-store.js';

/** The triage port over one transaction. */
export function triageStore(tx: Queryable): TriageStore {
  return {
    loadInbox: (id) => loadInboxForUpdate(tx, id),
    matchHousehold: (who) => matchHousehold(tx, who),
    openCasesOf: (hid) => openCasesOf(tx, hid),
    insertCase: (c) => insertCase(tx, c),
    mergeIntoCase: (id, add) => mergeIntoCase(tx, id, add),
    setCaseState: (id, state, at) => setCaseState(tx, id, state, at),
    responsibleCadre: (hid, vid) => responsibleCadre(tx, hid, vid),
    insertTask: (t) => insertTask(tx, t),
    tasksFromInbox: (id) => tasksFromInbox(tx, id),
    markTriaged: (id, caseId, at) => markTriaged(tx, id, caseId, at),
    audit: (e) => writeAudit(tx, e),
  };
}
