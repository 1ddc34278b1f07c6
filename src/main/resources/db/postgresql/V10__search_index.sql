-- PostgreSQL: the folded words as a tsvector (the 'simple' configuration: no stemming, no stop
-- words; the folding is done already), generated from search_text, with a GIN index.
ALTER TABLE messages ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', coalesce(search_text, ''))) STORED;
CREATE INDEX messages_search ON messages USING GIN (search_vector);
