-- The household register (一院一档、一房一户). Replicated tables: TEXT UUID keys, tombstones,
-- no UNIQUE beyond the key and no enforced foreign keys (SYNC.md 9.4): two offices may
-- legitimately create what a constraint would forbid; the program checks at entry instead.

CREATE TABLE community (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'community',      -- community (社区) | village (村)
  code TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE TABLE grid (                               -- 网格
  id TEXT PRIMARY KEY,
  community_id TEXT,
  name TEXT NOT NULL,
  worker_name TEXT, worker_phone TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE TABLE compound (                           -- 小区/院落, or a village group 村民小组
  id TEXT PRIMARY KEY,
  community_id TEXT,
  grid_id TEXT,
  name TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'compound',          -- compound | village_group
  address TEXT,
  has_property_management INTEGER NOT NULL DEFAULT 0,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE TABLE building (                           -- 楼栋
  id TEXT PRIMARY KEY,
  compound_id TEXT,
  number TEXT NOT NULL,                           -- normalised: '4' for 4号楼 / 4栋
  grid_id TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE INDEX building_compound ON building(compound_id, number);
CREATE TABLE unit (                               -- 单元
  id TEXT PRIMARY KEY,
  building_id TEXT,
  number TEXT NOT NULL,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE INDEX unit_building ON unit(building_id, number);
CREATE TABLE household (                          -- 户
  id TEXT PRIMARY KEY,
  compound_id TEXT,
  building_id TEXT,
  unit_id TEXT,
  room TEXT,                                      -- 门牌号/房号, '501'
  address_text TEXT,                              -- for houses without building/unit: '王家湾12号'
  tenure TEXT NOT NULL DEFAULT 'owned',           -- owned (自有) | rented (租住) | other
  landlord_person_id TEXT,                        -- landlord in the register, when known
  landlord_name TEXT, landlord_phone TEXT,        -- landlord who lives elsewhere
  note TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE INDEX household_place ON household(building_id, unit_id, room);
CREATE INDEX household_unit ON household(unit_id);
CREATE INDEX household_compound ON household(compound_id);
CREATE TABLE person (                             -- 人员
  id TEXT PRIMARY KEY,
  full_name TEXT NOT NULL,
  name_pinyin TEXT, name_initials TEXT,           -- computed once at write, for search
  id_type TEXT NOT NULL DEFAULT 'resident_id',    -- resident_id | passport | hk_macao | taiwan | foreign_permanent | other
  id_number TEXT,                                 -- normalised (upper case, no spaces)
  sex TEXT,                                       -- M | F
  birth_date TEXT,                                -- ISO date
  phone TEXT,
  residence_kind TEXT NOT NULL DEFAULT 'registered',  -- registered | resident | floating | registered_away
  hukou_address TEXT,
  is_key_person INTEGER NOT NULL DEFAULT 0, key_reason TEXT,
  status TEXT NOT NULL DEFAULT 'healthy',         -- healthy | home_isolation | observation | away
  status_reason TEXT, status_since TEXT, status_by TEXT,
  work_place TEXT,
  note TEXT,
  merged_into TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE INDEX person_id_number ON person(id_number);
CREATE INDEX person_status ON person(status) WHERE status <> 'healthy';
CREATE INDEX person_key ON person(is_key_person) WHERE is_key_person = 1;
CREATE TABLE membership (                         -- who lives in which household, and as what
  id TEXT PRIMARY KEY,
  household_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  relation TEXT NOT NULL DEFAULT 'other',         -- head | spouse | child | parent | ... | tenant
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE INDEX membership_household ON membership(household_id);
CREATE INDEX membership_person ON membership(person_id);
CREATE TABLE status_change (                      -- append-only history of the four colours
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL,
  old_status TEXT, new_status TEXT NOT NULL,
  reason TEXT, changed_by TEXT, changed_at TEXT NOT NULL,
  created_site TEXT
);
CREATE INDEX status_change_person ON status_change(person_id, changed_at);
CREATE TABLE travel_record (                      -- 行程: arrived from where, when
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL,
  from_place TEXT NOT NULL,
  arrived_on TEXT,
  transport TEXT,
  note TEXT,
  recorded_by TEXT, recorded_at TEXT NOT NULL,
  created_site TEXT
);
CREATE INDEX travel_record_person ON travel_record(person_id, arrived_on);

-- Search indexes: local, derived, kept in step by triggers (they also follow sync imports).
-- FTS5's trigram tokenizer cannot match a 2-character name, so names are indexed as single
-- characters and searched as phrases; ID numbers and phones use trigrams for fragments.
CREATE VIRTUAL TABLE person_name_fts USING fts5(chars, pinyin, tokenize = 'unicode61');
CREATE VIRTUAL TABLE person_digits_fts USING fts5(digits, tokenize = 'trigram');
CREATE TRIGGER person_fts_ins AFTER INSERT ON person BEGIN
  INSERT INTO person_name_fts(rowid, chars, pinyin)
    VALUES (NEW.rowid, menshen_spaced(NEW.full_name), NEW.name_initials || ' ' || NEW.name_pinyin);
  INSERT INTO person_digits_fts(rowid, digits)
    VALUES (NEW.rowid, coalesce(NEW.id_number, '') || ' ' || coalesce(NEW.phone, ''));
END;
CREATE TRIGGER person_fts_upd AFTER UPDATE OF full_name, name_initials, name_pinyin, id_number, phone
  ON person BEGIN
  DELETE FROM person_name_fts WHERE rowid = OLD.rowid;
  DELETE FROM person_digits_fts WHERE rowid = OLD.rowid;
  INSERT INTO person_name_fts(rowid, chars, pinyin)
    VALUES (NEW.rowid, menshen_spaced(NEW.full_name), NEW.name_initials || ' ' || NEW.name_pinyin);
  INSERT INTO person_digits_fts(rowid, digits)
    VALUES (NEW.rowid, coalesce(NEW.id_number, '') || ' ' || coalesce(NEW.phone, ''));
END;
