-- Merging a person on duty registered twice (the office and the gate laptop each registered the
-- same volunteer): as person_merge (0022) for residents, the merge is a replicated fact, one row
-- per pair whoever merges it: id = natural_id('duty_merge', smaller id, larger id). The older
-- entry (the smaller id) always survives, so two machines merging the pair each way write the
-- same pair and no conflict. Every machine that holds the row points the loser's shifts and
-- canvass results at the survivor and hides the loser (db/sync/duty_merge.py, after each import
-- and each local merge), including rows that arrive later. No NOT NULL without a default beyond
-- the key: a patch may arrive before its row.
CREATE TABLE IF NOT EXISTS duty_merge (
  id TEXT PRIMARY KEY,
  loser_id TEXT,
  survivor_id TEXT,
  merged_by TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
