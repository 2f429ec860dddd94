from decimal import Decimal

from sqlalchemy import Integer, Numeric, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Referral(Base):
    __tablename__ = "referrals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String, default="open")
    signatures: Mapped[int] = mapped_column(Integer, default=0)
    signatures_needed: Mapped[int] = mapped_column(Integer, default=2)


class Patient(Base):
    __tablename__ = "patients"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    credit: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    visits: Mapped[int] = mapped_column(Integer, default=0)
