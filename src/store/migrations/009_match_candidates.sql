-- 待关联 (match_method 'ambiguous'): the households a report may be about, for the responsible cadre to
-- choose from on the task card. Kept after the choice, so the audit can show what was offered.
ALTER TABLE cases ADD COLUMN match_candidates jsonb NOT NULL DEFAULT '[]';
