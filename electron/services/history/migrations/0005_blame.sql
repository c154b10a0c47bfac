-- Who is to blame for each crash (shared/analysis/blame/classify.ts): the OCA-style
-- class and the sentence saying why. Rows analysed before this migration have NULL
-- until they are re-analysed (ANALYZER_VERSION 2 introduced the columns).
ALTER TABLE crashes ADD COLUMN blame_class TEXT;
ALTER TABLE crashes ADD COLUMN blame_reason TEXT;
