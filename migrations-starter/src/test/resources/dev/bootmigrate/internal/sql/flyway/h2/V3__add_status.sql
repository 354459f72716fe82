ALTER TABLE account ADD COLUMN status VARCHAR(10) DEFAULT 'active' NOT NULL;

ALTER TABLE account ADD CONSTRAINT account_email_unique UNIQUE (email);
