-- Moderation: what room owners and moderators set, server administrators named at run time,
-- disabled accounts, reports and the audit log. Plain SQL for SQLite and PostgreSQL.

-- A message a moderator removed (deleted is true too): history shows it as removed by a moderator.
ALTER TABLE messages ADD COLUMN removed BOOLEAN DEFAULT FALSE NOT NULL;

ALTER TABLE conversations ADD COLUMN topic VARCHAR(2000);
ALTER TABLE conversations ADD COLUMN read_only BOOLEAN DEFAULT FALSE NOT NULL;

-- Room moderators named by the room's owner (or an administrator); the owner is not listed.
CREATE TABLE room_moderators (
    conversation_id VARCHAR(420) NOT NULL,
    username_key    VARCHAR(200) NOT NULL,
    username        VARCHAR(200) NOT NULL,
    named_by        VARCHAR(200) NOT NULL,
    named_at        BIGINT       NOT NULL,
    PRIMARY KEY (conversation_id, username_key)
);

-- Banned from a room: cannot join it, read it or be invited to it until unbanned.
CREATE TABLE room_bans (
    conversation_id VARCHAR(420) NOT NULL,
    username_key    VARCHAR(200) NOT NULL,
    username        VARCHAR(200) NOT NULL,
    banned_by       VARCHAR(200) NOT NULL,
    banned_at       BIGINT       NOT NULL,
    PRIMARY KEY (conversation_id, username_key)
);

-- Muted in a room until a time: reads, cannot send.
CREATE TABLE room_mutes (
    conversation_id VARCHAR(420) NOT NULL,
    username_key    VARCHAR(200) NOT NULL,
    muted_until     BIGINT       NOT NULL,
    PRIMARY KEY (conversation_id, username_key)
);

-- Administrators named by administrators, besides those of majlis.admins.
CREATE TABLE server_admins (
    username_key VARCHAR(200) PRIMARY KEY,
    username     VARCHAR(200) NOT NULL,
    named_by     VARCHAR(200) NOT NULL,
    named_at     BIGINT       NOT NULL
);

-- A disabled account cannot log in; NULL: enabled.
ALTER TABLE accounts ADD COLUMN disabled_at BIGINT;

-- Switches administrators set at run time (guests, registration); absent: the configured default.
CREATE TABLE server_settings (
    name  VARCHAR(100)  PRIMARY KEY,
    value VARCHAR(2000) NOT NULL
);

-- Server-wide bans: a guest name (value: its skeleton, so lookalikes too) or an address range (CIDR).
CREATE TABLE server_bans (
    kind      VARCHAR(20)   NOT NULL,
    value     VARCHAR(400)  NOT NULL,
    shown     VARCHAR(200)  NOT NULL,
    banned_by VARCHAR(200)  NOT NULL,
    reason    VARCHAR(2000),
    banned_at BIGINT        NOT NULL,
    PRIMARY KEY (kind, value)
);

-- Reports of messages, open until an administrator resolves them.
CREATE TABLE reports (
    id              VARCHAR(40)   PRIMARY KEY,
    message_id      VARCHAR(40)   NOT NULL,
    conversation_id VARCHAR(420)  NOT NULL,
    reporter        VARCHAR(200)  NOT NULL,
    reason          VARCHAR(2000) NOT NULL,
    created_at      BIGINT        NOT NULL,
    resolved_by     VARCHAR(200),
    resolved_at     BIGINT,
    resolution      VARCHAR(2000)
);
CREATE INDEX reports_open ON reports (resolved_at, id);

-- Every moderation action: who did what to whom, where, when and why.
CREATE TABLE audit_log (
    id     VARCHAR(40)   PRIMARY KEY,
    at     BIGINT        NOT NULL,
    actor  VARCHAR(200)  NOT NULL,
    action VARCHAR(40)   NOT NULL,
    room   VARCHAR(200),
    target VARCHAR(200),
    -- what else identifies the action: a removed message's id, a mute's end
    detail VARCHAR(200),
    reason VARCHAR(2000)
);
