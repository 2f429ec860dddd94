-- Initial schema (applied by the deploy job with psql -v ON_ERROR_STOP=1).

CREATE TABLE charities (
    id                  bigserial PRIMARY KEY,
    name                varchar(200) NOT NULL,
    slug                varchar(120) NOT NULL,
    registration_number varchar(32)  NOT NULL CONSTRAINT uq_charities_registration UNIQUE,
    country             varchar(2)   NOT NULL DEFAULT 'GB',
    payout_account_ref  varchar(64),
    verified            boolean      NOT NULL DEFAULT false,
    created_at          timestamptz  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ix_charities_slug ON charities (slug);

CREATE TABLE campaigns (
    id           bigserial PRIMARY KEY,
    charity_id   bigint       NOT NULL REFERENCES charities (id),
    title        varchar(200) NOT NULL,
    goal_cents   bigint       NOT NULL,
    raised_cents bigint       NOT NULL DEFAULT 0,
    donor_count  integer      NOT NULL DEFAULT 0,
    currency     varchar(3)   NOT NULL DEFAULT 'GBP',
    status       varchar(16)  NOT NULL DEFAULT 'draft',
    ends_at      timestamptz
);
CREATE INDEX ix_campaigns_charity_id ON campaigns (charity_id);
CREATE INDEX ix_campaigns_status_ends_at ON campaigns (status, ends_at);

CREATE TABLE employers (
    id                bigserial PRIMARY KEY,
    name              varchar(200)  NOT NULL,
    external_ref      varchar(64)   NOT NULL UNIQUE,
    match_ratio       numeric(4, 2) NOT NULL DEFAULT 1,
    annual_cap_cents  bigint        NOT NULL
);

CREATE TABLE donors (
    id            bigserial PRIMARY KEY,
    email         varchar(254) NOT NULL,
    display_name  varchar(120) NOT NULL,
    full_name     varchar(200) NOT NULL,
    postcode      varchar(10),
    house_number  varchar(20),
    password_hash varchar(100),
    uk_taxpayer   boolean NOT NULL DEFAULT false,
    employer_id   bigint REFERENCES employers (id),
    anonymous     boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX ix_donors_email ON donors (email);

CREATE TABLE recurring_plans (
    id              bigserial PRIMARY KEY,
    donor_id        bigint      NOT NULL REFERENCES donors (id),
    campaign_id     bigint      NOT NULL REFERENCES campaigns (id),
    amount_cents    bigint      NOT NULL,
    interval_days   integer     NOT NULL DEFAULT 30,
    gateway_mandate varchar(64) NOT NULL,
    status          varchar(16) NOT NULL DEFAULT 'active',
    failures        integer     NOT NULL DEFAULT 0,
    next_charge_at  timestamptz NOT NULL
);

CREATE TABLE payout_batches (
    id          bigserial PRIMARY KEY,
    charity_id  bigint      NOT NULL REFERENCES charities (id),
    total_cents bigint      NOT NULL,
    status      varchar(16) NOT NULL DEFAULT 'open',
    bank_ref    varchar(64),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_payout_batches_status ON payout_batches (status);

CREATE TABLE donations (
    id                bigserial PRIMARY KEY,
    campaign_id       bigint      NOT NULL REFERENCES campaigns (id),
    charity_id        bigint      NOT NULL REFERENCES charities (id),
    donor_id          bigint      NOT NULL REFERENCES donors (id),
    amount_cents      bigint      NOT NULL,
    fee_cents         bigint      NOT NULL DEFAULT 0,
    currency          varchar(3)  NOT NULL DEFAULT 'GBP',
    status            varchar(16) NOT NULL DEFAULT 'pending',
    gateway_ref       varchar(64),
    idempotency_key   varchar(64) NOT NULL UNIQUE,
    giftaid           boolean     NOT NULL DEFAULT false,
    fraud_score       numeric(4, 3),
    recurring_plan_id bigint REFERENCES recurring_plans (id),
    payout_batch_id   bigint REFERENCES payout_batches (id),
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_donations_campaign_id_created_at ON donations (campaign_id, created_at);
CREATE INDEX ix_donations_donor_id ON donations (donor_id);
CREATE INDEX ix_donations_charity_unpaid ON donations (charity_id, payout_batch_id);

CREATE TABLE match_pledges (
    id           bigserial PRIMARY KEY,
    donation_id  bigint      NOT NULL REFERENCES donations (id),
    employer_id  bigint      NOT NULL REFERENCES employers (id),
    amount_cents bigint      NOT NULL,
    status       varchar(16) NOT NULL DEFAULT 'pledged',
    fiscal_year  integer     NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ix_match_pledges_donation_id ON match_pledges (donation_id);

CREATE TABLE receipts (
    id          bigserial PRIMARY KEY,
    donation_id bigint      NOT NULL REFERENCES donations (id),
    donor_id    bigint      NOT NULL REFERENCES donors (id),
    number      varchar(32) NOT NULL UNIQUE,
    status      varchar(16) NOT NULL DEFAULT 'pending',
    pdf_path    text,
    attempts    integer     NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ix_receipts_donation_id ON receipts (donation_id);
CREATE INDEX ix_receipts_pending ON receipts (created_at) WHERE status = 'pending';

CREATE TABLE milestone_events (
    id          bigserial PRIMARY KEY,
    campaign_id bigint  NOT NULL REFERENCES campaigns (id),
    percent     integer NOT NULL,
    sent_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_milestone_campaign_percent UNIQUE (campaign_id, percent)
);

CREATE TABLE chat_messages (
    id              bigserial PRIMARY KEY,
    conversation_id varchar(40) NOT NULL,
    sender          varchar(16) NOT NULL,
    body            text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_chat_messages_conversation ON chat_messages (conversation_id, id);
