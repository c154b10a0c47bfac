-- Keeps the list and bucket screens under 20 ms at 100,000 crashes:
-- indexes for the remaining sort keys, and per-bucket counts kept up to date
-- by triggers instead of a GROUP BY over every crash.

CREATE INDEX crashes_process ON crashes(process_name, crash_time_ms);
CREATE INDEX crashes_size ON crashes(size, crash_time_ms);

CREATE TABLE bucket_stats (
  bucket     TEXT PRIMARY KEY,
  count      INTEGER NOT NULL,
  first_ms   INTEGER,
  last_ms    INTEGER,
  culprit    TEXT,
  code       INTEGER,
  code_name  TEXT
);
CREATE INDEX bucket_stats_last ON bucket_stats(last_ms);

INSERT INTO bucket_stats (bucket, count, first_ms, last_ms, culprit, code, code_name)
  SELECT bucket, COUNT(*), MIN(crash_time_ms), MAX(crash_time_ms), MAX(culprit), MAX(code), MAX(code_name)
  FROM crashes WHERE state = 'ok' AND bucket IS NOT NULL GROUP BY bucket;

-- The common case, a new analysed crash: adjust the bucket in place.
CREATE TRIGGER bucket_stats_insert AFTER INSERT ON crashes WHEN new.state = 'ok' AND new.bucket IS NOT NULL BEGIN
  INSERT INTO bucket_stats (bucket, count, first_ms, last_ms, culprit, code, code_name)
  VALUES (new.bucket, 1, new.crash_time_ms, new.crash_time_ms, new.culprit, new.code, new.code_name)
  ON CONFLICT(bucket) DO UPDATE SET
    count = count + 1,
    first_ms = min(coalesce(first_ms, excluded.first_ms), coalesce(excluded.first_ms, first_ms)),
    last_ms = max(coalesce(last_ms, excluded.last_ms), coalesce(excluded.last_ms, last_ms));
END;

-- Rare cases (re-analysis moved a crash, a row deleted): recount the buckets involved.
CREATE TRIGGER bucket_stats_update AFTER UPDATE OF bucket, state, crash_time_ms ON crashes
  WHEN old.bucket IS NOT new.bucket OR old.state IS NOT new.state OR old.crash_time_ms IS NOT new.crash_time_ms BEGIN
  DELETE FROM bucket_stats WHERE bucket IN (old.bucket, new.bucket);
  INSERT INTO bucket_stats (bucket, count, first_ms, last_ms, culprit, code, code_name)
    SELECT bucket, COUNT(*), MIN(crash_time_ms), MAX(crash_time_ms), MAX(culprit), MAX(code), MAX(code_name)
    FROM crashes WHERE bucket IN (old.bucket, new.bucket) AND state = 'ok' GROUP BY bucket;
END;

CREATE TRIGGER bucket_stats_delete AFTER DELETE ON crashes WHEN old.bucket IS NOT NULL BEGIN
  DELETE FROM bucket_stats WHERE bucket = old.bucket;
  INSERT INTO bucket_stats (bucket, count, first_ms, last_ms, culprit, code, code_name)
    SELECT bucket, COUNT(*), MIN(crash_time_ms), MAX(crash_time_ms), MAX(culprit), MAX(code), MAX(code_name)
    FROM crashes WHERE bucket = old.bucket AND state = 'ok' GROUP BY bucket;
END;
