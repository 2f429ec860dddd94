-- 0001: initial warehouse schema
BEGIN;

CREATE TABLE warehouses (
    id          serial PRIMARY KEY,
    code        varchar(16)  NOT NULL UNIQUE,
    name        varchar(120) NOT NULL
);

CREATE TABLE bins (
    id            serial PRIMARY KEY,
    warehouse_id  integer     NOT NULL REFERENCES warehouses (id),
    code          varchar(32) NOT NULL,
    zone          varchar(8)  NOT NULL,
    aisle         integer     NOT NULL,
    level         integer     NOT NULL,
    x             integer     NOT NULL DEFAULT 0,
    y             integer     NOT NULL DEFAULT 0,
    is_pick_face  boolean     NOT NULL DEFAULT false,
    max_units     integer     NOT NULL DEFAULT 0,
    CONSTRAINT uq_bins_wh_code UNIQUE (warehouse_id, code)
);
CREATE INDEX ix_bins_wh_zone ON bins (warehouse_id, zone);
CREATE INDEX ix_bins_wh_pick_face ON bins (warehouse_id, is_pick_face);

CREATE TABLE skus (
    id           serial PRIMARY KEY,
    sku_code     varchar(64)  NOT NULL UNIQUE,
    barcode      varchar(64)  NOT NULL UNIQUE,
    description  varchar(255) NOT NULL DEFAULT '',
    weight_g     integer,
    is_active    boolean NOT NULL DEFAULT true
);

CREATE TABLE stock_levels (
    id            bigserial PRIMARY KEY,
    bin_id        integer NOT NULL REFERENCES bins (id),
    sku_id        integer NOT NULL REFERENCES skus (id),
    warehouse_id  integer NOT NULL REFERENCES warehouses (id),
    qty_on_hand   integer NOT NULL DEFAULT 0,
    qty_reserved  integer NOT NULL DEFAULT 0,
    version       integer NOT NULL DEFAULT 1,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_stock_bin_sku UNIQUE (bin_id, sku_id),
    CONSTRAINT ck_stock_non_negative CHECK (qty_on_hand >= 0 AND qty_reserved >= 0)
);
CREATE INDEX ix_stock_sku_wh ON stock_levels (sku_id, warehouse_id);
CREATE INDEX ix_stock_wh_bin ON stock_levels (warehouse_id, bin_id);

CREATE TABLE orders (
    id            bigserial PRIMARY KEY,
    external_ref  varchar(64) NOT NULL UNIQUE,
    warehouse_id  integer     NOT NULL REFERENCES warehouses (id),
    customer_id   varchar(64) NOT NULL,
    status        varchar(20) NOT NULL DEFAULT 'ready',
    priority      integer     NOT NULL DEFAULT 5,
    ship_by       timestamptz NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    carrier_code  varchar(16),
    ship_to       jsonb       NOT NULL
);
CREATE INDEX ix_orders_status_ship_by ON orders (status, ship_by);
CREATE INDEX ix_orders_wh_status ON orders (warehouse_id, status);

CREATE TABLE order_lines (
    id          bigserial PRIMARY KEY,
    order_id    bigint  NOT NULL REFERENCES orders (id),
    sku_id      integer NOT NULL REFERENCES skus (id),
    qty         integer NOT NULL,
    qty_picked  integer NOT NULL DEFAULT 0
);
CREATE INDEX ix_order_lines_order_id ON order_lines (order_id);

CREATE TABLE waves (
    id            serial PRIMARY KEY,
    warehouse_id  integer     NOT NULL REFERENCES warehouses (id),
    status        varchar(16) NOT NULL DEFAULT 'released',
    created_at    timestamptz NOT NULL DEFAULT now(),
    released_at   timestamptz
);
CREATE INDEX ix_waves_wh_status ON waves (warehouse_id, status);

CREATE TABLE pick_lists (
    id          bigserial PRIMARY KEY,
    wave_id     integer     NOT NULL REFERENCES waves (id),
    picker_id   varchar(64),
    status      varchar(16) NOT NULL DEFAULT 'open',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_pick_lists_wave_id ON pick_lists (wave_id);
CREATE INDEX ix_pick_lists_status_created ON pick_lists (status, created_at);

CREATE TABLE pick_tasks (
    id             bigserial PRIMARY KEY,
    pick_list_id   bigint  NOT NULL REFERENCES pick_lists (id),
    order_line_id  bigint  NOT NULL REFERENCES order_lines (id),
    bin_id         integer NOT NULL REFERENCES bins (id),
    sku_id         integer NOT NULL REFERENCES skus (id),
    qty            integer NOT NULL,
    qty_picked     integer NOT NULL DEFAULT 0,
    sequence       integer NOT NULL,
    status         varchar(16) NOT NULL DEFAULT 'open'
);
CREATE INDEX ix_pick_tasks_pick_list_id ON pick_tasks (pick_list_id);

CREATE TABLE shipments (
    id               bigserial PRIMARY KEY,
    order_id         bigint      NOT NULL REFERENCES orders (id),
    carrier_code     varchar(16) NOT NULL,
    service_level    varchar(32) NOT NULL,
    tracking_number  varchar(64) UNIQUE,
    label_key        varchar(255),
    status           varchar(20) NOT NULL DEFAULT 'pending',
    cost_cents       integer,
    attempts         integer     NOT NULL DEFAULT 0,
    purchased_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_shipments_order_id ON shipments (order_id);
CREATE INDEX ix_shipments_status_created ON shipments (status, created_at);

CREATE TABLE purchase_orders (
    id              serial PRIMARY KEY,
    po_number       varchar(32) NOT NULL UNIQUE,
    supplier_code   varchar(32) NOT NULL,
    warehouse_id    integer     NOT NULL REFERENCES warehouses (id),
    status          varchar(16) NOT NULL DEFAULT 'open',
    expected_at     timestamptz,
    erp_updated_at  timestamptz
);

CREATE TABLE purchase_order_lines (
    id            serial PRIMARY KEY,
    po_id         integer NOT NULL REFERENCES purchase_orders (id),
    sku_id        integer NOT NULL REFERENCES skus (id),
    qty_expected  integer NOT NULL,
    qty_received  integer NOT NULL DEFAULT 0,
    CONSTRAINT uq_po_lines_po_sku UNIQUE (po_id, sku_id)
);
CREATE INDEX ix_purchase_order_lines_po_id ON purchase_order_lines (po_id);

CREATE TABLE receipts (
    id               bigserial PRIMARY KEY,
    po_line_id       integer      NOT NULL REFERENCES purchase_order_lines (id),
    qty              integer      NOT NULL,
    bin_id           integer      NOT NULL REFERENCES bins (id),
    receiver_id      varchar(64)  NOT NULL,
    received_at      timestamptz  NOT NULL DEFAULT now(),
    idempotency_key  varchar(128) NOT NULL UNIQUE
);
CREATE INDEX ix_receipts_po_line_id ON receipts (po_line_id);

CREATE TABLE cycle_counts (
    id             bigserial PRIMARY KEY,
    bin_id         integer     NOT NULL REFERENCES bins (id),
    sku_id         integer REFERENCES skus (id),
    status         varchar(16) NOT NULL DEFAULT 'scheduled',
    scheduled_for  timestamptz NOT NULL,
    claimed_by     varchar(64),
    counter_id     varchar(64),
    counted_at     timestamptz,
    expected_qty   integer,
    counted_qty    integer
);
CREATE INDEX ix_cycle_counts_bin_id ON cycle_counts (bin_id);
CREATE INDEX ix_cycle_counts_status_sched ON cycle_counts (status, scheduled_for);
CREATE INDEX ix_cycle_counts_counted_at ON cycle_counts (counted_at);

CREATE TABLE replenishment_tasks (
    id           bigserial PRIMARY KEY,
    sku_id       integer     NOT NULL REFERENCES skus (id),
    from_bin_id  integer     NOT NULL REFERENCES bins (id),
    to_bin_id    integer     NOT NULL REFERENCES bins (id),
    qty          integer     NOT NULL,
    status       varchar(16) NOT NULL DEFAULT 'open',
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_replen_status_created ON replenishment_tasks (status, created_at);
CREATE UNIQUE INDEX uq_replen_open_per_face ON replenishment_tasks (sku_id, to_bin_id)
    WHERE status IN ('open', 'in_progress');

CREATE TABLE scan_events (
    id          bigserial PRIMARY KEY,
    station_id  varchar(32) NOT NULL,
    session_id  varchar(64) NOT NULL,
    barcode     varchar(64) NOT NULL,
    qty         integer     NOT NULL DEFAULT 1,
    scanned_at  timestamptz NOT NULL
);
CREATE INDEX ix_scan_events_station_time ON scan_events (station_id, scanned_at);

CREATE TABLE picker_devices (
    id         varchar(64)  PRIMARY KEY,
    picker_id  varchar(64)  NOT NULL,
    pin_hash   varchar(128) NOT NULL,
    active     boolean      NOT NULL DEFAULT true
);

CREATE TABLE erp_sync_cursors (
    name            varchar(64) PRIMARY KEY,
    last_synced_at  timestamptz NOT NULL
);

CREATE TABLE outbox_events (
    id             bigserial PRIMARY KEY,
    topic          varchar(64) NOT NULL,
    payload        jsonb       NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    dispatched_at  timestamptz
);
CREATE INDEX ix_outbox_pending ON outbox_events (topic, id) WHERE dispatched_at IS NULL;

COMMIT;
