-- Initial schema. Indexes mirror db/models.py __table_args__.
CREATE TABLE customers (
    id BIGSERIAL PRIMARY KEY,
    account_id INTEGER NOT NULL,
    name VARCHAR(200) NOT NULL,
    email VARCHAR(254),
    phone VARCHAR(32),
    discount_pct NUMERIC(5, 2) NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_customers_account_id ON customers (account_id);
CREATE INDEX ix_customers_email ON customers (email);

CREATE TABLE sites (
    id BIGSERIAL PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    address VARCHAR(400) NOT NULL,
    lat DOUBLE PRECISION,
    lng DOUBLE PRECISION,
    access_notes TEXT
);
CREATE INDEX ix_sites_customer_id ON sites (customer_id);

CREATE TABLE stock_locations (
    id BIGSERIAL PRIMARY KEY,
    account_id INTEGER NOT NULL,
    kind VARCHAR(16) NOT NULL,
    name VARCHAR(120) NOT NULL
);

CREATE TABLE technicians (
    id BIGSERIAL PRIMARY KEY,
    account_id INTEGER NOT NULL,
    employee_code VARCHAR(32) NOT NULL,
    name VARCHAR(200) NOT NULL,
    phone VARCHAR(32) NOT NULL,
    van_id BIGINT REFERENCES stock_locations (id),
    skills JSONB NOT NULL DEFAULT '[]',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    UNIQUE (account_id, employee_code)
);

CREATE TABLE work_orders (
    id BIGSERIAL PRIMARY KEY,
    account_id INTEGER NOT NULL,
    number INTEGER NOT NULL,
    site_id BIGINT NOT NULL REFERENCES sites (id),
    technician_id BIGINT REFERENCES technicians (id),
    contract_id BIGINT,
    status VARCHAR(24) NOT NULL DEFAULT 'new',
    priority VARCHAR(16) NOT NULL DEFAULT 'normal',
    summary VARCHAR(300) NOT NULL,
    scheduled_for TIMESTAMPTZ,
    duration_minutes INTEGER NOT NULL DEFAULT 60,
    completed_at TIMESTAMPTZ,
    UNIQUE (account_id, number)
);
CREATE INDEX ix_work_orders_account_status ON work_orders (account_id, status);
CREATE INDEX ix_work_orders_scheduled_for ON work_orders (scheduled_for);
CREATE INDEX ix_work_orders_site_id ON work_orders (site_id);

CREATE TABLE parts (
    id BIGSERIAL PRIMARY KEY,
    account_id INTEGER NOT NULL,
    sku VARCHAR(64) NOT NULL,
    supplier_sku VARCHAR(64),
    description VARCHAR(300) NOT NULL,
    unit_cost NUMERIC(10, 2) NOT NULL,
    list_price NUMERIC(10, 2) NOT NULL,
    UNIQUE (account_id, sku)
);

CREATE TABLE stock_levels (
    id BIGSERIAL PRIMARY KEY,
    location_id BIGINT NOT NULL REFERENCES stock_locations (id),
    part_id BIGINT NOT NULL REFERENCES parts (id),
    quantity INTEGER NOT NULL DEFAULT 0,
    UNIQUE (location_id, part_id)
);
