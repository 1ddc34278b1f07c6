-- Profiles of accounts (guests have none): a display name and a status text, each NULL when
-- unset, and the avatar as served, a 128 x 128 PNG, with the hash of its bytes that names its
-- version (the ETag, and the v= of its URL). A row exists once something was set.
CREATE TABLE profiles (
    username_key   VARCHAR(200) PRIMARY KEY,
    display_name   VARCHAR(1000),
    status_text    VARCHAR(2000),
    avatar         BYTEA,
    avatar_version VARCHAR(64),
    updated_at     BIGINT       NOT NULL
);
