-- Integrations: incoming webhooks, bot accounts, outgoing events; and how a message was posted.

-- An incoming webhook of a room. Its URL's secret is kept as a SHA-256 hex digest only.
CREATE TABLE webhooks (
    id              VARCHAR(40)  PRIMARY KEY,
    conversation_id VARCHAR(420) NOT NULL,
    name            VARCHAR(200) NOT NULL,
    secret_hash     VARCHAR(64)  NOT NULL,
    created_by      VARCHAR(200) NOT NULL,
    created_at      BIGINT       NOT NULL
);
CREATE INDEX webhooks_conversation ON webhooks (conversation_id);

-- Bot accounts: an account (whose password nobody knows: it logs in with tokens only) marked here.
CREATE TABLE bots (
    username_key VARCHAR(200) PRIMARY KEY,
    username     VARCHAR(200) NOT NULL,
    created_by   VARCHAR(200) NOT NULL,
    created_at   BIGINT       NOT NULL
);

-- At most one outgoing URL per room. The secret signs the deliveries, so it is kept as it is.
CREATE TABLE outgoing_hooks (
    conversation_id VARCHAR(420)  PRIMARY KEY,
    url             VARCHAR(2000) NOT NULL,
    secret          VARCHAR(100)  NOT NULL,
    created_by      VARCHAR(200)  NOT NULL,
    created_at      BIGINT        NOT NULL
);

-- 'bot' (a bot account) or 'webhook' (an incoming webhook); NULL for a person's message.
ALTER TABLE messages ADD COLUMN via VARCHAR(16);
