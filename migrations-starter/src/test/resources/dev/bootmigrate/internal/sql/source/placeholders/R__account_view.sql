CREATE OR REPLACE VIEW ${table}_view AS SELECT id FROM ${table};
