-- The current definitions of the log's functions, in one place (docs/ledger.md).
-- Flyway runs this repeatable migration after the versioned ones, and again whenever this
-- file changes: change a function here, never in a new V migration. Tables, indexes and
-- triggers stay in the versioned migrations (V1 created these functions, V6 and V8 changed
-- them; this file holds what they are now).
--
-- Formulas (docs/ for the log format):
--   content_hash = SHA-256(0x00 || JCS(content))          -- computed by the caller
--   hash         = SHA-256(0x02 || be64(position) || previous hash || content_hash)

-- Corrections are new entries: the database itself refuses to change or remove history.
CREATE OR REPLACE FUNCTION refuse_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'rights-ledger: % on % is refused, the log is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;

-- The head may only move forward onto appended entries: every position it passes holds an
-- entry, and the entry at the new position has the head's hash.
CREATE OR REPLACE FUNCTION check_head_advance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.position <= OLD.position
       OR NOT EXISTS (SELECT 1 FROM log_entry e WHERE e.position = NEW.position AND e.hash = NEW.hash)
       OR (SELECT count(*) FROM log_entry e WHERE e.position > OLD.position AND e.position <= NEW.position)
          <> NEW.position - OLD.position THEN
        RAISE EXCEPTION 'rights-ledger: the log head only advances onto appended entries'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;

-- The append: the only function that writes log_entry, called only by the ledger
-- (org.rightsledger.ledger.Entries). It locks the head, gives the n entries the next n
-- positions and their chained hashes (computed in memory), inserts them in one statement and
-- moves the head once: moving it per entry would leave a row version of log_head per entry
-- that the same transaction must step over on its next lock (quadratic for a batch).
-- The head row stays locked until the caller's transaction commits, so positions are gapless
-- and follow commit order: a reader that has seen N has seen everything below N.
CREATE OR REPLACE FUNCTION append_entries(
    p_ids            uuid[],
    p_types          text[],
    p_contents       text[],
    p_content_hashes bytea[],
    p_restricted     boolean[],
    p_recorded_at    timestamptz[])
RETURNS TABLE (appended_position bigint, appended_hash bytea)
LANGUAGE plpgsql AS $$
DECLARE
    head      log_head%ROWTYPE;
    n         integer := coalesce(array_length(p_ids, 1), 0);
    positions bigint[] := '{}';
    hashes    bytea[] := '{}';
    previous  bytea;
BEGIN
    IF n = 0 THEN
        RETURN;
    END IF;
    -- Held until the caller's transaction commits: positions are gapless and in commit order.
    SELECT * INTO STRICT head FROM log_head FOR UPDATE;
    previous := head.hash;
    FOR i IN 1 .. n LOOP
        previous := sha256('\x02'::bytea || int8send(head.position + i) || previous || p_content_hashes[i]);
        positions[i] := head.position + i;
        hashes[i] := previous;
    END LOOP;
    INSERT INTO log_entry (position, id, type, content, content_hash, hash, restricted, recorded_at)
        SELECT * FROM unnest(positions, p_ids, p_types, p_contents, p_content_hashes, hashes, p_restricted,
                             p_recorded_at);
    UPDATE log_head SET position = head.position + n, hash = previous, recorded_at = p_recorded_at[n];
    -- Wakes feed readers when this transaction commits. The payload is empty on purpose:
    -- PostgreSQL folds identical notifications of one transaction, so a group wakes readers once.
    PERFORM pg_notify('ledger_log', '');
    RETURN QUERY SELECT * FROM unnest(positions, hashes);
END $$;

-- One entry: append_entries of one, for tools and tests that append by hand (the service
-- itself always calls append_entries).
CREATE OR REPLACE FUNCTION append_entry(
    p_id           uuid,
    p_type         text,
    p_content      text,
    p_content_hash bytea,
    p_restricted   boolean,
    p_recorded_at  timestamptz,
    OUT entry_position bigint,
    OUT entry_hash     bytea)
LANGUAGE plpgsql AS $$
BEGIN
    SELECT a.appended_position, a.appended_hash INTO STRICT entry_position, entry_hash
      FROM append_entries(ARRAY[p_id], ARRAY[p_type], ARRAY[p_content], ARRAY[p_content_hash], ARRAY[p_restricted],
                          ARRAY[p_recorded_at]) a;
END $$;
