ALTER TABLE account ADD COLUMN status VARCHAR(10) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed'));

CREATE UNIQUE INDEX account_email_unique ON account (email);
