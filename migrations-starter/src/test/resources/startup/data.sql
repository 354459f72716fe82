INSERT INTO app_user (id, email) VALUES (1, 'ada@example.com');
