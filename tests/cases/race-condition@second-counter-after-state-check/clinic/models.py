from sqlalchemy import Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class VoucherClaim(Base):
    __tablename__ = "voucher_claims"
    id: Mapped[int] = mapped_column(primary_key=True)
    voucher_id: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))


class Voucher(Base):
    __tablename__ = "vouchers"
    id: Mapped[int] = mapped_column(primary_key=True)
    uses_left: Mapped[int] = mapped_column(Integer)


class Kit(Base):
    __tablename__ = "kits"
    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(String(20))
    swabs: Mapped[int] = mapped_column(Integer)


class Lab(Base):
    __tablename__ = "labs"
    id: Mapped[int] = mapped_column(primary_key=True)
    slots: Mapped[int] = mapped_column(Integer)
