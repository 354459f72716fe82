-- The accounts of the application; their ids come from SQLite's AUTOINCREMENT
CREATE TABLE account (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name VARCHAR(100) NOT NULL,
    email VARCHAR(200),
    owner VARCHAR(50) NOT NULL DEFAULT '${owner}',
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

INSERT INTO account (name, email) VALUES ('first; account', '  First@Example.com ');
