-- 一村一码: each village's 微信客服 entry link (kf/add_contact_way with scene = the village's code).
-- The enter_session event carries the scene back, so a villager who scanned the poster starts in that village.
CREATE TABLE village_codes (
  village_id  text PRIMARY KEY REFERENCES villages(id),
  scene       text NOT NULL UNIQUE,
  open_kfid   text NOT NULL,
  url         text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
