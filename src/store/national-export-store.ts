import type { NationalExportReads, NationalHousehold, NationalMember } from '../domain/ports/national-export.js';
import type { Queryable } from './db.js';
import { MONITORING_DATES_JOIN } from './monitoring-dates-sql.js';

// The register the national system holds: 脱贫户 and 监测户. Dates of 纳入 and 风险消除 come from the
// cases' audit rows, as on the 监测对象 page; risk types from the cases that were not turned down.
const HOUSEHOLDS = `
  SELECT h.id AS "householdId", t.county, t.name AS township, v.name AS village, h.group_name AS "groupName",
         h.head_name AS "headName",
         (SELECT m.id_number FROM members m WHERE m.household_id = h.id AND m.relation = '户主' ORDER BY m.id LIMIT 1) AS "headIdNumber",
         h.phone, h.address, h.status, h.monitoring_kind AS kind, h.income_per_capita AS income,
         ARRAY(SELECT DISTINCT unnest(c.risk_types) FROM cases c
                WHERE c.household_id = h.id AND c.state NOT IN ('not_included', 'merged') ORDER BY 1) AS "riskTypes",
         d.included_at AS "includedAt", CASE WHEN NOT h.risk_open THEN d.removed_at END AS "removedAt",
         (SELECT p.removal_mode FROM procedures p WHERE p.household_id = h.id AND p.kind = 'exit' AND p.status = 'done'
           ORDER BY p.id DESC LIMIT 1) AS "removalMode",
         ARRAY(SELECT DISTINCT ms.type FROM measures ms WHERE ms.household_id = h.id AND ms.status <> 'void' ORDER BY 1) AS "measureTypes"
    FROM households h JOIN villages v ON v.id = h.village_id JOIN townships t ON t.id = v.township_id
    ${MONITORING_DATES_JOIN}
   WHERE h.status IN ('lifted', 'monitored')
   ORDER BY t.id, v.id, h.id`;

const MEMBERS = `
  SELECT m.household_id AS "householdId", m.name, m.id_number AS "idNumber", m.relation, m.sex,
         COALESCE(to_char(m.birth_date, 'YYYYMMDD'), '') AS "birthDate", m.labour, m.health, m.schooling, m.disability, m.phone
    FROM members m JOIN households h ON h.id = m.household_id
   WHERE h.status IN ('lifted', 'monitored')
   ORDER BY m.household_id, m.relation = '户主' DESC, m.birth_date NULLS LAST, m.id`;

/** The upward export's reads over a connection. */
export function nationalExportStore(db: Queryable): NationalExportReads {
  return {
    nationalRegister: async () => {
      const [households, members] = await Promise.all([
        db.query<NationalHousehold>(HOUSEHOLDS),
        db.query<NationalMember>(MEMBERS),
      ]);
      return { households: households.rows, members: members.rows };
    },
  };
}
