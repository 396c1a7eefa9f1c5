-- The due state of every care subject is worked out from these columns alone (desktop/care/
-- care_book.py care_list): a covering index spares reading each whole subject row.
CREATE INDEX care_subject_due ON care_subject(is_deleted, id, frequency, listed_on, last_visit_on, person_id);
