CREATE TABLE account (id BIGINT PRIMARY KEY, name TEXT, status TEXT);
CREATE TYPE mood AS ENUM ('sad', 'happy');
