-- Excel import and export (issue 4).

-- Column mappings a clerk corrected, under the file's header words (local, not synced: they
-- describe files this machine was given; see desktop/excel/columns.py).
CREATE TABLE import_mapping (
  signature TEXT NOT NULL,                 -- the header words joined with '|'
  kind TEXT NOT NULL,                      -- register | gate | care
  mapping TEXT NOT NULL,                   -- JSON {column index: field}
  used_at TEXT NOT NULL,
  PRIMARY KEY (signature, kind)
);

-- The street office's report templates and how each maps to Menshen's figures or lists.
-- Replicated (LWW): a template mapped once at the office fills itself on every machine.
CREATE TABLE report_template (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,                      -- what the clerk calls it: '每日疫情防控报表'
  form TEXT NOT NULL,                      -- figures (named or addressed cells) | list (header row)
  signature TEXT NOT NULL,                 -- the template's header words or cell names
  sheet TEXT,                              -- the sheet that is filled
  header_row INTEGER,                      -- list form: 1-based row of the header
  mapping TEXT NOT NULL,                   -- JSON: figures {cell: figure}; list {column: field}
  list_name TEXT,                          -- list form: which list fills it (register, key-persons …)
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
