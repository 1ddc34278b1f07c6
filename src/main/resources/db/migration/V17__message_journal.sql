-- The embedded store's message journal (MessageJournal): the number of the last journal record
-- whose messages are in this database. PostgreSQL never journals; the row stays at 0 there.
CREATE TABLE message_journal (
    applied_lsn BIGINT NOT NULL
);
INSERT INTO message_journal (applied_lsn) VALUES (0);
