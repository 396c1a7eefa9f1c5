-- A passage judged after a fever recorded before it (the guard saw the FEVER TODAY card and
-- chose 放行, 劝返 or 送发热门诊): the fever's own time, 'YYYY-MM-DDTHH:MM:SS'. The handover and
-- the day's list of those let through after a fever read this column, not the note's words: a
-- card answered after midnight is dated on the next day, its note names the fever's day
-- (发热（12月7日23:50 37.8°C）后放行), not 今日. NULL for every other passage and for every one
-- written before, whose note alone says it (今日发热（…）后放行: desktop.gate.log.after_a_fever
-- reads both). gate_log replicates (db/sync/registry.py, the 'entry' group): a package without
-- the column is applied with NULL, as 0028's.
ALTER TABLE gate_log ADD COLUMN after_fever_at TEXT;
