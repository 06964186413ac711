-- Appending n entries in one transaction used to move the head n times. Every move leaves a
-- row version of log_head that the same transaction must step over on its next lock, so a
-- batch of 1000 cost ~0.3 ms per entry and grew quadratically. Now append_entries computes
-- the n positions and chained hashes in memory, inserts the entries in one statement and
-- moves the head once. The formulas are unchanged (DESIGN.md, V1):
--   hash = SHA-256(0x02 || be64(position) || previous hash || content_hash)
-- and append_entry is append_entries of one entry, so they live in one place.

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
    -- Wakes feed readers when this transaction commits (identical notifications fold into one).
    PERFORM pg_notify('ledger_log', '');
    RETURN QUERY SELECT * FROM unnest(positions, hashes);
END $$;

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
