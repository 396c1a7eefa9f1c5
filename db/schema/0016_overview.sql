-- The Today page (desktop/overview/today.py) at a street office's scale (≈90,000 households,
-- 200,000 people): passes about to expire are found by their last valid day instead of reading
-- every pass, and the households removed from the register are few, so "households" is the
-- table's count less these instead of a scan of every row (person_removed, 0008, does the same
-- for people).
CREATE INDEX IF NOT EXISTS gate_pass_expiring ON gate_pass(valid_to) WHERE revoked_at IS NULL AND is_deleted = 0;
CREATE INDEX IF NOT EXISTS household_removed ON household(id) WHERE is_deleted = 1;
