-- Special care (特殊群体关爱) and isolation follow-up (居家隔离随访). Replicated tables, built like
-- the register's (SYNC.md 9.4): TEXT UUID keys, tombstones, no UNIQUE beyond the key, no enforced
-- foreign keys. Visits and follow-ups are append-only logs: a correction is a new row that names
-- the row it corrects (corrects_id), never an edit.

CREATE TABLE care_helper (                        -- 帮扶人: staff, building head or volunteer
  id TEXT PRIMARY KEY,
  full_name TEXT NOT NULL,
  phone TEXT,
  kind TEXT NOT NULL DEFAULT 'volunteer',         -- staff | building_head | volunteer
  person_id TEXT,                                 -- the helper in the register, when known
  note TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE TABLE care_subject (                       -- a person on the care list (关爱对象)
  id TEXT PRIMARY KEY,                            -- natural_id('care_subject', person_id)
  person_id TEXT NOT NULL,
  categories TEXT NOT NULL DEFAULT '',            -- codes, comma separated, sorted
  needs TEXT NOT NULL DEFAULT '',                 -- codes, comma separated, sorted
  frequency TEXT NOT NULL DEFAULT 'weekly',       -- desktop/care/vocab.py FREQUENCY
  helper_id TEXT,
  listed_on TEXT NOT NULL,                        -- ISO date put on the list: first visit due
  last_visit_on TEXT,                             -- last visit before this program (from the ledger)
  note TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE INDEX care_subject_person ON care_subject(person_id);
CREATE INDEX care_subject_helper ON care_subject(helper_id);
CREATE TABLE care_contact (                       -- emergency contact of a care subject
  id TEXT PRIMARY KEY,
  subject_id TEXT NOT NULL,
  full_name TEXT NOT NULL,
  relation TEXT,
  phone TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE INDEX care_contact_subject ON care_contact(subject_id);
CREATE TABLE care_green_channel (                 -- 绿色通道: treatment outside (dialysis …)
  id TEXT PRIMARY KEY,                            -- natural_id('care_green_channel', subject_id)
  subject_id TEXT NOT NULL,
  treatment TEXT,                                 -- 血液透析, 化疗 …
  hospital TEXT,
  schedule TEXT,                                  -- 每周一、三、五上午
  transport TEXT,                                 -- 社区专车, 120, 家属自驾 …
  note TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE INDEX care_green_channel_subject ON care_green_channel(subject_id);
CREATE TABLE care_visit (                         -- 走访记录, append-only
  id TEXT PRIMARY KEY,
  subject_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  visited_on TEXT NOT NULL,                       -- ISO date
  helper_id TEXT,
  helper_name TEXT,                               -- as it was on the day
  mode TEXT NOT NULL DEFAULT 'in_person',         -- in_person | phone | wechat
  found TEXT,                                     -- what was found
  needs_raised TEXT NOT NULL DEFAULT '',          -- need codes, comma separated
  done TEXT,                                      -- what was done
  corrects_id TEXT,                               -- the visit this row replaces
  is_void INTEGER NOT NULL DEFAULT 0,             -- with corrects_id: "entered by mistake"
  recorded_by TEXT, recorded_at TEXT NOT NULL,
  created_site TEXT
);
CREATE INDEX care_visit_subject ON care_visit(subject_id, visited_on);
CREATE INDEX care_visit_corrects ON care_visit(corrects_id) WHERE corrects_id IS NOT NULL;
CREATE TABLE isolation_episode (                  -- 居家隔离 / 居家医学观察 of one person
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'home_isolation',    -- home_isolation | observation
  reason TEXT NOT NULL,
  start_on TEXT NOT NULL,                         -- ISO date, day 1
  planned_end_on TEXT NOT NULL,                   -- ISO date, the last day
  helper_id TEXT,                                 -- who buys groceries and runs errands
  released_on TEXT,                               -- ISO date; NULL while isolated
  released_by TEXT, released_at TEXT, release_note TEXT,
  note TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE INDEX isolation_episode_person ON isolation_episode(person_id);
CREATE INDEX isolation_episode_open ON isolation_episode(start_on) WHERE released_on IS NULL;
CREATE TABLE isolation_followup (                 -- 随访: morning and evening checks, append-only
  id TEXT PRIMARY KEY,
  episode_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  day TEXT NOT NULL,                              -- ISO date
  slot TEXT NOT NULL,                             -- morning | evening
  temperature REAL,                               -- °C; NULL when it could not be taken
  symptoms TEXT NOT NULL DEFAULT '',              -- symptom codes, comma separated
  needs TEXT NOT NULL DEFAULT '',                 -- need codes, comma separated
  helper_id TEXT,                                 -- who takes the needs on
  note TEXT,
  corrects_id TEXT,
  is_void INTEGER NOT NULL DEFAULT 0,
  checked_by TEXT, checked_at TEXT NOT NULL,
  created_site TEXT
);
CREATE INDEX isolation_followup_episode ON isolation_followup(episode_id, day, slot);
CREATE INDEX isolation_followup_corrects ON isolation_followup(corrects_id) WHERE corrects_id IS NOT NULL;
-- The care lists leave out people removed from the register without joining every person:
-- removed people are few, and this index holds only them.
CREATE INDEX person_removed ON person(id) WHERE is_deleted = 1;
