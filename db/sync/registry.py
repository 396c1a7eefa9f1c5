"""The table registry: the single source of truth for which tables replicate and how they merge.

A table joins sync by being declared here (SYNC.md 9.5). ``lww`` tables are editable records
merged last-writer-wins per field group; ``append`` tables are grow-only logs whose rows are
never edited (a correction is a new row). Columns named together in a group change together
(an address never arrives half-merged); every other column is a group of its own.
"""
from dataclasses import dataclass, field

LWW = "lww"
APPEND = "append"


@dataclass(frozen=True)
class SyncTable:
    name: str
    kind: str
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    writers: frozenset[str] = frozenset()     # empty: any site may write

    def group_of(self, column: str) -> str:
        for group, columns in self.groups.items():
            if column in columns:
                return group
        return column

    def column_groups(self, columns: list[str]) -> dict[str, list[str]]:
        """Every non-key column sorted into its group, in table order."""
        out: dict[str, list[str]] = {}
        for col in columns:
            if col != "id":
                out.setdefault(self.group_of(col), []).append(col)
        return out


_CREATED = {"created": ("created_site", "created_wall")}

SYNC_TABLES: dict[str, SyncTable] = {t.name: t for t in [
    SyncTable("community", LWW, {**_CREATED}),
    SyncTable("grid", LWW, {**_CREATED}),
    SyncTable("compound", LWW, {**_CREATED}),
    SyncTable("building", LWW, {**_CREATED}),
    SyncTable("unit", LWW, {**_CREATED}),
    SyncTable("household", LWW, {
        **_CREATED,
        "address": ("compound_id", "building_id", "unit_id", "room", "address_text"),
        "tenure": ("tenure", "landlord_person_id", "landlord_name", "landlord_phone"),
    }),
    SyncTable("person", LWW, {
        **_CREATED,
        "name": ("full_name", "name_pinyin", "name_initials"),
        "idno": ("id_type", "id_number", "sex", "birth_date"),
        "status": ("status", "status_reason", "status_since", "status_by"),
        "key_person": ("is_key_person", "key_reason"),
        "residence": ("residence_kind", "hukou_address"),
    }),
    # id = natural_id("membership", household_id, person_id): two offices adding the same
    # person to the same household make one row.
    SyncTable("membership", LWW, {**_CREATED, "link": ("household_id", "person_id")}),
    SyncTable("status_change", APPEND),
    SyncTable("travel_record", APPEND),
    SyncTable("audit_event", APPEND),
    SyncTable("checkpoint", LWW, {**_CREATED}),
    SyncTable("gate_secret", LWW, {**_CREATED}),
    SyncTable("gate_rule", LWW, {**_CREATED, "rule": ("people_per_household", "every_days")}),
    SyncTable("gate_pass", LWW, {**_CREATED, "validity": ("valid_from", "valid_to"),
                                 "issued": ("issued_by", "issued_at"),
                                 "revoked": ("revoked_at", "revoked_reason", "revoked_by")}),
    SyncTable("visitor", LWW, {**_CREATED, "name": ("full_name", "name_initials")}),
    SyncTable("vehicle", LWW, {**_CREATED}),
    # An append row is written once and merged whole by its id (one group for the whole row).
    SyncTable("gate_log", APPEND, {"entry": (
        "kind", "checkpoint_id", "at", "direction", "person_id", "household_id", "visitor_id", "pass_id",
        "holder_name", "plate", "temperature", "fever", "outcome", "override_reason", "rule_exceeded",
        "visit_reason", "visiting", "note", "source", "voids_id", "void_reason", "recorded_by", "created_site",
        "created_wall", "visiting_household_id", "after_fever_at")}),
    SyncTable("care_helper", LWW, {**_CREATED}),
    SyncTable("care_subject", LWW, {**_CREATED}),
    SyncTable("care_contact", LWW, {**_CREATED, "contact": ("full_name", "relation", "phone")}),
    SyncTable("care_green_channel", LWW, {**_CREATED}),
    # Append rows are written once and merged whole: one group each.
    SyncTable("care_visit", APPEND, {"entry": (
        "subject_id", "person_id", "visited_on", "helper_id", "helper_name", "mode", "found", "needs_raised",
        "done", "corrects_id", "is_void", "recorded_by", "recorded_at", "created_site")}),
    SyncTable("isolation_episode", LWW, {
        **_CREATED,
        "plan": ("start_on", "planned_end_on"),
        "release": ("released_on", "released_by", "released_at", "release_note"),
    }),
    SyncTable("isolation_followup", APPEND, {"entry": (
        "episode_id", "person_id", "day", "slot", "temperature", "symptoms", "needs", "helper_id", "note",
        "corrects_id", "is_void", "checked_by", "checked_at", "created_site")}),
    SyncTable("notice_template", LWW, {**_CREATED, "content": (
        "name", "kind", "issuer_mark", "title", "salutation", "body", "signature", "updated_wall")}),
    # A street-office template and its mapping: the mapping changes as one piece.
    SyncTable("report_template", LWW, {**_CREATED, "mapping": (
        "form", "signature", "sheet", "header_row", "mapping", "list_name")}),
    # Canvass rounds (issue 20). A household's result in a round is one row with a natural id
    # (natural_id("canvass_result", round, household)): two canvassers entering the same door
    # merge into one row, and a result typed wrong is corrected by an edit. So it is lww, not an
    # append log; the visit (outcome, answers, who, when) is one group and never half-merges.
    SyncTable("canvass_question", LWW, {**_CREATED, "question": ("code", "label", "key", "flags")}),
    SyncTable("canvass_round", LWW, {**_CREATED, "scope": ("scope_kind", "scope_ids", "from_round_id",
                                                           "from_outcomes"),
                                     "dates": ("starts_on", "ends_on")}),
    SyncTable("canvass_result", LWW, {**_CREATED, "roll": ("round_id", "household_id", "code"),
                                      "visit": ("outcome", "answers", "canvasser_id", "canvasser_name",
                                                "visited_on", "attempts", "note", "entered_by", "entered_at")}),
    SyncTable("canvass_step", APPEND, {"entry": (
        "round_id", "household_id", "person_id", "step", "target_id", "detail", "taken_by", "taken_at",
        "created_site")}),
    # Duplicate persons merged (SYNC.md 9.13): id = natural_id("person_merge", *sorted pair), so
    # both machines merging one pair make one row; which survives is one group (last writer wins).
    SyncTable("person_merge", LWW, {**_CREATED, "pair": ("loser_id", "survivor_id", "merged_by", "merged_wall")}),
    SyncTable("duty_person", LWW, {**_CREATED, "name": ("full_name", "phone")}),
    # A person on duty registered twice, merged (db/sync/duty_merge.py): as person_merge, id =
    # natural_id("duty_merge", *sorted pair). The older entry always survives, so the pair is the
    # same whoever merges it; who merged goes with the created group, so two machines merging
    # the pair each way make one row and no conflict to decide.
    SyncTable("duty_merge", LWW, {"created": ("created_site", "created_wall", "merged_by"),
                                  "pair": ("loser_id", "survivor_id")}),
    # Accounts (issue 16): the password, its setter and time change together.
    SyncTable("account", LWW, {**_CREATED, "password": ("password_hash", "password_set_by", "password_set_wall")}),
    SyncTable("duty_shift", LWW, {**_CREATED, "post": ("post_kind", "checkpoint_id", "compound_id"),
                                  "time": ("person_id", "starts_at", "ends_at")}),
]}
