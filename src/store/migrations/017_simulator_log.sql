-- The simulator's log (simulator mode only): what its in-process fake WeCom received from villagers and
-- sent for the app (and the 微信客服 links it made, which village posters carry), what the simulated people typed or pressed, and chat resets. The fake takes it back
-- at start, so its sync_msg list and the app's stored kf cursor keep counting the same messages across
-- restarts, and chat history survives them. party: the villager's external_userid or the cadre's userid.
CREATE TABLE sim_log (
  id     bigserial PRIMARY KEY,
  at_ms  bigint NOT NULL,
  kind   text NOT NULL CHECK (kind IN ('kf_inbound', 'sent', 'kf_link', 'said', 'reset')),
  party  text NOT NULL,
  body   jsonb NOT NULL
);
CREATE INDEX sim_log_party_idx ON sim_log (party, id);

-- Before this log, the fake started its list from the first message again at every start while this
-- cursor (of the simulator's account) kept counting: the messages after a restart were skipped.
DELETE FROM kv WHERE key = 'kf_cursor:wk-demo';
