"""Initial schema indexes.

Revision ID: 0001
Revises:
"""
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_index("ix_bins_depot_active", "bins", ["depot_id", "retired"])
    op.create_index("ix_bins_street_trgm", "bins", ["street"], postgresql_using="gin",
                    postgresql_ops={"street": "gin_trgm_ops"})
    op.create_index("ix_fill_readings_bin_time", "fill_readings", ["bin_id", "recorded_at"])
    op.create_index("ix_route_stops_route_seq", "route_stops", ["route_id", "seq"])
    op.create_index("ix_route_stops_bin_id", "route_stops", ["bin_id"])
    op.create_index("ix_lift_events_truck_time", "lift_events", ["truck_id", "lifted_at"])
    op.create_index("ix_lift_events_bin_id", "lift_events", ["bin_id"])
    op.create_index("ix_lift_events_customer_id", "lift_events", ["customer_id"])
    op.create_index("ix_missed_reports_status_created", "missed_reports", ["status", "created_at"])
    op.create_index("ix_weigh_tickets_depot_time", "weigh_tickets", ["depot_id", "weighed_at"])
    op.create_index("ix_invoices_status", "invoices", ["status"])
    op.create_index("ix_trucks_depot_id", "trucks", ["depot_id"])
    op.create_index("ix_customers_active", "customers", ["active"])
    op.create_index("ix_bulky_bookings_slot_id", "bulky_bookings", ["slot_id"])
    op.create_index("ix_bins_customer_id", "bins", ["customer_id"])


def downgrade() -> None:
    for name, table in [
        ("ix_bins_customer_id", "bins"),
        ("ix_bulky_bookings_slot_id", "bulky_bookings"),
        ("ix_customers_active", "customers"),
        ("ix_trucks_depot_id", "trucks"),
        ("ix_invoices_status", "invoices"),
        ("ix_weigh_tickets_depot_time", "weigh_tickets"),
        ("ix_missed_reports_status_created", "missed_reports"),
        ("ix_lift_events_customer_id", "lift_events"),
        ("ix_lift_events_bin_id", "lift_events"),
        ("ix_lift_events_truck_time", "lift_events"),
        ("ix_route_stops_bin_id", "route_stops"),
        ("ix_route_stops_route_seq", "route_stops"),
        ("ix_fill_readings_bin_time", "fill_readings"),
        ("ix_bins_street_trgm", "bins"),
        ("ix_bins_depot_active", "bins"),
    ]:
        op.drop_index(name, table_name=table)
