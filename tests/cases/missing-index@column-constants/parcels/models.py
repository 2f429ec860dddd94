"""Parcel tables; the key columns come from shared helpers."""
from __future__ import annotations

import uuid

from sqlalchemy import Index, String, func
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


def uuid_pk() -> Mapped[uuid.UUID]:
    return mapped_column(UUID(as_uuid=True), primary_key=True, server_default=func.gen_random_uuid())


class Parcel(Base):
    __tablename__ = "parcels"
    __table_args__ = (Index("ix_parcels_status_created", "status", "created_at"),)
    id: Mapped[uuid.UUID] = uuid_pk()
    status: Mapped[str] = mapped_column(String(16), default="pending")
    tracking_code: Mapped[str] = mapped_column(String(32))
    recipient_phone: Mapped[str] = mapped_column(String(32))
    carrier: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[str] = mapped_column(String(32))
