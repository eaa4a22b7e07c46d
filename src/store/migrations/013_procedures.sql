-- The identification and exit procedures (issue 19): 拟纳入/拟消除 → 村级民主评议 → 村级公示 → 乡镇审核 → 县级确认.
-- One row per run of a procedure on a case; `state` is the domain's Procedure value (steps, review, notice
-- and objections), the other columns are what lists, digests and the register filter and count by.
-- kind: identify 识别纳入 | exit 风险消除
-- status: open | done | rejected 未通过 | withdrawn 退回提出人 | reversed 绿色通道纳入后核查撤销
-- removal_mode: assisted 帮扶消除 | natural 自然消除
CREATE TABLE procedures (
  id                 bigserial PRIMARY KEY,
  case_id            bigint NOT NULL REFERENCES cases(id),
  household_id       text REFERENCES households(id),
  kind               text NOT NULL CHECK (kind IN ('identify', 'exit')),
  status             text NOT NULL CHECK (status IN ('open', 'done', 'rejected', 'withdrawn', 'reversed')),
  step               text,
  green              boolean NOT NULL DEFAULT false,
  category           text CHECK (category IN ('unstable', 'edge', 'sudden')),
  category_override  text,
  removal_mode       text CHECK (removal_mode IN ('assisted', 'natural')),
  prior_status       text,
  state              jsonb NOT NULL,
  seq                integer NOT NULL DEFAULT 0,
  step_due_at        timestamptz,
  due_at             timestamptz NOT NULL,
  confirmed_at       timestamptz,
  started_at         timestamptz NOT NULL,
  ended_at           timestamptz,
  updated_at         timestamptz NOT NULL
);
CREATE UNIQUE INDEX procedures_one_open_per_case ON procedures (case_id) WHERE status = 'open';
CREATE INDEX procedures_household_idx ON procedures (household_id);
CREATE INDEX procedures_step_due_idx ON procedures (step_due_at) WHERE status = 'open';

-- Each step's record: who did what (propose, pass, return, reject, review, objection, resolve), when.
CREATE TABLE procedure_steps (
  id            bigserial PRIMARY KEY,
  procedure_id  bigint NOT NULL REFERENCES procedures(id),
  step          text NOT NULL,
  action        text NOT NULL,
  actor         text NOT NULL,
  note          text NOT NULL DEFAULT '',
  data          jsonb NOT NULL DEFAULT '{}',
  at            timestamptz NOT NULL
);
CREATE INDEX procedure_steps_procedure_idx ON procedure_steps (procedure_id, id);
