ALTER TABLE account ADD COLUMN status ENUM('active', 'closed') NOT NULL DEFAULT 'active';

ALTER TABLE account ADD CONSTRAINT account_email_unique UNIQUE (email);
