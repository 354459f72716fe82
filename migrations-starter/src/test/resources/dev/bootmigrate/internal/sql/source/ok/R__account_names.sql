DROP VIEW IF EXISTS account_names;
CREATE VIEW account_names AS SELECT name FROM account;
