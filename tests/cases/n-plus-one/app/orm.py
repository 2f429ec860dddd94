"""SQLAlchemy: a session lookup per item, and the IN form beside it."""
from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, String, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customers"
    id = Column(Integer, primary_key=True)
    name = Column(String)


class Invoice(Base):
    __tablename__ = "invoices"
    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id"), index=True)


async def customer_names(session: AsyncSession, invoices: list[Invoice]) -> list[str]:
    names = []
    for invoice in invoices:
        customer = await session.get(Customer, invoice.customer_id)  # expect: n-plus-one
        names.append(customer.name)
    return names


async def customer_names_batched(session: AsyncSession, invoices: list[Invoice]) -> list[str]:
    ids = [invoice.customer_id for invoice in invoices]
    rows = await session.scalars(select(Customer).where(Customer.id.in_(ids)))
    return [row.name for row in rows]


async def invoices_per_customer(session: AsyncSession, customers: list[Customer]) -> dict[int, list]:
    out = {}
    for customer in customers:
        result = await session.execute(select(Invoice).where(Invoice.customer_id == customer.id))  # expect: n-plus-one
        out[customer.id] = list(result.scalars())
    return out
