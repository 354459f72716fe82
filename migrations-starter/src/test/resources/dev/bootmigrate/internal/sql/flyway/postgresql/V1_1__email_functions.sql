/* Normalised e-mail addresses. /* Nested comments; with a semicolon */ are fine here. */
CREATE FUNCTION normalise_email(text) RETURNS text AS $$
    SELECT lower(trim($1))
$$ LANGUAGE sql IMMUTABLE;

CREATE FUNCTION account_email_trigger() RETURNS trigger AS $body$
BEGIN
    -- A semicolon in the body; and a $$ in a string: 'costs $$ 5'
    NEW.email := normalise_email(NEW.email);
    RETURN NEW;
END;
$body$ LANGUAGE plpgsql;

CREATE TRIGGER account_email BEFORE INSERT OR UPDATE ON account
    FOR EACH ROW EXECUTE FUNCTION account_email_trigger();
