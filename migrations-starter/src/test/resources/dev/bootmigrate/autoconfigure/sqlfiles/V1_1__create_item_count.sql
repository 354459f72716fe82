CREATE TABLE item_count (total INT);
