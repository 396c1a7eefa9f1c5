-- "Went out and is not back" (desktop/gate/day.py) at a street office's scale: each person's
-- last valid passage that let them through (outcome 'allowed', kind 'pass', not voided), so the
-- figure reads one short index range instead of grouping the last three days of the gate log
-- (≈66,000 rows at 1,000,000) by person. A local table derived from gate_log alone: NOT
-- replicated (not in db/sync/registry.py). The triggers below keep it right whoever writes the
-- log — the gate's save, the import, sync bringing rows late, a void arriving before or after
-- the row it voids — at the cost of one upsert per passage (a void: that person from the log);
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

-- A new passage that lets someone through is their last one when it is later than the one
-- kept (on a tie the kept one stays, as max() keeps the first), unless a void of it came first
-- (sync brings rows in any order). A void of the kept passage recomputes that person from the
-- log. Nothing else changes a person's last passage: gate_log is append-only (its capture
-- triggers refuse UPDATE and DELETE).
CREATE TRIGGER IF NOT EXISTS gate_person_last_ins AFTER INSERT ON gate_log
  WHEN NEW.person_id IS NOT NULL AND NEW.outcome = 'allowed' AND NEW.kind = 'pass' BEGIN
  INSERT INTO gate_person_last (person_id, at, direction, log_id)
    SELECT NEW.person_id, NEW.at, NEW.direction, NEW.id
     WHERE NOT EXISTS (SELECT 1 FROM gate_log v WHERE v.voids_id = NEW.id)
    ON CONFLICT (person_id) DO UPDATE SET at = excluded.at, direction = excluded.direction,
      log_id = excluded.log_id WHERE excluded.at > gate_person_last.at;
END;
CREATE TRIGGER IF NOT EXISTS gate_person_last_void AFTER INSERT ON gate_log
  WHEN NEW.voids_id IS NOT NULL BEGIN
  DELETE FROM gate_person_last
   WHERE person_id = (SELECT person_id FROM gate_log WHERE id = NEW.voids_id) AND log_id = NEW.voids_id;
  INSERT INTO gate_person_last (person_id, at, direction, log_id)
    SELECT g.person_id, max(g.at), g.direction, g.id FROM gate_log g
     WHERE g.person_id = (SELECT person_id FROM gate_log WHERE id = NEW.voids_id)
       AND g.outcome = 'allowed' AND g.kind = 'pass'
       AND NOT EXISTS (SELECT 1 FROM gate_log v WHERE v.voids_id = g.id)
       AND NOT EXISTS (SELECT 1 FROM gate_person_last k WHERE k.person_id = g.person_id)
     GROUP BY g.person_id;
END;
