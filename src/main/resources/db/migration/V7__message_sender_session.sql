-- The login session a guest sent a message from: a guest's session is its identity, so a later
-- guest (or account) with the same name may not edit or delete it. NULL for accounts, whose
-- every session is the same person, and for messages from before this column.
ALTER TABLE messages ADD COLUMN sender_session VARCHAR(40);
