-- Accounts created before usernames existed: migration 2 derives their usernames.
INSERT INTO account (email, created_at) VALUES ('ada@example.com', CURRENT_TIMESTAMP);
INSERT INTO account (email, created_at) VALUES ('grace.hopper@example.com', CURRENT_TIMESTAMP);
INSERT INTO account (email, created_at) VALUES ('Ada@lovelace.dev', CURRENT_TIMESTAMP);
