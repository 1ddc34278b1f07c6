-- When a session was last used (a login with one of its tokens, or one of its connections closing),
-- written in batches about once a minute; NULL: not since it started.
ALTER TABLE sessions ADD COLUMN last_used_at BIGINT;
-- A deleted account keeps its row (and so its name and the names that look like it) until the
-- name is free again; it cannot log in, nor receive messages.
ALTER TABLE accounts ADD COLUMN deleted_at BIGINT;
