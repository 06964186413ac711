-- Appends synthetic entries up to :target, fast, for the proofs benchmark: the Merkle tree reads
-- only log_entry.position and content_hash, so the content is a small canonical JSON object per
-- entry. contentHash and the chained hash follow the DESIGN.md formulas (the chain verifies).
-- The head trigger is bypassed for this one load (session_replication_role = replica), as
-- bench/lib/fill.sql does. usage: psql -v schema=S -v target=N -f leaves.sql
\set ON_ERROR_STOP on
SET search_path = :"schema";
BEGIN;
SET LOCAL session_replication_role = replica;
SET LOCAL work_mem = '512MB';
SELECT position AS head, '\x' || encode(hash, 'hex') AS head_hash FROM log_head FOR UPDATE \gset

CREATE FUNCTION pg_temp.chain_step(previous bytea, pos bigint, content_hash bytea) RETURNS bytea
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT sha256('\x02'::bytea || int8send(pos) || previous || content_hash) $$;
CREATE AGGREGATE pg_temp.chain(bigint, bytea) (sfunc = pg_temp.chain_step, stype = bytea, initcond = :'head_hash');

CREATE TEMP TABLE gen ON COMMIT DROP AS
    SELECT g AS position, c.content, sha256('\x00'::bytea || convert_to(c.content, 'UTF8')) AS content_hash
    FROM generate_series(:head + 1, :target) g,
         LATERAL (SELECT '{"bench":"proofs","n":"' || g || '"}' AS content) c;

INSERT INTO log_entry (position, id, type, content, content_hash, hash, restricted, recorded_at)
    SELECT position, gen_random_uuid(), 'bench', content, content_hash,
           pg_temp.chain(position, content_hash) OVER (ORDER BY position), false, now()
    FROM gen ORDER BY position;

UPDATE log_head SET position = e.position, hash = e.hash, recorded_at = now()
    FROM (SELECT position, hash FROM log_entry ORDER BY position DESC LIMIT 1) e
    WHERE e.position > log_head.position;
COMMIT;
