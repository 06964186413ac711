-- Reference data: actors, bills and cases are entities whose every change is a log entry
-- (actor_revision, bill_revision, case_revision). These tables are their query projection,
-- written in the entry's transaction and, like the log, never changed.

CREATE TABLE reference_entity (
    entity_id        uuid    PRIMARY KEY,
    kind             text    NOT NULL CHECK (kind IN ('actor', 'bill', 'case')),
    created_position bigint  NOT NULL UNIQUE REFERENCES log_entry (position)
);

CREATE TABLE reference_revision (
    entity_id     uuid     NOT NULL REFERENCES reference_entity (entity_id),
    revision      integer  NOT NULL CHECK (revision >= 1),
    position      bigint   NOT NULL UNIQUE REFERENCES log_entry (position),
    restricted    boolean  NOT NULL,
    country       text,
    -- What anyone may find the entity by (a protected person's pseudonym, never the name) …
    public_search tsvector NOT NULL,
    -- … and what a reader with restricted:read may find it by.
    full_search   tsvector NOT NULL,
    -- Two concurrent updates from one revision: the second one fails here (412), it cannot fork history.
    PRIMARY KEY (entity_id, revision)
);
CREATE INDEX reference_entity_kind ON reference_entity (kind, created_position);
CREATE INDEX reference_revision_public_search ON reference_revision USING gin (public_search);
CREATE INDEX reference_revision_full_search ON reference_revision USING gin (full_search);

CREATE TABLE exchange_rate (
    position     bigint  PRIMARY KEY REFERENCES log_entry (position),
    currency     text    NOT NULL,
    date         date    NOT NULL,
    usd_per_unit numeric NOT NULL CHECK (usd_per_unit > 0),
    source       text    NOT NULL
);
-- "The latest rate on or before a date": the newest entry wins for a currency and day.
CREATE INDEX exchange_rate_lookup ON exchange_rate (currency, date DESC, position DESC);

CREATE TRIGGER reference_entity_append_only BEFORE UPDATE OR DELETE ON reference_entity
    FOR EACH ROW EXECUTE FUNCTION refuse_log_change();
CREATE TRIGGER reference_revision_append_only BEFORE UPDATE OR DELETE ON reference_revision
    FOR EACH ROW EXECUTE FUNCTION refuse_log_change();
CREATE TRIGGER exchange_rate_append_only BEFORE UPDATE OR DELETE ON exchange_rate
    FOR EACH ROW EXECUTE FUNCTION refuse_log_change();
CREATE TRIGGER reference_entity_no_truncate BEFORE TRUNCATE ON reference_entity
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_log_change();
CREATE TRIGGER reference_revision_no_truncate BEFORE TRUNCATE ON reference_revision
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_log_change();
CREATE TRIGGER exchange_rate_no_truncate BEFORE TRUNCATE ON exchange_rate
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_log_change();
REVOKE UPDATE, DELETE, TRUNCATE ON reference_entity, reference_revision, exchange_rate FROM PUBLIC;
