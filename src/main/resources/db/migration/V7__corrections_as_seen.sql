-- A record is corrected once as far as the writer can see (RecordService.uncorrected): a writer
-- without restricted:read may correct a record whose only correction is restricted, or a 409
-- would tell it that the restricted correction exists. So only public corrections stay unique;
-- the rest is decided under the head lock. Lookups by the corrected id keep an index.
DROP INDEX record_superseded_once;
DROP INDEX record_retracted_once;
CREATE UNIQUE INDEX record_superseded_once_in_public ON record (supersedes) WHERE supersedes IS NOT NULL AND NOT restricted;
CREATE UNIQUE INDEX record_retracted_once_in_public ON record (retracts) WHERE retracts IS NOT NULL AND NOT restricted;
CREATE INDEX record_supersedes ON record (supersedes, position) WHERE supersedes IS NOT NULL;
CREATE INDEX record_retracts ON record (retracts, position) WHERE retracts IS NOT NULL;
