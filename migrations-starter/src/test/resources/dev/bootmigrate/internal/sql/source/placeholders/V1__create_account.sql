-- Placeholders: ${table} and ${Owner}
CREATE TABLE ${table} (id BIGINT PRIMARY KEY, owner VARCHAR(100) DEFAULT '${owner}');

INSERT INTO ${table} (id) VALUES (1);
INSERT INTO ${table} (id, owner) VALUES (2, '${flyway:filename}');
