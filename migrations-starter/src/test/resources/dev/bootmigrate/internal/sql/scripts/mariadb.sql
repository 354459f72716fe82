# Accounts and their audit trail; a comment with a semicolon
-- another comment; with a semicolon
/*!40101 SET NAMES utf8mb4 */;
CREATE TABLE account (
  id BIGINT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  note VARCHAR(200) DEFAULT 'it\'s; fine'
);
CREATE TABLE `account_audit` (`account_id` BIGINT, `detail` VARCHAR(200));

DELIMITER //
CREATE PROCEDURE add_account(IN p_id BIGINT, IN p_name VARCHAR(100))
BEGIN
  DECLARE v_note VARCHAR(200) DEFAULT "say \"hi\"; bye";
  IF p_name IS NULL THEN
    SET p_name = 'nobody';
  END IF;
  INSERT INTO account (id, name, note) VALUES (p_id, p_name, v_note);
  INSERT INTO account_audit VALUES (p_id, CONCAT('added;', p_name));
END //
DELIMITER ;

CREATE FUNCTION double_it(x INT) RETURNS INT DETERMINISTIC
BEGIN
  DECLARE y INT;
  SET y = CASE WHEN x IS NULL THEN 0 ELSE x * 2 END;
  RETURN y;
END;

CREATE TRIGGER account_deleted AFTER DELETE ON account
FOR EACH ROW
BEGIN
  INSERT INTO account_audit VALUES (OLD.id, 'deleted; gone');
  WHILE 1 = 0 DO
    SET @ignored = 1;
  END WHILE;
END;

CALL add_account(1, 'a;b');
CALL add_account(2, NULL);
INSERT INTO account_audit VALUES (3, CONCAT('minus minus is not a comment: ', 5--1));
DELETE FROM account WHERE id = 2;
INSERT INTO account_audit VALUES (4, double_it(21)); # a comment after the statement
