-- Places, people and the responsibility chain (领导包片 + 干部包村 + 帮扶人包户).
CREATE TABLE townships (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  county      text NOT NULL DEFAULT ''
);

CREATE TABLE villages (
  id          text PRIMARY KEY,
  township_id text NOT NULL REFERENCES townships(id),
  name        text NOT NULL
);
CREATE INDEX villages_township_idx ON villages (township_id);

-- status: ordinary 一般户 | lifted 脱贫户 | monitored 监测户
-- monitoring_kind: unstable 脱贫不稳定户 | edge 边缘易致贫户 | sudden 突发严重困难户
CREATE TABLE households (
  id                   text PRIMARY KEY,
  village_id           text NOT NULL REFERENCES villages(id),
  group_name           text NOT NULL DEFAULT '',
  head_name            text NOT NULL,
  phone                text,
  address              text NOT NULL DEFAULT '',
  status               text NOT NULL CHECK (status IN ('ordinary', 'lifted', 'monitored')),
  monitoring_kind      text CHECK (monitoring_kind IN ('unstable', 'edge', 'sudden')),
  income_per_capita    integer,          -- yuan per person per year, last 12 months
  risk_open            boolean NOT NULL DEFAULT false,
  next_visit_due_at    timestamptz,
  next_call_due_at     timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (status = 'monitored' OR monitoring_kind IS NULL)
);
CREATE INDEX households_village_idx ON households (village_id);
CREATE INDEX households_phone_idx ON households (phone);
CREATE INDEX households_visit_due_idx ON households (next_visit_due_at) WHERE next_visit_due_at IS NOT NULL;
CREATE INDEX households_call_due_idx ON households (next_call_due_at) WHERE next_call_due_at IS NOT NULL;

-- labour: full 劳动力 | partial 弱劳动力 | none 无劳动力
CREATE TABLE members (
  id            serial PRIMARY KEY,
  household_id  text NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  name          text NOT NULL,
  id_number     text NOT NULL UNIQUE,
  relation      text NOT NULL DEFAULT '',
  birth_date    date,
  phone         text,
  labour        text NOT NULL DEFAULT 'full' CHECK (labour IN ('full', 'partial', 'none')),
  disability    text NOT NULL DEFAULT '',
  schooling     text NOT NULL DEFAULT ''
);
CREATE INDEX members_household_idx ON members (household_id);
CREATE INDEX members_phone_idx ON members (phone);
CREATE INDEX members_name_idx ON members (name);

-- role: helper 帮扶责任人 | village 包村干部 | township 包片领导 | county 县乡村振兴局
CREATE TABLE cadres (
  userid       text PRIMARY KEY,           -- WeCom member userid
  name         text NOT NULL,
  role         text NOT NULL CHECK (role IN ('helper', 'village', 'township', 'county')),
  township_id  text REFERENCES townships(id),
  phone        text,
  active       boolean NOT NULL DEFAULT true
);

-- kind: household 帮扶人包户 (target = household id) | village 包村 (village id) | area 包片 (township id)
CREATE TABLE links (
  kind          text NOT NULL CHECK (kind IN ('household', 'village', 'area')),
  target_id     text NOT NULL,
  cadre_userid  text NOT NULL REFERENCES cadres(userid),
  PRIMARY KEY (kind, target_id, cadre_userid)
);
CREATE INDEX links_cadre_idx ON links (cadre_userid);

-- Every raw report or alert, stored before anything else happens to it.
CREATE TABLE inbox (
  id             bigserial PRIMARY KEY,
  source         text NOT NULL,            -- kf | wecom | dept:<name> | hotline | gov_app
  source_msg_id  text NOT NULL,
  payload        jsonb NOT NULL,
  received_at    timestamptz NOT NULL DEFAULT now(),
  triaged_at     timestamptz,
  case_id        bigint,
  UNIQUE (source, source_msg_id)
);
CREATE INDEX inbox_untriaged_idx ON inbox (received_at) WHERE triaged_at IS NULL;

CREATE SEQUENCE case_number_seq;

CREATE TABLE cases (
  id               bigserial PRIMARY KEY,
  number           text NOT NULL UNIQUE,    -- shown to villagers and cadres
  household_id     text REFERENCES households(id),
  village_id       text REFERENCES villages(id),
  risk_types       text[] NOT NULL DEFAULT '{}',
  urgency          text NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal', 'green')),
  state            text NOT NULL,
  rules_fired      jsonb NOT NULL DEFAULT '[]',
  signals          integer NOT NULL DEFAULT 1,
  summary          text NOT NULL DEFAULT '',
  evidence         jsonb NOT NULL DEFAULT '[]',
  decision         text,
  monitoring_kind  text,
  opened_at        timestamptz NOT NULL DEFAULT now(),
  closed_at        timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_household_open_idx ON cases (household_id) WHERE closed_at IS NULL;
CREATE INDEX cases_village_idx ON cases (village_id);

CREATE TABLE tasks (
  id              bigserial PRIMARY KEY,
  case_id         bigint NOT NULL REFERENCES cases(id),
  cadre_userid    text NOT NULL REFERENCES cadres(userid),
  state           text NOT NULL,
  ack_due_at      timestamptz,
  verify_due_at   timestamptz,
  decide_due_at   timestamptz,
  review_due_at   timestamptz,
  next_due_at     timestamptz,            -- the soonest of the above still pending
  escalation_level integer NOT NULL DEFAULT 0,
  card_task_id    text UNIQUE,            -- WeCom template_card task_id
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tasks_cadre_idx ON tasks (cadre_userid);
CREATE INDEX tasks_case_idx ON tasks (case_id);
CREATE INDEX tasks_due_idx ON tasks (next_due_at) WHERE next_due_at IS NOT NULL;

-- kind: visit 入户走访 | call 电话联系
CREATE TABLE visits (
  id            bigserial PRIMARY KEY,
  household_id  text NOT NULL REFERENCES households(id),
  cadre_userid  text NOT NULL REFERENCES cadres(userid),
  kind          text NOT NULL CHECK (kind IN ('visit', 'call')),
  at            timestamptz NOT NULL,
  note          text NOT NULL DEFAULT ''
);
CREATE INDEX visits_household_idx ON visits (household_id, at);
CREATE INDEX visits_cadre_idx ON visits (cadre_userid, at);

CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor       text NOT NULL,               -- cadre userid, 'system', 'import', 'dept:<name>'
  action      text NOT NULL,
  entity      text NOT NULL,
  entity_id   text NOT NULL,
  from_state  text,
  to_state    text,
  note        text NOT NULL DEFAULT ''
);
CREATE INDEX audit_entity_idx ON audit_log (entity, entity_id);

-- Small durable state for integrations (e.g. the 微信客服 sync cursor per open_kfid).
CREATE TABLE kv (
  key         text PRIMARY KEY,
  value       text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
