-- The upload quota sums the sizes of a user's files at every upload.
CREATE INDEX files_owner ON files (owner_key);
