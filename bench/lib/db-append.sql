-- The database's part of appending a group of :g records, as the service does it, for pgbench
-- (bench/run, "the database's part alone"); search_path is the service's schema, and
-- bench_raw.record_template holds one stored fine: its projection row, content and search text.
-- 1. The writers' query before the group: the records' search vectors (one parse each).
SELECT array_agg(gen_random_uuid()) AS ids,
       array_agg(to_tsvector('russian', t.search_text || ' ' || i)::text) AS vectors
  FROM bench_raw.record_template t, generate_series(1, :g::int) i \gset
-- 2. The group commit: the head lock, the entries (append_entries: positions, hash chain, head),
--    the projection rows, the commit.
BEGIN;
SELECT position FROM log_head FOR UPDATE;
SELECT count(*) FROM bench_raw.record_template t,
       append_entries(:ids::uuid[], array_fill('fine'::text, ARRAY[:g::int]), array_fill(t.content, ARRAY[:g::int]),
                      array_fill(t.content_hash, ARRAY[:g::int]), array_fill(false, ARRAY[:g::int]), array_fill(now(), ARRAY[:g::int]));
INSERT INTO record (id, position, type, country, occurred_from, occurred_to, case_id, bill_id, actor_ids, tags,
                    restricted, supersedes, retracts, amount, currency, sentence_days, detained_count, month_key, search)
SELECT u.id, e.position, t.type, t.country, t.occurred_from, t.occurred_to, t.case_id, t.bill_id, t.actor_ids, t.tags,
       false, NULL, NULL, t.amount, t.currency, t.sentence_days, t.detained_count, t.month_key, u.v::tsvector
  FROM unnest(:ids::uuid[], :vectors::text[]) AS u (id, v)
  JOIN log_entry e ON e.id = u.id
 CROSS JOIN bench_raw.record_template t;
COMMIT;
