from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import PayoutAccount, User


class UsersRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: int) -> User | None:
        return await self.session.get(User, user_id)

    async def by_email(self, email: str) -> User | None:
        result = await self.session.execute(select(User).where(User.email == email.lower()))
        return result.scalar_one_or_none()

    async def by_kyc_reference(self, reference: str) -> User | None:
        result = await self.session.execute(select(User).where(User.kyc_reference == reference))
        return result.scalar_one_or_none()

    async def many(self, ids: Sequence[int]) -> dict[int, User]:
        if not ids:
            return {}
        result = await self.session.execute(select(User).where(User.id.in_(set(ids))))
        return {u.id: u for u in result.scalars()}

    async def set_kyc_status(self, user_id: int, status: str, reference: str | None = None) -> None:
        values: dict[str, object] = {"kyc_status": status}
        if reference is not None:
            values["kyc_reference"] = reference
        await self.session.execute(update(User).where(User.id == user_id).values(**values))

    async def get_payout_account(self, user_id: int) -> PayoutAccount | None:
        result = await self.session.execute(select(PayoutAccount).where(PayoutAccount.user_id == user_id))
        return result.scalar_one_or_none()

    async def payout_accounts_for(self, user_ids: Sequence[int]) -> dict[int, PayoutAccount]:
        result = await self.session.execute(select(PayoutAccount).where(PayoutAccount.user_id.in_(list(user_ids))))
        return {a.user_id: a for a in result.scalars()}

    async def available_mediators(self, limit: int = 20) -> list[User]:
        result = await self.session.execute(
            select(User).where(User.role == "mediator", User.is_active.is_(True)).order_by(User.id).limit(limit)
        )
        return list(result.scalars())
