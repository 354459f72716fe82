CREATE TABLE account (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL);
INSERT INTO account VALUES (1, 'first; account');
