-- Group commit (README, "How it works, and how it scales"): the entries of one group are
-- appended in one call, so a group of any size costs one round trip for the log. Each entry
-- goes through append_entry, the one place that assigns positions and chains hashes; the
-- caller's transaction already holds the head lock, so nothing comes between them.
CREATE FUNCTION append_entries(
    p_ids            uuid[],
    p_types          text[],
    p_contents       text[],
    p_content_hashes bytea[],
    p_restricted     boolean[],
    p_recorded_at    timestamptz[])
RETURNS TABLE (appended_position bigint, appended_hash bytea)
LANGUAGE plpgsql AS $$
BEGIN
    FOR i IN 1 .. coalesce(array_length(p_ids, 1), 0) LOOP
        SELECT a.entry_position, a.entry_hash INTO appended_position, appended_hash
          FROM append_entry(p_ids[i], p_types[i], p_contents[i], p_content_hashes[i], p_restricted[i],
                            p_recorded_at[i]) a;
        RETURN NEXT;
    END LOOP;
END $$;
