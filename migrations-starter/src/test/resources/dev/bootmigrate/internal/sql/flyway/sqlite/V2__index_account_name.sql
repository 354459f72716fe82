CREATE INDEX account_name_idx ON account (name);
