-- Query projection of record entries (detention, fine, ruling, bill_reading, retraction).
-- Written in the same transaction as the entry; like the log it is never changed:
-- "superseded" and "retracted" are derived from later rows, not stored flags.
CREATE TABLE record (
    id            uuid        PRIMARY KEY,
    position      bigint      NOT NULL UNIQUE REFERENCES log_entry (position),
    type          text        NOT NULL,
    country       text        NOT NULL,
    occurred_from date        NOT NULL,
    occurred_to   date        NOT NULL,
    case_id       uuid,
    bill_id       uuid,
    actor_ids     uuid[]      NOT NULL,
    tags          text[]      NOT NULL,
    restricted    boolean     NOT NULL,
    supersedes    uuid        REFERENCES record (id),
    retracts      uuid        REFERENCES record (id),
    search        tsvector    NOT NULL,
    -- What dashboards add up (GET /v1/stats): a fine's amount, a ruling's days of detention
    -- (administrative detention or imprisonment), a detention's number of people.
    amount         numeric,
    currency       text,
    sentence_days  integer,
    detained_count integer,
    -- The stats month: YYYY-MM for a record dated to a month or a day, YYYY for one dated to a year.
    month_key      text        NOT NULL
);

-- A record is corrected or retracted at most once; a later correction corrects the correction.
CREATE UNIQUE INDEX record_superseded_once ON record (supersedes) WHERE supersedes IS NOT NULL;
CREATE UNIQUE INDEX record_retracted_once ON record (retracts) WHERE retracts IS NOT NULL;

CREATE INDEX record_type_position ON record (type, position);
CREATE INDEX record_country_position ON record (country, position);
CREATE INDEX record_occurred ON record (occurred_from, occurred_to);
CREATE INDEX record_case ON record (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX record_bill ON record (bill_id) WHERE bill_id IS NOT NULL;
CREATE INDEX record_actors ON record USING gin (actor_ids);
CREATE INDEX record_tags ON record USING gin (tags);
CREATE INDEX record_search ON record USING gin (search);

CREATE TRIGGER record_append_only BEFORE UPDATE OR DELETE ON record
    FOR EACH ROW EXECUTE FUNCTION refuse_log_change();
CREATE TRIGGER record_no_truncate BEFORE TRUNCATE ON record
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_log_change();
REVOKE UPDATE, DELETE, TRUNCATE ON record FROM PUBLIC;

-- Idempotency-Key: one claim per (partner, key), taken in the append transaction, so two
-- concurrent requests with one key store one entry.
CREATE TABLE idempotency_key (
    partner      text        NOT NULL,
    key          text        NOT NULL,
    request_hash bytea       NOT NULL,
    record_id    uuid        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (partner, key)
);
