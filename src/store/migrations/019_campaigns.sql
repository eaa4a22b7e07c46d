-- 集中排查 (issue 21 item 3): a campaign screens every household in its scope once. Each household's item is
-- assigned along the chain (帮扶责任人, else the village's 包村干部) and keeps its latest result.
-- scope: {"townships": [...], "villages": [...], "kinds": ["lifted", "monitored", "ordinary"]};
-- no townships and no villages = the whole county.
CREATE TABLE campaigns (
  id          bigserial PRIMARY KEY,
  name        text NOT NULL,
  scope       jsonb NOT NULL,
  deadline    timestamptz NOT NULL,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL
);

-- result: none 无风险 | risk 发现风险 | NULL not screened yet; inbox_id: the report a found risk became
-- (triage sets its case on the inbox row).
CREATE TABLE campaign_items (
  campaign_id   bigint NOT NULL REFERENCES campaigns(id),
  household_id  text NOT NULL REFERENCES households(id),
  village_id    text NOT NULL REFERENCES villages(id),
  cadre_userid  text REFERENCES cadres(userid),
  result        text CHECK (result IN ('none', 'risk')),
  note          text NOT NULL DEFAULT '',
  inbox_id      bigint,
  screened_by   text,
  screened_via  text CHECK (screened_via IN ('chat', 'upload')),
  screened_at   timestamptz,
  PRIMARY KEY (campaign_id, household_id)
);
CREATE INDEX campaign_items_village_idx ON campaign_items (campaign_id, village_id);
CREATE INDEX campaign_items_household_idx ON campaign_items (household_id);
CREATE INDEX campaign_items_open_by_cadre_idx ON campaign_items (cadre_userid, campaign_id) WHERE result IS NULL;
