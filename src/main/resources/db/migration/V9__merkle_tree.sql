-- The log as an RFC 9162 Merkle tree over the entries' content_hash in position order
-- (leaf index = position - 1). Leaves are not copied: they are log_entry.content_hash.
-- merkle_node holds every complete subtree above the leaves: the node at (level, index)
-- covers leaves [index * 2^level, (index + 1) * 2^level). Any tree size's root or proof is
-- folded from at most two stored nodes per level. Filled in position order by the service
-- (proof/MerkleStore), under an advisory lock, so one writer at a time across replicas.

CREATE TABLE merkle_tree (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    -- Every complete subtree within the first `size` leaves is stored.
    size      bigint  NOT NULL CHECK (size >= 0)
);
INSERT INTO merkle_tree (size) VALUES (0);

CREATE TABLE merkle_node (
    level smallint NOT NULL CHECK (level BETWEEN 1 AND 62),
    index bigint   NOT NULL CHECK (index >= 0),
    hash  bytea    NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (level, index)
);

-- A stored node is a fact about the log; like the log it is never changed or removed.
CREATE TRIGGER merkle_node_append_only BEFORE UPDATE OR DELETE ON merkle_node
    FOR EACH ROW EXECUTE FUNCTION refuse_log_change();
CREATE TRIGGER merkle_node_no_truncate BEFORE TRUNCATE ON merkle_node
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_log_change();
CREATE TRIGGER merkle_tree_not_removable BEFORE DELETE ON merkle_tree
    FOR EACH ROW EXECUTE FUNCTION refuse_log_change();
CREATE TRIGGER merkle_tree_no_truncate BEFORE TRUNCATE ON merkle_tree
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_log_change();

-- The tree only grows, and never beyond the log.
CREATE FUNCTION check_merkle_growth() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.size < OLD.size OR NEW.size > (SELECT position FROM log_head) THEN
        RAISE EXCEPTION 'rights-ledger: the Merkle tree only grows, up to the log head'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER merkle_tree_grows_only BEFORE UPDATE ON merkle_tree
    FOR EACH ROW EXECUTE FUNCTION check_merkle_growth();

REVOKE UPDATE, DELETE, TRUNCATE ON merkle_node FROM PUBLIC;
REVOKE DELETE, TRUNCATE ON merkle_tree FROM PUBLIC;
