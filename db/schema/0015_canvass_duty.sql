-- Canvass rounds (滚动摸排) and the people on duty (志愿者、网格员、下沉干部) with their rosters.
-- Replicated tables (SYNC.md 9.4): TEXT keys, tombstones, no UNIQUE beyond the key, no enforced
-- foreign keys, and no NOT NULL without a default beyond the key (a patch may arrive first).

CREATE TABLE canvass_question (                   -- a question the office added to the built-in ones
  id TEXT PRIMARY KEY,
  code TEXT,                                      -- 'q_<short>'; built-in codes live in desktop/canvass/questions.py
  label TEXT,                                     -- as printed and asked: '是否接种疫苗'
  key TEXT,                                       -- the letter typed for a yes at the keyboard
  flags INTEGER NOT NULL DEFAULT 0,               -- 1: a yes is an answer that matters (offers a next step)
  sort INTEGER NOT NULL DEFAULT 100,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE TABLE canvass_round (                      -- one round of door-to-door checks
  id TEXT PRIMARY KEY,
  name TEXT,                                      -- '第二轮摸排'
  scope_kind TEXT NOT NULL DEFAULT 'community',   -- community | compound | building
  scope_ids TEXT NOT NULL DEFAULT '',             -- compound or building ids, comma separated
  starts_on TEXT, ends_on TEXT,                   -- ISO dates
  questions TEXT NOT NULL DEFAULT '',             -- question codes, comma separated, in order
  from_round_id TEXT,                             -- a follow-up round: the households of this round …
  from_outcomes TEXT NOT NULL DEFAULT '',         -- … whose result there was one of these ('nobody_home')
  note TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
-- One row per household per round, made when the round is made (its roll): the sheet's code is
-- fixed then. id = natural_id('canvass_result', round_id, household_id), so two canvassers (or
-- two offices) entering the same household merge into one row; the visit's fields are one field
-- group, so an outcome never merges with another visit's answers.
CREATE TABLE canvass_result (
  id TEXT PRIMARY KEY,
  round_id TEXT,
  household_id TEXT,
  code INTEGER,                                   -- printed on the sheet; typed to jump to the household
  outcome TEXT,                                   -- NULL: not reached | visited | nobody_home | refused | moved_out
  answers TEXT,                                   -- JSON {person_id: {question code: answer}}
  canvasser_id TEXT,                              -- duty_person, when known
  canvasser_name TEXT,                            -- as it was on the day
  visited_on TEXT,                                -- ISO date of the visit
  attempts INTEGER NOT NULL DEFAULT 0,            -- visits made (nobody home counts)
  note TEXT,
  entered_by TEXT, entered_at TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE INDEX canvass_result_round ON canvass_result(round_id, code);
CREATE INDEX canvass_result_household ON canvass_result(household_id);
-- A next step taken on an answer that matters (append-only): the canvass as its reason.
CREATE TABLE canvass_step (
  id TEXT PRIMARY KEY,
  round_id TEXT,
  household_id TEXT,
  person_id TEXT,
  step TEXT,                                      -- status | isolation | care
  target_id TEXT,                                 -- the episode, care subject or person changed
  detail TEXT,
  taken_by TEXT, taken_at TEXT,
  created_site TEXT
);
CREATE INDEX canvass_step_round ON canvass_step(round_id, person_id);

CREATE TABLE duty_person (                        -- a volunteer, grid worker or sunk cadre on duty
  id TEXT PRIMARY KEY,
  full_name TEXT,
  phone TEXT,
  kind TEXT NOT NULL DEFAULT 'volunteer',         -- volunteer | grid_worker | sunk_cadre | staff
  unit_name TEXT,                                 -- the unit they come from (派出单位)
  skills TEXT,                                    -- 驾驶, 医护, 心理疏导 …
  compound_id TEXT,                               -- the compound they serve
  checkpoint_id TEXT,                             -- the gate they usually keep
  available TEXT,                                 -- when they can serve: '工作日晚上, 周末全天'
  note TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE TABLE duty_shift (                         -- one person on one post for one stretch of time
  id TEXT PRIMARY KEY,
  person_id TEXT,
  post_kind TEXT NOT NULL DEFAULT 'gate',         -- gate | care_round
  checkpoint_id TEXT,                             -- gate shifts
  compound_id TEXT,                               -- care rounds
  starts_at TEXT,                                 -- ISO date and time
  ends_at TEXT,                                   -- after starts_at; the next day for a night shift
  absent INTEGER NOT NULL DEFAULT 0,              -- 1: did not come (no hours)
  note TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE INDEX duty_shift_person ON duty_shift(person_id, starts_at);
CREATE INDEX duty_shift_time ON duty_shift(starts_at);
