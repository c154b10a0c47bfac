-- The rest of BlueScreenView's columns: crash address, processor architecture, and the
-- culprit module's version and company. Filled by analyzer version 3; older rows are
-- re-analysed when that version runs.
ALTER TABLE crashes ADD COLUMN crash_address TEXT;
ALTER TABLE crashes ADD COLUMN processor TEXT;
ALTER TABLE crashes ADD COLUMN culprit_version TEXT;
ALTER TABLE crashes ADD COLUMN culprit_company TEXT;
