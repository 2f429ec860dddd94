from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lexdesk.infra.db import Base


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    firm_id: Mapped[int] = mapped_column(BigInteger)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), unique=True)
    phone: Mapped[str | None] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(String(32), default="staff")

    __table_args__ = (Index("ix_users_firm_id", "firm_id"),)


class Client(Base):
    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    firm_id: Mapped[int] = mapped_column(BigInteger)
    name: Mapped[str] = mapped_column(String(300))
    external_ref: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (Index("ix_clients_firm_name", "firm_id", "name"),)


class Matter(Base):
    __tablename__ = "matters"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    firm_id: Mapped[int] = mapped_column(BigInteger)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    number: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(300))
    practice_area: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="open")
    responsible_attorney_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    client: Mapped[Client] = relationship(lazy="raise")
    parties: Mapped[list[Party]] = relationship(back_populates="matter", lazy="raise")

    __table_args__ = (
        UniqueConstraint("firm_id", "number", name="uq_matters_firm_number"),
        Index("ix_matters_client_status", "client_id", "status"),
        Index("ix_matters_firm_status", "firm_id", "status"),
    )


class Party(Base):
    """A person or organisation connected to a matter; the conflict check searches these."""

    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    firm_id: Mapped[int] = mapped_column(BigInteger)
    matter_id: Mapped[int] = mapped_column(ForeignKey("matters.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(300))
    normalized_name: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(16))

    matter: Mapped[Matter] = relationship(back_populates="parties", lazy="raise")

    # The trigram index on normalized_name is created in sql/0002_search.sql (needs pg_trgm).
    __table_args__ = (
        Index("ix_parties_matter_id", "matter_id"),
        Index("ix_parties_firm_role", "firm_id", "role"),
    )
