CREATE TABLE "account audit" (account_id BIGINT, detail VARCHAR(100));
