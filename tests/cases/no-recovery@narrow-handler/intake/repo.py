from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from intake.tables import Claim


class ClaimRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, claim_id: int) -> Claim:
        return (await self._session.execute(select(Claim).where(Claim.id == claim_id))).scalar_one()

    async def set_score(self, claim_id: int, score: float) -> None:
        await self._session.execute(update(Claim).where(Claim.id == claim_id).values(score=score))
