"""Workspaces with a seat limit, and coupons with a redemption limit."""
from sqlalchemy import Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Team(Base):
    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    seats_used: Mapped[int] = mapped_column(Integer, default=0)
    seats_limit: Mapped[int] = mapped_column(Integer, default=5)


class Coupon(Base):
    __tablename__ = "coupons"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    redeemed: Mapped[int] = mapped_column(Integer, default=0)
    max_redemptions: Mapped[int] = mapped_column(Integer, default=100)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}
