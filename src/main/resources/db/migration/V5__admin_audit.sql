-- What administrators did (API keys issued and revoked). Not public: read through
-- GET /v1/admin/audit with the admin token. Append-only, like the log.
CREATE TABLE admin_audit (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    action     text        NOT NULL CHECK (action IN ('api_key.issued', 'api_key.revoked')),
    key_id     uuid        NOT NULL,
    partner    text        NOT NULL,
    scopes     text[]      NOT NULL
);
CREATE TRIGGER admin_audit_append_only BEFORE UPDATE OR DELETE ON admin_audit
    FOR EACH ROW EXECUTE FUNCTION refuse_log_change();
CREATE TRIGGER admin_audit_no_truncate BEFORE TRUNCATE ON admin_audit
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_log_change();
REVOKE UPDATE, DELETE, TRUNCATE ON admin_audit FROM PUBLIC;
