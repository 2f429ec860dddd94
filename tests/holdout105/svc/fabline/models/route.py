"""Process routes: an ordered list of operations a lot goes through."""
from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fabline.models.base import Base, TimestampMixin


class Route(TimestampMixin, Base):
    __tablename__ = "routes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    technology: Mapped[str] = mapped_column(String(32), index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)

    steps: Mapped[list["RouteStep"]] = relationship(
        back_populates="route", order_by="RouteStep.seq", lazy="raise"
    )


class RouteStep(Base):
    __tablename__ = "route_steps"
    __table_args__ = (UniqueConstraint("route_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("routes.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    operation: Mapped[str] = mapped_column(String(32))
    step_type: Mapped[str] = mapped_column(String(16))  # PROCESS | METROLOGY | INSPECT
    tool_type: Mapped[str] = mapped_column(String(32))
    recipe_name: Mapped[str | None] = mapped_column(String(64))
    std_minutes: Mapped[int] = mapped_column(Integer, default=60)

    route: Mapped[Route] = relationship(back_populates="steps")
