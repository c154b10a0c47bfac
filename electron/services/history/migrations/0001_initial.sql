-- Crash history, first schema. Times are stored twice where we sort or filter
-- on them: ISO-8601 text for people, integer milliseconds for indexes.

CREATE TABLE sources (
  id        INTEGER PRIMARY KEY,
  path      TEXT NOT NULL UNIQUE,
  -- 'user' (added by the user) or a discovery kind ('minidump', 'wer-archive', …)
  kind      TEXT NOT NULL DEFAULT 'user',
  added_at  TEXT NOT NULL
);

CREATE TABLE wer_reports (
  id              INTEGER PRIMARY KEY,
  path            TEXT NOT NULL UNIQUE,
  source_id       INTEGER REFERENCES sources(id) ON DELETE SET NULL,
  size            INTEGER NOT NULL,
  mtime_ms        INTEGER NOT NULL,
  missing         INTEGER NOT NULL DEFAULT 0,
  event_type      TEXT,
  event_time      TEXT,
  report_id       TEXT,
  app_name        TEXT,
  app_path        TEXT,
  fault_module    TEXT,
  exception_code  INTEGER,
  bugcheck_code   INTEGER,
  bucket_id       TEXT,
  os_version      TEXT,
  -- JSON array of the attached dumps' file names, lower-cased
  dump_names      TEXT NOT NULL DEFAULT '[]',
  -- JSON array of the attached dumps' original full paths
  dump_paths      TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE crashes (
  id               INTEGER PRIMARY KEY,
  path             TEXT NOT NULL UNIQUE,
  -- lower-cased file name, to link Report.wer attachments
  file_name        TEXT NOT NULL,
  source_id        INTEGER REFERENCES sources(id) ON DELETE SET NULL,
  size             INTEGER NOT NULL,
  mtime_ms         INTEGER NOT NULL,
  content_hash     TEXT NOT NULL,
  -- 'ok' (analysed) or 'error' (could not be analysed after retries; see error)
  state            TEXT NOT NULL CHECK (state IN ('ok', 'error')),
  error            TEXT,
  missing          INTEGER NOT NULL DEFAULT 0,
  missing_since    TEXT,
  dump_kind        TEXT,
  crash_time       TEXT,
  crash_time_ms    INTEGER,
  os_build         INTEGER,
  os_version       TEXT,
  machine_name     TEXT,
  -- 'exception' | 'bugcheck' | 'none'
  code_type        TEXT,
  code             INTEGER,
  code_name        TEXT,
  -- JSON array of "0x…" strings
  parameters       TEXT NOT NULL DEFAULT '[]',
  culprit          TEXT,
  bucket           TEXT,
  process_name     TEXT,
  uptime_seconds   INTEGER,
  analyzer_version INTEGER,
  wer_report_id    INTEGER REFERENCES wer_reports(id) ON DELETE SET NULL,
  indexed_at       TEXT NOT NULL
);
CREATE INDEX crashes_time ON crashes(crash_time_ms);
CREATE INDEX crashes_bucket ON crashes(bucket, crash_time_ms);
CREATE INDEX crashes_culprit ON crashes(culprit, crash_time_ms);
CREATE INDEX crashes_code ON crashes(code, crash_time_ms);
CREATE INDEX crashes_source ON crashes(source_id, crash_time_ms);
CREATE INDEX crashes_hash ON crashes(content_hash);
CREATE INDEX crashes_file_name ON crashes(file_name);
CREATE INDEX crashes_analyzer ON crashes(analyzer_version);

CREATE TABLE crash_modules (
  crash_id   INTEGER NOT NULL REFERENCES crashes(id) ON DELETE CASCADE,
  -- lower-cased, as Windows compares module names
  name       TEXT NOT NULL,
  version    TEXT,
  timestamp  INTEGER,
  size       INTEGER
);
CREATE INDEX crash_modules_crash ON crash_modules(crash_id);
CREATE INDEX crash_modules_name ON crash_modules(name, version, timestamp);

CREATE TABLE notes (
  id          INTEGER PRIMARY KEY,
  crash_id    INTEGER NOT NULL REFERENCES crashes(id) ON DELETE CASCADE,
  text        TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX notes_crash ON notes(crash_id);

CREATE TABLE crash_tags (
  crash_id  INTEGER NOT NULL REFERENCES crashes(id) ON DELETE CASCADE,
  tag       TEXT NOT NULL,
  PRIMARY KEY (crash_id, tag)
) WITHOUT ROWID;
CREATE INDEX crash_tags_tag ON crash_tags(tag);

-- Text search over what people type: process, culprit, bucket, code name, path.
-- Trigram tokens give substring matches ("nvlddm" finds nvlddmkm.sys).
CREATE VIRTUAL TABLE crashes_fts USING fts5(
  path, process_name, culprit, bucket, code_name,
  content='crashes', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER crashes_fts_insert AFTER INSERT ON crashes BEGIN
  INSERT INTO crashes_fts(rowid, path, process_name, culprit, bucket, code_name)
  VALUES (new.id, new.path, new.process_name, new.culprit, new.bucket, new.code_name);
END;
CREATE TRIGGER crashes_fts_delete AFTER DELETE ON crashes BEGIN
  INSERT INTO crashes_fts(crashes_fts, rowid, path, process_name, culprit, bucket, code_name)
  VALUES ('delete', old.id, old.path, old.process_name, old.culprit, old.bucket, old.code_name);
END;
CREATE TRIGGER crashes_fts_update AFTER UPDATE OF path, process_name, culprit, bucket, code_name ON crashes BEGIN
  INSERT INTO crashes_fts(crashes_fts, rowid, path, process_name, culprit, bucket, code_name)
  VALUES ('delete', old.id, old.path, old.process_name, old.culprit, old.bucket, old.code_name);
  INSERT INTO crashes_fts(rowid, path, process_name, culprit, bucket, code_name)
  VALUES (new.id, new.path, new.process_name, new.culprit, new.bucket, new.code_name);
END;
