-- Capture writes each local change to sync_pending first, and Menshen numbers, stamps and
-- hashes the pending rows into sync_change just before COMMIT (db/sync/capture.py). The table
-- is empty whenever no transaction is open.
CREATE TABLE sync_pending (
  n INTEGER PRIMARY KEY,
  tbl TEXT NOT NULL, row_id TEXT NOT NULL,
  kind TEXT NOT NULL,                 -- 'patch' | 'insert', as in sync_change
  grps TEXT NOT NULL,                 -- the groups in cols, comma-separated, sorted
  cols TEXT NOT NULL                  -- canonical JSON {group: {col: value}}
);
-- The versions of field groups are worked out from sync_change when needed
-- (db/sync/versions.py); the per-group index tables SYNC.md sketches are not kept.
DROP TABLE sync_cell;
DROP TABLE sync_head;
DROP TABLE sync_base_ref;
