CREATE OR REPLACE VIEW account_names AS
    SELECT id, name, 'it''s a ; string' AS note
    FROM account
    WHERE status = 'active';
