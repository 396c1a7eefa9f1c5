-- Exact names first in a search with more answers than are shown (desktop/search.py),
-- and finding a person by name and address when a ledger row has no ID number.
CREATE INDEX person_full_name ON person(full_name);
