"""ORM models. Indexes declared here are mirrored by the Alembic migrations."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncAttrs
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(AsyncAttrs, DeclarativeBase):
    pass


class Product(Base):
    __tablename__ = "products"

    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    description: Mapped[str] = mapped_column(Text)
    barcode: Mapped[str] = mapped_column(String(32), unique=True, index=True)
    reorder_point: Mapped[int] = mapped_column(Integer, default=0)
    weight_grams: Mapped[int] = mapped_column(Integer, default=0)


class Bin(Base):
    __tablename__ = "bins"
    __table_args__ = (Index("ix_bins_zone_sequence", "zone", "pick_sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, index=True)
    zone: Mapped[str] = mapped_column(String(8), index=True)
    pick_sequence: Mapped[int] = mapped_column(Integer)
    last_counted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class BinStock(Base):
    __tablename__ = "bin_stock"
    __table_args__ = (UniqueConstraint("bin_id", "sku", name="uq_bin_stock_bin_sku"), Index("ix_bin_stock_sku", "sku"))

    id: Mapped[int] = mapped_column(primary_key=True)
    bin_id: Mapped[int] = mapped_column(ForeignKey("bins.id"))
    sku: Mapped[str] = mapped_column(ForeignKey("products.sku"))
    qty: Mapped[int] = mapped_column(Integer, default=0)
    reserved: Mapped[int] = mapped_column(Integer, default=0)


class CycleCount(Base):
    __tablename__ = "cycle_counts"

    id: Mapped[int] = mapped_column(primary_key=True)
    bin_id: Mapped[int] = mapped_column(ForeignKey("bins.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    expected: Mapped[int] = mapped_column(Integer)
    counted: Mapped[int | None] = mapped_column(Integer)
    counted_by: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="scheduled")
    counted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)


class InventoryMovement(Base):
    __tablename__ = "inventory_movements"
    __table_args__ = (Index("ix_movements_sku_id", "sku", "id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    sku: Mapped[str] = mapped_column(String(64))
    bin_id: Mapped[int] = mapped_column(ForeignKey("bins.id"))
    delta: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    shop_id: Mapped[str] = mapped_column(String(64), index=True)
    external_ref: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16), index=True, default="new")
    wave_id: Mapped[int | None] = mapped_column(ForeignKey("waves.id"), index=True)
    ship_to: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)


class OrderLine(Base):
    __tablename__ = "order_lines"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    qty: Mapped[int] = mapped_column(Integer)
    bin_id: Mapped[int | None] = mapped_column(ForeignKey("bins.id"))


class Wave(Base):
    __tablename__ = "waves"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(16), index=True, default="planned")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    pick_lists: Mapped[list[PickList]] = relationship()


class PickList(Base):
    __tablename__ = "pick_lists"

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id"), index=True)
    picker_id: Mapped[str | None] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), default="open")

    lines: Mapped[list[PickLine]] = relationship()


class PickLine(Base):
    __tablename__ = "pick_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    pick_list_id: Mapped[int] = mapped_column(ForeignKey("pick_lists.id"), index=True)
    bin_id: Mapped[int] = mapped_column(ForeignKey("bins.id"))
    sku: Mapped[str] = mapped_column(String(64))
    qty: Mapped[int] = mapped_column(Integer)
    picked_qty: Mapped[int] = mapped_column(Integer, default=0)


class ReturnAuthorization(Base):
    __tablename__ = "returns"

    id: Mapped[int] = mapped_column(primary_key=True)
    rma_number: Mapped[str] = mapped_column(String(32))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="expected")
    received_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    items: Mapped[list[ReturnItem]] = relationship()


class ReturnItem(Base):
    __tablename__ = "return_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[int] = mapped_column(ForeignKey("returns.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    condition: Mapped[str] = mapped_column(String(16))
    photo_key: Mapped[str | None] = mapped_column(String(255))


class Shipment(Base):
    __tablename__ = "shipments"
    __table_args__ = (Index("ix_shipments_carrier_manifest", "carrier", "manifest_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    carrier: Mapped[str] = mapped_column(String(32))
    service: Mapped[str] = mapped_column(String(64))
    tracking_number: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    label_id: Mapped[str] = mapped_column(String(64))
    manifest_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)
