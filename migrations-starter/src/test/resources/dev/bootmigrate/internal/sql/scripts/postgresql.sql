-- Accounts and their audit trail; a comment with a semicolon; and $$ in it
/* A block comment /* with a nested one; */ still a comment; */
CREATE TABLE account (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    note text DEFAULT 'it''s; fine',
    updated_at timestamptz
);

CREATE TABLE account_audit (
    account_id bigint,
    operation text,
    detail text
);

CREATE FUNCTION account_touch() RETURNS trigger
LANGUAGE plpgsql AS $body$
DECLARE
    message text := 'touched; $$ is not the end';
BEGIN
    NEW.updated_at := now();
    INSERT INTO account_audit VALUES (NEW.id, TG_OP, format('%s;%s', NEW.name, $q$quoted; text$q$));
    RETURN NEW;
END;
$body$;

CREATE TRIGGER account_touch BEFORE INSERT OR UPDATE ON account
    FOR EACH ROW EXECUTE FUNCTION account_touch();

CREATE FUNCTION add_one(integer) RETURNS integer AS $$
    SELECT $1 + 1; -- a parameter, not a dollar quote
$$ LANGUAGE sql;

CREATE FUNCTION greeting(who text) RETURNS text
    LANGUAGE sql
    BEGIN ATOMIC
        SELECT CASE WHEN who IS NULL THEN 'hello; nobody' ELSE 'hello ' || who END;
    END;

CREATE RULE account_audit_protect AS ON DELETE TO account_audit DO INSTEAD (
    INSERT INTO account_audit VALUES (OLD.account_id, 'DELETE', 'refused; kept');
    NOTIFY account_audit_changes;
);

INSERT INTO account (id, name, note) VALUES (1, 'a;b', E'line\nbreak; it\'s \\ fine');
INSERT INTO account (id, name, note) VALUES (2, 'costs $$; and $tag$', 'back\slash');
SET standard_conforming_strings = off;
INSERT INTO account (id, name, note) VALUES (3, 'old\'style; string', 'x');
SET standard_conforming_strings = on;
INSERT INTO "account" ("id", "name") VALUES (4, greeting(NULL));
-- The end; only a comment follows
/* done; */
