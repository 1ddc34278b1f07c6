-- What search indexes of a message: its words folded (case, diacritics, Arabic letter forms; see
-- SearchText), separated by spaces. Written with the message and its edits; NULL once deleted,
-- and for messages from before this column until SearchBackfill has filled it at the next start.
ALTER TABLE messages ADD COLUMN search_text VARCHAR(16000);
-- the messages SearchBackfill still has to fill: a small index, empty once it is done
CREATE INDEX messages_search_unfilled ON messages (id) WHERE search_text IS NULL AND deleted = FALSE;
