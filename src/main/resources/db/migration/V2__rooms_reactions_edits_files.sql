-- Group chats, reactions, edits and deletes, files. Same plain SQL for H2 and PostgreSQL.

-- A room is a conversation with a name; general is public and everybody is a member of it
-- without a row in room_members.
ALTER TABLE conversations ADD COLUMN room_name VARCHAR(200);
ALTER TABLE conversations ADD COLUMN is_private BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE conversations ADD COLUMN owner VARCHAR(200);
UPDATE conversations SET room_name = 'general' WHERE id = 'r:general';

CREATE TABLE room_members (
    conversation_id VARCHAR(420) NOT NULL,
    username_key    VARCHAR(200) NOT NULL,
    username        VARCHAR(200) NOT NULL,
    joined_at       BIGINT       NOT NULL,
    PRIMARY KEY (conversation_id, username_key)
);
CREATE INDEX room_members_user ON room_members (username_key);

ALTER TABLE messages ADD COLUMN edited_at BIGINT;
ALTER TABLE messages ADD COLUMN deleted BOOLEAN DEFAULT FALSE NOT NULL;
-- The attachments as sent in new_message: a JSON array, NULL when there are none.
ALTER TABLE messages ADD COLUMN attachments VARCHAR(8000);

CREATE TABLE reactions (
    message_id   VARCHAR(40)  NOT NULL,
    emoji        VARCHAR(64)  NOT NULL,
    username_key VARCHAR(200) NOT NULL,
    username     VARCHAR(200) NOT NULL,
    created_at   BIGINT       NOT NULL,
    PRIMARY KEY (message_id, emoji, username_key)
);

-- Uploaded files. The bytes are in data, or in the files directory of the embedded default.
-- message_id is set when the file is attached (once); a deleted message takes its files with it.
CREATE TABLE files (
    id           VARCHAR(40)  PRIMARY KEY,
    access_key   VARCHAR(64)  NOT NULL,
    owner_key    VARCHAR(200) NOT NULL,
    name         VARCHAR(300) NOT NULL,
    content_type VARCHAR(200) NOT NULL,
    size         BIGINT       NOT NULL,
    data         BYTEA,
    message_id   VARCHAR(40),
    created_at   BIGINT       NOT NULL
);
CREATE INDEX files_message ON files (message_id);
