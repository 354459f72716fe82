CREATE TABLE account (id BIGINT PRIMARY KEY, name TEXT);

-- Cannot run in the transaction of the statement above
CREATE INDEX CONCURRENTLY account_name ON account (name);
