-- API keys. Only a SHA-256 of the token is stored; the token is shown once, at creation.
CREATE TABLE api_key (
    id          uuid        PRIMARY KEY,
    partner     text        NOT NULL,
    scopes      text[]      NOT NULL,
    token_hash  bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
