-- A name's read marks are forgotten when the name passes to a new holder (each new guest): found by user, not by a scan.
CREATE INDEX read_marks_user ON read_marks (username_key);
