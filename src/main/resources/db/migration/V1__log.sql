-- The log: one totally ordered, append-only sequence of entries, chained by SHA-256.
-- Everything the integrity promise rests on lives in this file.

-- The head of the log: the last position and its hash. One row, locked by every append,
-- which is what serializes position assignment in commit order.
CREATE TABLE log_head (
    singleton   boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    position    bigint      NOT NULL CHECK (position >= 0),
    hash        bytea       NOT NULL CHECK (length(hash) = 32),
    recorded_at timestamptz
);
INSERT INTO log_head (position, hash) VALUES (0, decode(repeat('00', 32), 'hex'));

CREATE TABLE log_entry (
    position     bigint      PRIMARY KEY CHECK (position >= 1),
    id           uuid        NOT NULL UNIQUE,
    type         text        NOT NULL,
    -- RFC 8785 canonical JSON of the entry content: the exact bytes that were hashed.
    content      text        NOT NULL,
    content_hash bytea       NOT NULL CHECK (length(content_hash) = 32),
    hash         bytea       NOT NULL CHECK (length(hash) = 32),
    restricted   boolean     NOT NULL,
    recorded_at  timestamptz NOT NULL
);

-- Corrections are new entries: the database itself refuses to change or remove history.
CREATE FUNCTION refuse_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'rights-ledger: % on % is refused, the log is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER log_entry_append_only BEFORE UPDATE OR DELETE ON log_entry
    FOR EACH ROW EXECUTE FUNCTION refuse_log_change();
CREATE TRIGGER log_entry_no_truncate BEFORE TRUNCATE ON log_entry
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_log_change();
CREATE TRIGGER log_head_not_removable BEFORE DELETE ON log_head
    FOR EACH ROW EXECUTE FUNCTION refuse_log_change();
CREATE TRIGGER log_head_no_truncate BEFORE TRUNCATE ON log_head
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_log_change();

-- The head may only move forward, one position at a time, onto an entry that exists with that hash.
CREATE FUNCTION check_head_advance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.position <> OLD.position + 1
       OR NOT EXISTS (SELECT 1 FROM log_entry e WHERE e.position = NEW.position AND e.hash = NEW.hash) THEN
        RAISE EXCEPTION 'rights-ledger: the log head only advances by one appended entry'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER log_head_advances_only BEFORE UPDATE ON log_head
    FOR EACH ROW EXECUTE FUNCTION check_head_advance();

REVOKE UPDATE, DELETE, TRUNCATE ON log_entry FROM PUBLIC;
REVOKE DELETE, TRUNCATE ON log_head FROM PUBLIC;

-- The append. The caller has computed content_hash = SHA-256(0x00 || JCS(content));
-- here the entry gets the next position and
--   hash = SHA-256(0x02 || be64(position) || previous hash || content_hash).
-- The head row stays locked until the caller's transaction commits, so positions are
-- gapless and follow commit order: a reader that has seen N has seen everything below N.
-- Consecutive appends in one transaction get consecutive positions (a batch).
CREATE FUNCTION append_entry(
    p_id           uuid,
    p_type         text,
    p_content      text,
    p_content_hash bytea,
    p_restricted   boolean,
    p_recorded_at  timestamptz,
    OUT entry_position bigint,
    OUT entry_hash     bytea)
LANGUAGE plpgsql AS $$
DECLARE
    head log_head%ROWTYPE;
BEGIN
    SELECT * INTO STRICT head FROM log_head FOR UPDATE;
    entry_position := head.position + 1;
    entry_hash := sha256('\x02'::bytea || int8send(entry_position) || head.hash || p_content_hash);
    INSERT INTO log_entry (position, id, type, content, content_hash, hash, restricted, recorded_at)
        VALUES (entry_position, p_id, p_type, p_content, p_content_hash, entry_hash, p_restricted, p_recorded_at);
    UPDATE log_head SET position = entry_position, hash = entry_hash, recorded_at = p_recorded_at;
    -- Wakes feed readers when this transaction commits. The payload is empty on purpose:
    -- PostgreSQL folds identical notifications of one transaction, so a batch wakes readers once.
    PERFORM pg_notify('ledger_log', '');
END $$;
