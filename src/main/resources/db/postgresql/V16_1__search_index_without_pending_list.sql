-- PostgreSQL: the search index takes each message's words as it is inserted. With GIN's default
-- fast update, they wait in a pending list that the insert which finds it over 4 MB merges into
-- the index, inside its own commit: at 5,000 messages a second, a few times a minute a batch of
-- messages waited a quarter of a second for their acks (private p99 260-280 ms, against 12-71 ms
-- without the list; see performance.md). Numbered 16.1: PostgreSQL only, before any shared V17.
ALTER INDEX messages_search SET (fastupdate = off);
SELECT gin_clean_pending_list('messages_search');
