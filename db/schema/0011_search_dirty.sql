-- The search indexes are brought up to date once per transaction, for all the people it
-- touched, instead of row by row: a 100,000-row import rewrote each person's entry two or
-- three times (insert, then place on the link, then tenure), 140 µs a person. Every trigger now
-- only notes who needs re-indexing in search_dirty. Inside Database.transaction() the notes
-- are worked off set-wise just before COMMIT (db/search_index.py); a write outside one (the
-- demo builder, a test) is re-indexed at once by search_dirty_now.
DROP TRIGGER person_fts_ins;
DROP TRIGGER person_fts_upd;
DROP TRIGGER search_place_dirty_go;
DROP TRIGGER search_place_membership_ins;
DROP TRIGGER search_place_membership_upd;
DROP TRIGGER search_place_household_upd;
DROP TRIGGER search_place_household_ins;
DROP TRIGGER search_place_unit_ins;
DROP TRIGGER search_place_building_ins;
DROP TRIGGER search_place_compound_ins;
DROP TRIGGER search_place_unit_upd;
DROP TRIGGER search_place_building_upd;
DROP TRIGGER search_place_compound_upd;
DROP TABLE search_place_dirty;

CREATE TABLE search_dirty (person_id TEXT PRIMARY KEY) WITHOUT ROWID;

CREATE VIEW person_search_entry AS
  SELECT p.id AS person_id, p.rowid AS person_rowid,
         menshen_spaced(p.full_name) AS chars,
         p.name_initials || ' ' || p.name_pinyin AS pinyin,
         (SELECT place FROM person_place_tokens t WHERE t.person_id = p.id LIMIT 1) AS place,
         coalesce(p.id_number, '') || ' ' || coalesce(p.phone, '') AS digits
    FROM person p;

CREATE TRIGGER search_dirty_now AFTER INSERT ON search_dirty WHEN menshen_deferred() = 0 BEGIN
  DELETE FROM person_name_fts WHERE rowid = (SELECT rowid FROM person WHERE id = NEW.person_id);
  DELETE FROM person_digits_fts WHERE rowid = (SELECT rowid FROM person WHERE id = NEW.person_id);
  INSERT INTO person_name_fts(rowid, chars, pinyin, place)
    SELECT person_rowid, chars, pinyin, place FROM person_search_entry WHERE person_id = NEW.person_id;
  INSERT INTO person_digits_fts(rowid, digits)
    SELECT person_rowid, digits FROM person_search_entry WHERE person_id = NEW.person_id;
  DELETE FROM search_dirty WHERE person_id = NEW.person_id;
END;

CREATE TRIGGER search_person_ins AFTER INSERT ON person BEGIN
  INSERT OR IGNORE INTO search_dirty VALUES (NEW.id);
END;
CREATE TRIGGER search_person_upd AFTER UPDATE OF full_name, name_initials, name_pinyin, id_number, phone
  ON person BEGIN
  INSERT OR IGNORE INTO search_dirty VALUES (NEW.id);
END;
-- A person's place changes when their link to a household does, or the household, its
-- building, unit or compound does.
CREATE TRIGGER search_membership_ins AFTER INSERT ON membership BEGIN
  INSERT OR IGNORE INTO search_dirty VALUES (NEW.person_id);
END;
CREATE TRIGGER search_membership_upd AFTER UPDATE OF household_id, person_id, is_deleted ON membership BEGIN
  INSERT OR IGNORE INTO search_dirty VALUES (OLD.person_id);
  INSERT OR IGNORE INTO search_dirty VALUES (NEW.person_id);
END;
CREATE TRIGGER search_household_upd AFTER UPDATE OF compound_id, building_id, unit_id, room ON household BEGIN
  INSERT OR IGNORE INTO search_dirty
    SELECT person_id FROM membership WHERE household_id = NEW.id AND is_deleted = 0;
END;
-- Rows from sync may arrive in any order: a household, building, unit or compound that comes
-- after the links to it completes the places of the people already linked.
CREATE TRIGGER search_household_ins AFTER INSERT ON household BEGIN
  INSERT OR IGNORE INTO search_dirty
    SELECT person_id FROM membership WHERE household_id = NEW.id AND is_deleted = 0;
END;
CREATE TRIGGER search_unit_ins AFTER INSERT ON unit BEGIN
  INSERT OR IGNORE INTO search_dirty
    SELECT m.person_id FROM household h JOIN membership m ON m.household_id = h.id AND m.is_deleted = 0
     WHERE h.unit_id = NEW.id;
END;
CREATE TRIGGER search_building_ins AFTER INSERT ON building BEGIN
  INSERT OR IGNORE INTO search_dirty
    SELECT m.person_id FROM household h JOIN membership m ON m.household_id = h.id AND m.is_deleted = 0
     WHERE h.building_id = NEW.id;
END;
CREATE TRIGGER search_compound_ins AFTER INSERT ON compound BEGIN
  INSERT OR IGNORE INTO search_dirty
    SELECT m.person_id FROM household h JOIN membership m ON m.household_id = h.id AND m.is_deleted = 0
     WHERE h.compound_id = NEW.id;
END;
CREATE TRIGGER search_unit_upd AFTER UPDATE OF number ON unit BEGIN
  INSERT OR IGNORE INTO search_dirty
    SELECT m.person_id FROM household h JOIN membership m ON m.household_id = h.id AND m.is_deleted = 0
     WHERE h.unit_id = NEW.id;
END;
CREATE TRIGGER search_building_upd AFTER UPDATE OF number ON building BEGIN
  INSERT OR IGNORE INTO search_dirty
    SELECT m.person_id FROM household h JOIN membership m ON m.household_id = h.id AND m.is_deleted = 0
     WHERE h.building_id = NEW.id;
END;
CREATE TRIGGER search_compound_upd AFTER UPDATE OF name ON compound BEGIN
  INSERT OR IGNORE INTO search_dirty
    SELECT m.person_id FROM household h JOIN membership m ON m.household_id = h.id AND m.is_deleted = 0
     WHERE h.compound_id = NEW.id;
END;
