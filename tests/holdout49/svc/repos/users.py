from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Invoice, SellerAccount, User


class UserRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_email(self, email: str) -> User | None:
        return await self.session.scalar(select(User).where(User.email == email))

    async def get(self, user_id: int) -> User | None:
        return await self.session.get(User, user_id)

    async def many(self, user_ids: list[int]) -> dict[int, User]:
        if not user_ids:
            return {}
        rows = await self.session.scalars(select(User).where(User.id.in_(user_ids)))
        return {u.id: u for u in rows}

    async def create(self, *, email: str, password_hash: str, display_name: str) -> int:
        user = User(email=email, password_hash=password_hash, display_name=display_name)
        self.session.add(user)
        await self.session.commit()
        return user.id

    async def seller_account(self, seller_id: int) -> SellerAccount | None:
        return await self.session.get(SellerAccount, seller_id)

    async def seller_accounts(self, seller_ids: list[int]) -> dict[int, SellerAccount]:
        rows = await self.session.scalars(select(SellerAccount).where(SellerAccount.id.in_(seller_ids)))
        return {a.id: a for a in rows}

    async def seller_stats(self, seller_id: int) -> dict[str, int]:
        row = (await self.session.execute(
            select(func.count(Invoice.id), func.coalesce(func.sum(Invoice.hammer_cents), 0))
            .where(Invoice.seller_id == seller_id)
        )).one()
        return {"lots_sold": int(row[0]), "gross_cents": int(row[1])}
