from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.models import ApiToken
from zonekeep.models.base import utcnow


class TokenRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get_active_by_hash(self, token_hash: str) -> ApiToken | None:
        stmt = select(ApiToken).where(ApiToken.token_hash == token_hash, ApiToken.revoked.is_(False))
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def list_for_account(self, account_id: int) -> list[ApiToken]:
        stmt = select(ApiToken).where(ApiToken.account_id == account_id).order_by(ApiToken.id)
        return list((await self._session.execute(stmt)).scalars())

    async def create(self, account_id: int, name: str, token_hash: str, scopes: str) -> ApiToken:
        token = ApiToken(account_id=account_id, name=name, token_hash=token_hash, scopes=scopes)
        self._session.add(token)
        await self._session.flush()
        return token

    async def touch(self, token_id: int) -> None:
        await self._session.execute(
            update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=utcnow())
        )

    async def revoke(self, account_id: int, token_id: int) -> bool:
        result = await self._session.execute(
            update(ApiToken)
            .where(ApiToken.id == token_id, ApiToken.account_id == account_id)
            .values(revoked=True)
        )
        return result.rowcount == 1
