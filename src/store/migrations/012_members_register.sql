-- Members as the national system registers them (issue 18): a member may have no ID number yet (a newborn,
-- or a household imported without one), labour is what the members import says and unknown (NULL) until
-- then, never a default; sex and health are kept.
-- labour: full 普通劳动力 | partial 弱劳动力 | lost 丧失劳动力 | none 无劳动力 | NULL not registered yet
ALTER TABLE members ALTER COLUMN id_number DROP NOT NULL;
ALTER TABLE members ALTER COLUMN labour DROP NOT NULL;
ALTER TABLE members ALTER COLUMN labour DROP DEFAULT;
ALTER TABLE members DROP CONSTRAINT members_labour_check;
ALTER TABLE members ADD CONSTRAINT members_labour_check CHECK (labour IN ('full', 'partial', 'lost', 'none'));
ALTER TABLE members ADD COLUMN sex text NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN health text NOT NULL DEFAULT '';
-- Without an ID number a member is known by household and name.
CREATE UNIQUE INDEX members_household_name_idx ON members (household_id, name) WHERE id_number IS NULL;
