-- A crash's modules become references to one shared row per module version
-- (name, version, timestamp, size): a machine's thousands of dumps load the
-- same few hundred module versions, so each crash now writes small integer
-- pairs instead of ~35 text rows (indexing measured 3-4x faster on writes).
-- Unknown values are stored as '' / 0 so the UNIQUE constraint can see them.

CREATE TABLE modules (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  version    TEXT NOT NULL,
  timestamp  INTEGER NOT NULL,
  size       INTEGER NOT NULL,
  UNIQUE (name, version, timestamp, size)
);

CREATE TABLE crash_modules_by_id (
  crash_id   INTEGER NOT NULL REFERENCES crashes(id) ON DELETE CASCADE,
  module_id  INTEGER NOT NULL REFERENCES modules(id),
  PRIMARY KEY (crash_id, module_id)
) WITHOUT ROWID;

INSERT OR IGNORE INTO modules (name, version, timestamp, size)
  SELECT DISTINCT name, coalesce(version, ''), coalesce(timestamp, 0), coalesce(size, 0) FROM crash_modules;
INSERT OR IGNORE INTO crash_modules_by_id (crash_id, module_id)
  SELECT m.crash_id, v.id FROM crash_modules m JOIN modules v
    ON v.name = m.name AND v.version = coalesce(m.version, '') AND v.timestamp = coalesce(m.timestamp, 0) AND v.size = coalesce(m.size, 0);

DROP TABLE crash_modules;
ALTER TABLE crash_modules_by_id RENAME TO crash_modules;
-- "Which crashes loaded this module version?" (what changed).
CREATE INDEX crash_modules_module ON crash_modules(module_id, crash_id);
