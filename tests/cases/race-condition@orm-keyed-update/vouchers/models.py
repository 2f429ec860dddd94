"""Voucher codes that a customer redeems once."""
import uuid
from datetime import datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Voucher(Base):
    __tablename__ = "vouchers"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    credit_cents: Mapped[int]
    redeemed_by: Mapped[uuid.UUID | None]
    redeemed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_viewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
