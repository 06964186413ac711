-- Fills the read dataset up to :target entries, fast, by replicating the records that were
-- appended through the API (the templates): each copy gets a new id, its content is the
-- template's canonical content with that id, and contentHash and hash are computed here by
-- the DESIGN.md formulas, so the chain verifies end to end. One transaction.
--   contentHash = SHA-256(0x00 || content)
--   hash        = SHA-256(0x02 || be64(position) || previous hash || contentHash)
-- The head trigger (which admits one position at a time) is bypassed for this one load with
-- session_replication_role = replica, as ExportMemoryIT does; the head then moves once.
-- usage: psql -v schema=S -v target=N -f fill.sql
\set ON_ERROR_STOP on
SET search_path = :"schema";
BEGIN;
SET LOCAL session_replication_role = replica;
SET LOCAL work_mem = '512MB';
SET LOCAL maintenance_work_mem = '1GB';
SELECT position AS head, '\x' || encode(hash, 'hex') AS head_hash FROM log_head FOR UPDATE \gset

CREATE TEMP TABLE tpl ON COMMIT DROP AS
    SELECT (row_number() OVER (ORDER BY e.position) - 1)::int AS k, e.id, e.type, e.content, e.restricted,
           e.recorded_at, r.country, r.occurred_from, r.occurred_to, r.case_id, r.bill_id, r.actor_ids, r.tags,
           r.search, r.amount, r.currency, r.sentence_days, r.detained_count, r.month_key
    FROM log_entry e JOIN record r ON r.id = e.id
    WHERE r.supersedes IS NULL AND r.retracts IS NULL AND NOT e.restricted;
SELECT count(*) AS templates FROM tpl \gset

CREATE FUNCTION pg_temp.chain_step(previous bytea, pos bigint, content_hash bytea) RETURNS bytea
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT sha256('\x02'::bytea || int8send(pos) || previous || content_hash) $$;
CREATE AGGREGATE pg_temp.chain(bigint, bytea) (sfunc = pg_temp.chain_step, stype = bytea, initcond = :'head_hash');

CREATE TEMP TABLE gen ON COMMIT DROP AS
    SELECT g AS position, gen_random_uuid() AS id, (g % :templates)::int AS k
    FROM generate_series(:head + 1, :target) g;

-- The projection's secondary indexes (GIN over actors, tags and the search vector, and the
-- btrees of the filters) are dropped here and built again after the load, which is several
-- times faster than maintaining them row by row; the transaction makes that invisible.
CREATE TEMP TABLE dropped_index ON COMMIT DROP AS
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = :'schema' AND t.relname = 'record'
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      AND NOT i.indisunique;
SELECT format('DROP INDEX %s', name) FROM dropped_index \gexec

INSERT INTO log_entry (position, id, type, content, content_hash, hash, restricted, recorded_at)
SELECT position, id, type, content, content_hash,
       pg_temp.chain(position, content_hash) OVER (ORDER BY position ROWS UNBOUNDED PRECEDING),
       restricted, recorded_at
FROM (SELECT g.position, g.id, t.type, c.content,
             sha256('\x00'::bytea || convert_to(c.content, 'UTF8')) AS content_hash, t.restricted, t.recorded_at
      FROM gen g JOIN tpl t USING (k),
           LATERAL (SELECT replace(t.content, '"id":"' || t.id || '"', '"id":"' || g.id || '"') AS content) c) rows
ORDER BY position;

INSERT INTO record (id, position, type, country, occurred_from, occurred_to, case_id, bill_id, actor_ids, tags,
                    restricted, search, amount, currency, sentence_days, detained_count, month_key)
SELECT g.id, g.position, t.type, t.country, t.occurred_from, t.occurred_to, t.case_id, t.bill_id, t.actor_ids, t.tags,
       t.restricted, t.search, t.amount, t.currency, t.sentence_days, t.detained_count, t.month_key
FROM gen g JOIN tpl t USING (k);

SELECT definition FROM dropped_index \gexec

UPDATE log_head SET position = e.position, hash = e.hash, recorded_at = now()
FROM log_entry e WHERE e.position = :target AND :target > :head;
COMMIT;
ANALYZE log_entry;
ANALYZE record;
