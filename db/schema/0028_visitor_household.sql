-- The household a visitor came to see (DESIGN.md §2 "whom visiting"), linked when the guard
-- chose it in the visitor form; NULL for a host typed freely (a shop, a name not registered)
-- and for every passage written before. household_id stays the passage's own household (a
-- resident's, a household pass's): the household rule and 外出未归 count it, never a visit.
-- gate_log replicates (db/sync/registry.py, the 'entry' group): older changes are read through
-- the shape they were written with, so they export as before; a package without the column is
-- applied with NULL (a left-out column of a new row is NULL).
ALTER TABLE gate_log ADD COLUMN visiting_household_id TEXT;
-- "Who visited 3栋2单元401 this week": the household's visits, newest first.
CREATE INDEX gate_log_visiting ON gate_log(visiting_household_id, at) WHERE visiting_household_id IS NOT NULL;
