import type { MonthPartition, PartitionedTable, PartitionStore } from '../domain/ports/partitions.js';
import { writeAudit } from './audit-store.js';
import type { Db } from './db.js';

/** Each partitioned table's unique row key within a partition, for reading it out in pages. */
const KEY: Record<PartitionedTable, { column: string; type: string }> = {
  inbox: { column: 'id', type: 'bigint' },
  audit_log: { column: 'id', type: 'bigint' },
  outbox: { column: 'job_id', type: 'text' },
};

/** The dedupe keys of a dropped month that nothing else refers to (department signals and incomes keep theirs). */
const FORGET_KEYS: Partial<Record<PartitionedTable, string>> = {
  inbox: `DELETE FROM inbox_keys k WHERE k.received_at >= $1 AND k.received_at < $2
            AND NOT EXISTS (SELECT 1 FROM triage_signals s WHERE s.inbox_id = k.id)
            AND NOT EXISTS (SELECT 1 FROM income_readings r WHERE r.inbox_id = k.id)`,
  outbox: 'DELETE FROM outbox_keys WHERE created_at >= $1 AND created_at < $2',
};

const NAME_RE = /^(inbox|audit_log|outbox)_(\d{4})_(\d{2})$/;

const monthRange = (month: string): [string, string] => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = new Date(Date.UTC(y, m, 1)).toISOString();
  return [new Date(Date.UTC(y, m - 1, 1)).toISOString(), next];
};

/** Monthly partitions over a database (the PartitionStore port); the SQL function comes from migration 021. */
export function partitionStore(db: Db): PartitionStore {
  return {
    ensureAhead: async (at, months) =>
      (await db.query<{ n: number }>('SELECT ensure_all_month_partitions($1, $2) AS n', [at, months])).rows[0]!.n,

    monthsBefore: async (before) => {
      const { rows } = await db.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
          WHERE p.relname IN ('inbox', 'audit_log', 'outbox') AND p.relnamespace = c.relnamespace
            AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())`,
      );
      const parts: MonthPartition[] = [];
      for (const { name } of rows) {
        const m = NAME_RE.exec(name);
        if (!m || `${m[2]}-${m[3]}` >= before) continue;
        const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`);
        parts.push({ table: m[1] as PartitionedTable, month: `${m[2]}-${m[3]}`, name, rows: count.rows[0]!.n });
      }
      return parts.sort((a, b) => a.month.localeCompare(b.month) || a.table.localeCompare(b.table));
    },

    readPage: async (part, after, limit) => {
      const { column, type } = KEY[part.table];
      const { rows } = await db.query<{ row: object; k: string }>(
        `SELECT to_jsonb(p) AS row, p.${column}::text AS k FROM "${checked(part)}" p
          WHERE $1::text IS NULL OR p.${column} > $1::${type} ORDER BY p.${column} LIMIT $2`,
        [after, limit],
      );
      return { rows: rows.map((r) => r.row), last: rows.at(-1)?.k ?? null };
    },

    dropMonth: (part, actor, note) =>
      db.transaction(async (tx) => {
        const name = checked(part);
        await tx.query(`ALTER TABLE ${part.table} DETACH PARTITION "${name}"`);
        const { n } = (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`)).rows[0]!;
        // Rows written into the month since it was read out would be lost: refuse, the next run archives them.
        if (n !== part.rows) throw new Error(`${name} has ${n} rows, ${part.rows} were archived; not dropped`);
        await tx.query(`DROP TABLE "${name}"`);
        const forget = FORGET_KEYS[part.table];
        if (forget) await tx.query(forget, monthRange(part.month));
        await writeAudit(tx, {
          actor,
          action: 'archive_partition',
          entity: 'partition',
          entityId: name,
          fromState: 'attached',
          toState: 'archived',
          note,
        });
        return n;
      }),
  };
}

function checked(part: MonthPartition): string {
  if (!NAME_RE.test(part.name)) throw new Error(`not a monthly partition: ${part.name}`);
  return part.name;
}
