-- The gate (卡口): checkpoints, passes, visitors, vehicles and the append-only gate log.
-- Replicated tables follow 0002: TEXT UUID keys, tombstones, no UNIQUE beyond the key, no
-- enforced foreign keys. A gate laptop holds these plus the register; it writes gate_log,
-- visitor and vehicle rows and hands them to the office by sync.

CREATE TABLE checkpoint (                         -- 卡口: a compound gate or a village road
  id TEXT PRIMARY KEY,
  compound_id TEXT,
  name TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'compound_gate',     -- compound_gate | village_road
  temperature_on_entry INTEGER NOT NULL DEFAULT 1,  -- a temperature is needed to come in
  note TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE TABLE gate_secret (                        -- HMAC key of the pass QR check code
  id TEXT PRIMARY KEY,
  community_key TEXT NOT NULL,                    -- community id, '' for a one-community file
  secret TEXT NOT NULL,                           -- 64 hex characters
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE TABLE gate_rule (                          -- household rule, one row per community
  id TEXT PRIMARY KEY,                            -- natural_id('gate_rule', community_key)
  community_key TEXT NOT NULL,
  people_per_household INTEGER NOT NULL,          -- 0: no rule
  every_days INTEGER NOT NULL,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE TABLE gate_pass (                          -- 出入证
  id TEXT PRIMARY KEY,
  pass_no TEXT NOT NULL,                          -- '<SITECODE>-<counter>': never collides
  community_key TEXT NOT NULL,
  household_id TEXT,
  person_id TEXT,                                 -- NULL: a household pass, any member
  valid_from TEXT NOT NULL, valid_to TEXT NOT NULL,
  issued_by TEXT, issued_at TEXT NOT NULL,
  revoked_at TEXT, revoked_reason TEXT, revoked_by TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE INDEX gate_pass_no ON gate_pass(pass_no);
CREATE INDEX gate_pass_household ON gate_pass(household_id);
CREATE INDEX gate_pass_person ON gate_pass(person_id);
CREATE TABLE visitor (                            -- 访客: recognised when they come back
  id TEXT PRIMARY KEY,
  full_name TEXT NOT NULL,
  name_initials TEXT,
  phone TEXT,
  id_number TEXT,
  from_place TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE INDEX visitor_id_number ON visitor(id_number);
CREATE INDEX visitor_phone ON visitor(phone);
CREATE INDEX visitor_name ON visitor(full_name);
CREATE TABLE vehicle (                            -- a plate known to belong to a household
  id TEXT PRIMARY KEY,
  plate TEXT NOT NULL,                            -- normalised: '鄂A12345'
  household_id TEXT,
  person_id TEXT,
  note TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE INDEX vehicle_plate ON vehicle(plate);
CREATE TABLE gate_log (                           -- 出入登记: append-only
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL DEFAULT 'pass',              -- pass | void (voids_id names the voided row)
  checkpoint_id TEXT,
  at TEXT NOT NULL,                               -- local time 'YYYY-MM-DDTHH:MM:SS'
  direction TEXT,                                 -- in | out
  person_id TEXT,
  household_id TEXT,
  visitor_id TEXT,
  pass_id TEXT,
  holder_name TEXT,                               -- the name as seen at the gate
  plate TEXT,
  temperature REAL,
  fever INTEGER NOT NULL DEFAULT 0,
  outcome TEXT,                                   -- allowed | turned_back | referred
  override_reason TEXT,                           -- why someone who must stay in went out
  rule_exceeded INTEGER NOT NULL DEFAULT 0,       -- let out beyond the household rule
  visit_reason TEXT, visiting TEXT,
  note TEXT,
  source TEXT NOT NULL DEFAULT 'screen',          -- scan | screen | import
  voids_id TEXT, void_reason TEXT,
  recorded_by TEXT,
  created_site TEXT, created_wall TEXT
);
CREATE INDEX gate_log_at ON gate_log(at);
CREATE INDEX gate_log_person ON gate_log(person_id, at) WHERE person_id IS NOT NULL;
CREATE INDEX gate_log_visitor ON gate_log(visitor_id, at) WHERE visitor_id IS NOT NULL;
CREATE INDEX gate_log_household ON gate_log(household_id, at) WHERE household_id IS NOT NULL;
CREATE INDEX gate_log_voids ON gate_log(voids_id) WHERE voids_id IS NOT NULL;
CREATE INDEX gate_log_plate ON gate_log(plate, at) WHERE plate IS NOT NULL;
CREATE INDEX gate_log_pass ON gate_log(pass_id, at) WHERE pass_id IS NOT NULL;
