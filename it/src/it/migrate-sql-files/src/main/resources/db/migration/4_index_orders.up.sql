-- tidemark:no-transaction
CREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id);
