/* Normalised e-mail addresses; the trigger's body has semicolons of its own. */
CREATE TRIGGER account_email AFTER INSERT ON account
BEGIN
    -- A semicolon in the body; and one in a string: 'a; b'
    UPDATE account SET email = lower(trim(NEW.email)) WHERE id = NEW.id;
END;

CREATE TRIGGER account_email_update AFTER UPDATE OF email ON account
WHEN NEW.email <> lower(trim(NEW.email))
BEGIN
    UPDATE account SET email = lower(trim(NEW.email)) WHERE id = NEW.id;
END;
