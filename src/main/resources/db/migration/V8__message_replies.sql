-- The message a message replies to (its id, in the same conversation), NULL for none. Quotes
-- are read with a join, so they show the original as it is now: edited, deleted or gone.
ALTER TABLE messages ADD COLUMN reply_to VARCHAR(40);
