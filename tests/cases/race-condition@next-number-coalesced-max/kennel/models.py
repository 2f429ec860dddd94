from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Litter(Base):
    __tablename__ = "litters"
    id: Mapped[int] = mapped_column(primary_key=True)
    kennel_id: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)


class Shipment(Base):
    __tablename__ = "shipments"
    id: Mapped[int] = mapped_column(primary_key=True)
    tracking_no: Mapped[int] = mapped_column(Integer, unique=True)
    carrier: Mapped[str] = mapped_column(String(40))


class Kennel(Base):
    __tablename__ = "kennels"
    id: Mapped[int] = mapped_column(primary_key=True)
    litter_counter: Mapped[int] = mapped_column(Integer, ForeignKey("kennels.id"))
