-- Every inbox row, whatever its kind, is marked when its job has handled it (triaged, command run,
-- dialog step taken). A row stored but never handled (its job lost with Redis) is found by the reconciler.
ALTER TABLE inbox RENAME COLUMN triaged_at TO handled_at;
ALTER INDEX inbox_untriaged_idx RENAME TO inbox_unhandled_idx;
-- Before this, only department reports were marked; the others were handled when they arrived.
UPDATE inbox SET handled_at = received_at WHERE handled_at IS NULL AND source IN ('wecom', 'kf');
