from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin


class Location(TimestampMixin, Base):
    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/London")
    country: Mapped[str] = mapped_column(String(2), default="GB")
    postcode: Mapped[str] = mapped_column(String(16))
    lock_site_id: Mapped[str | None] = mapped_column(String(64))
    badge_printer_host: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    spaces: Mapped[list[Space]] = relationship(back_populates="location", lazy="raise")


class Space(Base):
    __tablename__ = "spaces"
    __table_args__ = (
        Index("ix_spaces_location_kind", "location_id", "kind"),
        CheckConstraint("capacity > 0", name="capacity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    kind: Mapped[str] = mapped_column(String(16))  # desk | room | office
    name: Mapped[str] = mapped_column(String(120))
    floor: Mapped[int] = mapped_column(Integer, default=0)
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    hourly_rate_pence: Mapped[int] = mapped_column(Integer, default=0)
    door_id: Mapped[int | None] = mapped_column(ForeignKey("doors.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    location: Mapped[Location] = relationship(back_populates="spaces", lazy="raise")


class Door(Base):
    __tablename__ = "doors"
    __table_args__ = (UniqueConstraint("location_id", "vendor_door_id", name="uq_doors_location_vendor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    vendor_door_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(120))
    is_perimeter: Mapped[bool] = mapped_column(Boolean, default=False)
