-- SQLite: a full-text index (FTS5) of messages.search_text, kept by triggers. The index stores
-- no text of its own (contentless); its rows are numbered by search_rows, whose INTEGER PRIMARY
-- KEY is stable (a table's implicit rowid may change with VACUUM) and grows with each message
-- indexed, so newest first is the index's own order.
CREATE TABLE search_rows (
    row_id     INTEGER PRIMARY KEY,
    message_id VARCHAR(40) NOT NULL UNIQUE
);

CREATE VIRTUAL TABLE message_search USING fts5(words, content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 0');

CREATE TRIGGER message_search_insert AFTER INSERT ON messages WHEN NEW.search_text IS NOT NULL
BEGIN
    INSERT INTO search_rows (message_id) VALUES (NEW.id);
    INSERT INTO message_search (rowid, words) VALUES (last_insert_rowid(), NEW.search_text);
END;

CREATE TRIGGER message_search_update AFTER UPDATE OF search_text ON messages
BEGIN
    DELETE FROM message_search WHERE rowid = (SELECT row_id FROM search_rows WHERE message_id = OLD.id);
    INSERT OR IGNORE INTO search_rows (message_id) SELECT NEW.id WHERE NEW.search_text IS NOT NULL;
    INSERT INTO message_search (rowid, words)
        SELECT row_id, NEW.search_text FROM search_rows WHERE message_id = NEW.id AND NEW.search_text IS NOT NULL;
END;

CREATE TRIGGER message_search_delete AFTER DELETE ON messages
BEGIN
    DELETE FROM message_search WHERE rowid = (SELECT row_id FROM search_rows WHERE message_id = OLD.id);
    DELETE FROM search_rows WHERE message_id = OLD.id;
END;
