-- Batch-aware task cards (issue 20): in a burst (a department list, any triage job of several reports)
-- a cadre's task cards are held here and go out as one summary card (card_batches); 绿色通道 tasks are
-- sent alone at once and only listed in the summary.
CREATE TABLE card_batches (
  id            bigserial PRIMARY KEY,
  cadre_userid  text NOT NULL REFERENCES cadres(userid),
  created_at    timestamptz NOT NULL
);
CREATE INDEX card_batches_cadre_idx ON card_batches (cadre_userid, id DESC);

CREATE TABLE held_task_cards (
  task_id       bigint PRIMARY KEY REFERENCES tasks(id),
  cadre_userid  text NOT NULL,
  green         boolean NOT NULL,          -- its own card went out at once; the summary lists it
  held_at       timestamptz NOT NULL,
  flushed_at    timestamptz,               -- sent: in a summary, or alone when it was the only one
  batch_id      bigint REFERENCES card_batches(id)
);
CREATE INDEX held_task_cards_pending_idx ON held_task_cards (cadre_userid) WHERE flushed_at IS NULL;
CREATE INDEX held_task_cards_batch_idx ON held_task_cards (batch_id) WHERE batch_id IS NOT NULL;

-- Cards as WeCom knows them (task_id), with the response_code message/send gave: valid 72 h and single
-- use, it lets a text command redraw the card in place.
CREATE TABLE sent_cards (
  card_id        text PRIMARY KEY,          -- the template_card task_id
  touser         text NOT NULL,
  task_id        bigint REFERENCES tasks(id),
  batch_id       bigint REFERENCES card_batches(id),
  response_code  text,
  sent_at        timestamptz NOT NULL,
  code_used_at   timestamptz
);
CREATE INDEX sent_cards_task_idx ON sent_cards (task_id, sent_at DESC) WHERE task_id IS NOT NULL;
CREATE INDEX sent_cards_batch_idx ON sent_cards (batch_id, sent_at DESC) WHERE batch_id IS NOT NULL;
