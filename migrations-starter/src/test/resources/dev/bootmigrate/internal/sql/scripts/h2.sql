// Accounts; an H2 comment with a semicolon
-- another comment; with a semicolon
/* A block comment /* with a nested one; */ still a comment; */
CREATE TABLE account (
    id BIGINT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    note VARCHAR(200) DEFAULT 'it''s; fine'
);
CREATE TABLE "account audit" ("account id" BIGINT, detail VARCHAR(200));
CREATE ALIAS REVERSE_TEXT AS $$
String reverse(String text) {
    // A Java comment; and a string with a semicolon
    return new StringBuilder(text).reverse().toString() + ";";
}
$$;
INSERT INTO account (id, name) VALUES (1, 'a;b');
INSERT INTO "account audit" VALUES (1, REVERSE_TEXT('dlrow olleh'));
