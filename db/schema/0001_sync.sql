-- Sync metadata (SYNC.md 9.4). Local-only tables first, then the replicated change log.
CREATE TABLE local_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE local_setting (key TEXT PRIMARY KEY, value TEXT);

CREATE TABLE sync_site (
  site_id    TEXT PRIMARY KEY,
  site_code  TEXT NOT NULL, site_name TEXT NOT NULL, role TEXT NOT NULL,
  next_seq   INTEGER NOT NULL DEFAULT 1,
  hlc_last   INTEGER NOT NULL DEFAULT 0,
  is_current INTEGER NOT NULL DEFAULT 1,
  retired_reason TEXT
);
CREATE TABLE sync_knowledge (site_id TEXT PRIMARY KEY, max_seq INTEGER NOT NULL);
CREATE TABLE sync_knowledge_floor (site_id TEXT PRIMARY KEY, max_seq INTEGER NOT NULL);
CREATE TABLE sync_peer (
  site_id TEXT PRIMARY KEY, site_code TEXT, site_name TEXT, role TEXT,
  first_seen TEXT, last_package_id TEXT, last_package_at TEXT
);
CREATE TABLE sync_peer_knowledge (
  peer_site TEXT NOT NULL, site_id TEXT NOT NULL, max_seq INTEGER NOT NULL,
  learned_from TEXT NOT NULL, learned_at TEXT NOT NULL,
  PRIMARY KEY (peer_site, site_id)
) WITHOUT ROWID;
CREATE TABLE sync_package_log (
  package_id TEXT NOT NULL, direction TEXT NOT NULL,
  peer_site TEXT, kind TEXT, file_name TEXT, file_sha256 TEXT,
  at TEXT NOT NULL, status TEXT NOT NULL,
  n_changes INTEGER, n_new INTEGER, n_applied INTEGER, n_conflicts INTEGER, message TEXT,
  PRIMARY KEY (package_id, direction, at)
);

CREATE TABLE sync_change (
  site_id TEXT NOT NULL, seq INTEGER NOT NULL,
  hlc INTEGER NOT NULL,
  tbl TEXT NOT NULL, row_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  cols TEXT NOT NULL,
  base TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  wall_time TEXT, user_name TEXT,
  PRIMARY KEY (site_id, seq)
) WITHOUT ROWID;
CREATE INDEX sync_change_row ON sync_change(tbl, row_id);
CREATE TABLE sync_cell (
  tbl TEXT NOT NULL, row_id TEXT NOT NULL, grp TEXT NOT NULL,
  hlc INTEGER NOT NULL, site_id TEXT NOT NULL, seq INTEGER NOT NULL,
  PRIMARY KEY (tbl, row_id, grp)
) WITHOUT ROWID;
CREATE TABLE sync_head (
  tbl TEXT NOT NULL, row_id TEXT NOT NULL, grp TEXT NOT NULL,
  site_id TEXT NOT NULL, seq INTEGER NOT NULL,
  PRIMARY KEY (tbl, row_id, grp, site_id, seq)
) WITHOUT ROWID;
CREATE TABLE sync_base_ref (
  tbl TEXT NOT NULL, row_id TEXT NOT NULL, grp TEXT NOT NULL,
  base_site TEXT NOT NULL, base_seq INTEGER NOT NULL,
  PRIMARY KEY (tbl, row_id, grp, base_site, base_seq)
) WITHOUT ROWID;
