-- A person's last passage of two in one second (out at one gate, in at another) is the one with
-- the greater id on every machine (db/bulk.py last_passages says why). 0020's triggers kept
-- the one that reached the machine first (`excluded.at > at`; max(at) keeps the first row read),
-- so after an exchange two machines counted the same person differently in 外出未归. The
-- triggers now compare (at, id), the table is filled once again by that rule, and
-- desktop.gate.day.check_last_passages checks it. gate_person_last is derived and local: no
-- change is written, every change exports as before.
DROP TRIGGER IF EXISTS gate_person_last_ins;
DROP TRIGGER IF EXISTS gate_person_last_void;

DELETE FROM gate_person_last;
INSERT INTO gate_person_last (person_id, at, direction, log_id)
  SELECT person_id, at, direction, id FROM (
    SELECT g.person_id, g.at, g.direction, g.id, max(g.at || ' ' || g.id) FROM gate_log g
     WHERE g.person_id IS NOT NULL AND g.outcome = 'allowed' AND g.kind = 'pass'
       AND NOT EXISTS (SELECT 1 FROM gate_log v WHERE v.voids_id = g.id)
     GROUP BY g.person_id);

-- A new passage that lets someone through is their last one when it comes after the one kept
-- by (at, id), unless a void of it came first (sync brings rows in any order). A void of the
-- kept passage recomputes that person from the log. Nothing else changes a person's last
-- passage: gate_log is append-only (its capture triggers refuse UPDATE and DELETE).
CREATE TRIGGER gate_person_last_ins AFTER INSERT ON gate_log
  WHEN NEW.person_id IS NOT NULL AND NEW.outcome = 'allowed' AND NEW.kind = 'pass' BEGIN
  INSERT INTO gate_person_last (person_id, at, direction, log_id)
    SELECT NEW.person_id, NEW.at, NEW.direction, NEW.id
     WHERE NOT EXISTS (SELECT 1 FROM gate_log v WHERE v.voids_id = NEW.id)
    ON CONFLICT (person_id) DO UPDATE SET at = excluded.at, direction = excluded.direction,
      log_id = excluded.log_id
      WHERE (excluded.at, excluded.log_id) > (gate_person_last.at, gate_person_last.log_id);
END;
CREATE TRIGGER gate_person_last_void AFTER INSERT ON gate_log
  WHEN NEW.voids_id IS NOT NULL BEGIN
  DELETE FROM gate_person_last
   WHERE person_id = (SELECT person_id FROM gate_log WHERE id = NEW.voids_id) AND log_id = NEW.voids_id;
  INSERT INTO gate_person_last (person_id, at, direction, log_id)
    SELECT g.person_id, g.at, g.direction, g.id FROM gate_log g
     WHERE g.person_id = (SELECT person_id FROM gate_log WHERE id = NEW.voids_id)
       AND g.outcome = 'allowed' AND g.kind = 'pass'
       AND NOT EXISTS (SELECT 1 FROM gate_log v WHERE v.voids_id = g.id)
       AND NOT EXISTS (SELECT 1 FROM gate_person_last k WHERE k.person_id = g.person_id)
     ORDER BY g.at DESC, g.id DESC LIMIT 1;
END;
