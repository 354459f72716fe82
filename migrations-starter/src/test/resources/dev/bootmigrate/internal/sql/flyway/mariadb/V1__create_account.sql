# The accounts of the application
CREATE TABLE account (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    email VARCHAR(200),
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
) COMMENT 'Accounts; owned by ${owner}';

INSERT INTO account (name, email) VALUES ('first; account', '  First@Example.com ');
