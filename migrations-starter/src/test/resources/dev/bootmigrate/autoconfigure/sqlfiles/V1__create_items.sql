-- The items the application sells
CREATE TABLE items (
    id INT PRIMARY KEY,
    name VARCHAR(50) NOT NULL
);
