-- The change log becomes an ordinary rowid table (same columns, same key). A change is about
-- 700 bytes of JSON, and SQLite's WITHOUT ROWID tables suit rows under 1/20 of a page: each new
-- change split a page and left it half empty, so 10,000 imported people took 56 MB of log.
-- A rowid table appends, and the key (site_id, seq) stays unique through its index.
CREATE TABLE sync_change_appended (
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
);
INSERT INTO sync_change_appended
  SELECT site_id, seq, hlc, tbl, row_id, kind, cols, base, content_sha256, schema_version, wall_time, user_name
    FROM sync_change ORDER BY hlc, site_id;
DROP TABLE sync_change;
ALTER TABLE sync_change_appended RENAME TO sync_change;
CREATE INDEX sync_change_row ON sync_change(tbl, row_id);
