-- "Went out and is not back" (desktop/gate/day.py) at a street office's scale: each person's
-- last valid passage that let them through (outcome 'allowed', kind 'pass', not voided), so the
-- figure reads one short index range instead of grouping the last three days of the gate log
-- (≈66,000 rows at 1,000,000) by person. A local table derived from gate_log alone: NOT
-- replicated (not in db/sync/registry.py). The triggers below keep it right whoever writes the
-- log — the gate's save, the import, sync bringing rows late, a void arriving before or after
-- the row it voids — by recomputing the persons a written row touches from the log itself;
-- desktop.gate.day.rebuild_last_passages() rebuilds it whole and check_last_passages() compares.
CREATE TABLE IF NOT EXISTS gate_person_last (
  person_id TEXT PRIMARY KEY,
  at TEXT,
  direction TEXT,
  log_id TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS gate_person_last_at ON gate_person_last(at, direction);

DELETE FROM gate_person_last;
INSERT INTO gate_person_last (person_id, at, direction, log_id)
  SELECT g.person_id, max(g.at), g.direction, g.id FROM gate_log g
   WHERE g.person_id IS NOT NULL AND g.outcome = 'allowed' AND g.kind = 'pass'
     AND NOT EXISTS (SELECT 1 FROM gate_log v WHERE v.voids_id = g.id)
   GROUP BY g.person_id;

-- The persons a new row names (its own, and that of the row it voids) are recomputed from the log.
CREATE TRIGGER IF NOT EXISTS gate_person_last_ins AFTER INSERT ON gate_log
  WHEN NEW.person_id IS NOT NULL OR NEW.voids_id IS NOT NULL BEGIN
  DELETE FROM gate_person_last WHERE person_id IN (
    SELECT NEW.person_id UNION SELECT person_id FROM gate_log WHERE id = NEW.voids_id);
  INSERT INTO gate_person_last (person_id, at, direction, log_id)
    SELECT g.person_id, max(g.at), g.direction, g.id FROM gate_log g
     WHERE g.person_id IN (SELECT NEW.person_id UNION SELECT person_id FROM gate_log WHERE id = NEW.voids_id)
       AND g.outcome = 'allowed' AND g.kind = 'pass'
       AND NOT EXISTS (SELECT 1 FROM gate_log v WHERE v.voids_id = g.id)
     GROUP BY g.person_id;
END;
-- gate_log is append-only (its capture triggers refuse UPDATE and DELETE): inserts are all.
