-- Initial schema. Later changes live in versions/ (Alembic) and further numbered files here.

CREATE TABLE locations (
    id                 serial PRIMARY KEY,
    slug               varchar(64)  NOT NULL UNIQUE,
    name               varchar(200) NOT NULL,
    timezone           varchar(64)  NOT NULL,
    country            varchar(2)   NOT NULL,
    postcode           varchar(16)  NOT NULL,
    lock_site_id       varchar(64),
    badge_printer_host varchar(255),
    active             boolean      NOT NULL DEFAULT true,
    created_at         timestamptz  NOT NULL DEFAULT now(),
    updated_at         timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX ix_locations_slug_pattern ON locations (slug text_pattern_ops);

CREATE TABLE doors (
    id             serial PRIMARY KEY,
    location_id    integer      NOT NULL REFERENCES locations (id),
    vendor_door_id varchar(64)  NOT NULL,
    name           varchar(120) NOT NULL,
    is_perimeter   boolean      NOT NULL DEFAULT false,
    CONSTRAINT uq_doors_location_vendor UNIQUE (location_id, vendor_door_id)
);

CREATE TABLE spaces (
    id                serial PRIMARY KEY,
    location_id       integer      NOT NULL REFERENCES locations (id),
    kind              varchar(16)  NOT NULL,
    name              varchar(120) NOT NULL,
    floor             integer      NOT NULL DEFAULT 0,
    capacity          integer      NOT NULL DEFAULT 1 CONSTRAINT ck_spaces_capacity_positive CHECK (capacity > 0),
    hourly_rate_pence integer      NOT NULL DEFAULT 0,
    door_id           integer      REFERENCES doors (id),
    active            boolean      NOT NULL DEFAULT true
);
CREATE INDEX ix_spaces_location_kind ON spaces (location_id, kind);

CREATE TABLE plans (
    id                  serial PRIMARY KEY,
    code                varchar(32)  NOT NULL UNIQUE,
    name                varchar(120) NOT NULL,
    monthly_pence       integer      NOT NULL,
    included_room_hours integer      NOT NULL DEFAULT 0,
    desk_access         varchar(16)  NOT NULL,
    active              boolean      NOT NULL DEFAULT true
);

CREATE TABLE members (
    id                   serial PRIMARY KEY,
    email                varchar(320) NOT NULL,
    name                 varchar(200) NOT NULL,
    company              varchar(200),
    phone                varchar(32),
    home_location_id     integer      REFERENCES locations (id),
    badge_id             varchar(64)  UNIQUE,
    pin_hash             varchar(200),
    provider_customer_id varchar(64),
    is_staff             boolean      NOT NULL DEFAULT false,
    status               varchar(16)  NOT NULL DEFAULT 'active',
    created_at           timestamptz  NOT NULL DEFAULT now(),
    updated_at           timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX ix_members_home_location ON members (home_location_id);

CREATE TABLE subscriptions (
    id                     serial PRIMARY KEY,
    member_id              integer      NOT NULL REFERENCES members (id),
    plan_id                integer      NOT NULL REFERENCES plans (id),
    status                 varchar(16)  NOT NULL,
    current_period_start   date         NOT NULL,
    current_period_end     date         NOT NULL,
    room_credits_remaining numeric(6,2) NOT NULL DEFAULT 0,
    created_at             timestamptz  NOT NULL DEFAULT now(),
    updated_at             timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX ix_subscriptions_member_status ON subscriptions (member_id, status);

CREATE TABLE bookings (
    id               serial PRIMARY KEY,
    space_id         integer      NOT NULL REFERENCES spaces (id),
    member_id        integer      NOT NULL REFERENCES members (id),
    title            varchar(200),
    starts_at        timestamptz  NOT NULL,
    ends_at          timestamptz  NOT NULL,
    status           varchar(16)  NOT NULL DEFAULT 'confirmed',
    credits_used     numeric(6,2) NOT NULL DEFAULT 0,
    price_pence      integer      NOT NULL DEFAULT 0,
    reminder_sent_at timestamptz,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT ck_bookings_period_valid CHECK (ends_at > starts_at)
);
CREATE INDEX ix_bookings_space_starts  ON bookings (space_id, starts_at);
CREATE INDEX ix_bookings_member_starts ON bookings (member_id, starts_at);

CREATE TABLE invoices (
    id                  serial PRIMARY KEY,
    member_id           integer     NOT NULL REFERENCES members (id),
    period_start        date        NOT NULL,
    period_end          date        NOT NULL,
    currency            varchar(3)  NOT NULL,
    total_pence         integer     NOT NULL,
    status              varchar(16) NOT NULL,
    provider_payment_id varchar(64),
    pdf_path            varchar(500),
    due_at              timestamptz,
    paid_at             timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_invoices_member_period UNIQUE (member_id, period_start)
);
CREATE INDEX ix_invoices_status_due ON invoices (status, due_at);

CREATE TABLE invoice_lines (
    id           serial PRIMARY KEY,
    invoice_id   integer      NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    booking_id   integer      REFERENCES bookings (id),
    description  varchar(300) NOT NULL,
    quantity     numeric(8,2) NOT NULL,
    unit_pence   integer      NOT NULL,
    amount_pence integer      NOT NULL
);
CREATE INDEX ix_invoice_lines_invoice ON invoice_lines (invoice_id);

CREATE TABLE access_grants (
    id              serial PRIMARY KEY,
    member_id       integer     NOT NULL REFERENCES members (id),
    door_id         integer     NOT NULL REFERENCES doors (id),
    valid_from      timestamptz NOT NULL,
    valid_until     timestamptz,
    sync_state      varchar(16) NOT NULL DEFAULT 'pending',
    vendor_grant_id varchar(64),
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_access_grants_member_door UNIQUE (member_id, door_id)
);
CREATE INDEX ix_access_grants_sync_pending ON access_grants (sync_state, updated_at);

CREATE TABLE visitors (
    id             serial PRIMARY KEY,
    location_id    integer      NOT NULL REFERENCES locations (id),
    host_member_id integer      NOT NULL REFERENCES members (id),
    name           varchar(200) NOT NULL,
    email          varchar(320),
    company        varchar(200),
    expected_at    timestamptz  NOT NULL,
    checked_in_at  timestamptz,
    checked_out_at timestamptz,
    badge_number   varchar(16),
    created_at     timestamptz  NOT NULL DEFAULT now(),
    updated_at     timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX ix_visitors_location_expected ON visitors (location_id, expected_at);
