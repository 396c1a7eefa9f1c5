-- The compact change log (db/sync/log.py; SYNC.md 9.4 as amended). A new row's change refers
-- to the row instead of copying it; sites, tables and user names are small local numbers.
-- Changes already logged keep their bodies, hashes, wall times and user names as they were,
-- so each exports exactly as before. The view sync_change (made after every migration by
-- db/sync/capture.py install_triggers) shows the log with SYNC.md's columns.
-- Self-contained: needs only the sync_change table of 0001/0012 and sync_site of 0001.
CREATE TABLE sync_site_no (no INTEGER PRIMARY KEY, site_id TEXT NOT NULL UNIQUE);   -- local only
CREATE TABLE sync_table_no (no INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);     -- local only
CREATE TABLE sync_user_no (no INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);      -- local only
CREATE TABLE sync_shape (                  -- a table's field groups and columns at some time
  no INTEGER PRIMARY KEY,
  tbl INTEGER NOT NULL,                    -- sync_table_no.no
  groups TEXT NOT NULL                     -- {"groups": [[group, [column, ...]], ...], "keep_nulls": [...]}
);
CREATE TABLE sync_log (
  site INTEGER NOT NULL,                   -- sync_site_no.no
  seq INTEGER NOT NULL,
  hlc INTEGER NOT NULL,
  tbl INTEGER NOT NULL,                    -- sync_table_no.no
  row_id TEXT NOT NULL,
  kind INTEGER NOT NULL,                   -- 0 patch, 1 insert
  shape INTEGER,                           -- set while the change refers to its row
  cols TEXT,                               -- canonical JSON; NULL while it refers to its row
  base TEXT,                               -- canonical JSON; NULL means {}
  content_sha256 TEXT,                     -- NULL: made from the body when read
  format INTEGER NOT NULL,                 -- the change format version (schema_version)
  wall,                                    -- ms after the HLC's ms (integer), or the old text
  user_no INTEGER                          -- sync_user_no.no
);
INSERT INTO sync_site_no (site_id) SELECT site_id FROM sync_site ORDER BY rowid;
INSERT OR IGNORE INTO sync_site_no (site_id) SELECT site_id FROM sync_change ORDER BY rowid;
INSERT OR IGNORE INTO sync_table_no (name) SELECT tbl FROM sync_change ORDER BY rowid;
INSERT OR IGNORE INTO sync_user_no (name) SELECT user_name FROM sync_change WHERE user_name IS NOT NULL ORDER BY rowid;
INSERT INTO sync_log (site, seq, hlc, tbl, row_id, kind, shape, cols, base, content_sha256, format, wall, user_no)
  SELECT s.no, c.seq, c.hlc, t.no, c.row_id, c.kind = 'insert', NULL, c.cols, c.base, c.content_sha256,
         c.schema_version, c.wall_time, u.no
    FROM sync_change c JOIN sync_site_no s ON s.site_id = c.site_id JOIN sync_table_no t ON t.name = c.tbl
    LEFT JOIN sync_user_no u ON u.name = c.user_name
   ORDER BY c.rowid;
DROP TABLE sync_change;
CREATE UNIQUE INDEX sync_log_key ON sync_log(site, seq);
CREATE INDEX sync_log_row ON sync_log(tbl, row_id);
