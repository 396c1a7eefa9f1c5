-- Places are indexed with their Chinese numbers in figures (十二号 as 'h12', 三组 as '3 组') and a
-- run of figures as one word ('12 组': 2组 is not found in 12组), as the search reads what is
-- typed (db/search_tokens.py, arabic_numbers and place_chars). Everyone's place is written again once.
DELETE FROM person_name_fts;
INSERT INTO person_name_fts(rowid, chars, pinyin, place)
  SELECT person_rowid, chars, pinyin, place FROM person_search_entry ORDER BY person_rowid;
