"""SQLAlchemy ORM models for the warehouse schema.

The SQL files under ``migrations/`` are the source of truth for the deployed
schema; these declarations mirror them for the ORM.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint, func, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Warehouse(Base):
    __tablename__ = "warehouses"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(120))


class Bin(Base):
    __tablename__ = "bins"
    __table_args__ = (
        UniqueConstraint("warehouse_id", "code", name="uq_bins_wh_code"),
        Index("ix_bins_wh_zone", "warehouse_id", "zone"),
        Index("ix_bins_wh_pick_face", "warehouse_id", "is_pick_face"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    code: Mapped[str] = mapped_column(String(32))
    zone: Mapped[str] = mapped_column(String(8))
    aisle: Mapped[int] = mapped_column(Integer)
    level: Mapped[int] = mapped_column(Integer)
    x: Mapped[int] = mapped_column(Integer, default=0)
    y: Mapped[int] = mapped_column(Integer, default=0)
    is_pick_face: Mapped[bool] = mapped_column(Boolean, default=False)
    max_units: Mapped[int] = mapped_column(Integer, default=0)


class Sku(Base):
    __tablename__ = "skus"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku_code: Mapped[str] = mapped_column(String(64), unique=True)
    barcode: Mapped[str] = mapped_column(String(64), unique=True)
    description: Mapped[str] = mapped_column(String(255), default="")
    weight_g: Mapped[int | None] = mapped_column(Integer, nullable=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class StockLevel(Base):
    __tablename__ = "stock_levels"
    __table_args__ = (
        UniqueConstraint("bin_id", "sku_id", name="uq_stock_bin_sku"),
        Index("ix_stock_sku_wh", "sku_id", "warehouse_id"),
        Index("ix_stock_wh_bin", "warehouse_id", "bin_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    bin_id: Mapped[int] = mapped_column(ForeignKey("bins.id"))
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    qty_on_hand: Mapped[int] = mapped_column(Integer, default=0)
    qty_reserved: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), onupdate=func.now())

    __mapper_args__ = {"version_id_col": version}


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        Index("ix_orders_status_ship_by", "status", "ship_by"),
        Index("ix_orders_wh_status", "warehouse_id", "status"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    external_ref: Mapped[str] = mapped_column(String(64), unique=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    customer_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="ready")
    priority: Mapped[int] = mapped_column(Integer, default=5)
    ship_by: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    carrier_code: Mapped[str | None] = mapped_column(String(16), nullable=True)
    ship_to: Mapped[dict[str, Any]] = mapped_column(JSON)

    lines: Mapped[list[OrderLine]] = relationship(back_populates="order", lazy="raise")


class OrderLine(Base):
    __tablename__ = "order_lines"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id"))
    qty: Mapped[int] = mapped_column(Integer)
    qty_picked: Mapped[int] = mapped_column(Integer, default=0)

    order: Mapped[Order] = relationship(back_populates="lines", lazy="raise")


class Wave(Base):
    __tablename__ = "waves"
    __table_args__ = (Index("ix_waves_wh_status", "warehouse_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    status: Mapped[str] = mapped_column(String(16), default="released")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    released_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class PickList(Base):
    __tablename__ = "pick_lists"
    __table_args__ = (Index("ix_pick_lists_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id"), index=True)
    picker_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    tasks: Mapped[list[PickTask]] = relationship(lazy="raise", order_by="PickTask.sequence")


class PickTask(Base):
    __tablename__ = "pick_tasks"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    pick_list_id: Mapped[int] = mapped_column(ForeignKey("pick_lists.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"))
    bin_id: Mapped[int] = mapped_column(ForeignKey("bins.id"))
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id"))
    qty: Mapped[int] = mapped_column(Integer)
    qty_picked: Mapped[int] = mapped_column(Integer, default=0)
    sequence: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="open")


class Shipment(Base):
    __tablename__ = "shipments"
    __table_args__ = (Index("ix_shipments_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    carrier_code: Mapped[str] = mapped_column(String(16))
    service_level: Mapped[str] = mapped_column(String(32))
    tracking_number: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    label_key: Mapped[str | None] = mapped_column(String(255), nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    cost_cents: Mapped[int | None] = mapped_column(Integer, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    purchased_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class PurchaseOrder(Base):
    __tablename__ = "purchase_orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    po_number: Mapped[str] = mapped_column(String(32), unique=True)
    supplier_code: Mapped[str] = mapped_column(String(32))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    status: Mapped[str] = mapped_column(String(16), default="open")
    expected_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    erp_updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class PurchaseOrderLine(Base):
    __tablename__ = "purchase_order_lines"
    __table_args__ = (UniqueConstraint("po_id", "sku_id", name="uq_po_lines_po_sku"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    po_id: Mapped[int] = mapped_column(ForeignKey("purchase_orders.id"), index=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id"))
    qty_expected: Mapped[int] = mapped_column(Integer)
    qty_received: Mapped[int] = mapped_column(Integer, default=0)


class Receipt(Base):
    __tablename__ = "receipts"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    po_line_id: Mapped[int] = mapped_column(ForeignKey("purchase_order_lines.id"), index=True)
    qty: Mapped[int] = mapped_column(Integer)
    bin_id: Mapped[int] = mapped_column(ForeignKey("bins.id"))
    receiver_id: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True)


class CycleCount(Base):
    __tablename__ = "cycle_counts"
    __table_args__ = (
        Index("ix_cycle_counts_status_sched", "status", "scheduled_for"),
        Index("ix_cycle_counts_counted_at", "counted_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    bin_id: Mapped[int] = mapped_column(ForeignKey("bins.id"), index=True)
    sku_id: Mapped[int | None] = mapped_column(ForeignKey("skus.id"), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="scheduled")
    scheduled_for: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    counter_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    counted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    expected_qty: Mapped[int | None] = mapped_column(Integer, nullable=True)
    counted_qty: Mapped[int | None] = mapped_column(Integer, nullable=True)


class ReplenishmentTask(Base):
    __tablename__ = "replenishment_tasks"
    __table_args__ = (
        Index("ix_replen_status_created", "status", "created_at"),
        Index(
            "uq_replen_open_per_face",
            "sku_id",
            "to_bin_id",
            unique=True,
            postgresql_where=text("status IN ('open', 'in_progress')"),
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id"))
    from_bin_id: Mapped[int] = mapped_column(ForeignKey("bins.id"))
    to_bin_id: Mapped[int] = mapped_column(ForeignKey("bins.id"))
    qty: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ScanEvent(Base):
    __tablename__ = "scan_events"
    __table_args__ = (Index("ix_scan_events_station_time", "station_id", "scanned_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    station_id: Mapped[str] = mapped_column(String(32))
    session_id: Mapped[str] = mapped_column(String(64))
    barcode: Mapped[str] = mapped_column(String(64))
    qty: Mapped[int] = mapped_column(Integer, default=1)
    scanned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PickerDevice(Base):
    __tablename__ = "picker_devices"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    picker_id: Mapped[str] = mapped_column(String(64))
    pin_hash: Mapped[str] = mapped_column(String(128))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ErpSyncCursor(Base):
    __tablename__ = "erp_sync_cursors"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_synced_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class OutboxEvent(Base):
    __tablename__ = "outbox_events"
    __table_args__ = (
        Index("ix_outbox_pending", "topic", "id", postgresql_where=text("dispatched_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    topic: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    dispatched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
