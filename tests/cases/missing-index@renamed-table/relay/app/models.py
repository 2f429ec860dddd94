"""Delivery targets: the table was created under another name and renamed later."""
from __future__ import annotations

from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


class DeliveryTarget(Base):
    __tablename__ = "delivery_target"

    id = Column(Integer, primary_key=True)
    tenant_id = Column(String, nullable=False)
    region = Column(String, nullable=True)
    channel = Column(String, nullable=True)
