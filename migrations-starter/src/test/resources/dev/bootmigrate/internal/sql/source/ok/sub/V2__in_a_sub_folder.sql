-- Found with its folder's siblings
INSERT INTO account (id, name) VALUES (2, 'second');
