INSERT INTO items (id, name) VALUES (1, 'one');
INSERT INTO items (id, name) VALUES (2, 'two');
