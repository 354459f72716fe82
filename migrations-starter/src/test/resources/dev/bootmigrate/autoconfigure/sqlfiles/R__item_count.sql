DELETE FROM item_count;
INSERT INTO item_count (total) SELECT COUNT(*) FROM items;
