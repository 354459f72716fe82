-- Built without blocking writes: the file runs without a transaction
CREATE INDEX CONCURRENTLY account_name_idx ON account (name);
