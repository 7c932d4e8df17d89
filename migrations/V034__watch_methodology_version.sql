-- Watches keep the methodology version they were created under (issue #19, METHODOLOGY.md section 8):
-- a switch of the default version fires no alert; the owner moves a watch to another version by
-- replacing it with a `methodology`. Watches created before version 2 was published (2026-12-07,
-- methodology/v2.json) were created under version 1; later ones under version 2, the default since.
ALTER TABLE watch ADD COLUMN methodology_version int;
UPDATE watch SET methodology_version = CASE WHEN created_at < '2026-12-07T00:00:00Z' THEN 1 ELSE 2 END;
ALTER TABLE watch ALTER COLUMN methodology_version SET NOT NULL;
ALTER TABLE watch ADD CONSTRAINT watch_methodology_version_positive CHECK (methodology_version > 0);
