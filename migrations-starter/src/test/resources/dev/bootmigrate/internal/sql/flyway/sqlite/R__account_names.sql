DROP VIEW IF EXISTS account_names;

CREATE VIEW account_names AS
    SELECT id, name, 'it''s a ; string' AS note
    FROM account
    WHERE status = 'active';
