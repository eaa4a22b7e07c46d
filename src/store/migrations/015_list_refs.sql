-- Short references in cadre commands (issue 20): the numbered list a cadre saw last (我的任务, a summary
-- card's 查看全部), so 「签收 2」 means its second item, and the last four digits of a case number.
CREATE TABLE cadre_list_refs (
  userid    text PRIMARY KEY REFERENCES cadres(userid),
  numbers   text[] NOT NULL,            -- case numbers in the order shown, position 1 first
  shown_at  timestamptz NOT NULL
);
CREATE INDEX cases_number_tail_idx ON cases (right(number, 4));
