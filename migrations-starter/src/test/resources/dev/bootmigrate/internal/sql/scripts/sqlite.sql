-- Accounts; with a trigger whose body ends with END
CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT, [select] TEXT, `note` TEXT DEFAULT 'it''s; fine');
CREATE TABLE audit (account_id INTEGER, detail TEXT);
CREATE TRIGGER account_added AFTER INSERT ON account
BEGIN
    INSERT INTO audit VALUES (new.id, 'added; ok');
    UPDATE account SET name = CASE WHEN name IS NULL THEN 'x' ELSE name END WHERE id = new.id;
END;
INSERT INTO account (id, name) VALUES (1, 'a;b');
