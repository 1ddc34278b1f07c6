-- Login sessions: a token names its session (the sid claim); a token is good only while its
-- session is neither revoked nor expired. A guest's session is the guest's identity: when a new
-- guest takes the name, the sessions of the guests before it are revoked.
CREATE TABLE sessions (
    id           VARCHAR(40)  PRIMARY KEY,
    username_key VARCHAR(200) NOT NULL,
    guest        BOOLEAN      NOT NULL,
    created_at   BIGINT       NOT NULL,
    -- the expiry of the newest token of the session: past it the row is swept
    expires_at   BIGINT       NOT NULL,
    revoked      BOOLEAN      DEFAULT FALSE NOT NULL
);
CREATE INDEX sessions_user ON sessions (username_key);
