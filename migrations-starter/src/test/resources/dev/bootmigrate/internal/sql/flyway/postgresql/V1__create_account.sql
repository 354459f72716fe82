-- The accounts of the application; their ids come from a sequence
CREATE TABLE account (
    id BIGSERIAL PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    email VARCHAR(200),
    created_at TIMESTAMP NOT NULL DEFAULT now()
);

COMMENT ON TABLE account IS 'Accounts; owned by ${owner}';

INSERT INTO account (name, email) VALUES ('first; account', '  First@Example.com ');
