CREATE TYPE account_status AS ENUM ('active', 'closed');

ALTER TABLE account ADD COLUMN status account_status NOT NULL DEFAULT 'active';

ALTER TABLE account ADD CONSTRAINT account_email_unique UNIQUE (email);
