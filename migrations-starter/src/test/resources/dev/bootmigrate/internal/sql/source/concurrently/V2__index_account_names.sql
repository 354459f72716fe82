-- Built without blocking writes: runs without a transaction
CREATE INDEX CONCURRENTLY IF NOT EXISTS account_name ON account (name);
CREATE INDEX CONCURRENTLY IF NOT EXISTS account_status ON account (status);
