"""Versioned process recipes."""
from __future__ import annotations

from sqlalchemy import Boolean, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from fabline.models.base import Base, TimestampMixin


class Recipe(TimestampMixin, Base):
    __tablename__ = "recipes"
    __table_args__ = (
        UniqueConstraint("name", "version"),
        Index("ix_recipes_tool_type_active", "tool_type", "active"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    tool_type: Mapped[str] = mapped_column(String(32))
    body_sha256: Mapped[str] = mapped_column(String(64))
    storage_path: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    uploaded_by: Mapped[str] = mapped_column(String(64))

    @property
    def ppid(self) -> str:
        """Process program id as the equipment knows it."""
        return f"{self.name}.{self.version}"

    def __repr__(self) -> str:
        return f"<Recipe {self.ppid} {self.tool_type} active={self.active}>"
