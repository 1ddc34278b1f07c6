-- One schema for H2 and PostgreSQL: plain types, no vendor extensions.

CREATE TABLE accounts (
    username_key  VARCHAR(200) PRIMARY KEY,
    username      VARCHAR(200) NOT NULL,
    password_hash VARCHAR(200) NOT NULL,
    created_at    BIGINT       NOT NULL
);

-- A room ('r:<name key>') or a direct conversation ('d:<user key>/<user key>', keys sorted).
CREATE TABLE conversations (
    id         VARCHAR(420) PRIMARY KEY,
    user_a     VARCHAR(200),
    user_b     VARCHAR(200),
    name_a     VARCHAR(200),
    name_b     VARCHAR(200),
    last_seq   BIGINT       NOT NULL DEFAULT 0,
    created_at BIGINT       NOT NULL
);
CREATE INDEX conversations_user_a ON conversations (user_a);
CREATE INDEX conversations_user_b ON conversations (user_b);

CREATE TABLE messages (
    conversation_id VARCHAR(420) NOT NULL,
    seq             BIGINT       NOT NULL,
    id              VARCHAR(40)  NOT NULL UNIQUE,
    sender          VARCHAR(200) NOT NULL,
    sender_key      VARCHAR(200) NOT NULL,
    recipient       VARCHAR(200),
    body            VARCHAR(8000) NOT NULL,
    sent_at         BIGINT       NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);

CREATE TABLE read_marks (
    conversation_id VARCHAR(420) NOT NULL,
    username_key    VARCHAR(200) NOT NULL,
    username        VARCHAR(200) NOT NULL,
    seq             BIGINT       NOT NULL,
    PRIMARY KEY (conversation_id, username_key)
);

INSERT INTO conversations (id, last_seq, created_at) VALUES ('r:general', 0, 0);
