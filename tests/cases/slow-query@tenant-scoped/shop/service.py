"""Searches inside one merchant's rows and across a whole table: both scan, the first only the merchant's rows."""
from uuid import UUID

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Customer, Product
from .repository import ProductRepository


async def search_products(session: AsyncSession, org_ids: set[UUID], query: str) -> list[Product]:
    repository = ProductRepository.from_session(session)
    statement = repository.get_statement_by_org_ids(org_ids)
    statement = statement.where(Product.name.ilike(f"%{query}%"))  # expect: slow-query
    return list((await session.execute(statement)).scalars())


async def search_org_products(session: AsyncSession, org_id: UUID, query: str) -> list[Product]:
    statement = select(Product).where(Product.organization_id == org_id, Product.name.ilike(f"%{query}%"))  # expect: slow-query
    return list((await session.execute(statement)).scalars())


async def search_customers(session: AsyncSession, query: str) -> list[Customer]:
    statement = select(Customer).where(Customer.email.ilike(f"%{query}%"))  # expect: slow-query
    return list((await session.execute(statement)).scalars())


async def search_org_customers(session: AsyncSession, org_id: UUID, query: str) -> list[Customer]:
    statement = select(Customer).where(Customer.organization_id == org_id, Customer.email.ilike(f"%{query}%"))  # expect: slow-query
    return list((await session.execute(statement)).scalars())


async def search_products_by_id_or_name(session: AsyncSession, ids: list[UUID], query: str) -> list[Product]:
    statement = select(Product).where(or_(Product.id.in_(ids), Product.name.ilike(f"%{query}%")))  # expect: slow-query
    return list((await session.execute(statement)).scalars())
