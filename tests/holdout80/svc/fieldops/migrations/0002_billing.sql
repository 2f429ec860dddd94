CREATE TABLE quotes (
    id BIGSERIAL PRIMARY KEY,
    work_order_id BIGINT NOT NULL REFERENCES work_orders (id),
    status VARCHAR(16) NOT NULL DEFAULT 'draft',
    total NUMERIC(12, 2) NOT NULL DEFAULT 0,
    expires_at TIMESTAMPTZ,
    accepted_at TIMESTAMPTZ
);
CREATE INDEX ix_quotes_work_order_id ON quotes (work_order_id);

CREATE TABLE invoices (
    id BIGSERIAL PRIMARY KEY,
    account_id INTEGER NOT NULL,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    work_order_id BIGINT REFERENCES work_orders (id),
    status VARCHAR(16) NOT NULL DEFAULT 'draft',
    total NUMERIC(12, 2) NOT NULL DEFAULT 0,
    amount_paid NUMERIC(12, 2) NOT NULL DEFAULT 0,
    provider_payment_id VARCHAR(64) UNIQUE,
    issued_on DATE
);
CREATE INDEX ix_invoices_account_status ON invoices (account_id, status);

CREATE TABLE invoice_lines (
    id BIGSERIAL PRIMARY KEY,
    invoice_id BIGINT NOT NULL REFERENCES invoices (id),
    part_id BIGINT REFERENCES parts (id),
    description VARCHAR(300) NOT NULL,
    quantity INTEGER NOT NULL DEFAULT 1,
    unit_price NUMERIC(10, 2) NOT NULL
);
CREATE INDEX ix_invoice_lines_invoice_id ON invoice_lines (invoice_id);

CREATE TABLE notification_outbox (
    id BIGSERIAL PRIMARY KEY,
    channel VARCHAR(8) NOT NULL,
    recipient VARCHAR(254) NOT NULL,
    subject VARCHAR(200),
    body TEXT NOT NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_outbox_status_created ON notification_outbox (status, created_at);
