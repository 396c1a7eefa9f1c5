-- Where a person lives joins their name in one full-text index, so that a search of several
-- words ('幸福里 张', '3-2-501 王') is one FTS5 AND query instead of lists intersected one by
-- one (tens of ms in a street office). The place column holds the compound's name as single
-- characters and the building, unit and room as 'b3 u2 r501' (menshen_place); triggers keep it
-- in step with moves, renumbered rooms and renamed compounds, local or from sync alike.
DROP TRIGGER person_fts_ins;
DROP TRIGGER person_fts_upd;
DROP TABLE person_name_fts;
CREATE VIRTUAL TABLE person_name_fts USING fts5(chars, pinyin, place, tokenize = 'unicode61');

CREATE VIEW person_place_tokens AS
  SELECT m.person_id AS person_id,
         menshen_place(c.name, b.number, u.number, h.room) AS place
    FROM membership m JOIN household h ON h.id = m.household_id
    LEFT JOIN compound c ON c.id = h.compound_id
    LEFT JOIN building b ON b.id = h.building_id
    LEFT JOIN unit u ON u.id = h.unit_id
   WHERE m.is_deleted = 0;

INSERT INTO person_name_fts(rowid, chars, pinyin, place)
  SELECT p.rowid, menshen_spaced(p.full_name), p.name_initials || ' ' || p.name_pinyin,
         (SELECT place FROM person_place_tokens t WHERE t.person_id = p.id LIMIT 1)
    FROM person p;

CREATE TRIGGER person_fts_ins AFTER INSERT ON person BEGIN
  INSERT INTO person_name_fts(rowid, chars, pinyin, place)
    VALUES (NEW.rowid, menshen_spaced(NEW.full_name), NEW.name_initials || ' ' || NEW.name_pinyin,
            (SELECT place FROM person_place_tokens t WHERE t.person_id = NEW.id LIMIT 1));
  INSERT INTO person_digits_fts(rowid, digits)
    VALUES (NEW.rowid, coalesce(NEW.id_number, '') || ' ' || coalesce(NEW.phone, ''));
END;
CREATE TRIGGER person_fts_upd AFTER UPDATE OF full_name, name_initials, name_pinyin, id_number, phone
  ON person BEGIN
  DELETE FROM person_name_fts WHERE rowid = OLD.rowid;
  DELETE FROM person_digits_fts WHERE rowid = OLD.rowid;
  INSERT INTO person_name_fts(rowid, chars, pinyin, place)
    VALUES (NEW.rowid, menshen_spaced(NEW.full_name), NEW.name_initials || ' ' || NEW.name_pinyin,
            (SELECT place FROM person_place_tokens t WHERE t.person_id = NEW.id LIMIT 1));
  INSERT INTO person_digits_fts(rowid, digits)
    VALUES (NEW.rowid, coalesce(NEW.id_number, '') || ' ' || coalesce(NEW.phone, ''));
END;

-- A person's place changes when their link to a household does, or the household, its
-- building, unit or compound does. Each rewrites the place of the people concerned.
CREATE TABLE search_place_dirty (person_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TRIGGER search_place_dirty_go AFTER INSERT ON search_place_dirty BEGIN
  UPDATE person_name_fts SET place = (SELECT place FROM person_place_tokens t
                                       WHERE t.person_id = NEW.person_id LIMIT 1)
   WHERE rowid = (SELECT rowid FROM person WHERE id = NEW.person_id);
  DELETE FROM search_place_dirty WHERE person_id = NEW.person_id;
END;
CREATE TRIGGER search_place_membership_ins AFTER INSERT ON membership BEGIN
  INSERT OR IGNORE INTO search_place_dirty VALUES (NEW.person_id);
END;
CREATE TRIGGER search_place_membership_upd AFTER UPDATE OF household_id, person_id, is_deleted ON membership BEGIN
  INSERT OR IGNORE INTO search_place_dirty VALUES (OLD.person_id);
  INSERT OR IGNORE INTO search_place_dirty VALUES (NEW.person_id);
END;
CREATE TRIGGER search_place_household_upd
  AFTER UPDATE OF compound_id, building_id, unit_id, room ON household BEGIN
  INSERT OR IGNORE INTO search_place_dirty
    SELECT person_id FROM membership WHERE household_id = NEW.id AND is_deleted = 0;
END;
-- Rows from sync may arrive in any order: a household, building, unit or compound that comes
-- after the links to it completes the places of the people already linked.
CREATE TRIGGER search_place_household_ins AFTER INSERT ON household BEGIN
  INSERT OR IGNORE INTO search_place_dirty
    SELECT person_id FROM membership WHERE household_id = NEW.id AND is_deleted = 0;
END;
CREATE TRIGGER search_place_unit_ins AFTER INSERT ON unit BEGIN
  INSERT OR IGNORE INTO search_place_dirty
    SELECT m.person_id FROM household h JOIN membership m ON m.household_id = h.id AND m.is_deleted = 0
     WHERE h.unit_id = NEW.id;
END;
CREATE TRIGGER search_place_building_ins AFTER INSERT ON building BEGIN
  INSERT OR IGNORE INTO search_place_dirty
    SELECT m.person_id FROM household h JOIN membership m ON m.household_id = h.id AND m.is_deleted = 0
     WHERE h.building_id = NEW.id;
END;
CREATE TRIGGER search_place_compound_ins AFTER INSERT ON compound BEGIN
  INSERT OR IGNORE INTO search_place_dirty
    SELECT m.person_id FROM household h JOIN membership m ON m.household_id = h.id AND m.is_deleted = 0
     WHERE h.compound_id = NEW.id;
END;
CREATE TRIGGER search_place_unit_upd AFTER UPDATE OF number ON unit BEGIN
  INSERT OR IGNORE INTO search_place_dirty
    SELECT m.person_id FROM household h JOIN membership m ON m.household_id = h.id AND m.is_deleted = 0
     WHERE h.unit_id = NEW.id;
END;
CREATE TRIGGER search_place_building_upd AFTER UPDATE OF number ON building BEGIN
  INSERT OR IGNORE INTO search_place_dirty
    SELECT m.person_id FROM household h JOIN membership m ON m.household_id = h.id AND m.is_deleted = 0
     WHERE h.building_id = NEW.id;
END;
CREATE TRIGGER search_place_compound_upd AFTER UPDATE OF name ON compound BEGIN
  INSERT OR IGNORE INTO search_place_dirty
    SELECT m.person_id FROM household h JOIN membership m ON m.household_id = h.id AND m.is_deleted = 0
     WHERE h.compound_id = NEW.id;
END;
