-- Units, components, orders and couriers.
CREATE TABLE units (
    id serial PRIMARY KEY,
    bag_barcode varchar(40) NOT NULL,
    lot_number varchar(40) NOT NULL,
    donor_id integer NOT NULL REFERENCES donors (id),
    site_id integer NOT NULL REFERENCES sites (id),
    collected_at timestamptz NOT NULL,
    status varchar(20) NOT NULL DEFAULT 'quarantined',
    test_panel text,
    CONSTRAINT uq_units_bag_barcode UNIQUE (bag_barcode)
);
CREATE INDEX ix_units_lot_number ON units (lot_number);
CREATE INDEX ix_units_status_site ON units (status, site_id);
CREATE INDEX ix_units_collected_at ON units (collected_at);

CREATE TABLE orders (
    id serial PRIMARY KEY,
    hospital_id integer NOT NULL REFERENCES sites (id),
    patient_ref varchar(64) NOT NULL,
    kind varchar(20) NOT NULL,
    abo varchar(2) NOT NULL,
    rh char(1) NOT NULL,
    quantity integer NOT NULL,
    urgency varchar(10) NOT NULL,
    status varchar(20) NOT NULL DEFAULT 'pending',
    lab_reference varchar(64),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_orders_hospital_created ON orders (hospital_id, created_at);

CREATE TABLE components (
    id serial PRIMARY KEY,
    unit_id integer NOT NULL REFERENCES units (id),
    kind varchar(20) NOT NULL,
    abo varchar(2) NOT NULL,
    rh char(1) NOT NULL,
    site_id integer NOT NULL REFERENCES sites (id),
    status varchar(20) NOT NULL DEFAULT 'available',
    volume_ml integer NOT NULL,
    expires_at timestamptz NOT NULL,
    order_id integer REFERENCES orders (id)
);
CREATE INDEX ix_components_unit_id ON components (unit_id);
CREATE INDEX ix_components_kind_abo_rh_status ON components (kind, abo, rh, status);
CREATE INDEX ix_components_order_id ON components (order_id);

CREATE TABLE couriers (
    id serial PRIMARY KEY,
    name varchar(80) NOT NULL,
    pin_hash varchar(100) NOT NULL,
    active boolean NOT NULL DEFAULT true
);
