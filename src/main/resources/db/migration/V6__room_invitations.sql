-- Pending invitations to rooms: the invitee becomes a member only by accepting (join_room).
CREATE TABLE room_invitations (
    conversation_id VARCHAR(420) NOT NULL,
    invitee_key     VARCHAR(200) NOT NULL,
    inviter         VARCHAR(200) NOT NULL,
    invited_at      BIGINT       NOT NULL,
    PRIMARY KEY (conversation_id, invitee_key)
);
CREATE INDEX room_invitations_invitee ON room_invitations (invitee_key);
