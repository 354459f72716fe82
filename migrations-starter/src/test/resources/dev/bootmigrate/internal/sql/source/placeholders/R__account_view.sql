DROP VIEW IF EXISTS ${table}_view;
CREATE VIEW ${table}_view AS SELECT id FROM ${table};
