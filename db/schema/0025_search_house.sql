-- A village house is found by its 门牌地址 ('王家湾2号', '2号', '王家湾 2号'): the place in the
-- search index takes the household's address text too, its house number as the word 'h2'
-- (db/search_tokens.py), and follows a change of it. Everyone's place is written again once.
DROP VIEW person_search_entry;
DROP VIEW person_place_tokens;
CREATE VIEW person_place_tokens AS
  SELECT m.person_id AS person_id,
         menshen_place(c.name, b.number, u.number, h.room, h.address_text) AS place
    FROM membership m JOIN household h ON h.id = m.household_id
    LEFT JOIN compound c ON c.id = h.compound_id
    LEFT JOIN building b ON b.id = h.building_id
    LEFT JOIN unit u ON u.id = h.unit_id
   WHERE m.is_deleted = 0;
CREATE VIEW person_search_entry AS
  SELECT p.id AS person_id, p.rowid AS person_rowid,
         menshen_spaced(p.full_name) AS chars,
         p.name_initials || ' ' || p.name_pinyin AS pinyin,
         (SELECT place FROM person_place_tokens t WHERE t.person_id = p.id LIMIT 1) AS place,
         coalesce(p.id_number, '') || ' ' || coalesce(p.phone, '') AS digits
    FROM person p;

DROP TRIGGER search_household_upd;
CREATE TRIGGER search_household_upd AFTER UPDATE OF compound_id, building_id, unit_id, room, address_text
  ON household BEGIN
  INSERT OR IGNORE INTO search_dirty
    SELECT person_id FROM membership WHERE household_id = NEW.id AND is_deleted = 0;
END;

DELETE FROM person_name_fts;
INSERT INTO person_name_fts(rowid, chars, pinyin, place)
  SELECT person_rowid, chars, pinyin, place FROM person_search_entry ORDER BY person_rowid;
