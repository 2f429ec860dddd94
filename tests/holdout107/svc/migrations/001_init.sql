CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE organisations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    slug text NOT NULL UNIQUE,
    plan text NOT NULL DEFAULT 'free',
    monitor_limit integer NOT NULL DEFAULT 10,
    sms_quota integer NOT NULL DEFAULT 0,
    sms_credits integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    email text NOT NULL UNIQUE,
    name text NOT NULL,
    password_hash text NOT NULL,
    phone text,
    role text NOT NULL DEFAULT 'member',
    team_ids uuid[] NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_org_idx ON users (org_id);

CREATE TABLE api_keys (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id uuid REFERENCES organisations(id) ON DELETE CASCADE,
    key_hash text NOT NULL UNIQUE,
    kind text NOT NULL DEFAULT 'api',
    region text,
    revoked_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE escalation_policies (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    name text NOT NULL,
    steps jsonb NOT NULL DEFAULT '[]',
    repeat_count integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX escalation_policies_org_idx ON escalation_policies (org_id);

CREATE TABLE monitors (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    team_id uuid,
    name text NOT NULL,
    kind text NOT NULL,
    target text NOT NULL,
    interval_s integer NOT NULL DEFAULT 60,
    timeout_s integer NOT NULL DEFAULT 10,
    regions text[] NOT NULL DEFAULT '{eu-west-1,us-east-1,ap-southeast-1}',
    confirm_regions integer NOT NULL DEFAULT 2,
    expected_status integer,
    keyword text,
    escalation_policy_id uuid REFERENCES escalation_policies(id) ON DELETE SET NULL,
    enabled boolean NOT NULL DEFAULT true,
    next_run_at timestamptz NOT NULL DEFAULT now(),
    claimed_until timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX monitors_org_idx ON monitors (org_id);
CREATE INDEX monitors_due_idx ON monitors (next_run_at) WHERE enabled;
CREATE INDEX monitors_name_pattern_idx ON monitors (org_id, name text_pattern_ops);

CREATE TABLE monitor_state (
    monitor_id uuid PRIMARY KEY REFERENCES monitors(id) ON DELETE CASCADE,
    status text NOT NULL DEFAULT 'unknown',
    consecutive_failures integer NOT NULL DEFAULT 0,
    last_checked_at timestamptz,
    last_latency_ms integer,
    tls_expires_at timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE check_results (
    id bigserial PRIMARY KEY,
    monitor_id uuid NOT NULL,
    region text NOT NULL,
    ok boolean NOT NULL,
    latency_ms integer,
    status_code integer,
    error text,
    checked_at timestamptz NOT NULL
);
CREATE INDEX check_results_monitor_time_idx ON check_results (monitor_id, checked_at DESC);
CREATE INDEX check_results_checked_at_brin ON check_results USING brin (checked_at);

CREATE TABLE sla_rollups (
    monitor_id uuid NOT NULL,
    day date NOT NULL,
    checks integer NOT NULL,
    failures integer NOT NULL,
    avg_latency_ms integer,
    PRIMARY KEY (monitor_id, day)
);

CREATE TABLE incidents (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    monitor_id uuid REFERENCES monitors(id) ON DELETE SET NULL,
    title text NOT NULL,
    status text NOT NULL DEFAULT 'open',
    severity text NOT NULL DEFAULT 'major',
    started_at timestamptz NOT NULL DEFAULT now(),
    acknowledged_at timestamptz,
    acknowledged_by uuid,
    resolved_at timestamptz,
    escalation_step integer NOT NULL DEFAULT 0,
    next_escalation_at timestamptz
);
CREATE INDEX incidents_monitor_status_idx ON incidents (monitor_id, status);
CREATE INDEX incidents_org_started_idx ON incidents (org_id, started_at DESC);
CREATE INDEX incidents_escalation_due_idx ON incidents (next_escalation_at) WHERE status = 'open';

CREATE TABLE incident_updates (
    id bigserial PRIMARY KEY,
    incident_id uuid NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    status text NOT NULL,
    body text NOT NULL,
    author_id uuid,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_updates_incident_idx ON incident_updates (incident_id, created_at);

CREATE TABLE alert_channels (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    kind text NOT NULL,
    target text NOT NULL,
    config jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alert_channels_org_idx ON alert_channels (org_id);

CREATE TABLE alert_deliveries (
    id bigserial PRIMARY KEY,
    channel_id uuid NOT NULL,
    incident_id uuid NOT NULL,
    step integer NOT NULL,
    status text NOT NULL,
    error text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alert_deliveries_channel_idx ON alert_deliveries (channel_id, created_at DESC);

CREATE TABLE oncall_schedules (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    name text NOT NULL,
    timezone text NOT NULL DEFAULT 'UTC',
    rotation uuid[] NOT NULL DEFAULT '{}',
    shift_hours integer NOT NULL DEFAULT 168,
    epoch timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX oncall_schedules_org_idx ON oncall_schedules (org_id);

CREATE TABLE oncall_overrides (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    schedule_id uuid NOT NULL REFERENCES oncall_schedules(id) ON DELETE CASCADE,
    user_id uuid NOT NULL,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL
);
CREATE INDEX oncall_overrides_schedule_idx ON oncall_overrides (schedule_id, starts_at);

CREATE TABLE status_pages (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    slug text NOT NULL UNIQUE,
    title text NOT NULL,
    custom_domain text,
    logo_url text,
    theme jsonb NOT NULL DEFAULT '{}',
    is_public boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX status_pages_org_idx ON status_pages (org_id);
CREATE INDEX status_pages_domain_idx ON status_pages (custom_domain);

CREATE TABLE status_page_components (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    page_id uuid NOT NULL REFERENCES status_pages(id) ON DELETE CASCADE,
    monitor_id uuid NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
    display_name text NOT NULL,
    position integer NOT NULL DEFAULT 0
);
CREATE INDEX status_page_components_page_idx ON status_page_components (page_id, position);

CREATE TABLE subscribers (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    page_id uuid NOT NULL REFERENCES status_pages(id) ON DELETE CASCADE,
    email text NOT NULL,
    confirmed boolean NOT NULL DEFAULT false,
    confirm_token text NOT NULL,
    unsubscribe_token text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscribers_page_idx ON subscribers (page_id);
CREATE UNIQUE INDEX subscribers_confirm_token_idx ON subscribers (confirm_token);
CREATE UNIQUE INDEX subscribers_unsubscribe_token_idx ON subscribers (unsubscribe_token);

CREATE TABLE maintenance_windows (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    page_id uuid REFERENCES status_pages(id) ON DELETE SET NULL,
    title text NOT NULL,
    monitor_ids uuid[] NOT NULL DEFAULT '{}',
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    status text NOT NULL DEFAULT 'scheduled',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX maintenance_windows_status_idx ON maintenance_windows (status, starts_at);
CREATE INDEX maintenance_windows_org_idx ON maintenance_windows (org_id, starts_at DESC);

CREATE TABLE audit_events (
    id bigserial PRIMARY KEY,
    org_id uuid NOT NULL,
    actor_id uuid,
    action text NOT NULL,
    target text,
    payload jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE signing_keys (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    algorithm text NOT NULL,
    private_key bytea NOT NULL,
    public_key text NOT NULL,
    retired_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signing_keys_org_idx ON signing_keys (org_id) WHERE retired_at IS NULL;
