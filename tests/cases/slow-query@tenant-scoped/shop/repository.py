from uuid import UUID

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Customer, Product


class ProductRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    @classmethod
    def from_session(cls, session: AsyncSession) -> "ProductRepository":
        return cls(session)

    def get_statement_by_org_ids(self, org_ids: set[UUID]) -> Select:
        return select(Product).where(Product.organization_id.in_(org_ids))


class CustomerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    @classmethod
    def from_session(cls, session: AsyncSession) -> "CustomerRepository":
        return cls(session)

    def get_statement_by_org_ids(self, org_ids: set[UUID]) -> Select:
        return select(Customer).where(Customer.organization_id.in_(org_ids))
