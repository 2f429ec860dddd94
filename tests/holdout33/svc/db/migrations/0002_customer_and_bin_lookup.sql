-- 0002: indexes for the customer order history page and bin-prefix lookup
-- (run outside a transaction: CONCURRENTLY)

CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_orders_customer_id
    ON orders (customer_id, id DESC);

CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_bins_wh_code_pattern
    ON bins (warehouse_id, code text_pattern_ops);
