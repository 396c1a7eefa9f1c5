-- Merging duplicate persons (SYNC.md 9.13; issue 15): the same ID number entered on two
-- machines. The merge is a replicated fact, one row per pair of persons whoever merges it:
-- id = natural_id('person_merge', smaller id, larger id), so two offices merging the same pair
-- make one row (last writer wins on which of the two survives). Every machine that holds the row
-- points the editable records of the loser at the survivor and hides the loser
-- (db/sync/person_merge.py, after each import and each local merge). No NOT NULL without a
-- default beyond the key: a patch may arrive before its row.
CREATE TABLE IF NOT EXISTS person_merge (
  id TEXT PRIMARY KEY,
  loser_id TEXT,
  survivor_id TEXT,
  merged_by TEXT,
  merged_wall TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
-- Local, derived from person_merge (not replicated): every merged-away person and the person
-- it now reads as. Append-only logs (gate, visits, follow-ups, status history) are never
-- rewritten; whoever lists one person's history reads it through this table.
CREATE TABLE IF NOT EXISTS person_alias (
  id TEXT PRIMARY KEY,
  canonical_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS person_alias_canonical ON person_alias(canonical_id);
