-- Webhooks: a partner's subscription to new entries, delivered in position order, at least once.
-- Not log tables: a subscription's cursor moves, and it is deleted when the partner deletes it.
CREATE TABLE webhook (
    id              uuid        PRIMARY KEY,
    api_key_id      uuid        NOT NULL REFERENCES api_key (id),
    url             text        NOT NULL,
    -- Entry types to deliver; NULL: every type.
    types           text[],
    -- The signing secret's bytes (it must be kept to sign; shown to the partner once, as whsec_<base64>).
    secret          bytea       NOT NULL CHECK (length(secret) BETWEEN 24 AND 64),
    -- Every position up to here was acknowledged with a 2xx (or skipped by the type filter).
    cursor          bigint      NOT NULL CHECK (cursor >= 0),
    -- The last position of the delivery under way (retried with the same range, so the same webhook-id).
    pending_to      bigint      CHECK (pending_to > cursor),
    created_at      timestamptz NOT NULL,
    failing_since   timestamptz,
    failures        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    paused_at       timestamptz,
    last_error      text
);
CREATE INDEX webhook_by_key ON webhook (api_key_id, created_at);

-- Recent delivery attempts (the newest ones per webhook are kept).
CREATE TABLE webhook_delivery (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id     uuid        NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    message_id     text        NOT NULL,
    first_position bigint      NOT NULL,
    last_position  bigint      NOT NULL,
    entries        integer     NOT NULL,
    attempted_at   timestamptz NOT NULL,
    duration_ms    integer     NOT NULL,
    status         integer,
    error          text,
    next_retry_at  timestamptz
);
CREATE INDEX webhook_delivery_recent ON webhook_delivery (webhook_id, id DESC);
