DELIMITER //
CREATE FUNCTION normalise_email(email VARCHAR(200)) RETURNS VARCHAR(200) DETERMINISTIC
BEGIN
    -- A semicolon in the body; and one in a string: 'a;b'
    RETURN LOWER(TRIM(email));
END //

CREATE TRIGGER account_email BEFORE INSERT ON account FOR EACH ROW
BEGIN
    SET NEW.email = normalise_email(NEW.email);
END //
DELIMITER ;
