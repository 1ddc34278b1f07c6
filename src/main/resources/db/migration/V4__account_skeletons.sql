-- What an account's name looks like (Names.skeleton): a name that looks like a registered one is
-- taken. Only Java computes skeletons: rows from before are filled in at start (SkeletonBackfill).
-- Unique, so that two registrations of lookalike names cannot both succeed; NULLs do not collide.
ALTER TABLE accounts ADD COLUMN username_skeleton VARCHAR(400);
CREATE UNIQUE INDEX accounts_username_skeleton ON accounts (username_skeleton);
