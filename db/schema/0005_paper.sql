-- Paper (打印): the office's own notice templates. Replicated (LWW, one field group for the
-- content, so a title never merges with another office's body); no UNIQUE on the name: two
-- offices may both make a template called “通知”, and the library shows both.
CREATE TABLE notice_template (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,                           -- as listed in the library: '居家隔离告知书'
  kind TEXT NOT NULL DEFAULT 'notice',          -- notice (张贴通知) | letter (致住户的信, mail merge)
  issuer_mark TEXT,                             -- red header (发文机关标志), empty: none
  title TEXT NOT NULL DEFAULT '',
  salutation TEXT,                              -- 主送: '尊敬的{户主}家庭：'
  body TEXT NOT NULL DEFAULT '',                -- paragraphs separated by newlines; {字段} merge fields
  signature TEXT,                               -- 署名: '幸福里社区居民委员会'
  updated_wall TEXT,
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
