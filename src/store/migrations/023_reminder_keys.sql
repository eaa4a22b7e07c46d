-- A busy morning's sweep inserts 120,000 reminders (100,000 households due at 1M). Each insert paid for
-- two text indexes, and both compared under the database's collation (C.UTF-8 here: strcoll, not memcmp).
-- A reminder's key is its item, a colon and the rest (sweep-due.ts, remind-pair-duties.ts), so the earlier
-- reminders of an item are a range of keys: the key alone, in byte order, serves both the sweep's
-- "sent before?" and its "已提醒 …" look-up, and reminders_item_idx goes. Keys are ASCII, so byte order
-- changes nothing the sweep sees.
DROP INDEX reminders_item_idx;
ALTER TABLE reminders ALTER COLUMN key TYPE text COLLATE "C";
