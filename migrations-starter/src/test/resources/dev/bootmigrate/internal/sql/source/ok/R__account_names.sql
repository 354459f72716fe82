CREATE OR REPLACE VIEW account_names AS SELECT name FROM account;
